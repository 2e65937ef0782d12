import { haversineKm } from "./geo";
import type { MatchContext, PreparedNeed, PreparedOffer } from "./prepare";
import { overlapMinutes, overlapOf } from "./schedule";
import {
  WEIGHT_KEYS,
  type MatchOffer,
  type Reason,
  type ScoreComponent,
  type ScoredCandidate,
  type WeightKey,
} from "./types";

/**
 * Beyond this a helper is "far": across a mid-sized Ruhr city, ~45 minutes by bus and tram.
 * Distance fit falls linearly from 1 (same centroid) to 0 here.
 */
export const DISTANCE_ZERO_KM = 10;
/** Completed matches in the category at which experience counts fully. */
export const EXPERIENCE_FULL_MATCHES = 5;
/** Logged hours in the category at which experience counts fully. */
export const EXPERIENCE_FULL_HOURS = 20;

export const GERMAN = "de";

export interface ComponentValue {
  value: number;
  reason: Reason;
}

const clamp01 = (x: number) => (x <= 0 ? 0 : x >= 1 ? 1 : x);
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Sharing the newcomer's own language counts fully, sharing only German half: German is what the
 * newcomer is still learning. A need that lists only German is fully served in German.
 */
export function languageValue(need: PreparedNeed, offer: PreparedOffer): number {
  const languages = need.need.languages;
  if (languages.length === 0) return 1;
  let asksOwn = false;
  let sharesOwn = false;
  let sharesGerman = false;
  for (const language of languages) {
    const shared = offer.languages.has(language);
    if (language === GERMAN) sharesGerman = shared;
    else {
      asksOwn = true;
      if (shared) sharesOwn = true;
    }
  }
  return languageValueOf(asksOwn, sharesOwn, sharesGerman);
}

/** For a need with at least one language. */
export function languageValueOf(asksOwn: boolean, sharesOwn: boolean, sharesGerman: boolean): number {
  return asksOwn ? (sharesOwn ? 1 : sharesGerman ? 0.5 : 0) : sharesGerman ? 1 : 0;
}

export function languageFit(need: PreparedNeed, offer: PreparedOffer): ComponentValue {
  const value = languageValue(need, offer);
  if (need.need.languages.length === 0) return { value, reason: { key: "language.any", params: {} } };
  const shared = need.need.languages.filter((language) => offer.languages.has(language));
  return {
    value,
    reason:
      shared.length > 0
        ? { key: "language.shared", params: { languages: shared } }
        : { key: "language.none", params: {} },
  };
}

/** Km between the owner's home and the need's centroid, or null when the offer has no home. */
export function distanceKmOf(need: PreparedNeed, offer: PreparedOffer): number | null {
  const home = offer.offer.home;
  return home ? haversineKm(home.lat, home.lon, need.need.lat, need.need.lon) : null;
}

export function distanceValue(need: PreparedNeed, offer: PreparedOffer): number {
  return distanceValueOfKm(distanceKmOf(need, offer));
}

export function distanceValueOfKm(km: number | null): number {
  // No home: only offers that serve the neighbourhood explicitly get here (the hard constraint holds).
  return km === null ? 1 : clamp01(1 - km / DISTANCE_ZERO_KM);
}

export function distanceFit(
  need: PreparedNeed,
  offer: PreparedOffer,
): ComponentValue & { km: number | null } {
  const km = distanceKmOf(need, offer);
  const value = distanceValue(need, offer);
  if (km === null) return { value, km, reason: { key: "distance.served", params: {} } };
  const rounded = round1(km);
  return {
    value,
    km,
    reason:
      rounded === 0
        ? { key: "distance.sameNeighbourhood", params: {} }
        : { key: "distance.km", params: { km: rounded } },
  };
}

/** Share of the need's time the helper is free for. */
export function availabilityValue(need: PreparedNeed, offer: PreparedOffer): number {
  return availabilityValueOf(overlapMinutes(need.window.intervals, offer.availability), need.window.minutes);
}

export function availabilityValueOf(overlap: number, needMinutes: number): number {
  return needMinutes > 0 ? clamp01(overlap / needMinutes) : 0;
}

export function availabilityFit(need: PreparedNeed, offer: PreparedOffer): ComponentValue {
  const when = overlapOf(need.window.intervals, offer.availability).when.map(
    (w) => `${w.weekday}_${w.daypart}`,
  );
  return {
    value: availabilityValue(need, offer),
    reason:
      when.length > 0
        ? { key: "availability.when", params: { when } }
        : { key: "availability.none", params: {} },
  };
}

/** The owner's live matches and capacity over all their offers (this offer's own when not given). */
function ownerLoadOf(offer: MatchOffer): { activeMatches: number; capacity: number } {
  return offer.ownerLoad ?? { activeMatches: offer.activeMatches, capacity: offer.capacity };
}

/**
 * Spread the work between people: someone with all their capacity free scores 1, someone nearly full
 * close to 0 — counted over all of the person's offers, so two offers do not make one person look idle.
 */
export function loadValueOf(offer: MatchOffer): number {
  const { capacity, activeMatches } = ownerLoadOf(offer);
  return capacity > 0 ? clamp01(1 - activeMatches / capacity) : 0;
}

export function loadValue(_need: PreparedNeed, offer: PreparedOffer): number {
  return loadValueOf(offer.offer);
}

export function loadFit(need: PreparedNeed, offer: PreparedOffer): ComponentValue {
  return {
    value: loadValue(need, offer),
    reason: { key: "load.active", params: { count: ownerLoadOf(offer.offer).activeMatches } },
  };
}

export function experienceValueOf(offer: MatchOffer): number {
  const { completedMatches, hours } = offer.experienceInCategory;
  return clamp01(Math.max(completedMatches / EXPERIENCE_FULL_MATCHES, hours / EXPERIENCE_FULL_HOURS));
}

export function experienceValue(_need: PreparedNeed, offer: PreparedOffer): number {
  return experienceValueOf(offer.offer);
}

export function experienceFit(need: PreparedNeed, offer: PreparedOffer): ComponentValue {
  const { completedMatches, hours } = offer.offer.experienceInCategory;
  const reason: Reason =
    completedMatches > 0
      ? { key: "experience.completed", params: { count: completedMatches } }
      : hours > 0
        ? { key: "experience.hours", params: { count: Math.round(hours) } }
        : { key: "experience.none", params: {} };
  return { value: experienceValue(need, offer), reason };
}

/**
 * Acceptance rate with a Laplace prior: a newcomer to the hub starts at 0.5, neither favoured nor
 * punished, and a few answers move the estimate only gradually.
 */
export function responsivenessValueOf(offer: MatchOffer): number {
  const { accepted, declined, noResponse } = offer.acceptanceHistory;
  return (accepted + 1) / (accepted + declined + noResponse + 2);
}

export function responsivenessValue(_need: PreparedNeed, offer: PreparedOffer): number {
  return responsivenessValueOf(offer.offer);
}

export function responsivenessFit(need: PreparedNeed, offer: PreparedOffer): ComponentValue {
  const { accepted, declined, noResponse } = offer.offer.acceptanceHistory;
  const total = accepted + declined + noResponse;
  return {
    value: responsivenessValue(need, offer),
    reason:
      total === 0
        ? { key: "responsiveness.new", params: {} }
        : {
            key: "responsiveness.rate",
            params: { percent: Math.round((accepted / total) * 100), count: total },
          },
  };
}

const COMPONENTS: Record<WeightKey, (need: PreparedNeed, offer: PreparedOffer) => ComponentValue> = {
  language: languageFit,
  distance: distanceFit,
  availability: availabilityFit,
  load: loadFit,
  experience: experienceFit,
  responsiveness: responsivenessFit,
};

/**
 * The full breakdown of a pair that passed the hard constraints. Score = round(Σ weight × value × 100),
 * summed in WEIGHT_KEYS order so it is the same number on every machine.
 */
export function scoreCandidate(
  need: PreparedNeed,
  offer: PreparedOffer,
  context: MatchContext,
): ScoredCandidate {
  const components: ScoreComponent[] = [];
  let sum = 0;
  let distanceKm: number | null = null;
  for (const key of WEIGHT_KEYS) {
    const result = COMPONENTS[key](need, offer);
    if (key === "distance") distanceKm = (result as ReturnType<typeof distanceFit>).km;
    const weight = context.normalisedWeights[key];
    const exact = weight * result.value * 100;
    sum += exact;
    components.push({
      key,
      value: Math.round(result.value * 1000) / 1000,
      weight: Math.round(weight * 1000) / 1000,
      contribution: round1(exact),
      reason: result.reason,
    });
  }
  return {
    offerId: offer.offer.id,
    score: toScore(sum),
    components,
    reasons: components.map((component) => component.reason),
    distanceKm: distanceKm === null ? null : round1(distanceKm),
  };
}

type ValueOf = (need: PreparedNeed, offer: PreparedOffer) => number;
const VALUES: ReadonlyArray<readonly [WeightKey, ValueOf]> = WEIGHT_KEYS.map((key) => {
  const values: Record<WeightKey, ValueOf> = {
    language: languageValue,
    distance: distanceValue,
    availability: availabilityValue,
    load: loadValue,
    experience: experienceValue,
    responsiveness: responsivenessValue,
  };
  return [key, values[key]] as const;
});

/**
 * Only the number, for ranking and the bulk graph: the same values summed in the same order as
 * scoreCandidate (the *Fit functions take their value from the *Value ones), without the reasons.
 */
export function scoreValue(need: PreparedNeed, offer: PreparedOffer, context: MatchContext): number {
  const w = context.normalisedWeights;
  let sum = 0;
  for (const [key, valueOf] of VALUES) {
    const weight = w[key];
    if (weight === 0) continue;
    sum += weight * valueOf(need, offer) * 100;
  }
  return toScore(sum);
}

/**
 * The same sum from values computed elsewhere (the index's compact offer table), in WEIGHT_KEYS
 * order and skipping zero weights exactly like scoreValue, so both give the same integer.
 */
export function scoreFromValues(
  w: Record<WeightKey, number>,
  language: number,
  distance: number,
  availability: number,
  load: number,
  experience: number,
  responsiveness: number,
): number {
  let sum = 0;
  if (w.language !== 0) sum += w.language * language * 100;
  if (w.distance !== 0) sum += w.distance * distance * 100;
  if (w.availability !== 0) sum += w.availability * availability * 100;
  if (w.load !== 0) sum += w.load * load * 100;
  if (w.experience !== 0) sum += w.experience * experience * 100;
  if (w.responsiveness !== 0) sum += w.responsiveness * responsiveness * 100;
  return toScore(sum);
}

function toScore(sum: number): number {
  // A sum like 64.49999999 must not flip between machines: round at 1e-9 first.
  return Math.min(100, Math.max(0, Math.round(Math.round(sum * 1e9) / 1e9)));
}
