/**
 * The matching engine's input, part three: what the owners of the loaded offers have done (experience per
 * category, acceptance history, current load over all their offers), the pairs already declined or
 * matched for the loaded needs, and the admin's weights. Composed by matching-instance.server.ts.
 */
import { and, eq, inArray, isNotNull, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@db/client";
import { appSettings, hoursLog, matches, needs, offers } from "@db/schema";
import { EVER_ACCEPTED_MATCH_STATUSES, LIVE_MATCH_STATUSES, sqlValueList } from "@db/schema/enums";
import { DEFAULT_WEIGHTS, type MatchingInstance, type MatchOffer } from "~/modules/matching";
import { groupBy, OWNER_KEY, type OfferSelection } from "./instance-scope.server";

/** Matches that hold a place, as an SQL list for the hand-written queries below. */
const LIVE_MATCHES = sql.raw(sqlValueList(LIVE_MATCH_STATUSES));
/** A proposal without an answer for this long counts as "no response" in the acceptance history. */
const NO_RESPONSE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

export interface OwnerRecord {
  /** Completed matches per `owner|category`. */
  completed: Map<string, number>;
  /** Confirmed hours per `volunteer|category`. */
  hours: Map<string, number>;
  /** Accepted, declined and unanswered proposals per owner. */
  history: Map<string, { owner: string; accepted: number; declined: number; noResponse: number }>;
}

export const NO_OWNER_RECORD: OwnerRecord = { completed: new Map(), hours: new Map(), history: new Map() };

/**
 * Experience and responsiveness, per owner (all of a volunteer's offers count). Aggregated only for the
 * owners of the loaded offers: a need's page reads a few hundred, not all. For a need's candidates,
 * volunteers and organisations apart, so that each side is found through its column's index (the owner
 * key is an expression no index covers); for a city, one pass.
 */
export function loadOwnerRecord(db: DbOrTx, selection: OfferSelection, now: number): OwnerRecord {
  const offerWhere = selection.where;
  const ownerInScope = selection.narrow
    ? or(
        inArray(offers.volunteerId, db.select({ id: offers.volunteerId }).from(offers).where(offerWhere)),
        inArray(
          offers.organisationId,
          db.select({ id: offers.organisationId }).from(offers).where(offerWhere),
        ),
      )
    : inArray(OWNER_KEY, db.select({ owner: OWNER_KEY }).from(offers).where(offerWhere));
  const completedRows = db
    .select({ owner: OWNER_KEY, categoryId: offers.categoryId, count: sql<number>`count(*)` })
    .from(matches)
    .innerJoin(offers, eq(offers.id, matches.offerId))
    .where(and(eq(matches.status, "completed"), ownerInScope))
    .groupBy(OWNER_KEY, offers.categoryId)
    .all();
  const hoursRows = db
    .select({
      volunteerId: hoursLog.volunteerId,
      categoryId: hoursLog.categoryId,
      hours: sql<number>`sum(${hoursLog.hours})`,
    })
    .from(hoursLog)
    .where(
      and(
        inArray(hoursLog.volunteerId, db.select({ id: offers.volunteerId }).from(offers).where(offerWhere)),
        isNotNull(hoursLog.categoryId),
        isNotNull(hoursLog.confirmedAt),
      ),
    )
    .groupBy(hoursLog.volunteerId, hoursLog.categoryId)
    .all();
  const staleBefore = new Date(now - NO_RESPONSE_AFTER_MS);
  const historyRows = db
    .select({
      owner: OWNER_KEY,
      accepted: sql<number>`sum(case when ${inArray(matches.status, [...EVER_ACCEPTED_MATCH_STATUSES])} then 1 else 0 end)`,
      declined: sql<number>`sum(case when ${matches.status} = 'declined' then 1 else 0 end)`,
      noResponse: sql<number>`sum(case when ${matches.status} = 'proposed' and ${matches.proposedAt} < ${staleBefore.getTime()} then 1 else 0 end)`,
    })
    .from(matches)
    .innerJoin(offers, eq(offers.id, matches.offerId))
    .where(ownerInScope)
    .groupBy(OWNER_KEY)
    .all();
  return {
    completed: new Map(completedRows.map((r) => [`${r.owner}|${r.categoryId}`, r.count])),
    hours: new Map(hoursRows.map((r) => [`${r.volunteerId}|${r.categoryId}`, r.hours])),
    history: new Map(historyRows.map((r) => [r.owner, r])),
  };
}

/** The admin's weights, or the defaults before they set any. */
export function loadWeights(db: DbOrTx): MatchingInstance["weights"] {
  const settings = db.select().from(appSettings).where(eq(appSettings.id, 1)).get();
  return settings
    ? {
        language: settings.weightLanguage,
        distance: settings.weightDistance,
        availability: settings.weightAvailability,
        load: settings.weightLoad,
        experience: settings.weightExperience,
        responsiveness: settings.weightResponsiveness,
      }
    : DEFAULT_WEIGHTS;
}

export interface PairRow {
  needId: number;
  offerId: number | null;
  status: string;
  owner: string;
}

/** Every match of the loaded needs, with its offer's owner. */
export function loadPairRows(db: DbOrTx, needWhere: SQL): PairRow[] {
  const scopedNeedIds = db.select({ id: needs.id }).from(needs).where(needWhere);
  return db
    .select({
      needId: matches.needId,
      offerId: matches.offerId,
      status: matches.status,
      owner: OWNER_KEY,
    })
    .from(matches)
    .innerJoin(offers, eq(offers.id, matches.offerId))
    .where(and(inArray(matches.needId, scopedNeedIds), isNotNull(matches.offerId)))
    .all();
}

/**
 * The person's live matches and the capacity of their active offers, over all their offers. In chunks (a
 * city has tens of thousands of owners, more than SQLite takes as parameters at once), and volunteers and
 * organisations apart, so that each lookup uses its column's index.
 */
export function loadOwnerLoad(
  db: DbOrTx,
  offerRows: readonly { volunteerId: string | null; organisationId: number | null }[],
): Map<string, { activeMatches: number; capacity: number }> {
  const ownerLoad = new Map<string, { activeMatches: number; capacity: number }>();
  const ownerTotals = {
    owner: OWNER_KEY,
    capacity: sql<number>`sum(case when ${offers.status} = 'active' then ${offers.capacity} else 0 end)`,
    // Spelled out: inside the subquery a bare "id" would be the match's.
    live: sql<number>`sum((select count(*) from matches m where m.offer_id = offers.id
      and m.status in ${LIVE_MATCHES}))`,
  };
  const volunteerOwners = [...new Set(offerRows.flatMap((r) => (r.volunteerId ? [r.volunteerId] : [])))];
  const organisationOwners = [
    ...new Set(offerRows.flatMap((r) => (r.volunteerId ? [] : [r.organisationId!]))),
  ];
  const ownerChunks: SQL[] = [];
  for (let i = 0; i < volunteerOwners.length; i += 500)
    ownerChunks.push(inArray(offers.volunteerId, volunteerOwners.slice(i, i + 500)));
  for (let i = 0; i < organisationOwners.length; i += 500)
    ownerChunks.push(inArray(offers.organisationId, organisationOwners.slice(i, i + 500)));
  for (const where of ownerChunks) {
    for (const r of db.select(ownerTotals).from(offers).where(where).groupBy(OWNER_KEY).all()) {
      ownerLoad.set(r.owner, { activeMatches: r.live, capacity: r.capacity });
    }
  }
  return ownerLoad;
}

/**
 * A decline or a live match is the person's, not one offer's: it covers every offer of theirs, so the
 * same person is not suggested again for the need through another offer.
 */
export function personPairs(
  matchOffers: readonly MatchOffer[],
  pairRows: readonly PairRow[],
): Pick<MatchingInstance, "declinedPairs" | "matchedPairs"> {
  const offersByOwner = groupBy(matchOffers, (offer) => offer.ownerId);
  const declinedPairs: Array<[number, number]> = [];
  const matchedPairs: Array<[number, number]> = [];
  for (const pair of pairRows) {
    if (pair.offerId === null) continue;
    const target = pair.status === "declined" ? declinedPairs : matchedPairs;
    target.push([pair.needId, pair.offerId]);
    for (const other of offersByOwner.get(pair.owner) ?? []) {
      if (other.id !== pair.offerId) target.push([pair.needId, other.id]);
    }
  }
  return { declinedPairs, matchedPairs };
}
