/**
 * A volunteer's hours: logging them for a match (unconfirmed until the coordinator or organisation
 * confirms) and reading all of them with their state. Shift hours come from attendance, which the
 * organisation records; they are only read here.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  categories,
  events,
  hoursLog,
  matches,
  needs,
  needSlots,
  neighbourhoods,
  offers,
  shifts,
  signups,
} from "@db/schema";
import { AGREED_MATCH_STATUSES, type HoursSource, type MatchStatus } from "@db/schema/enums";
import { isInWindow, matchWindow, type MatchWindow } from "~/modules/matches/match-window";
import type { FieldErrors } from "~/utils/form-validation";
import type { LogHoursInput } from "./hours.schema";

export interface VolunteerMatchItem {
  matchId: number;
  status: MatchStatus;
  /** What the help is for: the need's title (what was done), not the offer's. */
  needTitle: string;
  offerTitle: string;
  categorySlug: string;
  categoryName: string;
  neighbourhoodName: string;
  proposedAt: number;
  /** The days hours can be for (the appointment, or the recurring need's period so far). */
  window: MatchWindow;
  hoursConfirmed: number;
  hoursPending: number;
  canLogHours: boolean;
}

/** The volunteer's matches (through their own offers), newest first, with hours per state. One query. */
export function listVolunteerMatches(db: Db, volunteerId: string, today: string): VolunteerMatchItem[] {
  const rows = db
    .select({
      matchId: matches.id,
      status: matches.status,
      needId: needs.id,
      needTitle: needs.title,
      needStartsAt: needs.startsAt,
      needEndsAt: needs.endsAt,
      offerTitle: offers.title,
      categorySlug: categories.slug,
      categoryName: categories.name,
      neighbourhoodName: neighbourhoods.name,
      proposedAt: matches.proposedAt,
      hoursConfirmed: sql<number>`(select coalesce(sum(h.hours), 0) from ${hoursLog} h where h.match_id = ${matches.id} and h.confirmed_at is not null)`,
      hoursPending: sql<number>`(select coalesce(sum(h.hours), 0) from ${hoursLog} h where h.match_id = ${matches.id} and h.confirmed_at is null)`,
    })
    .from(matches)
    .innerJoin(offers, eq(offers.id, matches.offerId))
    .innerJoin(needs, eq(needs.id, matches.needId))
    .innerJoin(categories, eq(categories.id, needs.categoryId))
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, needs.neighbourhoodId))
    .where(eq(offers.volunteerId, volunteerId))
    .orderBy(desc(matches.proposedAt), desc(matches.id))
    .all();
  const slots = rows.length
    ? db
        .select({ needId: needSlots.needId, weekday: needSlots.weekday })
        .from(needSlots)
        .where(inArray(needSlots.needId, [...new Set(rows.map((r) => r.needId))]))
        .all()
    : [];
  return rows.map(({ needId, needStartsAt, needEndsAt, ...r }) => {
    const window = matchWindow(
      {
        startsAt: needStartsAt.getTime(),
        endsAt: needEndsAt.getTime(),
        slots: slots.filter((s) => s.needId === needId),
      },
      today,
    );
    return {
      ...r,
      proposedAt: r.proposedAt.getTime(),
      window,
      canLogHours: (AGREED_MATCH_STATUSES as readonly string[]).includes(r.status) && !window.notYet,
    };
  });
}

export type LogHoursResult = { ok: true; id: number } | { ok: false; errors: FieldErrors };

/**
 * Logs hours for one of the volunteer's own matches. Ownership is in the `where` (the match's offer
 * belongs to the volunteer); someone else's match id reads as unknown. `today` is the Berlin date.
 */
export function logMatchHours(
  db: Db,
  volunteerId: string,
  input: LogHoursInput,
  today: string,
): LogHoursResult {
  return db.transaction(
    (tx): LogHoursResult => {
      const match = tx
        .select({
          id: matches.id,
          status: matches.status,
          needId: needs.id,
          categoryId: needs.categoryId,
          needTitle: needs.title,
          needStartsAt: needs.startsAt,
          needEndsAt: needs.endsAt,
        })
        .from(matches)
        .innerJoin(offers, eq(offers.id, matches.offerId))
        .innerJoin(needs, eq(needs.id, matches.needId))
        .where(and(eq(matches.id, input.matchId), eq(offers.volunteerId, volunteerId)))
        .get();
      if (!match) return { ok: false as const, errors: { matchId: "volunteer:errors.matchUnknown" } };
      if (!(AGREED_MATCH_STATUSES as readonly string[]).includes(match.status)) {
        return { ok: false as const, errors: { matchId: "volunteer:errors.matchNotActive" } };
      }
      if (input.date > today) return { ok: false as const, errors: { date: "volunteer:errors.dateFuture" } };
      const slots = tx
        .select({ weekday: needSlots.weekday })
        .from(needSlots)
        .where(eq(needSlots.needId, match.needId))
        .all();
      const window = matchWindow(
        { startsAt: match.needStartsAt.getTime(), endsAt: match.needEndsAt.getTime(), slots },
        today,
      );
      if (!isInWindow(input.date, window)) {
        return { ok: false as const, errors: { date: "volunteer:errors.dateOutsideMatch" } };
      }
      const sameDay = tx
        .select({ total: sql<number>`coalesce(sum(${hoursLog.hours}), 0)` })
        .from(hoursLog)
        .where(and(eq(hoursLog.volunteerId, volunteerId), eq(hoursLog.date, input.date)))
        .get();
      if ((sameDay?.total ?? 0) + input.hours > 24)
        return { ok: false as const, errors: { hours: "volunteer:errors.hoursDayFull" } };
      const created = tx
        .insert(hoursLog)
        .values({
          volunteerId,
          date: input.date,
          hours: input.hours,
          source: "match",
          matchId: match.id,
          categoryId: match.categoryId,
          activity: match.needTitle,
          note: input.note,
        })
        .returning({ id: hoursLog.id })
        .get();
      return { ok: true as const, id: created.id };
    },
    { behavior: "immediate" },
  );
}

export interface HoursEntry {
  id: number;
  date: string;
  hours: number;
  source: HoursSource;
  /** What was done: the activity and shift, or the need a match was for (as recorded, if gone). */
  what: string;
  note: string;
  confirmed: boolean;
  matchId: number | null;
}

/** How many entries the hours page lists. */
export const HOURS_LIST_LIMIT = 200;

/** The volunteer's hours, newest first, and the totals of the calendar year of `today`. Two queries. */
export function listVolunteerHours(db: Db, volunteerId: string, today: string) {
  const entries = db
    .select({
      id: hoursLog.id,
      date: hoursLog.date,
      hours: hoursLog.hours,
      source: hoursLog.source,
      activity: hoursLog.activity,
      note: hoursLog.note,
      confirmedAt: hoursLog.confirmedAt,
      matchId: hoursLog.matchId,
      eventTitle: events.title,
      shiftTitle: shifts.title,
      needTitle: sql<
        string | null
      >`(select n.title from ${matches} m join ${needs} n on n.id = m.need_id where m.id = ${hoursLog.matchId} and n.text_erased_at is null)`,
    })
    .from(hoursLog)
    .leftJoin(signups, eq(signups.id, hoursLog.signupId))
    .leftJoin(shifts, eq(shifts.id, signups.shiftId))
    .leftJoin(events, eq(events.id, shifts.eventId))
    .where(eq(hoursLog.volunteerId, volunteerId))
    .orderBy(desc(hoursLog.date), desc(hoursLog.id))
    .limit(HOURS_LIST_LIMIT)
    .all();
  const year = today.slice(0, 4);
  const totals = hoursTotalsOfYear(db, volunteerId, year);
  return {
    entries: entries.map(
      ({ confirmedAt, activity, eventTitle, shiftTitle, needTitle, ...e }): HoursEntry => ({
        ...e,
        what: hoursWhat({ activity, eventTitle, shiftTitle, needTitle }),
        confirmed: confirmedAt !== null,
      }),
    ),
    year,
    confirmedThisYear: totals.confirmed,
    pendingThisYear: totals.pending,
  };
}

/** What an hours entry was for, in the words a volunteer recognises. */
export function hoursWhat(e: {
  activity: string;
  eventTitle: string | null;
  shiftTitle: string | null;
  needTitle: string | null;
}): string {
  if (e.eventTitle) return e.shiftTitle ? `${e.eventTitle}: ${e.shiftTitle}` : e.eventTitle;
  return e.needTitle || e.activity;
}

/** The volunteer's confirmed and pending hours of a calendar year ("2026"): one query. */
export function hoursTotalsOfYear(
  db: Db,
  volunteerId: string,
  year: string,
): { confirmed: number; pending: number } {
  const totals = db
    .select({
      confirmed: sql<number>`coalesce(sum(case when ${hoursLog.confirmedAt} is not null then ${hoursLog.hours} end), 0)`,
      pending: sql<number>`coalesce(sum(case when ${hoursLog.confirmedAt} is null then ${hoursLog.hours} end), 0)`,
    })
    .from(hoursLog)
    .where(and(eq(hoursLog.volunteerId, volunteerId), sql`substr(${hoursLog.date}, 1, 4) = ${year}`))
    .get();
  return { confirmed: totals?.confirmed ?? 0, pending: totals?.pending ?? 0 };
}
