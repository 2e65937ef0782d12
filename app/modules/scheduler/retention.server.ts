import type { DbOrTx } from "@db/client";
import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import {
  appSettings,
  emailOutbox,
  loginThrottle,
  needs,
  notifications,
  organisations,
  scheduledJobs,
  users,
} from "@db/schema";
import { anonymiseArrivals } from "~/modules/arrivals/retention.server";
import { eraseNeedTexts } from "~/modules/needs/need-text-erasure.server";
import type { JobContext } from "./scheduler.server";
import { pruneGeocodeCache } from "~/modules/outside/geocode-cache.server";

export const RETENTION_JOB = "retention";

export { ERASED_TITLE } from "~/modules/needs/need-text-erasure.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Sent e-mails (they hold names and addresses) and finished jobs are kept this long for support;
 * sent e-mails at most as long as closed needs.
 */
export const OUTBOX_RETENTION_DAYS = 90;
export const JOB_RETENTION_DAYS = 90;
/** Read inbox entries are kept this long. */
export const READ_NOTIFICATION_RETENTION_DAYS = 365;
/**
 * An account whose address was not confirmed within this many days is deleted: nobody could ever use
 * it, and someone who registered another person's address leaves nothing of theirs behind.
 */
export const UNCONFIRMED_ACCOUNT_DAYS = 7;

export interface RetentionReport {
  needsErased: number;
  emailsDeleted: number;
  jobsDeleted: number;
  notificationsDeleted: number;
  unconfirmedAccountsDeleted: number;
  /** Arrivals turned into statistics N months after their last step (arrivals/retention.server.ts). */
  arrivalsAnonymised: number;
}

/**
 * Data minimisation (GDPR art. 5(1)(c,e)): removes the free text of needs closed or cancelled longer
 * than `app_settings.retention_days_closed_needs` — title, description, their translations, and
 * the decline reasons of their matches, and the need title quoted in inbox entries — keeping the row (category, neighbourhood, dates, status)
 * for the statistics. Anonymises arrivals `app_settings.retention_months_arrivals` after their last step.
 * Also drops old sent e-mails, finished jobs, old read inbox entries and accounts never confirmed (with
 * the organisation they registered, which nobody could have used).
 * Idempotent: erased needs are marked by `text_erased_at` and skipped.
 */
export function applyRetention(tx: DbOrTx, now: number): RetentionReport {
  const days =
    tx
      .select({ days: appSettings.retentionDaysClosedNeeds })
      .from(appSettings)
      .where(eq(appSettings.id, 1))
      .get()?.days ?? 365;

  const expired = tx
    .select({ id: needs.id })
    .from(needs)
    .where(
      and(
        inArray(needs.status, ["closed", "cancelled"]),
        lt(needs.closedAt, new Date(now - days * DAY_MS)),
        isNull(needs.textErasedAt),
      ),
    )
    .all()
    .map((r) => r.id);

  eraseNeedTexts(tx, expired, now);
  const arrivalsAnonymised = anonymiseArrivals(tx, now);

  const emailsDeleted = tx
    .delete(emailOutbox)
    .where(
      and(
        eq(emailOutbox.status, "sent"),
        lt(emailOutbox.sentAt, new Date(now - OUTBOX_RETENTION_DAYS * DAY_MS)),
      ),
    )
    .run().changes;
  const jobsDeleted = tx
    .delete(scheduledJobs)
    .where(
      and(
        or(eq(scheduledJobs.status, "done"), eq(scheduledJobs.status, "failed")),
        isNotNull(scheduledJobs.doneAt),
        lt(scheduledJobs.doneAt, new Date(now - JOB_RETENTION_DAYS * DAY_MS)),
      ),
    )
    .run().changes;
  const notificationsDeleted = tx
    .delete(notifications)
    .where(lt(notifications.readAt, new Date(now - READ_NOTIFICATION_RETENTION_DAYS * DAY_MS)))
    .run().changes;

  const unconfirmedAccountsDeleted = deleteUnconfirmedAccounts(tx, now);

  // Answers for addresses nobody names any more (also when no geocoder runs these days).
  pruneGeocodeCache(tx);

  return {
    needsErased: expired.length,
    emailsDeleted,
    jobsDeleted,
    notificationsDeleted,
    unconfirmedAccountsDeleted,
    arrivalsAnonymised,
  };
}

function deleteUnconfirmedAccounts(tx: DbOrTx, now: number): number {
  const stale = tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      and(
        isNull(users.emailVerifiedAt),
        lt(users.createdAt, new Date(now - UNCONFIRMED_ACCOUNT_DAYS * DAY_MS)),
      ),
    )
    .all();
  for (let i = 0; i < stale.length; i += 500) {
    const chunk = stale.slice(i, i + 500);
    const ids = chunk.map((u) => u.id);
    const emails = chunk.map((u) => u.email);
    const idList = sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
    // The organisations they registered: unverified, no other member, nothing posted (they never logged in).
    tx.delete(organisations)
      .where(
        and(
          isNull(organisations.verifiedAt),
          sql`exists (select 1 from memberships m where m.organisation_id = organisations.id and m.user_id in (${idList}))`,
          sql`not exists (select 1 from memberships m where m.organisation_id = organisations.id and m.user_id not in (${idList}))`,
          sql`not exists (select 1 from events e where e.organisation_id = organisations.id)`,
          sql`not exists (select 1 from offers o where o.organisation_id = organisations.id)`,
          sql`not exists (select 1 from needs n where n.organisation_id = organisations.id)`,
        ),
      )
      .run();
    tx.delete(emailOutbox).where(inArray(emailOutbox.toAddress, emails)).run();
    const accountKeys = emails.flatMap((e) =>
      ["login", "reset", "register", "confirm"].map((purpose) => `${purpose}:account:${e}`),
    );
    tx.delete(loginThrottle).where(inArray(loginThrottle.key, accountKeys)).run();
    // The rest (profile, memberships, tokens, inbox) goes with the account (ON DELETE CASCADE).
    tx.delete(users).where(inArray(users.id, ids)).run();
  }
  return stale.length;
}

export function runRetention({ tx, now }: JobContext): void {
  applyRetention(tx, now);
}
