/**
 * Searching the candidate index (candidate-index.ts): the fitting offers of a need in score order, the
 * top k, and why an offer is not among them.
 */
import { failedConstraints, isCandidate } from "./constraints";
import { passesRemaining, probeNeed, tableScore } from "./offer-table";
import { prepareNeed, prepareOffer, type PreparedNeed, type PreparedOffer } from "./prepare";
import { scoreCandidate, scoreValue } from "./score";
import type { Exclusion, MatchNeed, MatchOffer, ScoredCandidate } from "./types";
import { forEachBucketPosition, type CandidateIndex } from "./candidate-index";

/** Order of suggestions: score descending, then offer id ascending. */
export function compareCandidates(
  a: { score: number; offerId: number },
  b: { score: number; offerId: number },
): number {
  return b.score - a.score || a.offerId - b.offerId;
}

/**
 * Visits every candidate of a need (all hard constraints hold) with its score, in offer id order,
 * without allocating per pair: the bulk graph is built from this.
 *
 * One person is one candidate: when an owner has several offers that fit the need (two offers of the
 * same kind of help, say), only the best-scoring one is visited (on a tie, the lower offer id). So a
 * need never gets the same person twice, neither in the suggestions nor in a bulk assignment.
 */
export function forEachCandidate(
  index: CandidateIndex,
  prepared: PreparedNeed,
  visit: (position: number, score: number) => void,
): void {
  const positions: number[] = [];
  const scores: number[] = [];
  forEachFittingOffer(index, prepared, (position, score) => {
    positions.push(position);
    scores.push(score);
  });
  // Best offer per owner, by a stamp (no per-lookup map). Positions ascend, so on a tie the first stays.
  const stamp = ++index.ownerStamp.value;
  const { ownerSlot, ownerBest, ownerSeen } = index;
  const keep = new Uint8Array(positions.length).fill(1);
  for (let i = 0; i < positions.length; i++) {
    const owner = ownerSlot[positions[i] as number] as number;
    if (ownerSeen[owner] !== stamp) {
      ownerSeen[owner] = stamp;
      ownerBest[owner] = i;
      continue;
    }
    const best = ownerBest[owner] as number;
    if ((scores[i] as number) > (scores[best] as number)) {
      keep[best] = 0;
      ownerBest[owner] = i;
    } else keep[i] = 0;
  }
  for (let i = 0; i < positions.length; i++) if (keep[i]) visit(positions[i] as number, scores[i] as number);
}

/** Every offer that passes the hard constraints for the need, with its score, in offer id order. */
function forEachFittingOffer(
  index: CandidateIndex,
  prepared: PreparedNeed,
  visit: (position: number, score: number) => void,
): void {
  const { context, offers, table } = index;
  if (!index.neighbourhoodSlot.has(prepared.need.neighbourhoodId)) {
    // Rare (a neighbourhood added after the index was built): the category's offers, checked in full.
    forEachBucketPosition(index, prepared, (position) => {
      const offer = offers[position] as PreparedOffer;
      if (isCandidate(prepared, offer, context)) visit(position, scoreValue(prepared, offer, context));
    });
    return;
  }
  const probe = probeNeed(prepared, context, index.languageSlot);
  forEachBucketPosition(index, prepared, (position) => {
    if (passesRemaining(table, position, probe))
      visit(position, tableScore(table, position, probe, offers, context));
  });
}

/** Every candidate of a need with its score only, sorted by offer id. */
export function listCandidateScores(
  index: CandidateIndex,
  need: MatchNeed,
  prepared: PreparedNeed = prepareNeed(need, index.context),
): Array<{ offerId: number; score: number }> {
  const result: Array<{ offerId: number; score: number }> = [];
  forEachCandidate(index, prepared, (position, score) => {
    result.push({ offerId: (index.offers[position] as PreparedOffer).offer.id, score });
  });
  return result;
}

/**
 * The top k candidates for a need with their score breakdown and reasons. Only offers in the need's
 * buckets are looked at; each still passes every hard constraint before it is scored.
 */
export function suggest(index: CandidateIndex, need: MatchNeed, k = 10): ScoredCandidate[] {
  const prepared = prepareNeed(need, index.context);
  const scored: Array<{ offerId: number; score: number; position: number }> = [];
  forEachCandidate(index, prepared, (position, score) => {
    scored.push({ offerId: (index.offers[position] as PreparedOffer).offer.id, score, position });
  });
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
export function explainExclusion(
  index: CandidateIndex,
  need: MatchNeed,
  offer: MatchOffer,
): CandidateExplanation {
  const prepared = prepareNeed(need, index.context);
  const position = index.positionById.get(offer.id);
  const preparedOffer =
    position !== undefined && index.offers[position]?.offer === offer
      ? (index.offers[position] as PreparedOffer)
      : prepareOffer(offer);
  const exclusions = failedConstraints(prepared, preparedOffer, index.context);
  if (exclusions.length > 0) return { offerId: offer.id, status: "excluded", exclusions };

  const candidate = scoreCandidate(prepared, preparedOffer, index.context);
  const others = listCandidateScores(index, need, prepared).filter((other) => other.offerId !== offer.id);
  // The same person fits through a better offer: they are suggested through that one instead.
  const better = others.find(
    (other) =>
      (index.offers[index.positionById.get(other.offerId) as number] as PreparedOffer).offer.ownerId ===
        offer.ownerId && compareCandidates(other, candidate) < 0,
  );
  if (better) {
    return {
      offerId: offer.id,
      status: "excluded",
      exclusions: [{ code: "same_owner", key: "exclusion.same_owner", params: { offerId: better.offerId } }],
    };
  }
  let ahead = 0;
  let count = 0;
  for (const other of others) {
    count++;
    if (compareCandidates(other, candidate) < 0) ahead++;
  }
  return { offerId: offer.id, status: "candidate", rank: ahead + 1, candidateCount: count + 1, candidate };
}
