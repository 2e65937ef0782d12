/**
 * Reading offers: what a volunteer or an organisation can give. Ownership is part of every `where`: a read
 * by id with a scope that does not own the offer finds nothing, so callers answer 404. Writing:
 * commands.server.ts.
 */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  categories,
  matches,
  needLanguages,
  needs,
  needSlots,
  neighbourhoods,
  offerAvailability,
  offerLanguages,
  offerNeighbourhoods,
  offers,
  organisations,
} from "@db/schema";
import {
  LIVE_MATCH_STATUSES,
  sqlValueList,
  OPEN_NEED_STATUSES,
  type Language,
  type OfferStatus,
} from "@db/schema/enums";
import { zonedWallClock } from "~/utils/time";
import {
  mergeWindows,
  windowsToGrid,
  type GridKey,
  type WeeklyWindow,
} from "~/modules/volunteers/availability";
import type { OfferListFilter } from "./offers.schema";

/** Matches that hold a place, as an SQL list for the hand-written queries below. */
const LIVE_MATCHES = sql.raw(sqlValueList(LIVE_MATCH_STATUSES));

/** Who an offer belongs to when it is created or listed. */
export type OfferOwner = { volunteerId: string } | { organisationId: number };

/** Everything a signed-in person owns: their own offers and those of their organisations. */
export interface OfferScope {
  userId: string;
  organisationIds: readonly number[];
}

/** Matches that take up an offer's capacity. */

function ownerWhere(owner: OfferOwner): SQL {
  return "volunteerId" in owner
    ? eq(offers.volunteerId, owner.volunteerId)
    : eq(offers.organisationId, owner.organisationId);
}

export function scopeWhere(scope: OfferScope): SQL {
  const own = eq(offers.volunteerId, scope.userId);
  return scope.organisationIds.length > 0
    ? (or(own, inArray(offers.organisationId, [...scope.organisationIds])) as SQL)
    : own;
}

export interface OfferView {
  id: number;
  volunteerId: string | null;
  organisationId: number | null;
  categoryId: number;
  categorySlug: string;
  categoryName: string;
  title: string;
  description: string;
  capacity: number;
  radiusKm: number;
  validUntil: string | null;
  status: OfferStatus;
  languages: Language[];
  neighbourhoodIds: number[];
  availability: WeeklyWindow[];
  liveMatches: number;
}

/** One offer the scope owns, with its languages, neighbourhoods and times; null when not theirs. */
export function getOwnOffer(db: Db, target: { id: number; scope: OfferScope }): OfferView | null {
  const row = db
    .select({
      offer: offers,
      categorySlug: categories.slug,
      categoryName: categories.name,
      liveMatches: sql<number>`(select count(*) from ${matches} where ${matches.offerId} = ${offers.id} and ${matches.status} in ${LIVE_MATCHES})`,
    })
    .from(offers)
    .innerJoin(categories, eq(categories.id, offers.categoryId))
    .where(and(eq(offers.id, target.id), scopeWhere(target.scope)))
    .get();
  if (!row) return null;
  const languages = db
    .select({ language: offerLanguages.language })
    .from(offerLanguages)
    .where(eq(offerLanguages.offerId, target.id))
    .orderBy(asc(offerLanguages.language))
    .all()
    .map((l) => l.language);
  const neighbourhoodIds = db
    .select({ id: offerNeighbourhoods.neighbourhoodId })
    .from(offerNeighbourhoods)
    .where(eq(offerNeighbourhoods.offerId, target.id))
    .all()
    .map((n) => n.id);
  const availability = db
    .select({
      weekday: offerAvailability.weekday,
      startMinute: offerAvailability.startMinute,
      endMinute: offerAvailability.endMinute,
    })
    .from(offerAvailability)
    .where(eq(offerAvailability.offerId, target.id))
    .orderBy(asc(offerAvailability.weekday), asc(offerAvailability.startMinute))
    .all();
  const o = row.offer;
  return {
    id: o.id,
    volunteerId: o.volunteerId,
    organisationId: o.organisationId,
    categoryId: o.categoryId,
    categorySlug: row.categorySlug,
    categoryName: row.categoryName,
    title: o.title,
    description: o.description,
    capacity: o.capacity,
    radiusKm: o.radiusKm,
    validUntil: o.validUntil,
    status: o.status,
    languages,
    neighbourhoodIds,
    availability,
    liveMatches: row.liveMatches,
  };
}

export interface OfferListItem {
  id: number;
  title: string;
  categorySlug: string;
  categoryName: string;
  status: OfferStatus;
  validUntil: string | null;
  expired: boolean;
  capacity: number;
  liveMatches: number;
  languages: Language[];
  neighbourhoodNames: string[];
}

/** The owner's offers, newest first, filtered by status: one query whatever the length. */
export function listOffers(
  db: Db,
  owner: OfferOwner,
  filter: OfferListFilter,
  today: string,
): OfferListItem[] {
  const rows = db
    .select({
      id: offers.id,
      title: offers.title,
      categorySlug: categories.slug,
      categoryName: categories.name,
      status: offers.status,
      validUntil: offers.validUntil,
      capacity: offers.capacity,
      liveMatches: sql<number>`(select count(*) from ${matches} where ${matches.offerId} = ${offers.id} and ${matches.status} in ${LIVE_MATCHES})`,
      languages: sql<
        string | null
      >`(select group_concat(${offerLanguages.language}) from ${offerLanguages} where ${offerLanguages.offerId} = ${offers.id})`,
      neighbourhoodNames: sql<
        string | null
      >`(select group_concat(${neighbourhoods.name}, '|') from ${offerNeighbourhoods}
        join ${neighbourhoods} on ${neighbourhoods.id} = ${offerNeighbourhoods.neighbourhoodId}
        where ${offerNeighbourhoods.offerId} = ${offers.id})`,
    })
    .from(offers)
    .innerJoin(categories, eq(categories.id, offers.categoryId))
    .where(and(ownerWhere(owner), filter === "all" ? undefined : eq(offers.status, filter)))
    .orderBy(
      sql`case ${offers.status} when 'active' then 0 when 'paused' then 1 else 2 end`,
      desc(offers.createdAt),
      desc(offers.id),
    )
    .all();
  return rows.map((r) => ({
    ...r,
    expired: r.validUntil !== null && r.validUntil < today,
    languages: (r.languages ? r.languages.split(",").sort() : []) as Language[],
    neighbourhoodNames: r.neighbourhoodNames
      ? r.neighbourhoodNames.split("|").sort((a, b) => a.localeCompare(b, "de"))
      : [],
  }));
}

/** Counts per status for the filter tabs. */
export function countOffersByStatus(db: Db, owner: OfferOwner): Record<OfferStatus, number> {
  const rows = db
    .select({ status: offers.status, n: sql<number>`count(*)` })
    .from(offers)
    .where(ownerWhere(owner))
    .groupBy(offers.status)
    .all();
  const counts: Record<OfferStatus, number> = { active: 0, paused: 0, ended: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

export interface OfferPrefill {
  needId: number;
  categoryId: number;
  neighbourhoodIds: number[];
  languages: Language[];
  availability: GridKey[];
}

/**
 * What an offer made in answer to an open need starts with: the need's category, neighbourhood,
 * languages and times. Nothing personal is in a need, and only open ones are used.
 */
export function offerPrefillFromNeed(db: Db, needId: number): OfferPrefill | null {
  const need = db
    .select({
      id: needs.id,
      categoryId: needs.categoryId,
      neighbourhoodId: needs.neighbourhoodId,
      schedule: needs.schedule,
      startsAt: needs.startsAt,
      endsAt: needs.endsAt,
    })
    .from(needs)
    .where(and(eq(needs.id, needId), inArray(needs.status, [...OPEN_NEED_STATUSES])))
    .get();
  if (!need) return null;
  const languages = db
    .select({ language: needLanguages.language })
    .from(needLanguages)
    .where(eq(needLanguages.needId, needId))
    .all()
    .map((l) => l.language);
  let windows: WeeklyWindow[];
  if (need.schedule === "recurring") {
    windows = db
      .select({
        weekday: needSlots.weekday,
        startMinute: needSlots.startMinute,
        endMinute: needSlots.endMinute,
      })
      .from(needSlots)
      .where(eq(needSlots.needId, needId))
      .all();
  } else {
    const start = zonedWallClock(need.startsAt.getTime());
    const minutes = Math.round((need.endsAt.getTime() - need.startsAt.getTime()) / 60_000);
    windows = [
      {
        weekday: start.weekday,
        startMinute: start.minute,
        endMinute: Math.min(1440, start.minute + Math.max(1, minutes)),
      },
    ];
  }
  return {
    needId,
    categoryId: need.categoryId,
    neighbourhoodIds: [need.neighbourhoodId],
    languages,
    availability: windowsToGrid(mergeWindows(windows)),
  };
}

/** The organisation's name for headings, or null when it does not exist. */
export function getOrganisationName(db: Db, organisationId: number): string | null {
  return (
    db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, organisationId))
      .get()?.name ?? null
  );
}
