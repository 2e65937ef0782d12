import { DEFAULT_WEIGHTS } from "./weights";
import { buildOfferBuckets, forEachBucketEntry, type OfferBuckets } from "./candidate-index";
import { buildOfferTable, passesRemaining, probeNeed, type OfferTable } from "./offer-table";
import { createContext, prepareNeed, prepareOffer } from "./prepare";
import type { MatchNeed, MatchNeighbourhood, MatchOffer } from "./types";

/**
 * Which offers can be candidates of a need, judged on what rarely changes: the candidate index's
 * buckets (category × neighbourhood reached × language, with availability masks) and the checks of
 * the offer table that depend on the offer's own attributes — weekly times, validity, certificate,
 * gender, hours cap. Not on what changes with every match: capacity left, declined and already
 * matched pairs (and no scores). A server keeps it in memory for a whole city and asks it for one
 * need's candidate set, then loads only those offers in full: see
 * docs/decisions/080-suggestions-from-a-reach-index.md.
 *
 * Contract: for offers with the same attributes, the ids returned for a need are a superset of its
 * candidates in a full instance (the property test in reach-index.test.ts checks it).
 */
export interface ReachIndex extends OfferBuckets {
  /** The offers as flat arrays by position (ascending id); load, experience and history are unset. */
  table: OfferTable;
  offerCount: number;
}

/**
 * Builds the index from offers loaded as of any moment (their `active` flag should say "status
 * active" only: validity is checked per lookup). Plain data that survives structured cloning (a
 * worker builds it, the server keeps it).
 */
export function buildReachIndex(
  offers: readonly MatchOffer[],
  neighbourhoods: readonly MatchNeighbourhood[],
): ReachIndex {
  const prepared = [...offers].sort((a, b) => a.id - b.id).map(prepareOffer);
  const buckets = buildOfferBuckets(prepared, neighbourhoods, (offer) => offer.offer.active);
  return { ...buckets, table: buildOfferTable(prepared, buckets.languageSlot), offerCount: prepared.length };
}

/**
 * The ids of the offers that can be candidates of the need at `referenceTime`, ascending; null when
 * the index does not know the need's neighbourhood (added after it was built: ask the database).
 */
export function reachableOfferIds(
  index: ReachIndex,
  need: MatchNeed,
  referenceTime: number,
): number[] | null {
  if (!index.neighbourhoodSlot.has(need.neighbourhoodId)) return null;
  // No pairs: declined and already matched ones are the full load's to rule out.
  const context = createContext({
    weights: DEFAULT_WEIGHTS,
    declinedPairs: [],
    matchedPairs: [],
    referenceTime,
  });
  const prepared = prepareNeed(need, context);
  const probe = probeNeed(prepared, context, index.languageSlot);
  const ids: number[] = [];
  forEachBucketEntry(index, prepared, (position) => {
    if (passesRemaining(index.table, position, probe)) ids.push(index.table.offerId[position] as number);
  });
  return ids;
}
