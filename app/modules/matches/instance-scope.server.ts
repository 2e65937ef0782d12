/**
 * What loading the matching engine's input shares between its loaders (matching-instance.server.ts):
 * the scope of a run, its options, the owner key and two small row helpers.
 */
import { and, eq, gte, inArray, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@db/client";
import { offers } from "@db/schema";
import type { WeeklySlot } from "~/modules/matching";

/** Which needs (and offers) a run looks at. Offers are never limited by neighbourhood: helpers travel. */
export interface MatchingScope {
  /** Only needs in these neighbourhoods (a coordinator's scope). */
  neighbourhoodIds?: readonly number[];
  /** Only these needs (one need's page). */
  needIds?: readonly number[];
  /** Only offers of these categories (a need's page needs just its category). */
  offerCategoryIds?: readonly number[];
  /**
   * Only these offers, if they are active: one need's candidate set from the reach index (see
   * candidate-reach.server.ts). Any order, duplicates allowed.
   */
  offerIds?: readonly number[];
  /** Offers to load whatever their status or category: the one a coordinator asks "why not?" about. */
  includeOfferIds?: readonly number[];
}

export interface LoadOptions {
  /** "Now" in epoch ms (default Date.now()): validity, certificates and past appointments are judged on it. */
  now?: number;
  /**
   * The offers' own attributes only (the reach index's input): load, experience, acceptance history,
   * the owners' totals and the pairs are left empty, which saves most of the work for a whole city.
   */
  attributesOnly?: boolean;
}

/** Who stands behind an offer: the volunteer's user id, or `org:<id>` (MatchOffer.ownerId). */
export const OWNER_KEY = sql<string>`coalesce(${offers.volunteerId}, 'org:' || ${offers.organisationId})`;

export function groupBy<K, V>(rows: readonly V[], key: (row: V) => K): Map<K, V[]> {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

export const toSlots = (
  rows: readonly { weekday: number; startMinute: number; endMinute: number }[] | undefined,
): WeeklySlot[] =>
  (rows ?? []).map(({ weekday, startMinute, endMinute }) => ({ weekday, startMinute, endMinute }));

/** The offers a run loads: their condition, and whether it names a few (a need's candidates) or a city. */
export interface OfferSelection {
  where: SQL;
  /** A need's candidates from the reach index: their rows are found through the indexes, not grouped. */
  narrow: boolean;
}

/** Active offers (valid today) in the scope's ids and categories, plus the ones asked about by id. */
export function selectOffers(scope: MatchingScope, today: string): OfferSelection {
  const activeOffer = and(
    eq(offers.status, "active"),
    or(sql`${offers.validUntil} is null`, gte(offers.validUntil, today)),
  );
  const offerFilters: SQL[] = [activeOffer as SQL];
  if (scope.offerIds) {
    // One JSON parameter: the statement's text is the same however many candidates a need has. The
    // unary + keeps SQLite from walking the category's index instead of looking the ids up.
    offerFilters.push(sql`${offers.id} in (select value from json_each(${JSON.stringify(scope.offerIds)}))`);
    if (scope.offerCategoryIds)
      offerFilters.push(
        sql`+${offers.categoryId} in (select value from json_each(${JSON.stringify(scope.offerCategoryIds)}))`,
      );
  } else if (scope.offerCategoryIds) {
    offerFilters.push(inArray(offers.categoryId, [...scope.offerCategoryIds]));
  }
  let offerWhere = and(...offerFilters) as SQL;
  if (scope.includeOfferIds && scope.includeOfferIds.length > 0) {
    offerWhere = or(offerWhere, inArray(offers.id, [...scope.includeOfferIds])) as SQL;
  }
  return { where: offerWhere, narrow: scope.offerIds !== undefined };
}

/** The selected offers' ids, as a subquery. */
export const selectedOfferIds = (db: DbOrTx, selection: OfferSelection) =>
  db.select({ id: offers.id }).from(offers).where(selection.where);
