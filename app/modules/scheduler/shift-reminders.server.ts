import type { DbOrTx } from "@db/client";
import { and, eq, gt, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { appSettings, events, eventTranslations, shifts, signups, users } from "@db/schema";
import { notify } from "~/modules/notifications/notify.server";
import { schedule, scheduleMany, type ScheduleInput } from "./schedule.server";
import { type JobContext } from "./scheduler.server";

export const SHIFT_REMINDER_JOB = "shift_reminder";
export const PLAN_SHIFT_REMINDERS_JOB = "plan_shift_reminders";

const HOUR_MS = 60 * 60 * 1000;
/** How far beyond the reminder window the planner looks: generous, scheduling is idempotent. */
const PLANNING_HORIZON_MS = 48 * HOUR_MS;

export function reminderHoursBefore(tx: DbOrTx): number {
  const row = tx
    .select({ hours: appSettings.reminderHoursBefore })
    .from(appSettings)
    .where(eq(appSettings.id, 1))
    .get();
  return row?.hours ?? 24;
}

export function shiftReminderKey(signupId: number, shiftStartsAt: number): string {
  return `reminder:${signupId}:${shiftStartsAt}`;
}

interface ReminderCandidate {
  signupId: number;
  shiftStartsAt: number;
  /** When the person got their place: sign-up, or promotion from the waiting list. */
  confirmedAt: number;
}

/**
 * The reminder job for a confirmed sign-up, or null when none is due: the shift has begun, or the
 * person got their place only after the reminder time (they were just told by the confirmation or
 * promotion message; a reminder minutes later would be noise). A reminder whose time passed while
 * no process ran is still sent, as long as the shift has not begun.
 */
export function reminderJobFor(
  candidate: ReminderCandidate,
  hoursBefore: number,
  now: number,
): ScheduleInput | null {
  const reminderAt = candidate.shiftStartsAt - hoursBefore * HOUR_MS;
  if (candidate.shiftStartsAt <= now || candidate.confirmedAt >= reminderAt) return null;
  return {
    kind: SHIFT_REMINDER_JOB,
    dedupeKey: shiftReminderKey(candidate.signupId, candidate.shiftStartsAt),
    runAt: reminderAt,
    payload: { signupId: candidate.signupId, shiftStartsAt: candidate.shiftStartsAt },
  };
}

/**
 * Schedules the reminder of one sign-up (idempotent). The flows can call it in the transaction that
 * confirms or promotes a sign-up; the periodic planner catches every sign-up anyway.
 */
export function scheduleShiftReminder(tx: DbOrTx, signupId: number, now: number = Date.now()): boolean {
  const row = tx
    .select({
      signupId: signups.id,
      status: signups.status,
      shiftStartsAt: shifts.startsAt,
      createdAt: signups.createdAt,
      promotedAt: signups.promotedAt,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .where(eq(signups.id, signupId))
    .get();
  if (!row || row.status !== "confirmed") return false;
  const job = reminderJobFor(
    {
      signupId: row.signupId,
      shiftStartsAt: row.shiftStartsAt.getTime(),
      confirmedAt: (row.promotedAt ?? row.createdAt).getTime(),
    },
    reminderHoursBefore(tx),
    now,
  );
  return job ? schedule(tx, job) : false;
}

/**
 * The periodic planner: schedules reminders for every confirmed sign-up on a shift that starts
 * soon, wherever the sign-up was created. One query plus one insert per run.
 */
export function planShiftReminders(tx: DbOrTx, now: number): number {
  const hours = reminderHoursBefore(tx);
  const rows = tx
    .select({
      signupId: signups.id,
      shiftStartsAt: shifts.startsAt,
      createdAt: signups.createdAt,
      promotedAt: signups.promotedAt,
    })
    .from(shifts)
    .innerJoin(events, eq(events.id, shifts.eventId))
    .innerJoin(signups, and(eq(signups.shiftId, shifts.id), eq(signups.status, "confirmed")))
    .where(
      and(
        gt(shifts.startsAt, new Date(now)),
        lte(shifts.startsAt, new Date(now + hours * HOUR_MS + PLANNING_HORIZON_MS)),
        sql`${events.status} <> 'cancelled'`,
      ),
    )
    .all();
  const jobs = rows
    .map((r) =>
      reminderJobFor(
        {
          signupId: r.signupId,
          shiftStartsAt: r.shiftStartsAt.getTime(),
          confirmedAt: (r.promotedAt ?? r.createdAt).getTime(),
        },
        hours,
        now,
      ),
    )
    .filter((job) => job !== null);
  let scheduled = 0;
  // Bounded statements: SQLite limits the number of bound parameters per statement.
  for (let i = 0; i < jobs.length; i += 200) scheduled += scheduleMany(tx, jobs.slice(i, i + 200));
  return scheduled;
}

const translation = alias(eventTranslations, "translation");

/**
 * Sends one reminder — unless, by now, the sign-up was cancelled, the shift moved (a new reminder
 * has its own key) or already began, or the activity was cancelled. Then the job just completes.
 */
export function sendShiftReminder({ tx, job, now }: JobContext): void {
  const signupId = Number(job.payload.signupId);
  const shiftStartsAt = Number(job.payload.shiftStartsAt);
  const row = tx
    .select({
      status: signups.status,
      volunteerId: signups.volunteerId,
      shiftTitle: shifts.title,
      startsAt: shifts.startsAt,
      eventId: events.id,
      eventStatus: events.status,
      eventTitle: events.title,
      translatedTitle: translation.title,
      place: events.place,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(events, eq(events.id, shifts.eventId))
    .innerJoin(users, eq(users.id, signups.volunteerId))
    .leftJoin(translation, and(eq(translation.eventId, events.id), eq(translation.locale, users.locale)))
    .where(eq(signups.id, signupId))
    .get();
  if (!row || row.status !== "confirmed" || row.eventStatus === "cancelled") return;
  if (row.startsAt.getTime() !== shiftStartsAt || shiftStartsAt <= now) return;
  notify(tx, {
    userId: row.volunteerId,
    kind: "shift_reminder",
    params: {
      eventTitle: row.translatedTitle ?? row.eventTitle,
      shiftTitle: row.shiftTitle,
      startsAt: shiftStartsAt,
      place: row.place,
    },
    link: `/activities/${row.eventId}`,
  });
}
