import { haversineKm } from "./geo";
import type { MatchContext, PreparedNeed, PreparedOffer } from "./prepare";
import { containsMinute, daypartOf, overlapOf } from "./schedule";
import type { Exclusion, ExclusionCode } from "./types";

/**
 * Hard constraints: an offer is a candidate for a need only if none of these fails. Each returns
 * null when satisfied, or an Exclusion whose i18n key and params say why in the coordinator's words.
 */
export type HardConstraint = (need: PreparedNeed, offer: PreparedOffer, context: MatchContext) => Exclusion | null;

function exclusion(code: ExclusionCode, params: Exclusion["params"] = {}, variant?: string): Exclusion {
  return { code, key: `exclusion.${variant ?? code}`, params };
}

const round1 = (km: number) => Math.round(km * 10) / 10;

export const checkCategory: HardConstraint = (need, offer) =>
  need.need.categoryId === offer.offer.categoryId ? null : exclusion("category");

/** At least one language shared, where the need asks for it (a need without languages asks nothing). */
export const checkSharedLanguage: HardConstraint = (need, offer) => {
  const { languages, requireSharedLanguage } = need.need;
  if (!requireSharedLanguage || languages.length === 0) return null;
  for (const language of languages) if (offer.languages.has(language)) return null;
  return exclusion("language", { needLanguages: [...languages], offerLanguages: [...offer.offer.languages] });
};

/**
 * The need's neighbourhood is served explicitly, or its centroid lies within the offer's radius of
 * the owner's home. Argument order of haversineKm matches the index, so both agree to the last bit.
 */
export const checkNeighbourhood: HardConstraint = (need, offer) => {
  if (offer.neighbourhoods.has(need.need.neighbourhoodId)) return null;
  const home = offer.offer.home;
  if (!home) return exclusion("neighbourhood", {}, "neighbourhood.notServed");
  const km = haversineKm(home.lat, home.lon, need.need.lat, need.need.lon);
  if (km <= offer.offer.radiusKm) return null;
  return exclusion("neighbourhood", { km: round1(km), radiusKm: round1(offer.offer.radiusKm) }, "neighbourhood.tooFar");
};

/**
 * One-off: the helper has a slot that contains the start of the appointment (Berlin wall clock).
 * Recurring: at least one minute of the weekly slots overlaps.
 */
export const checkAvailability: HardConstraint = (need, offer) => {
  const window = need.window;
  if (window.start) {
    if (containsMinute(offer.availability, window.start.weekday, window.start.minute)) return null;
    return exclusion(
      "availability",
      { when: `${window.start.weekday}_${daypartOf(window.start.minute)}` },
      "availability.oneOff",
    );
  }
  if (overlapOf(window.intervals, offer.availability).minutes > 0) return null;
  return exclusion("availability", {}, "availability.recurring");
};

export const checkCapacity: HardConstraint = (_need, offer) =>
  offer.capacityLeft > 0
    ? null
    : exclusion("capacity", { capacity: offer.offer.capacity, count: offer.offer.activeMatches });

/**
 * Where children are involved the helper needs a verified extended certificate of conduct valid on the
 * need's date. Organisation offers carry none in this data, so they are excluded there: the
 * conservative reading of child protection until organisations can attest it.
 */
export const checkCertificate: HardConstraint = (need, offer) => {
  if (!need.need.requiresCertificate) return null;
  const validUntil = offer.offer.certificateValidUntil;
  if (validUntil === null) return exclusion("certificate", {}, "certificate.missing");
  if (validUntil < need.window.date) {
    return exclusion("certificate", { validUntil, date: need.window.date }, "certificate.expired");
  }
  return null;
};

export const checkOfferValid: HardConstraint = (need, offer) => {
  const validUntil = offer.offer.validUntil;
  if (validUntil === null || validUntil >= need.window.date) return null;
  return exclusion("offer_expired", { validUntil, date: need.window.date });
};

export const checkGender: HardConstraint = (need, offer) => {
  const preference = need.need.genderPreference;
  if (preference === "none" || offer.offer.gender === preference) return null;
  return exclusion("gender", { preference }, `gender.${preference}`);
};

/** One need may not ask more hours a week than the volunteer's own cap. */
export const checkHoursCap: HardConstraint = (need, offer) => {
  const cap = offer.offer.hoursCapPerWeek;
  if (cap === null || need.window.weeklyHours <= cap) return null;
  return exclusion("hours_cap", { hours: round1(need.window.weeklyHours), cap: round1(cap) });
};

export const checkNotDeclined: HardConstraint = (need, offer, context) =>
  context.declined.get(need.need.id)?.has(offer.offer.id) ? exclusion("declined") : null;

export const checkNotAlreadyMatched: HardConstraint = (need, offer, context) =>
  context.matched.get(need.need.id)?.has(offer.offer.id) ? exclusion("already_matched") : null;

/** All constraints in the order a coordinator reads them. */
export const HARD_CONSTRAINTS: ReadonlyArray<{ code: ExclusionCode; check: HardConstraint }> = [
  { code: "category", check: checkCategory },
  { code: "language", check: checkSharedLanguage },
  { code: "neighbourhood", check: checkNeighbourhood },
  { code: "availability", check: checkAvailability },
  { code: "capacity", check: checkCapacity },
  { code: "certificate", check: checkCertificate },
  { code: "offer_expired", check: checkOfferValid },
  { code: "gender", check: checkGender },
  { code: "hours_cap", check: checkHoursCap },
  { code: "declined", check: checkNotDeclined },
  { code: "already_matched", check: checkNotAlreadyMatched },
];

// Cheapest and most selective first: the hot path stops at the first failure.
const FAST_ORDER: readonly HardConstraint[] = [
  checkCategory,
  checkCapacity,
  checkSharedLanguage,
  checkNotDeclined,
  checkNotAlreadyMatched,
  checkGender,
  checkOfferValid,
  checkCertificate,
  checkHoursCap,
  checkNeighbourhood,
  checkAvailability,
];

/** Whether the offer is a candidate for the need (stops at the first failed constraint). */
export function isCandidate(need: PreparedNeed, offer: PreparedOffer, context: MatchContext): boolean {
  for (const check of FAST_ORDER) if (check(need, offer, context) !== null) return false;
  return true;
}

/** Every hard constraint the pair fails; empty when the offer is a candidate. */
export function failedConstraints(need: PreparedNeed, offer: PreparedOffer, context: MatchContext): Exclusion[] {
  const failures: Exclusion[] = [];
  for (const { check } of HARD_CONSTRAINTS) {
    const failure = check(need, offer, context);
    if (failure) failures.push(failure);
  }
  return failures;
}
