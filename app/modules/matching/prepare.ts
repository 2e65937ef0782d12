import { needWindow, toWeekIntervals, weekMask, type NeedWindow, type WeekIntervals } from "./schedule";
import type { MatchingInstance, MatchNeed, MatchOffer, WeightKey, Weights } from "./types";
import { normaliseWeights } from "./weights";

/** A need with what every comparison asks of it computed once. */
export interface PreparedNeed {
  need: MatchNeed;
  window: NeedWindow;
}

/** An offer with sets and merged availability, computed once when the index is built. */
export interface PreparedOffer {
  offer: MatchOffer;
  languages: ReadonlySet<string>;
  neighbourhoods: ReadonlySet<number>;
  availability: WeekIntervals;
  /** weekMask of the availability. */
  availabilityMask: number;
  capacityLeft: number;
}

/** What constraints and scores need besides the pair itself. */
export interface MatchContext {
  weights: Weights;
  normalisedWeights: Record<WeightKey, number>;
  declined: ReadonlyMap<number, ReadonlySet<number>>;
  matched: ReadonlyMap<number, ReadonlySet<number>>;
  referenceTime: number;
}

export function prepareNeed(need: MatchNeed, context: Pick<MatchContext, "referenceTime">): PreparedNeed {
  return { need, window: needWindow(need, context.referenceTime) };
}

export function prepareOffer(offer: MatchOffer): PreparedOffer {
  const availability = toWeekIntervals(offer.availability);
  return {
    offer,
    languages: new Set(offer.languages),
    neighbourhoods: new Set(offer.neighbourhoodIds),
    availability,
    availabilityMask: weekMask(availability),
    capacityLeft: offer.capacity - offer.activeMatches,
  };
}

function pairMap(pairs: ReadonlyArray<readonly [number, number]>): Map<number, Set<number>> {
  const map = new Map<number, Set<number>>();
  for (const [needId, offerId] of pairs) {
    let set = map.get(needId);
    if (!set) map.set(needId, (set = new Set()));
    set.add(offerId);
  }
  return map;
}

export function createContext(
  instance: Pick<MatchingInstance, "weights" | "declinedPairs" | "matchedPairs" | "referenceTime">,
): MatchContext {
  return {
    weights: instance.weights,
    normalisedWeights: normaliseWeights(instance.weights),
    declined: pairMap(instance.declinedPairs),
    matched: pairMap(instance.matchedPairs),
    referenceTime: instance.referenceTime,
  };
}
