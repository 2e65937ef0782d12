/**
 * What the public feeds and the personal calendar contain. Public = published by a coordinator or a
 * verified organisation (isPublicActivity); a feed lists what is still running or ended less than
 * 30 days ago, bounded, in date order, with a fixed number of queries whatever its length. The JSON
 * feed: json-feed.server.ts.
 */
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  categories,
  events,
  eventTranslations,
  neighbourhoods,
  organisations,
  shifts,
  signups,
} from "@db/schema";
import type { UiLocale } from "@db/schema/enums";
import { isPublicActivity } from "~/modules/events/public-activities.server";
import { listMatchDates } from "~/modules/matches/match-dates.server";
import { cityName } from "~/utils/env.server";
import { zonedIsoDate } from "~/utils/time";
import type { IcalEvent } from "./ical";

const DAY_MS = 24 * 3_600_000;

/** Past activities stay in a calendar feed this long, so subscribers don't see them vanish at once. */
const FEED_KEEP_PAST_MS = 30 * DAY_MS;

/** An event's place in a calendar: the place, the neighbourhood and the municipality (CITY_NAME) if set. */
function placeLine(...parts: (string | null | undefined)[]): string {
  return [...parts, cityName()].filter(Boolean).join(", ");
}

export const CALENDAR_FEED_LIMIT = 500;

export function runningSince(from: number): SQL {
  const fromDate = zonedIsoDate(from);
  return sql`(${events.endsAt} >= ${from} or (${events.recurrence} = 'weekly' and (${events.recurrenceUntil} is null or ${events.recurrenceUntil} >= ${fromDate})))`;
}

export interface FeedScope {
  neighbourhoodId?: number;
  categoryId?: number;
  eventId?: number;
}

export function scopeConditions(scope: FeedScope): SQL[] {
  const conditions: SQL[] = [isPublicActivity];
  if (scope.neighbourhoodId !== undefined) conditions.push(eq(events.neighbourhoodId, scope.neighbourhoodId));
  if (scope.categoryId !== undefined) conditions.push(eq(events.categoryId, scope.categoryId));
  if (scope.eventId !== undefined) conditions.push(eq(events.id, scope.eventId));
  return conditions;
}

export function findNeighbourhoodBySlug(db: Db, slug: string | undefined) {
  if (!slug || !/^[a-z0-9_-]{1,80}$/.test(slug)) return null;
  return (
    db
      .select({ id: neighbourhoods.id, slug: neighbourhoods.slug, name: neighbourhoods.name })
      .from(neighbourhoods)
      .where(eq(neighbourhoods.slug, slug))
      .get() ?? null
  );
}

/**
 * A category's feed answers also after an admin stopped offering the category: its activities keep it,
 * and a subscribed calendar keeps its address (docs/decisions/093-neighbourhoods-by-admins.md).
 */
export function findCategoryBySlug(db: Db, slug: string | undefined) {
  if (!slug || !/^[a-z0-9_-]{1,80}$/.test(slug)) return null;
  return (
    db
      .select({ id: categories.id, slug: categories.slug, name: categories.name })
      .from(categories)
      .where(eq(categories.slug, slug))
      .get() ?? null
  );
}

function calendarRows(db: Db, where: SQL | undefined, locale: UiLocale, limit: number) {
  return db
    .select({
      id: events.id,
      title: events.title,
      description: events.description,
      translatedTitle: eventTranslations.title,
      translatedDescription: eventTranslations.description,
      place: events.place,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      recurrence: events.recurrence,
      recurrenceUntil: events.recurrenceUntil,
      createdAt: events.createdAt,
      updatedAt: events.updatedAt,
      categoryName: categories.name,
      categorySlug: categories.slug,
      neighbourhoodName: neighbourhoods.name,
      organisationName: organisations.name,
    })
    .from(events)
    .innerJoin(categories, eq(categories.id, events.categoryId))
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, events.neighbourhoodId))
    .leftJoin(organisations, eq(organisations.id, events.organisationId))
    .leftJoin(
      eventTranslations,
      and(eq(eventTranslations.eventId, events.id), eq(eventTranslations.locale, locale)),
    )
    .where(where)
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(limit)
    .all();
}

export interface CalendarContext {
  /** Right-hand side of UIDs, e.g. the site's host name. */
  uidDomain: string;
  /** Origin for links back to the activity pages. */
  origin: string;
  locale: UiLocale;
  /** Translated category name by slug (falls back to the German name). */
  categoryLabel?: (slug: string, fallback: string) => string;
}

/** Public activities as calendar entries: one VEVENT per activity, weekly series with RRULE. */
export function listCalendarActivities(
  db: Db,
  scope: FeedScope,
  ctx: CalendarContext,
  now = Date.now(),
): { events: IcalEvent[]; lastModified: number } {
  const where = and(
    ...scopeConditions(scope),
    scope.eventId === undefined ? runningSince(now - FEED_KEEP_PAST_MS) : undefined,
  );
  const rows = calendarRows(db, where, ctx.locale, scope.eventId === undefined ? CALENDAR_FEED_LIMIT : 1);
  let lastModified = 0;
  const list = rows.map((r): IcalEvent => {
    lastModified = Math.max(lastModified, r.updatedAt.getTime());
    const description = r.translatedDescription ?? r.description;
    const url = `${ctx.origin}/activities/${r.id}`;
    return {
      uid: `activity-${r.id}@${ctx.uidDomain}`,
      summary: r.translatedTitle ?? r.title,
      description: `${description}\n\n${url}`,
      location: placeLine(r.place, r.neighbourhoodName),
      url,
      startsAt: r.startsAt.getTime(),
      endsAt: r.endsAt.getTime(),
      createdAt: r.createdAt.getTime(),
      updatedAt: r.updatedAt.getTime(),
      weekly: r.recurrence === "weekly",
      weeklyUntil: r.recurrenceUntil,
      categories: [ctx.categoryLabel?.(r.categorySlug, r.categoryName) ?? r.categoryName],
    };
  });
  return { events: list, lastModified };
}

/** The volunteer's confirmed shifts (from 90 days back), one VEVENT per shift. */
export function listVolunteerShiftEvents(
  db: Db,
  volunteerId: string,
  ctx: CalendarContext,
  now = Date.now(),
): { events: IcalEvent[]; lastModified: number } {
  const rows = db
    .select({
      shiftId: shifts.id,
      shiftTitle: shifts.title,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      shiftUpdatedAt: shifts.updatedAt,
      signupUpdatedAt: signups.updatedAt,
      eventId: events.id,
      eventTitle: events.title,
      eventUpdatedAt: events.updatedAt,
      place: events.place,
      neighbourhoodName: neighbourhoods.name,
      organisationName: organisations.name,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(events, eq(events.id, shifts.eventId))
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, events.neighbourhoodId))
    .leftJoin(organisations, eq(organisations.id, events.organisationId))
    .where(
      and(
        eq(signups.volunteerId, volunteerId),
        eq(signups.status, "confirmed"),
        sql`${shifts.endsAt} >= ${now - 90 * DAY_MS}`,
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(shifts.id))
    .limit(CALENDAR_FEED_LIMIT)
    .all();
  let lastModified = 0;
  const list = rows.map((r): IcalEvent => {
    const updatedAt = Math.max(
      r.shiftUpdatedAt.getTime(),
      r.signupUpdatedAt.getTime(),
      r.eventUpdatedAt.getTime(),
    );
    lastModified = Math.max(lastModified, updatedAt);
    const url = `${ctx.origin}/activities/${r.eventId}`;
    return {
      uid: `shift-${r.shiftId}@${ctx.uidDomain}`,
      summary: `${r.shiftTitle} – ${r.eventTitle}`,
      description: [r.organisationName, url].filter(Boolean).join("\n"),
      location: placeLine(r.place, r.neighbourhoodName),
      url,
      startsAt: r.startsAt.getTime(),
      endsAt: r.endsAt.getTime(),
      updatedAt,
    };
  });
  return { events: list, lastModified };
}

/**
 * The volunteer's appointments from matches they said yes to (accepted or running), one VEVENT per
 * appointment or per weekly time, which repeats until the need's last day.
 */
export function listVolunteerMatchEvents(
  db: Db,
  volunteerId: string,
  ctx: CalendarContext & { summary: (needTitle: string) => string },
  now = Date.now(),
): { events: IcalEvent[]; lastModified: number } {
  let lastModified = 0;
  const list = listMatchDates(db, volunteerId, now - 90 * DAY_MS).map((d): IcalEvent => {
    lastModified = Math.max(lastModified, d.updatedAt);
    const url = `${ctx.origin}/matches/${d.matchId}`;
    return {
      uid: `${d.key}@${ctx.uidDomain}`,
      summary: ctx.summary(d.needTitle),
      description: url,
      location: placeLine(d.neighbourhoodName),
      url,
      startsAt: d.weekly ? d.weekly.firstStartsAt : d.startsAt,
      endsAt: d.weekly ? d.weekly.firstEndsAt : d.endsAt,
      updatedAt: d.updatedAt,
      ...(d.weekly ? { weekly: true, weeklyUntil: d.weekly.until } : {}),
    };
  });
  return { events: list, lastModified };
}

/**
 * The newest change to any activity or organisation: the Last-Modified of the public feeds. Taken
 * over all rows (not just the public ones), so an activity that left the feed still counts as a change.
 */
export function lastPublicChange(db: Db): number {
  const row = db
    .select({
      events: sql<number | null>`(select max(${events.updatedAt}) from ${events})`,
      organisations: sql<number | null>`(select max(${organisations.updatedAt}) from ${organisations})`,
      translations: sql<
        number | null
      >`(select max(${eventTranslations.updatedAt}) from ${eventTranslations})`,
      shifts: sql<number | null>`(select max(${shifts.updatedAt}) from ${shifts})`,
    })
    .from(sql`(select 1)`)
    .get();
  return Math.max(row?.events ?? 0, row?.organisations ?? 0, row?.translations ?? 0, row?.shifts ?? 0);
}
