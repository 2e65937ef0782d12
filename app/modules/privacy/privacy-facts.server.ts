import { eq } from "drizzle-orm";
import type { Db } from "@db/client";
import { appSettings } from "@db/schema";
import { SESSION_POLICY } from "~/modules/auth/session.server";
import {
  OUTBOX_RETENTION_DAYS,
  READ_NOTIFICATION_RETENTION_DAYS,
} from "~/modules/scheduler/retention.server";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The periods the privacy page states, from this installation's settings and code — never copied by hand. */
export function privacyFacts(db: Db) {
  const settings = db
    .select({
      days: appSettings.retentionDaysClosedNeeds,
      arrivalMonths: appSettings.retentionMonthsArrivals,
    })
    .from(appSettings)
    .where(eq(appSettings.id, 1))
    .get();
  return {
    closedNeedTextDays: settings?.days ?? 365,
    arrivalMonths: settings?.arrivalMonths ?? 12,
    sessionIdleDays: Math.round(SESSION_POLICY.standard.idleMs / DAY_MS),
    privilegedSessionIdleMinutes: Math.round(SESSION_POLICY.privileged.idleMs / 60_000),
    sentEmailDays: OUTBOX_RETENTION_DAYS,
    readNotificationDays: READ_NOTIFICATION_RETENTION_DAYS,
  };
}
