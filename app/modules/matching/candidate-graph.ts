import { forEachCandidate } from "./candidate-search";
import { type CandidateIndex } from "./candidate-index";
import { prepareNeed, type PreparedOffer } from "./prepare";
import type { MatchNeed } from "./types";

/**
 * The sparse bipartite graph of a bulk run: needs and offers with their capacities, and one edge per
 * (need, offer) candidate pair with its integer score. Typed arrays, because a city has ~10^6 edges
 * and they cross a worker boundary (structured clone copies typed arrays cheaply).
 *
 * Needs are sorted by id, offers by id, edges by (need, offer); edge endpoints are positions.
 */
export interface CandidateGraph {
  needIds: Int32Array;
  needCapacity: Int32Array;
  offerIds: Int32Array;
  offerCapacity: Int32Array;
  edgeNeed: Int32Array;
  edgeOffer: Int32Array;
  edgeScore: Int32Array;
}

/**
 * Candidate edges for the given needs, from the index (never all pairs). Edges with score 0 add
 * nothing to any total and are left out.
 */
export function buildCandidateGraph(index: CandidateIndex, needs: readonly MatchNeed[]): CandidateGraph {
  const sortedNeeds = needs.filter((need) => need.helpersNeeded > 0).sort((a, b) => a.id - b.id);
  const edgeNeed: number[] = [];
  const edgeOfferPosition: number[] = [];
  const edgeScore: number[] = [];
  const usedOffer = new Uint8Array(index.offers.length);

  sortedNeeds.forEach((need, needPosition) => {
    forEachCandidate(index, prepareNeed(need, index.context), (position, score) => {
      if (score <= 0) return;
      usedOffer[position] = 1;
      edgeNeed.push(needPosition);
      edgeOfferPosition.push(position);
      edgeScore.push(score);
    });
  });

  // index.offers is sorted by id, so compacting keeps offers sorted and edges sorted by (need, offer).
  const compact = new Int32Array(index.offers.length).fill(-1);
  const offerIds: number[] = [];
  const offerCapacity: number[] = [];
  for (let position = 0; position < index.offers.length; position++) {
    if (!usedOffer[position]) continue;
    const offer = index.offers[position] as PreparedOffer;
    compact[position] = offerIds.length;
    offerIds.push(offer.offer.id);
    offerCapacity.push(offer.capacityLeft);
  }
  return {
    needIds: Int32Array.from(sortedNeeds, (need) => need.id),
    needCapacity: Int32Array.from(sortedNeeds, (need) => need.helpersNeeded),
    offerIds: Int32Array.from(offerIds),
    offerCapacity: Int32Array.from(offerCapacity),
    edgeNeed: Int32Array.from(edgeNeed),
    edgeOffer: Int32Array.from(edgeOfferPosition, (position) => compact[position] as number),
    edgeScore: Int32Array.from(edgeScore),
  };
}

export interface PlainBulkInstance {
  needs: Array<{ id: number; capacity: number }>;
  offers: Array<{ id: number; capacity: number }>;
  edges: Array<{ needId: number; offerId: number; score: number }>;
}

/** A graph from plain rows (tests, tools); throws on edges to unknown ids. */
export function graphFromPlain(plain: PlainBulkInstance): CandidateGraph {
  const needs = [...plain.needs].sort((a, b) => a.id - b.id);
  const offers = [...plain.offers].sort((a, b) => a.id - b.id);
  const needPosition = new Map(needs.map((need, i) => [need.id, i]));
  const offerPosition = new Map(offers.map((offer, i) => [offer.id, i]));
  const edges = plain.edges
    .map((edge) => {
      const n = needPosition.get(edge.needId);
      const o = offerPosition.get(edge.offerId);
      if (n === undefined || o === undefined)
        throw new Error(`Edge ${edge.needId}→${edge.offerId} has an unknown end.`);
      return { n, o, score: edge.score };
    })
    .sort((a, b) => a.n - b.n || a.o - b.o);
  return {
    needIds: Int32Array.from(needs, (need) => need.id),
    needCapacity: Int32Array.from(needs, (need) => need.capacity),
    offerIds: Int32Array.from(offers, (offer) => offer.id),
    offerCapacity: Int32Array.from(offers, (offer) => offer.capacity),
    edgeNeed: Int32Array.from(edges, (edge) => edge.n),
    edgeOffer: Int32Array.from(edges, (edge) => edge.o),
    edgeScore: Int32Array.from(edges, (edge) => edge.score),
  };
}

/** An assignment: chosen edge positions (ascending) and their total score. */
export interface Assignment {
  edges: Int32Array;
  total: number;
}

export function assignmentPairs(
  graph: CandidateGraph,
  assignment: Assignment,
): Array<{ needId: number; offerId: number; score: number }> {
  return Array.from(assignment.edges, (edge) => ({
    needId: graph.needIds[graph.edgeNeed[edge] as number] as number,
    offerId: graph.offerIds[graph.edgeOffer[edge] as number] as number,
    score: graph.edgeScore[edge] as number,
  }));
}
