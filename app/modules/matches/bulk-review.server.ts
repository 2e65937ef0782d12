/**
 * The bulk assignment page: the engine's exact and greedy assignment for all open needs in the
 * coordinator's scope (computed in a worker thread by runBulkAssignment), shaped for review, and the
 * confirmation of the chosen pairs as proposed matches in one transaction.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "@db/client";
import { needs, neighbourhoods } from "@db/schema";
import type { AuthUser } from "~/modules/auth/auth-user";
import { buildCandidateIndex, explainExclusion, type ScoredCandidate } from "~/modules/matching";
import { notFound } from "~/modules/permissions/guards.server";
import { can } from "~/modules/permissions/permissions";
import type { FieldErrors } from "~/utils/form-validation";
import { runBulkAssignment, type BulkRunResult } from "./bulk-assignment.server";
import { insertProposals } from "./proposals.server";
import type { MatchingScope } from "./instance-scope.server";
import { loadMatchingInstance } from "./matching-instance.server";
import { loadOfferSummaries } from "./matching.server";

/** A page lists at most this many pairs; a larger run is confirmed in parts (smaller scope). */
export const BULK_PAIRS_SHOWN = 500;

export interface BulkPairView {
  needId: number;
  needTitle: string;
  neighbourhoodName: string;
  offerId: number;
  offerTitle: string;
  ownerName: string | null;
  score: number;
}

export interface BulkReview {
  needs: number;
  offers: number;
  edges: number;
  exactTotal: number;
  exactAssigned: number;
  greedyTotal: number;
  greedyAssigned: number;
  gap: number;
  gapPercent: number;
  certified: boolean;
  ms: { exact: number; greedy: number; total: number };
  pairs: BulkPairView[];
  truncated: boolean;
}

/** The scope of a run: the coordinator's neighbourhoods (admins: everywhere). */
export function bulkScopeOf(user: AuthUser): MatchingScope {
  return user.role === "admin" ? {} : { neighbourhoodIds: user.coordinatorNeighbourhoodIds };
}

function review(db: Db, result: BulkRunResult): BulkReview {
  const pairs = result.exact.pairs.slice(0, BULK_PAIRS_SHOWN);
  const needIds = [...new Set(pairs.map((p) => p.needId))];
  const needRows = needIds.length
    ? db
        .select({ id: needs.id, title: needs.title, neighbourhoodId: needs.neighbourhoodId })
        .from(needs)
        .where(inArray(needs.id, needIds))
        .all()
    : [];
  const nbRows = db.select({ id: neighbourhoods.id, name: neighbourhoods.name }).from(neighbourhoods).all();
  const nbName = new Map(nbRows.map((n) => [n.id, n.name]));
  const needById = new Map(needRows.map((n) => [n.id, n]));
  const offers = loadOfferSummaries(db, [...new Set(pairs.map((p) => p.offerId))]);
  return {
    needs: result.needs,
    offers: result.offers,
    edges: result.edges,
    exactTotal: result.exact.total,
    exactAssigned: result.exact.assigned,
    greedyTotal: result.greedy.total,
    greedyAssigned: result.greedy.assigned,
    gap: result.gap,
    gapPercent: result.gapPercent,
    certified: result.certified,
    ms: { exact: Math.round(result.exact.ms), greedy: Math.round(result.greedy.ms), total: result.totalMs },
    pairs: pairs
      .map((p) => {
        const need = needById.get(p.needId);
        const offer = offers.get(p.offerId);
        return {
          needId: p.needId,
          needTitle: need?.title ?? "",
          neighbourhoodName: need ? (nbName.get(need.neighbourhoodId) ?? "") : "",
          offerId: p.offerId,
          offerTitle: offer?.title ?? "",
          ownerName: offer?.ownerName ?? null,
          score: p.score,
        };
      })
      .sort((a, b) => a.needTitle.localeCompare(b.needTitle) || a.needId - b.needId || b.score - a.score),
    truncated: result.exact.pairs.length > BULK_PAIRS_SHOWN,
  };
}

/**
 * Runs exact and greedy assignment for the user's scope (or a narrower one, such as the open steps of an
 * arrival) in a worker thread and shapes the result.
 */
export async function reviewBulkAssignment(
  db: Db,
  user: AuthUser,
  scope: MatchingScope = bulkScopeOf(user),
): Promise<BulkReview> {
  return review(db, await runBulkAssignment(db, scope));
}

/** "needId:offerId" values of the checkboxes, parsed; malformed ones are dropped. */
export function parsePairs(values: FormDataEntryValue[]): { needId: number; offerId: number }[] {
  const seen = new Set<string>();
  const pairs: { needId: number; offerId: number }[] = [];
  for (const value of values) {
    if (typeof value !== "string" || !/^[1-9][0-9]{0,9}:[1-9][0-9]{0,9}$/.test(value) || seen.has(value))
      continue;
    seen.add(value);
    const [needId, offerId] = value.split(":").map(Number) as [number, number];
    pairs.push({ needId, offerId });
  }
  return pairs;
}

export type ConfirmResult =
  | { ok: true; value: { created: number; skipped: number } }
  | { ok: false; errors: FieldErrors };

/**
 * Proposes the chosen pairs in ONE transaction. Each pair is checked again by the engine inside it (a
 * helper may have become unavailable since the run) and capacities are counted across the batch, so a
 * confirmation can never overfill an offer or a need; pairs that no longer hold are skipped and counted.
 */
export function confirmBulkPairs(
  db: Db,
  user: AuthUser,
  pairs: { needId: number; offerId: number }[],
): ConfirmResult {
  if (pairs.length === 0) return { ok: false, errors: { pairs: "matches:errors.noPairs" } };
  const needIds = [...new Set(pairs.map((p) => p.needId))];
  const needRows = db
    .select({ id: needs.id, neighbourhoodId: needs.neighbourhoodId, organisationId: needs.organisationId })
    .from(needs)
    .where(inArray(needs.id, needIds))
    .all();
  // A need out of scope (or gone) reads as unknown, like its page: refuse the whole batch (a tampered form).
  if (needRows.length !== needIds.length || needRows.some((n) => !can(user, "match:propose", n)))
    throw notFound();
  return db.transaction(
    (tx) => {
      // The transaction handle reads like the database for the loader's selects.
      const instance = loadMatchingInstance(tx, {
        needIds,
        includeOfferIds: [...new Set(pairs.map((p) => p.offerId))],
      });
      const index = buildCandidateIndex(instance);
      const needById = new Map(instance.needs.map((n) => [n.id, n]));
      const offerById = new Map(instance.offers.map((o) => [o.id, o]));
      const usedByOffer = new Map<number, number>();
      const usedByNeed = new Map<number, number>();
      const proposals: { needId: number; candidate: ScoredCandidate }[] = [];
      let skipped = 0;
      for (const pair of pairs) {
        const need = needById.get(pair.needId);
        const offer = offerById.get(pair.offerId);
        const explanation = need && offer ? explainExclusion(index, need, offer) : null;
        const offerUsed = usedByOffer.get(pair.offerId) ?? 0;
        const needUsed = usedByNeed.get(pair.needId) ?? 0;
        if (
          !need ||
          !offer ||
          explanation?.status !== "candidate" ||
          offer.activeMatches + offerUsed >= offer.capacity ||
          needUsed >= need.helpersNeeded
        ) {
          skipped += 1;
          continue;
        }
        usedByOffer.set(pair.offerId, offerUsed + 1);
        usedByNeed.set(pair.needId, needUsed + 1);
        proposals.push({ needId: pair.needId, candidate: explanation.candidate });
      }
      const result = insertProposals(tx, user, proposals, "bulk");
      return {
        ok: true as const,
        value: { created: result.created.length, skipped: skipped + result.skipped.length },
      };
    },
    { behavior: "immediate" },
  );
}
