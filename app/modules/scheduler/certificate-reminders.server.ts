import type { DbOrTx } from "@db/client";
import { and, eq, gte, isNotNull, lte } from "drizzle-orm";
import { volunteerProfiles } from "@db/schema";
import { notify } from "~/modules/notifications/notify.server";
import { startOfZonedDay, zonedIsoDate } from "~/utils/time";
import { scheduleMany } from "./schedule.server";
import { type JobContext } from "./scheduler.server";

export const CERTIFICATE_EXPIRING_JOB = "certificate_expiring";
export const PLAN_CERTIFICATE_REMINDERS_JOB = "plan_certificate_reminders";

/** The notice goes out this many days before the certificate of conduct runs out. */
export const CERTIFICATE_NOTICE_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Schedules one notice per certificate (keyed by person and expiry date, so a renewed certificate
 * gets its own) for every verified certificate that runs out within the notice period or a week
 * beyond it. A notice whose day passed while no process ran goes out late rather than never.
 */
export function planCertificateReminders(tx: DbOrTx, now: number): number {
  const today = zonedIsoDate(now);
  const rows = tx
    .select({ userId: volunteerProfiles.userId, validUntil: volunteerProfiles.certificateValidUntil })
    .from(volunteerProfiles)
    .where(
      and(
        isNotNull(volunteerProfiles.certificateVerifiedAt),
        gte(volunteerProfiles.certificateValidUntil, today),
        lte(volunteerProfiles.certificateValidUntil, addDays(today, CERTIFICATE_NOTICE_DAYS + 7)),
      ),
    )
    .all();
  const jobs = rows.flatMap((r) =>
    r.validUntil
      ? [
          {
            kind: CERTIFICATE_EXPIRING_JOB,
            dedupeKey: `certificate:${r.userId}:${r.validUntil}`,
            // 09:00 local time on the notice day: not in the middle of the night.
            runAt: startOfZonedDay(addDays(r.validUntil, -CERTIFICATE_NOTICE_DAYS)) + 9 * 60 * 60 * 1000,
            payload: { userId: r.userId, validUntil: r.validUntil },
          },
        ]
      : [],
  );
  let scheduled = 0;
  for (let i = 0; i < jobs.length; i += 200) scheduled += scheduleMany(tx, jobs.slice(i, i + 200));
  return scheduled;
}

/** Sends the notice, unless the certificate was renewed, removed, or has already run out. */
export function sendCertificateReminder({ tx, job, now }: JobContext): void {
  const userId = String(job.payload.userId);
  const validUntil = String(job.payload.validUntil);
  const profile = tx
    .select({ validUntil: volunteerProfiles.certificateValidUntil })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.userId, userId))
    .get();
  if (!profile || profile.validUntil !== validUntil) return;
  if (startOfZonedDay(validUntil) + DAY_MS <= now) return;
  notify(tx, { userId, kind: "certificate_expiring", params: { validUntil }, link: "/volunteer/profile" });
}
