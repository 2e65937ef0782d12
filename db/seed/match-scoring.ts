import type { Language, LanguageLevel } from "../schema/enums";
import type { SeedContext, SeededOffer, SeededVolunteer, Slot } from "./context";
import { overlapMinutes } from "./picking";
import type { Rng } from "./prng";

/**
 * Just enough of the matching rules to make seeded matches believable: the hard constraints from
 * DESIGN.md (category, shared language, neighbourhood or radius, availability, capacity, certificate,
 * validity, gender preference) and a 0–100 score from the six weighted components, with the default
 * weights of app_settings. The app's own matching module is the authority; this only produces data.
 */

export const DEFAULT_WEIGHTS = {
  language: 25,
  distance: 20,
  availability: 20,
  load: 15,
  experience: 10,
  responsiveness: 10,
} as const;

const LEVEL_SCORE: Record<LanguageLevel, number> = { basic: 0.4, good: 0.7, fluent: 0.9, native: 1 };

export interface NeedForMatching {
  categoryId: number;
  nbId: number;
  languages: readonly Language[];
  slots: readonly Slot[];
  /** Minutes per week the need asks for (sum of its slots). */
  minutes: number;
  startsAt: number;
  endsAt: number;
  requiresCertificate: boolean;
  genderPreference: "none" | "female" | "male";
  /** Only offers active now and with capacity left (false for needs that ended long ago). */
  live: boolean;
  /** The moment of the proposal: the offer must exist by then. */
  proposedAt: number;
}

export interface ScoredCandidate {
  offerIndex: number;
  score: number;
  language: number;
  distance: number;
  availability: number;
  load: number;
  experience: number;
  responsiveness: number;
  distanceKm: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Offer indexes by category and language: candidate generation never scans all offers. */
export function buildOfferIndex(offers: readonly SeededOffer[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  offers.forEach((offer, i) => {
    for (const language of offer.languages) {
      const key = `${offer.categoryId}:${language}`;
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
  });
  return index;
}

function ownerOf(ctx: SeedContext, offer: SeededOffer): SeededVolunteer | undefined {
  return offer.volunteer >= 0 ? ctx.volunteers[offer.volunteer] : undefined;
}

/** Components and score of one offer for one need, or null if a hard constraint fails. */
export function scoreCandidate(
  ctx: SeedContext,
  need: NeedForMatching,
  offerIndex: number,
): ScoredCandidate | null {
  const offer = ctx.offers[offerIndex];
  if (!offer || offer.categoryId !== need.categoryId) return null;
  if (offer.createdAt > need.proposedAt) return null;
  if (need.live) {
    if (!offer.active || offer.load >= offer.capacity) return null;
    if (offer.validUntil !== null && offer.validUntil < need.startsAt) return null;
  }
  if (!offer.serves.has(need.nbId)) return null;

  const volunteer = ownerOf(ctx, offer);
  if (need.requiresCertificate) {
    const validUntil = volunteer?.certificateValidUntil ?? null;
    if (validUntil === null || validUntil < Math.min(need.endsAt, need.startsAt + 90 * 86_400_000))
      return null;
  }
  if (need.genderPreference !== "none" && volunteer && volunteer.gender !== need.genderPreference)
    return null;

  let language = 0;
  for (const l of need.languages) {
    if (!offer.languages.includes(l)) continue;
    const level = volunteer ? volunteer.languages.get(l) : "fluent";
    language = Math.max(language, level ? LEVEL_SCORE[level] : 0.5);
  }
  if (language === 0) return null;

  const overlap = overlapMinutes(offer.slots, need.slots);
  if (overlap === 0) return null;

  const distanceKm = ctx.distanceKm(offer.homeNb, need.nbId);
  const c = {
    language,
    distance: round2(Math.max(0, 1 - distanceKm / 10)),
    availability: round2(Math.min(1, overlap / Math.max(1, need.minutes))),
    load: round2(1 - offer.load / offer.capacity),
    experience: volunteer ? volunteer.experience : 0.8,
    responsiveness: volunteer ? volunteer.responsiveness : 0.9,
  };
  const w = DEFAULT_WEIGHTS;
  const score = Math.round(
    w.language * c.language +
      w.distance * c.distance +
      w.availability * c.availability +
      w.load * c.load +
      w.experience * c.experience +
      w.responsiveness * c.responsiveness,
  );
  return { offerIndex, score: Math.max(0, Math.min(100, score)), distanceKm, ...c };
}

/**
 * Up to `count` best candidates for a need, from a bounded scan of the index (random start, so the
 * same few offers don't get every need). Distinct offers and distinct volunteers; best score first,
 * ties broken by offer id.
 */
export function findCandidates(
  ctx: SeedContext,
  index: Map<string, number[]>,
  rng: Rng,
  need: NeedForMatching,
  count: number,
  forced: readonly number[] = [],
): ScoredCandidate[] {
  const seen = new Set<number>();
  const found: ScoredCandidate[] = [];
  for (const offerIndex of forced) {
    const scored = scoreCandidate(ctx, need, offerIndex);
    if (scored) found.push(scored);
    seen.add(offerIndex);
  }
  const budget = Math.max(count * 3, 8);
  for (const language of need.languages) {
    const list = index.get(`${need.categoryId}:${language}`);
    if (!list || list.length === 0) continue;
    const start = rng.int(0, list.length - 1);
    const limit = Math.min(list.length, 250);
    for (let k = 0; k < limit && found.length < budget; k++) {
      const offerIndex = list[(start + k) % list.length] as number;
      if (seen.has(offerIndex)) continue;
      seen.add(offerIndex);
      const scored = scoreCandidate(ctx, need, offerIndex);
      if (scored) found.push(scored);
    }
  }
  const forcedSet = new Set(forced);
  found.sort(
    (a, b) =>
      Number(forcedSet.has(b.offerIndex)) - Number(forcedSet.has(a.offerIndex)) ||
      b.score - a.score ||
      (ctx.offers[a.offerIndex]?.id ?? 0) - (ctx.offers[b.offerIndex]?.id ?? 0),
  );
  const volunteersUsed = new Set<number>();
  const result: ScoredCandidate[] = [];
  for (const candidate of found) {
    const volunteer = ctx.offers[candidate.offerIndex]?.volunteer ?? -1;
    if (volunteer >= 0 && volunteersUsed.has(volunteer)) continue;
    if (volunteer >= 0) volunteersUsed.add(volunteer);
    result.push(candidate);
    if (result.length === count) break;
  }
  return result;
}
