/**
 * After a shift the organisation marks who came. "Present" logs the shift's hours for the volunteer,
 * confirmed by the member who marked it, exactly once (hours_log.signup_id is unique); "no-show" logs
 * none, and turning a "present" into a "no-show" takes the hours back out.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@db/client";
import { events, hoursLog, shifts, signups } from "@db/schema";
import type { Attendance } from "@db/schema/enums";
import { notify } from "~/modules/notifications/notify.server";
import { zonedIsoDate } from "~/utils/time";

export type AttendanceResult =
  | { ok: true; attendance: Attendance; hoursLogged: number | null }
  | { ok: false; error: "not_found" | "not_confirmed" | "not_started" };

/** Shift length in hours, to the quarter hour (hours_log takes at most 24 per entry). */
export function shiftHours(startsAt: number, endsAt: number): number {
  const hours = Math.round(((endsAt - startsAt) / 3_600_000) * 4) / 4;
  return Math.min(24, Math.max(0.25, hours));
}

export function markAttendance(
  db: Db,
  input: {
    signupId: number;
    /** The activity whose page the sign-up was marked on: a sign-up of another activity is not found. */
    eventId: number;
    organisationId: number;
    attendance: Attendance;
    memberId: string;
    now?: number;
  },
): AttendanceResult {
  const now = input.now ?? Date.now();
  return db.transaction(
    (tx): AttendanceResult => {
      const row = tx
        .select({
          id: signups.id,
          status: signups.status,
          attendance: signups.attendance,
          volunteerId: signups.volunteerId,
          startsAt: shifts.startsAt,
          endsAt: shifts.endsAt,
          eventTitle: events.title,
          categoryId: events.categoryId,
        })
        .from(signups)
        .innerJoin(shifts, eq(shifts.id, signups.shiftId))
        .innerJoin(events, eq(events.id, shifts.eventId))
        .where(
          and(
            eq(signups.id, input.signupId),
            eq(events.id, input.eventId),
            eq(events.organisationId, input.organisationId),
          ),
        )
        .get();
      if (!row) return { ok: false, error: "not_found" };
      if (row.status !== "confirmed") return { ok: false, error: "not_confirmed" };
      if (row.startsAt.getTime() > now) return { ok: false, error: "not_started" };

      tx.update(signups).set({ attendance: input.attendance }).where(eq(signups.id, row.id)).run();
      if (input.attendance === "no_show") {
        tx.delete(hoursLog).where(eq(hoursLog.signupId, row.id)).run();
        return { ok: true, attendance: "no_show", hoursLogged: null };
      }

      const hours = shiftHours(row.startsAt.getTime(), row.endsAt.getTime());
      const date = zonedIsoDate(row.startsAt.getTime());
      const inserted = tx
        .insert(hoursLog)
        .values({
          volunteerId: row.volunteerId,
          date,
          hours,
          source: "shift",
          signupId: row.id,
          organisationId: input.organisationId,
          categoryId: row.categoryId,
          activity: row.eventTitle,
          confirmedBy: input.memberId,
          confirmedAt: new Date(now),
        })
        .onConflictDoNothing({ target: hoursLog.signupId })
        .returning({ id: hoursLog.id })
        .get();
      if (inserted) {
        notify(tx, {
          userId: row.volunteerId,
          kind: "hours_confirmed",
          params: { hours, date },
          link: "/volunteer/hours",
        });
      }
      return { ok: true, attendance: "present", hoursLogged: inserted ? hours : null };
    },
    { behavior: "immediate" },
  );
}
