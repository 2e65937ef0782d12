import { eq, inArray } from "drizzle-orm";
import type { Db } from "@db/client";
import { needs, offers, organisations, users } from "@db/schema";
import {
  type MatchingInstance,
  buildCandidateIndex,
  compareCandidates,
  explainExclusion,
  listCandidateScores,
  suggest,
  type CandidateExplanation,
  type ScoredCandidate,
} from "~/modules/matching";
import { candidateOfferIds } from "./candidate-reach.server";
import type { LoadOptions, MatchingScope } from "./instance-scope.server";
import { loadMatchingInstance, loadOpenNeed } from "./matching-instance.server";

/** What the UI shows about an offer next to its score: never more personal data than a name. */
export interface OfferSummary {
  offerId: number;
  title: string;
  kind: "volunteer" | "organisation";
  /** The volunteer's display name or the organisation's name; null after erasure. */
  ownerName: string | null;
  volunteerId: string | null;
  organisationId: number | null;
}

export interface SuggestionView extends ScoredCandidate {
  offer: OfferSummary;
}

export interface NeedSuggestions {
  needId: number;
  /** All candidates of the need (the list shows the top k). */
  candidateCount: number;
  /** Helper slots still free; 0 when pending proposals cover them (suggestions are then backups). */
  helpersNeeded: number;
  suggestions: SuggestionView[];
}

/** Titles and owner names of offers, in one query. */
export function loadOfferSummaries(db: Db, offerIds: readonly number[]): Map<number, OfferSummary> {
  if (offerIds.length === 0) return new Map();
  const rows = db
    .select({
      offerId: offers.id,
      title: offers.title,
      volunteerId: offers.volunteerId,
      organisationId: offers.organisationId,
      volunteerName: users.displayName,
      organisationName: organisations.name,
    })
    .from(offers)
    .leftJoin(users, eq(users.id, offers.volunteerId))
    .leftJoin(organisations, eq(organisations.id, offers.organisationId))
    .where(inArray(offers.id, [...offerIds]))
    .all();
  return new Map(
    rows.map((row) => [
      row.offerId,
      {
        offerId: row.offerId,
        title: row.title,
        kind: row.volunteerId ? "volunteer" : "organisation",
        ownerName: row.volunteerName ?? row.organisationName ?? null,
        volunteerId: row.volunteerId,
        organisationId: row.organisationId,
      },
    ]),
  );
}

function needCategory(db: Db, needId: number): number | undefined {
  return db.select({ categoryId: needs.categoryId }).from(needs).where(eq(needs.id, needId)).get()
    ?.categoryId;
}

/**
 * One open need with the offers that can be its candidates: those the reach index finds (see
 * candidate-reach.server.ts), or, while no index is ready, every active offer of its category. Plus
 * `includeOfferIds` whatever their state. Null when the need doesn't exist.
 */
function loadNeedInstance(
  db: Db,
  needId: number,
  options: LoadOptions,
  includeOfferIds?: number[],
): MatchingInstance | null {
  const categoryId = needCategory(db, needId);
  if (categoryId === undefined) return null;
  const now = options.now ?? Date.now();
  const scope: MatchingScope = { needIds: [needId], offerCategoryIds: [categoryId], includeOfferIds };
  const need = loadOpenNeed(db, needId, { now });
  const candidates = need ? candidateOfferIds(db, need, now) : null;
  return loadMatchingInstance(db, candidates ? { ...scope, offerIds: candidates } : scope, { now });
}

/**
 * The top k candidates for an open need, with their score breakdown and reasons (translate them with
 * describeCandidate from ~/modules/matching). Only the offers that can reach the need are loaded: a
 * need's page stays fast at city scale. Null when the need doesn't exist or is no longer open.
 */
export function suggestForNeed(
  db: Db,
  needId: number,
  k = 10,
  options: LoadOptions = {},
): NeedSuggestions | null {
  const instance = loadNeedInstance(db, needId, options);
  const need = instance?.needs[0];
  if (!instance || !need) return null;
  const index = buildCandidateIndex(instance);
  const top = suggest(index, need, k);
  const summaries = loadOfferSummaries(
    db,
    top.map((candidate) => candidate.offerId),
  );
  return {
    needId,
    candidateCount: listCandidateScores(index, need).length,
    helpersNeeded: need.helpersNeeded,
    suggestions: top.flatMap((candidate) => {
      const offer = summaries.get(candidate.offerId);
      return offer ? [{ ...candidate, offer }] : [];
    }),
  };
}

export interface RankedCandidate {
  offerId: number;
  score: number;
  kind: "volunteer" | "organisation";
  /** The volunteer's user id, or `org:<id>`. */
  ownerId: string;
}

/**
 * Every candidate of an open need in the engine's order (best first, ties by offer id), with who
 * stands behind each offer: what urgent requests ask from (app/modules/reach). Loaded through the
 * reach index like a need's suggestions. Null when the need doesn't exist or is no longer open.
 */
export function rankCandidates(
  db: Db,
  needId: number,
  options: LoadOptions = {},
): { helpersNeeded: number; ranked: RankedCandidate[] } | null {
  const instance = loadNeedInstance(db, needId, options);
  const need = instance?.needs[0];
  if (!instance || !need) return null;
  const offerById = new Map(instance.offers.map((offer) => [offer.id, offer]));
  const ranked = listCandidateScores(buildCandidateIndex(instance), need)
    .sort(compareCandidates)
    .flatMap(({ offerId, score }) => {
      const offer = offerById.get(offerId);
      return offer ? [{ offerId, score, kind: offer.kind, ownerId: offer.ownerId }] : [];
    });
  return { helpersNeeded: need.helpersNeeded, ranked };
}

export type CandidateExplanationView = CandidateExplanation & { offer: OfferSummary };

/**
 * "Why not this one?" for any offer a coordinator picks, active or not: the hard constraints it
 * fails, or its rank among the need's candidates and its score breakdown. Null when the need isn't
 * open or the offer doesn't exist.
 */
export function explainCandidate(
  db: Db,
  needId: number,
  offerId: number,
  options: LoadOptions = {},
): CandidateExplanationView | null {
  const instance = loadNeedInstance(db, needId, options, [offerId]);
  const need = instance?.needs[0];
  const offer = instance?.offers.find((o) => o.id === offerId);
  const summary = loadOfferSummaries(db, [offerId]).get(offerId);
  if (!instance || !need || !offer || !summary) return null;
  return { ...explainExclusion(buildCandidateIndex(instance), need, offer), offer: summary };
}

/**
 * The scope of a bulk assignment for a few needs (an arrival's open steps): those needs, and only the
 * offers the reach index finds for them (see candidate-reach.server.ts) — or, while no index is ready,
 * every active offer of their categories. Two statements and the index lookups, whatever the city.
 */
export function reachScopeForNeeds(db: Db, needIds: readonly number[], now = Date.now()): MatchingScope {
  const { needs: open } = loadMatchingInstance(db, { needIds, offerIds: [] }, { now });
  const offerCategoryIds = [...new Set(open.map((need) => need.categoryId))];
  const offerIds = new Set<number>();
  for (const need of open) {
    const reachable = candidateOfferIds(db, need, now);
    if (reachable === null) return { needIds, offerCategoryIds };
    for (const id of reachable) offerIds.add(id);
  }
  return { needIds, offerCategoryIds, offerIds: [...offerIds] };
}
