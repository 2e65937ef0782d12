import { haversineKm } from "./geo";
import type { MatchContext, PreparedNeed, PreparedOffer } from "./prepare";
import { containsMinute, daypartOf, overlapMinutes } from "./schedule";
import type { Exclusion, ExclusionCode } from "./types";

/**
 * Hard constraints: an offer is a candidate for a need only if none of these fails. Each is a cheap
 * predicate (`passes`, the hot path of suggestions and the bulk graph: no allocation) and an
 * `explain` that builds the reason with its i18n key and params for the coordinator.
 */
export interface HardConstraintRule {
  code: ExclusionCode;
  passes: (need: PreparedNeed, offer: PreparedOffer, context: MatchContext) => boolean;
  explain: (need: PreparedNeed, offer: PreparedOffer, context: MatchContext) => Exclusion;
}

/** A named check: null when satisfied, otherwise why not. */
export type HardConstraint = (
  need: PreparedNeed,
  offer: PreparedOffer,
  context: MatchContext,
) => Exclusion | null;

function exclusion(code: ExclusionCode, params: Exclusion["params"] = {}, variant?: string): Exclusion {
  return { code, key: `exclusion.${variant ?? code}`, params };
}

const round1 = (km: number) => Math.round(km * 10) / 10;

const active: HardConstraintRule = {
  code: "inactive",
  passes: (_need, offer) => offer.offer.active,
  explain: () => exclusion("inactive"),
};

const category: HardConstraintRule = {
  code: "category",
  passes: (need, offer) => need.need.categoryId === offer.offer.categoryId,
  explain: () => exclusion("category"),
};

/** At least one language shared, where the need asks for it (a need without languages asks nothing). */
const language: HardConstraintRule = {
  code: "language",
  passes: (need, offer) => {
    const { languages, requireSharedLanguage } = need.need;
    if (!requireSharedLanguage || languages.length === 0) return true;
    for (const code of languages) if (offer.languages.has(code)) return true;
    return false;
  },
  explain: (need, offer) =>
    exclusion("language", {
      needLanguages: [...need.need.languages],
      offerLanguages: [...offer.offer.languages],
    }),
};

/**
 * The need's neighbourhood is served explicitly, or its centroid lies within the offer's radius of
 * the owner's home. Argument order of haversineKm matches the index, so both agree to the last bit.
 */
const neighbourhood: HardConstraintRule = {
  code: "neighbourhood",
  passes: (need, offer) => {
    if (offer.neighbourhoods.has(need.need.neighbourhoodId)) return true;
    const home = offer.offer.home;
    return (
      home !== null && haversineKm(home.lat, home.lon, need.need.lat, need.need.lon) <= offer.offer.radiusKm
    );
  },
  explain: (need, offer) => {
    const home = offer.offer.home;
    if (!home) return exclusion("neighbourhood", {}, "neighbourhood.notServed");
    const km = haversineKm(home.lat, home.lon, need.need.lat, need.need.lon);
    return exclusion(
      "neighbourhood",
      { km: round1(km), radiusKm: round1(offer.offer.radiusKm) },
      "neighbourhood.tooFar",
    );
  },
};

/**
 * One-off: the helper has a slot that contains the start of the appointment (Berlin wall clock).
 * Recurring: at least one minute of the weekly slots overlaps.
 */
const availability: HardConstraintRule = {
  code: "availability",
  passes: (need, offer) => {
    const window = need.window;
    if (window.start) return containsMinute(offer.availability, window.start.weekday, window.start.minute);
    return overlapMinutes(window.intervals, offer.availability) > 0;
  },
  explain: (need) => {
    const start = need.window.start;
    if (!start) return exclusion("availability", {}, "availability.recurring");
    return exclusion(
      "availability",
      { when: `${start.weekday}_${daypartOf(start.minute)}` },
      "availability.oneOff",
    );
  },
};

const capacity: HardConstraintRule = {
  code: "capacity",
  passes: (_need, offer) => offer.capacityLeft > 0,
  explain: (_need, offer) =>
    exclusion("capacity", { capacity: offer.offer.capacity, count: offer.offer.activeMatches }),
};

/**
 * Where children are involved the helper needs a verified extended certificate of conduct valid on the
 * need's date. Organisation offers carry none in this data, so they are excluded there: the
 * conservative reading of child protection until organisations can attest it.
 */
const certificate: HardConstraintRule = {
  code: "certificate",
  passes: (need, offer) => {
    if (!need.need.requiresCertificate) return true;
    const validUntil = offer.offer.certificateValidUntil;
    return validUntil !== null && validUntil >= need.window.date;
  },
  explain: (need, offer) => {
    const validUntil = offer.offer.certificateValidUntil;
    if (validUntil === null) return exclusion("certificate", {}, "certificate.missing");
    return exclusion("certificate", { validUntil, date: need.window.date }, "certificate.expired");
  },
};

const offerValid: HardConstraintRule = {
  code: "offer_expired",
  passes: (need, offer) => offer.offer.validUntil === null || offer.offer.validUntil >= need.window.date,
  explain: (need, offer) =>
    exclusion("offer_expired", { validUntil: offer.offer.validUntil ?? "", date: need.window.date }),
};

const gender: HardConstraintRule = {
  code: "gender",
  passes: (need, offer) =>
    need.need.genderPreference === "none" || offer.offer.gender === need.need.genderPreference,
  explain: (need) =>
    exclusion("gender", { preference: need.need.genderPreference }, `gender.${need.need.genderPreference}`),
};

/** One need may not ask more hours a week than the volunteer's own cap. */
const hoursCap: HardConstraintRule = {
  code: "hours_cap",
  passes: (need, offer) =>
    offer.offer.hoursCapPerWeek === null || need.window.weeklyHours <= offer.offer.hoursCapPerWeek,
  explain: (need, offer) =>
    exclusion("hours_cap", {
      hours: round1(need.window.weeklyHours),
      cap: round1(offer.offer.hoursCapPerWeek ?? 0),
    }),
};

const notDeclined: HardConstraintRule = {
  code: "declined",
  passes: (need, offer, context) => !context.declined.get(need.need.id)?.has(offer.offer.id),
  explain: () => exclusion("declined"),
};

const notAlreadyMatched: HardConstraintRule = {
  code: "already_matched",
  passes: (need, offer, context) => !context.matched.get(need.need.id)?.has(offer.offer.id),
  explain: () => exclusion("already_matched"),
};

const asCheck =
  (rule: HardConstraintRule): HardConstraint =>
  (need, offer, context) =>
    rule.passes(need, offer, context) ? null : rule.explain(need, offer, context);

export const checkActive = asCheck(active);
export const checkCategory = asCheck(category);
export const checkSharedLanguage = asCheck(language);
export const checkNeighbourhood = asCheck(neighbourhood);
export const checkAvailability = asCheck(availability);
export const checkCapacity = asCheck(capacity);
export const checkCertificate = asCheck(certificate);
export const checkOfferValid = asCheck(offerValid);
export const checkGender = asCheck(gender);
export const checkHoursCap = asCheck(hoursCap);
export const checkNotDeclined = asCheck(notDeclined);
export const checkNotAlreadyMatched = asCheck(notAlreadyMatched);

/** All constraints in the order a coordinator reads them. */
export const HARD_CONSTRAINTS: readonly HardConstraintRule[] = [
  active,
  category,
  language,
  neighbourhood,
  availability,
  capacity,
  certificate,
  offerValid,
  gender,
  hoursCap,
  notDeclined,
  notAlreadyMatched,
];

// Cheapest and most selective first: the hot path stops at the first failure.
const FAST_ORDER: readonly HardConstraintRule[] = [
  active,
  category,
  capacity,
  language,
  gender,
  offerValid,
  certificate,
  hoursCap,
  notDeclined,
  notAlreadyMatched,
  neighbourhood,
  availability,
];

/** Whether the offer is a candidate for the need (stops at the first failed constraint). */
export function isCandidate(need: PreparedNeed, offer: PreparedOffer, context: MatchContext): boolean {
  for (const rule of FAST_ORDER) if (!rule.passes(need, offer, context)) return false;
  return true;
}

/** Every hard constraint the pair fails; empty when the offer is a candidate. */
export function failedConstraints(
  need: PreparedNeed,
  offer: PreparedOffer,
  context: MatchContext,
): Exclusion[] {
  const failures: Exclusion[] = [];
  for (const rule of HARD_CONSTRAINTS) {
    if (!rule.passes(need, offer, context)) failures.push(rule.explain(need, offer, context));
  }
  return failures;
}
