/**
 * The week view of shifts (issue 16): the public activities' shifts of one week, Monday to Sunday in
 * Europe/Berlin, filtered like the activities list, at most SHIFTS_PER_DAY per day (and whether there
 * are more, so the page can link to the list of that day). Nine queries whatever the week holds: seven
 * days, the details of the shifts shown, the reader's sign-ups.
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@db/client";
import { events, eventTranslations, neighbourhoods, organisations, shifts, signups } from "@db/schema";
import type { SignupStatus, UiLocale } from "@db/schema/enums";
import { isoWeekBounds } from "~/modules/signups/week";
import { startOfZonedDay, zonedIsoDate } from "~/utils/time";
import { listActiveCategories, listNeighbourhoods } from "~/modules/places/places.server";
import { activityChoiceConditions } from "./public-activities.server";
import { parseShiftWeekFilter, type ShiftWeekFilter } from "./shift-week.schema";

/** A day shows this many shifts; the rest are a link to the list of that day. */
export const SHIFTS_PER_DAY = 25;
const DAY_MS = 86_400_000;

export interface WeekShift {
  id: number;
  title: string;
  eventId: number;
  eventTitle: string;
  startsAt: number;
  endsAt: number;
  neighbourhoodName: string;
  placesLeft: number;
  neededCount: number;
  requiresCertificate: boolean;
  /** The shift has ended. */
  past: boolean;
  /** The reader's live sign-up, if any. */
  mySignup: Exclude<SignupStatus, "cancelled"> | null;
}

export interface WeekDay {
  /** ISO date (Europe/Berlin). */
  date: string;
  /** More shifts of this day match the filter than `shifts` holds: the page links to the list. */
  more: boolean;
  shifts: WeekShift[];
}

export interface ShiftWeek {
  /** Monday of the week (ISO date) and the Mondays before and after it. */
  monday: string;
  sunday: string;
  previous: string;
  next: string;
  thisWeek: string;
  days: WeekDay[];
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The Monday (ISO date) of the week that holds `isoDate` or, without one, `now`. */
export function mondayOf(isoDate: string | undefined, now: number): string {
  const instant = isoDate ? startOfZonedDay(isoDate) + 12 * 3_600_000 : now;
  return zonedIsoDate(isoWeekBounds(instant).start);
}

export function loadShiftWeek(
  db: Db,
  filter: ShiftWeekFilter,
  options: { locale: UiLocale; now?: number; userId?: string | null },
): ShiftWeek {
  const now = options.now ?? Date.now();
  const monday = mondayOf(filter.week, now);
  const dates = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  // Day starts in Berlin time (a week with a daylight-saving switch has a 23 or 25 hour day).
  const starts = [...dates, addDays(monday, 7)].map(startOfZonedDay);
  const dayIndex = sql.raw(
    `case ${starts
      .slice(1, 7)
      .map((s, i) => `when shifts.starts_at < ${s} then ${i}`)
      .join(" ")} else 6 end`,
  );

  const conditions: SQL[] = [
    // isPublicActivity, with `+` on the status: it keeps SQLite from driving the query from the events'
    // status index (every published activity, then its shifts, then a sort), the plan it chose for a
    // state's 200,000 activities (1.1 s a day). Each day reads shifts in start order instead and stops
    // after the first ones it shows (ADR 082).
    sql`+${events.status} = 'published'`,
    sql`(${events.organisationId} is null or ${organisations.verifiedAt} is not null)`,
    sql`${shifts.startsAt} >= ${starts[0]!}`,
    sql`${shifts.startsAt} < ${starts[7]!}`,
  ];
  conditions.push(...activityChoiceConditions(filter));

  const where = and(...conditions);
  const fromShifts = () =>
    db
      .select({ id: shifts.id })
      .from(shifts)
      .innerJoin(events, eq(events.id, shifts.eventId))
      .leftJoin(organisations, eq(organisations.id, events.organisationId));
  // Each day's first shifts through the start-time index (a city has thousands a week: a day stops
  // reading after one more than it shows, which tells whether there are more), then their details.
  const more = new Set<number>();
  const shownIds = starts.slice(0, 7).flatMap((dayStart, i) => {
    const ids = fromShifts()
      .where(and(where, sql`${shifts.startsAt} >= ${dayStart}`, sql`${shifts.startsAt} < ${starts[i + 1]!}`))
      .orderBy(shifts.startsAt, shifts.id)
      .limit(SHIFTS_PER_DAY + 1)
      .all()
      .map((r) => r.id);
    if (ids.length > SHIFTS_PER_DAY) more.add(i);
    return ids.slice(0, SHIFTS_PER_DAY);
  });
  const rows =
    shownIds.length === 0
      ? []
      : db
          .select({
            id: shifts.id,
            title: shifts.title,
            eventId: events.id,
            eventTitle: sql<string>`coalesce(${eventTranslations.title}, ${events.title})`,
            startsAt: sql<number>`${shifts.startsAt}`,
            endsAt: sql<number>`${shifts.endsAt}`,
            neighbourhoodName: neighbourhoods.name,
            neededCount: shifts.neededCount,
            placesLeft: sql<number>`${shifts.neededCount} - ${shifts.confirmedCount}`,
            requiresCertificate: shifts.requiresCertificate,
            day: sql<number>`${dayIndex}`,
          })
          .from(shifts)
          .innerJoin(events, eq(events.id, shifts.eventId))
          .innerJoin(neighbourhoods, eq(neighbourhoods.id, events.neighbourhoodId))
          .leftJoin(
            eventTranslations,
            and(eq(eventTranslations.eventId, events.id), eq(eventTranslations.locale, options.locale)),
          )
          .where(inArray(shifts.id, shownIds))
          .orderBy(shifts.startsAt, shifts.id)
          .all();

  const mine = new Map<number, Exclude<SignupStatus, "cancelled">>();
  if (options.userId && rows.length > 0) {
    for (const s of db
      .select({ shiftId: signups.shiftId, status: signups.status })
      .from(signups)
      .where(
        and(
          eq(signups.volunteerId, options.userId),
          inArray(
            signups.shiftId,
            rows.map((r) => r.id),
          ),
          sql`${signups.status} <> 'cancelled'`,
        ),
      )
      .all()) {
      if (s.status !== "cancelled") mine.set(s.shiftId, s.status);
    }
  }

  const days: WeekDay[] = dates.map((date, i) => ({ date, more: more.has(i), shifts: [] }));
  for (const row of rows) {
    const day = days[row.day]!;
    day.shifts.push({
      id: row.id,
      title: row.title,
      eventId: row.eventId,
      eventTitle: row.eventTitle,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      neighbourhoodName: row.neighbourhoodName,
      placesLeft: Math.max(0, row.placesLeft),
      neededCount: row.neededCount,
      requiresCertificate: !!row.requiresCertificate,
      past: row.endsAt <= now,
      mySignup: mine.get(row.id) ?? null,
    });
  }
  return {
    monday,
    sunday: dates[6]!,
    previous: addDays(monday, -7),
    next: addDays(monday, 7),
    thisWeek: mondayOf(undefined, now),
    days,
  };
}

/**
 * What both week pages load (the public one and the volunteer's): the filter from the URL, with a
 * well-formed but unknown place or category reported next to its field, the week, and the choices.
 */
export function shiftWeekPageData(db: Db, url: URL, options: { locale: UiLocale; userId: string | null }) {
  const { filter, errors } = parseShiftWeekFilter(url.searchParams);
  const neighbourhoodList = listNeighbourhoods(db);
  const categoryList = listActiveCategories(db);
  if (filter.neighbourhood && !neighbourhoodList.some((n) => n.slug === filter.neighbourhood)) {
    errors.neighbourhood = "activities:filter.errors.unknown";
    delete filter.neighbourhood;
  }
  if (filter.category && !categoryList.some((c) => c.slug === filter.category)) {
    errors.category = "activities:filter.errors.unknown";
    delete filter.category;
  }
  return {
    filter,
    errors,
    week: loadShiftWeek(db, filter, options),
    neighbourhoods: neighbourhoodList.map(({ slug, name }) => ({ slug, name })),
    categories: categoryList.map(({ slug, name }) => ({ slug, name })),
  };
}
