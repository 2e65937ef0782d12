/** The candidate index: the offers bucketed by category, language and place, so a need looks up only its own buckets. Searching it: candidate-search.ts. */
import { haversineKm } from "./geo";
import { buildOfferTable, type OfferTable } from "./offer-table";
import {
  createContext,
  prepareOffer,
  type MatchContext,
  type PreparedNeed,
  type PreparedOffer,
} from "./prepare";
import type { MatchingInstance, MatchNeighbourhood } from "./types";

/** Language slot 0 is "any language": needs that don't require a shared language look there. */
const ANY_LANGUAGE = 0;

/**
 * Offers bucketed by category × neighbourhood they reach × language, built once per instance. An offer
 * reaches the neighbourhoods it serves explicitly plus every neighbourhood whose centroid lies within
 * its radius of the owner's home, so a lookup never scans offers of other categories or places.
 * Each bucket entry carries the offer's weekday × daypart mask, so offers that are never free when
 * the need is are skipped without touching them (availability is the most common reason to fail).
 *
 * Layout: compressed sparse rows. Bucket b = (category slot × neighbourhoods + neighbourhood slot) ×
 * languages + language slot holds entries [bucketStart[b], bucketStart[b + 1]) of entryPosition and
 * entryMask: a few flat typed arrays instead of a million small objects, cheap to build and to scan.
 *
 * Contract: a need's lat/lon is the centroid of its neighbourhood (the loader guarantees it).
 */
export interface CandidateIndex extends OfferBuckets {
  context: MatchContext;
  /** Prepared offers sorted by id; entries hold positions into this array. */
  offers: PreparedOffer[];
  positionById: Map<number, number>;
  /** The offers as flat arrays, for the hot path (see offer-table.ts). */
  table: OfferTable;
  /** For needs in a neighbourhood the index doesn't know: every offer of the category. */
  byCategory: Map<number, Int32Array>;
  /** Per position, the owner as a small number: one person is a candidate once per need. */
  ownerSlot: Int32Array;
  /** Scratch per owner (best candidate so far, and the lookup it belongs to), reused between lookups. */
  ownerBest: Int32Array;
  ownerSeen: Uint32Array;
  ownerStamp: { value: number };
  stats: { bucketEntries: number };
}

/**
 * Offers (by position) bucketed by category × neighbourhood reached × language, in compressed sparse
 * rows, with each entry's weekday × daypart availability mask. Shared by the candidate index and the
 * reach index (reach-index.ts).
 */
export interface OfferBuckets {
  categorySlot: Map<number, number>;
  neighbourhoodSlot: Map<number, number>;
  /** Language code → slot (1…); 0 is "any language". */
  languageSlot: Map<string, number>;
  languageCount: number;
  bucketStart: Int32Array;
  entryPosition: Int32Array;
  entryMask: Int32Array;
  /** Scratch for de-duplicating positions across buckets, reused between lookups. */
  seen: Uint32Array;
  seenStamp: { value: number };
}

function slotsOf<K>(keys: Iterable<K>, first = 0): Map<K, number> {
  const map = new Map<K, number>();
  for (const key of keys) if (!map.has(key)) map.set(key, first + map.size);
  return map;
}

export function buildCandidateIndex(
  instance: Pick<
    MatchingInstance,
    "offers" | "neighbourhoods" | "weights" | "declinedPairs" | "matchedPairs" | "referenceTime"
  >,
): CandidateIndex {
  const context = createContext(instance);
  const offers = [...instance.offers].sort((a, b) => a.id - b.id).map(prepareOffer);
  const positionById = new Map<number, number>();
  offers.forEach((offer, position) => positionById.set(offer.offer.id, position));
  // A full or inactive offer can never be a candidate: not indexed (explainExclusion still sees it).
  const buckets = buildOfferBuckets(
    offers,
    instance.neighbourhoods,
    (prepared) => prepared.capacityLeft > 0 && prepared.offer.active,
  );

  const categoryLists = new Map<number, number[]>();
  offers.forEach((prepared, position) => {
    const list = categoryLists.get(prepared.offer.categoryId);
    if (list) list.push(position);
    else categoryLists.set(prepared.offer.categoryId, [position]);
  });
  const byCategory = new Map<number, Int32Array>();
  for (const [categoryId, list] of categoryLists) byCategory.set(categoryId, Int32Array.from(list));
  const owners = slotsOf(offers.map((o) => o.offer.ownerId));

  return {
    ...buckets,
    context,
    offers,
    positionById,
    table: buildOfferTable(offers, buckets.languageSlot),
    byCategory,
    ownerSlot: Int32Array.from(offers, (o) => owners.get(o.offer.ownerId) as number),
    ownerBest: new Int32Array(owners.size),
    ownerSeen: new Uint32Array(owners.size),
    ownerStamp: { value: 0 },
    stats: { bucketEntries: buckets.entryPosition.length },
  };
}

/**
 * Buckets the offers that `indexable` admits. An offer reaches the neighbourhoods it serves
 * explicitly plus every neighbourhood whose centroid lies within its radius of the owner's home.
 */
export function buildOfferBuckets(
  offers: readonly PreparedOffer[],
  neighbourhoods: readonly MatchNeighbourhood[],
  indexable: (offer: PreparedOffer) => boolean,
): OfferBuckets {
  const neighbourhoodSlot = slotsOf(neighbourhoods.map((n) => n.id));
  const categorySlot = slotsOf(offers.map((o) => o.offer.categoryId).sort((a, b) => a - b));
  const languageSlot = slotsOf(offers.flatMap((o) => o.offer.languages).sort(), 1);
  const nbCount = neighbourhoodSlot.size;
  const languageCount = languageSlot.size + 1;

  // Reach of each indexable offer as neighbourhood slots (flat), measuring each home only once: many
  // offers share one (the owner's home neighbourhood centroid).
  const distancesFromHome = new Map<string, Float64Array>();
  const reachStart = new Int32Array(offers.length + 1);
  const reachSlots: number[] = [];
  const inReach = new Uint8Array(nbCount);
  offers.forEach((prepared, position) => {
    reachStart[position] = reachSlots.length;
    const offer = prepared.offer;
    if (!indexable(prepared)) return;
    const first = reachSlots.length;
    const reach = (slot: number) => {
      if (inReach[slot]) return;
      inReach[slot] = 1;
      reachSlots.push(slot);
    };
    for (const id of offer.neighbourhoodIds) {
      const slot = neighbourhoodSlot.get(id);
      if (slot !== undefined) reach(slot);
    }
    if (offer.home) {
      const home = offer.home;
      const homeKey = `${home.lat},${home.lon}`;
      let distances = distancesFromHome.get(homeKey);
      if (!distances) {
        distances = Float64Array.from(neighbourhoods, (n) => haversineKm(home.lat, home.lon, n.lat, n.lon));
        distancesFromHome.set(homeKey, distances);
      }
      for (let slot = 0; slot < nbCount; slot++) {
        if ((distances[slot] as number) <= offer.radiusKm) reach(slot);
      }
    }
    for (let k = first; k < reachSlots.length; k++) inReach[reachSlots[k] as number] = 0;
  });
  reachStart[offers.length] = reachSlots.length;

  const bucketOf = (category: number, nb: number, language: number) =>
    (category * nbCount + nb) * languageCount + language;
  const bucketStart = new Int32Array(categorySlot.size * nbCount * languageCount + 1);
  const offerLanguageSlots = offers.map((o) => Array.from(o.languages, (l) => languageSlot.get(l) as number));
  const eachEntry = (visit: (bucket: number, position: number) => void) => {
    offers.forEach((prepared, position) => {
      const category = categorySlot.get(prepared.offer.categoryId) as number;
      const languages = offerLanguageSlots[position] as number[];
      for (let k = reachStart[position] as number; k < (reachStart[position + 1] as number); k++) {
        const nb = reachSlots[k] as number;
        visit(bucketOf(category, nb, ANY_LANGUAGE), position);
        for (const language of languages) visit(bucketOf(category, nb, language), position);
      }
    });
  };
  eachEntry((bucket) => {
    bucketStart[bucket + 1] = (bucketStart[bucket + 1] as number) + 1;
  });
  for (let b = 0; b + 1 < bucketStart.length; b++)
    bucketStart[b + 1] = (bucketStart[b + 1] as number) + (bucketStart[b] as number);
  const total = bucketStart[bucketStart.length - 1] as number;
  const entryPosition = new Int32Array(total);
  const entryMask = new Int32Array(total);
  const fill = bucketStart.slice(0, bucketStart.length - 1);
  // Offers are visited in position order, so each bucket's entries come out ascending.
  eachEntry((bucket, position) => {
    const at = fill[bucket] as number;
    fill[bucket] = at + 1;
    entryPosition[at] = position;
    entryMask[at] = (offers[position] as PreparedOffer).availabilityMask;
  });

  return {
    categorySlot,
    neighbourhoodSlot,
    languageSlot,
    languageCount,
    bucketStart,
    entryPosition,
    entryMask,
    seen: new Uint32Array(offers.length),
    seenStamp: { value: 0 },
  };
}

/** How many offers a bucket holds (tests, diagnostics); `language` null = any language. */
export function bucketSize(
  index: CandidateIndex,
  categoryId: number,
  neighbourhoodId: number,
  language: string | null,
): number {
  const category = index.categorySlot.get(categoryId);
  const nb = index.neighbourhoodSlot.get(neighbourhoodId);
  const lang = language === null ? ANY_LANGUAGE : index.languageSlot.get(language);
  if (category === undefined || nb === undefined || lang === undefined) return 0;
  const bucket = (category * index.neighbourhoodSlot.size + nb) * index.languageCount + lang;
  return (index.bucketStart[bucket + 1] as number) - (index.bucketStart[bucket] as number);
}

/**
 * Calls `visit` for each offer in the need's buckets whose availability can overlap the need's
 * time, in ascending position (= offer id) order, each once.
 */
export function forEachBucketPosition(
  index: CandidateIndex,
  need: PreparedNeed,
  visit: (position: number) => void,
): void {
  const { categoryId, neighbourhoodId } = need.need;
  const mask = need.window.mask;
  if (mask === 0) return;
  if (!index.neighbourhoodSlot.has(neighbourhoodId)) {
    for (const position of index.byCategory.get(categoryId) ?? []) {
      if ((index.offers[position] as PreparedOffer).availabilityMask & mask) visit(position);
    }
    return;
  }
  forEachBucketEntry(index, need, visit);
}

/**
 * The same for any buckets, for a need in a neighbourhood they know (callers check): the positions in
 * the need's category × neighbourhood × language buckets whose mask overlaps the need's time.
 */
export function forEachBucketEntry(
  buckets: OfferBuckets,
  need: PreparedNeed,
  visit: (position: number) => void,
): void {
  const { categoryId, neighbourhoodId, languages: needLanguages, requireSharedLanguage } = need.need;
  const mask = need.window.mask;
  if (mask === 0) return;
  const nb = buckets.neighbourhoodSlot.get(neighbourhoodId);
  const category = buckets.categorySlot.get(categoryId);
  if (nb === undefined || category === undefined) return;
  const base = (category * buckets.neighbourhoodSlot.size + nb) * buckets.languageCount;
  const { bucketStart, entryPosition, entryMask } = buckets;

  const wantsLanguage = requireSharedLanguage && needLanguages.length > 0;
  const list: number[] = [];
  if (!wantsLanguage) list.push(base + ANY_LANGUAGE);
  else {
    for (const language of needLanguages) {
      const slot = buckets.languageSlot.get(language);
      if (slot !== undefined) list.push(base + slot);
    }
  }
  if (list.length === 1) {
    const b = list[0] as number;
    for (let k = bucketStart[b] as number, end = bucketStart[b + 1] as number; k < end; k++) {
      if ((entryMask[k] as number) & mask) visit(entryPosition[k] as number);
    }
    return;
  }
  // Several languages: merge, de-duplicated by a stamp, then in position order.
  const stamp = ++buckets.seenStamp.value;
  const positions: number[] = [];
  for (const b of list) {
    for (let k = bucketStart[b] as number, end = bucketStart[b + 1] as number; k < end; k++) {
      if (((entryMask[k] as number) & mask) === 0) continue;
      const position = entryPosition[k] as number;
      if (buckets.seen[position] === stamp) continue;
      buckets.seen[position] = stamp;
      positions.push(position);
    }
  }
  positions.sort((a, b) => a - b);
  for (const position of positions) visit(position);
}
