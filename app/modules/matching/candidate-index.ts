import { failedConstraints, isCandidate } from "./constraints";
import { haversineKm } from "./geo";
import { createContext, prepareNeed, prepareOffer, type MatchContext, type PreparedNeed, type PreparedOffer } from "./prepare";
import { scoreCandidate, scoreValue } from "./score";
import type { Exclusion, MatchingInstance, MatchNeed, MatchOffer, ScoredCandidate } from "./types";

/** Bucket for "any language": needs that don't require a shared language look here. */
const ANY_LANGUAGE = "*";

/**
 * Offers bucketed by category × neighbourhood they reach × language, built once per instance. An offer
 * reaches the neighbourhoods it serves explicitly plus every neighbourhood whose centroid lies within
 * its radius of the owner's home, so a lookup never scans offers of other categories or places.
 * Each bucket entry carries the offer's weekday × daypart mask, so offers that are never free when
 * the need is are skipped without touching them (availability is the most common reason to fail).
 *
 * Contract: a need's lat/lon is the centroid of its neighbourhood (the loader guarantees it).
 */
export interface CandidateIndex {
  context: MatchContext;
  /** Prepared offers sorted by id; buckets hold positions into this array. */
  offers: PreparedOffer[];
  positionById: Map<number, number>;
  buckets: Map<string, Bucket>;
  /** For needs in a neighbourhood the index doesn't know: every offer of the category. */
  byCategory: Map<number, Int32Array>;
  knownNeighbourhoods: ReadonlySet<number>;
  /** Scratch for de-duplicating positions across buckets, reused between lookups. */
  seen: Uint32Array;
  seenStamp: { value: number };
  stats: { bucketEntries: number };
}

export interface Bucket {
  /** Positions into `offers`, ascending. */
  positions: Int32Array;
  /** availabilityMask of each position's offer, side by side for a cache-friendly scan. */
  masks: Int32Array;
}

const bucketKey = (categoryId: number, neighbourhoodId: number, language: string) =>
  `${categoryId}|${neighbourhoodId}|${language}`;

export function buildCandidateIndex(
  instance: Pick<MatchingInstance, "offers" | "neighbourhoods" | "weights" | "declinedPairs" | "matchedPairs" | "referenceTime">,
): CandidateIndex {
  const context = createContext(instance);
  const offers = [...instance.offers].sort((a, b) => a.id - b.id).map(prepareOffer);
  const positionById = new Map<number, number>();
  offers.forEach((offer, position) => positionById.set(offer.offer.id, position));

  const neighbourhoods = instance.neighbourhoods;
  const knownNeighbourhoods = new Set(neighbourhoods.map((n) => n.id));
  // Many offers share a home (the owner's home neighbourhood centroid): measure each home once.
  const distancesFromHome = new Map<string, Float64Array>();

  const lists = new Map<string, number[]>();
  const add = (key: string, position: number) => {
    let list = lists.get(key);
    if (!list) lists.set(key, (list = []));
    list.push(position);
  };
  const categoryLists = new Map<number, number[]>();
  const reach = new Set<number>();

  offers.forEach((prepared, position) => {
    const offer = prepared.offer;
    let categoryList = categoryLists.get(offer.categoryId);
    if (!categoryList) categoryLists.set(offer.categoryId, (categoryList = []));
    categoryList.push(position);
    // A full offer can never be a candidate: keep it out of the buckets (explainExclusion still sees it).
    if (prepared.capacityLeft <= 0) return;

    reach.clear();
    for (const id of offer.neighbourhoodIds) reach.add(id);
    if (offer.home) {
      const homeKey = `${offer.home.lat},${offer.home.lon}`;
      let distances = distancesFromHome.get(homeKey);
      if (!distances) {
        distances = new Float64Array(neighbourhoods.length);
        neighbourhoods.forEach((n, i) => {
          distances![i] = haversineKm(offer.home!.lat, offer.home!.lon, n.lat, n.lon);
        });
        distancesFromHome.set(homeKey, distances);
      }
      for (let i = 0; i < neighbourhoods.length; i++) {
        if ((distances[i] as number) <= offer.radiusKm) reach.add((neighbourhoods[i] as { id: number }).id);
      }
    }
    for (const neighbourhoodId of reach) {
      add(bucketKey(offer.categoryId, neighbourhoodId, ANY_LANGUAGE), position);
      for (const language of prepared.languages) add(bucketKey(offer.categoryId, neighbourhoodId, language), position);
    }
  });

  const buckets = new Map<string, Bucket>();
  let bucketEntries = 0;
  for (const [key, list] of lists) {
    const positions = Int32Array.from(list);
    const masks = Int32Array.from(list, (position) => (offers[position] as PreparedOffer).availabilityMask);
    buckets.set(key, { positions, masks });
    bucketEntries += list.length;
  }
  const byCategory = new Map<number, Int32Array>();
  for (const [categoryId, list] of categoryLists) byCategory.set(categoryId, Int32Array.from(list));

  return {
    context,
    offers,
    positionById,
    buckets,
    byCategory,
    knownNeighbourhoods,
    seen: new Uint32Array(offers.length),
    seenStamp: { value: 0 },
    stats: { bucketEntries },
  };
}

/**
 * Positions of the offers in the need's buckets whose availability can overlap the need's time,
 * ascending (= by offer id), without repeats.
 */
function bucketPositions(index: CandidateIndex, need: PreparedNeed): number[] {
  const { categoryId, neighbourhoodId, languages: needLanguages, requireSharedLanguage } = need.need;
  const mask = need.window.mask;
  const positions: number[] = [];
  if (mask === 0) return positions;
  if (!index.knownNeighbourhoods.has(neighbourhoodId)) {
    for (const position of index.byCategory.get(categoryId) ?? []) {
      if ((index.offers[position] as PreparedOffer).availabilityMask & mask) positions.push(position);
    }
    return positions;
  }
  const languages = requireSharedLanguage && needLanguages.length > 0 ? needLanguages : [ANY_LANGUAGE];
  const single = languages.length === 1;
  const stamp = ++index.seenStamp.value;
  for (const language of languages) {
    const bucket = index.buckets.get(bucketKey(categoryId, neighbourhoodId, language));
    if (!bucket) continue;
    const { positions: members, masks } = bucket;
    for (let k = 0; k < members.length; k++) {
      if (((masks[k] as number) & mask) === 0) continue;
      const position = members[k] as number;
      if (!single) {
        if (index.seen[position] === stamp) continue;
        index.seen[position] = stamp;
      }
      positions.push(position);
    }
  }
  return single ? positions : positions.sort((a, b) => a - b);
}

/** Order of suggestions: score descending, then offer id ascending. */
export function compareCandidates(a: { score: number; offerId: number }, b: { score: number; offerId: number }): number {
  return b.score - a.score || a.offerId - b.offerId;
}

/** Every candidate of a need with its score only (bulk assignment input), sorted by offer id. */
export function listCandidateScores(
  index: CandidateIndex,
  need: MatchNeed,
  prepared: PreparedNeed = prepareNeed(need, index.context),
): Array<{ offerId: number; score: number }> {
  const result: Array<{ offerId: number; score: number }> = [];
  for (const position of bucketPositions(index, prepared)) {
    const offer = index.offers[position] as PreparedOffer;
    if (!isCandidate(prepared, offer, index.context)) continue;
    result.push({ offerId: offer.offer.id, score: scoreValue(prepared, offer, index.context) });
  }
  return result;
}

/**
 * The top k candidates for a need with their score breakdown and reasons. Only offers in the need's
 * buckets are looked at; each still passes every hard constraint before it is scored.
 */
export function suggest(index: CandidateIndex, need: MatchNeed, k = 10): ScoredCandidate[] {
  const prepared = prepareNeed(need, index.context);
  const scored: Array<{ offerId: number; score: number; position: number }> = [];
  for (const position of bucketPositions(index, prepared)) {
    const offer = index.offers[position] as PreparedOffer;
    if (!isCandidate(prepared, offer, index.context)) continue;
    scored.push({ offerId: offer.offer.id, score: scoreValue(prepared, offer, index.context), position });
  }
  scored.sort(compareCandidates);
  return scored
    .slice(0, Math.max(0, k))
    .map(({ position }) => scoreCandidate(prepared, index.offers[position] as PreparedOffer, index.context));
}

export type CandidateExplanation =
  | { offerId: number; status: "excluded"; exclusions: Exclusion[] }
  | {
      offerId: number;
      status: "candidate";
      /** 1-based place among all candidates of the need. */
      rank: number;
      candidateCount: number;
      candidate: ScoredCandidate;
    };

/**
 * "Why not?" for any offer a coordinator picks: every hard constraint it fails, or, if it is a
 * candidate, where it ranks among the need's candidates and its score breakdown.
 */
export function explainExclusion(index: CandidateIndex, need: MatchNeed, offer: MatchOffer): CandidateExplanation {
  const prepared = prepareNeed(need, index.context);
  const position = index.positionById.get(offer.id);
  const preparedOffer =
    position !== undefined && index.offers[position]?.offer === offer
      ? (index.offers[position] as PreparedOffer)
      : prepareOffer(offer);
  const exclusions = failedConstraints(prepared, preparedOffer, index.context);
  if (exclusions.length > 0) return { offerId: offer.id, status: "excluded", exclusions };

  const candidate = scoreCandidate(prepared, preparedOffer, index.context);
  let ahead = 0;
  let count = 0;
  for (const other of listCandidateScores(index, need, prepared)) {
    if (other.offerId === offer.id) continue;
    count++;
    if (compareCandidates(other, candidate) < 0) ahead++;
  }
  return { offerId: offer.id, status: "candidate", rank: ahead + 1, candidateCount: count + 1, candidate };
}
