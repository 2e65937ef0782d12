import { LIVE_MATCH_STATUSES } from "@db/schema/enums";
import { pruneGeocodeCache } from "~/modules/outside/geocode-cache.server";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  auditEvents,
  authTokens,
  emailOutbox,
  events,
  hoursLog,
  loginThrottle,
  matches,
  memberships,
  needs,
  notifications,
  offers,
  organisations,
  scheduledJobs,
  shifts,
  signups,
  users,
} from "@db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { recomputeNeedStatus } from "~/modules/matches/need-match-state.server";
import { escapeHtml } from "~/modules/notifications/email-templates.server";
import { notify } from "~/modules/notifications/notify.server";
import { cancelSignup, type SignupNotifier } from "~/modules/signups/signups.server";

/*
 * Erasure (GDPR art. 17) that keeps aggregate statistics: see docs/decisions/021-erasure-keeps-statistics.md.
 * What stays, without the person: hours (volunteer_id NULL), matches of their offers (offer_id NULL),
 * needs and activities they recorded (created_by NULL), audit events (actor NULL, details scrubbed),
 * past shifts' confirmed counts. What goes: the account and everything that hangs off it.
 */

/** What replaces the person's name, address or id where it appears inside someone else's record. */
export const ERASED = "[erased]";

export type EraseResult =
  | { ok: true; report: EraseReport }
  | { ok: false; error: "not_found" | "last_admin" };

export interface EraseReport {
  cancelledSignups: number;
  endedMatches: number;
  keptMatches: number;
  keptHours: number;
  /** Organisations left without an owner (an admin should appoint one). */
  organisationsWithoutOwner: number[];
  scrubbedRecords: number;
  /** False when a reader kept the WAL from being emptied (it is emptied at the next checkpoint). */
  walTruncated: boolean;
}

export interface EraseOptions {
  now?: number;
  /** The admin erasing someone else's account; omitted when people erase their own. */
  actorId?: string;
}

/** Replaces every string that contains one of `needles` (deeply, in a JSON value). */
export function scrubJson(value: unknown, needles: readonly string[]): { value: unknown; changed: boolean } {
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      if (needles.some((n) => v.includes(n))) {
        changed = true;
        return ERASED;
      }
      return v;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return { value: walk(value), changed };
}

function replaceAll(text: string, needles: readonly string[]): string {
  return needles.reduce((out, needle) => out.split(needle).join(ERASED), text);
}

/**
 * Erases an account in one transaction and empties the WAL afterwards, so that (with `secure_delete`)
 * nothing of the person is left in the database or WAL files. Refuses to erase the last admin.
 */
export function eraseAccount(db: Db, userId: string, options: EraseOptions = {}): EraseResult {
  const now = options.now ?? Date.now();
  const outcome = db.transaction(
    (tx): EraseResult => {
      const user = tx
        .select({
          id: users.id,
          email: users.email,
          displayName: users.displayName,
          phone: users.phone,
          role: users.role,
        })
        .from(users)
        .where(eq(users.id, userId))
        .get();
      if (!user) return { ok: false, error: "not_found" };
      if (user.role === "admin") {
        const admins = tx
          .select({ n: sql<number>`count(*)` })
          .from(users)
          .where(eq(users.role, "admin"))
          .get();
        if ((admins?.n ?? 0) <= 1) return { ok: false, error: "last_admin" };
      }

      // Strings that identify the person inside other people's records. A very short display name
      // ("Al") would match unrelated text, so names are only scrubbed from 3 characters on.
      const needles = [
        user.id,
        user.email,
        ...(user.displayName.trim().length >= 3 ? [user.displayName] : []),
      ];
      if (user.phone && user.phone.trim().length >= 5) needles.push(user.phone);

      // 1. Future sign-ups are cancelled the normal way (the waitlist moves up and hears of it); past
      //    ones go with the account while the shift keeps its confirmed count (it did happen).
      const future = tx
        .select({ id: signups.id })
        .from(signups)
        .innerJoin(shifts, eq(shifts.id, signups.shiftId))
        .where(
          and(
            eq(signups.volunteerId, userId),
            inArray(signups.status, ["confirmed", "waitlisted"]),
            gt(shifts.startsAt, new Date(now)),
          ),
        )
        .orderBy(asc(signups.id))
        .all();
      const notifyPromoted: SignupNotifier = (txn, event) => {
        const shift = txn
          .select({ shiftTitle: shifts.title, startsAt: shifts.startsAt, eventTitle: events.title })
          .from(shifts)
          .innerJoin(events, eq(events.id, shifts.eventId))
          .where(eq(shifts.id, event.shiftId))
          .get();
        if (!shift) return;
        notify(txn, {
          userId: event.volunteerId,
          kind: "waitlist_promoted",
          params: {
            eventTitle: shift.eventTitle,
            shiftTitle: shift.shiftTitle,
            startsAt: shift.startsAt.getTime(),
          },
        });
      };
      let cancelledSignups = 0;
      for (const { id } of future) {
        const result = cancelSignup(
          tx as unknown as Db,
          { signupId: id, volunteerId: userId, now },
          notifyPromoted,
        );
        if (result.ok) cancelledSignups += 1;
      }

      // 2. Matches of their offers stay for the statistics (offer_id becomes NULL with the offer); live
      //    ones end, and their free-text decline reasons (the person's words) go.
      const offerIds = tx
        .select({ id: offers.id })
        .from(offers)
        .where(eq(offers.volunteerId, userId))
        .all()
        .map((o) => o.id);
      let endedMatches = 0;
      let keptMatches = 0;
      const needsTouched = new Set<number>();
      for (let i = 0; i < offerIds.length; i += 500) {
        const chunk = offerIds.slice(i, i + 500);
        const live = tx
          .update(matches)
          .set({ status: "ended", endedAt: new Date(now) })
          .where(and(inArray(matches.offerId, chunk), inArray(matches.status, [...LIVE_MATCH_STATUSES])))
          .returning({ needId: matches.needId })
          .all();
        endedMatches += live.length;
        for (const m of live) needsTouched.add(m.needId);
        keptMatches += tx
          .update(matches)
          .set({ declineReason: null })
          .where(inArray(matches.offerId, chunk))
          .run().changes;
      }
      // A need that lost a helper is open (or partly matched) again, and its coordinator sees why.
      for (const needId of needsTouched) {
        recomputeNeedStatus(tx, needId, null);
        const need = tx.select({ nb: needs.neighbourhoodId }).from(needs).where(eq(needs.id, needId)).get();
        recordAudit(tx, {
          actorId: null,
          action: "need.helper_erased",
          entityType: "need",
          entityId: needId,
          neighbourhoodId: need?.nb ?? null,
          details: { reason: "account_erased" },
        });
      }

      // 3. Hours stay, without the person and without their free-text note. Done before the account is
      //    deleted so hours_log_source_link holds whatever order SQLite applies the foreign-key actions in.
      const keptHours = tx
        .update(hoursLog)
        .set({ volunteerId: null, note: "" })
        .where(eq(hoursLog.volunteerId, userId))
        .run().changes;

      // 4. Audit trail: events about them lose the link and the details; any other event, inbox entry,
      //    e-mail or job that quotes their id, address or name has those strings replaced.
      let scrubbedRecords = tx
        .update(auditEvents)
        .set({ entityId: ERASED, details: {} })
        .where(
          and(
            inArray(auditEvents.entityType, ["user", "volunteer_profile"]),
            eq(auditEvents.entityId, userId),
          ),
        )
        .run().changes;
      const mentions = (
        col: typeof auditEvents.details | typeof notifications.params | typeof scheduledJobs.payload,
      ) =>
        sql.join(
          needles.map((n) => sql`instr(${col}, ${JSON.stringify(n).slice(1, -1)}) > 0`),
          sql` or `,
        );
      for (const row of tx
        .select({ id: auditEvents.id, details: auditEvents.details })
        .from(auditEvents)
        .where(mentions(auditEvents.details))
        .all()) {
        const scrubbed = scrubJson(row.details, needles);
        if (!scrubbed.changed) continue;
        tx.update(auditEvents)
          .set({ details: scrubbed.value as Record<string, unknown> })
          .where(eq(auditEvents.id, row.id))
          .run();
        scrubbedRecords += 1;
      }
      for (const row of tx
        .select({ id: notifications.id, params: notifications.params })
        .from(notifications)
        .where(and(sql`${notifications.userId} <> ${userId}`, mentions(notifications.params)))
        .all()) {
        const scrubbed = scrubJson(row.params, needles);
        if (!scrubbed.changed) continue;
        tx.update(notifications)
          .set({ params: scrubbed.value as Record<string, string | number> })
          .where(eq(notifications.id, row.id))
          .run();
        scrubbedRecords += 1;
      }

      // 5. E-mails to them go; e-mails to others that quote them are rewritten.
      tx.delete(emailOutbox)
        .where(sql`${emailOutbox.userId} = ${userId} or ${emailOutbox.toAddress} = ${user.email}`)
        .run();
      const htmlNeedles = [...new Set([...needles, ...needles.map(escapeHtml)])];
      const quoted = sql.join(
        [
          ...needles.flatMap((n) => [
            sql`instr(${emailOutbox.subject}, ${n}) > 0`,
            sql`instr(${emailOutbox.bodyText}, ${n}) > 0`,
            sql`instr(coalesce(${emailOutbox.lastError}, ''), ${n}) > 0`,
          ]),
          ...htmlNeedles.map((n) => sql`instr(${emailOutbox.bodyHtml}, ${n}) > 0`),
        ],
        sql` or `,
      );
      for (const mail of tx.select().from(emailOutbox).where(quoted).all()) {
        tx.update(emailOutbox)
          .set({
            subject: replaceAll(mail.subject, needles),
            bodyText: replaceAll(mail.bodyText, needles),
            bodyHtml: replaceAll(mail.bodyHtml, htmlNeedles),
            lastError: mail.lastError === null ? null : replaceAll(mail.lastError, needles),
          })
          .where(eq(emailOutbox.id, mail.id))
          .run();
        scrubbedRecords += 1;
      }

      // 6. Jobs about them (reminders…) are pointless now; tokens sent to their address and failed-login
      //    counters keyed by it go too.
      tx.delete(scheduledJobs)
        .where(
          sql`exists (select 1 from json_each(${scheduledJobs.payload}) where value in (${userId}, ${user.email}))`,
        )
        .run();
      for (const job of tx
        .select({ id: scheduledJobs.id, lastError: scheduledJobs.lastError, payload: scheduledJobs.payload })
        .from(scheduledJobs)
        .where(
          sql`${mentions(scheduledJobs.payload)} or ${sql.join(
            needles.map((n) => sql`instr(coalesce(${scheduledJobs.lastError}, ''), ${n}) > 0`),
            sql` or `,
          )}`,
        )
        .all()) {
        tx.update(scheduledJobs)
          .set({
            payload: scrubJson(job.payload, needles).value as Record<string, string | number>,
            lastError: job.lastError === null ? null : replaceAll(job.lastError, needles),
          })
          .where(eq(scheduledJobs.id, job.id))
          .run();
        scrubbedRecords += 1;
      }
      tx.delete(authTokens).where(eq(authTokens.email, user.email)).run();
      const accountKey = `:account:${user.email}`;
      const userKey = `:user:${userId}`;
      tx.delete(loginThrottle)
        .where(
          sql`substr(${loginThrottle.key}, -length(${accountKey})) = ${accountKey} or substr(${loginThrottle.key}, -length(${userKey})) = ${userKey}`,
        )
        .run();
      // An organisation's address that is still the person's own (registration copied it) goes with them.
      scrubbedRecords += tx
        .update(organisations)
        .set({ email: null })
        .where(eq(organisations.email, user.email))
        .run().changes;

      const owned = tx
        .select({ organisationId: memberships.organisationId })
        .from(memberships)
        .where(and(eq(memberships.userId, userId), eq(memberships.role, "owner")))
        .all()
        .map((m) => m.organisationId);

      // 7. The account, and by ON DELETE everything that hangs off it (sessions, profile, skills, offers,
      //    memberships, inbox, preferences, tokens; created_by/confirmed_by/verified_by links become NULL).
      tx.delete(users).where(eq(users.id, userId)).run();
      // The geocoder's answer for their home address, unless someone else lives at the same address.
      pruneGeocodeCache(tx);

      const organisationsWithoutOwner = owned.filter(
        (organisationId) =>
          !tx
            .select({ one: sql`1` })
            .from(memberships)
            .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "owner")))
            .get(),
      );

      // That an erasure happened is kept (accountability), but not whose.
      recordAudit(tx, {
        actorId: options.actorId && options.actorId !== userId ? options.actorId : null,
        action: "user.erased",
        entityType: "user",
        entityId: ERASED,
        neighbourhoodId: null,
      });

      return {
        ok: true,
        report: {
          cancelledSignups,
          endedMatches,
          keptMatches,
          keptHours,
          organisationsWithoutOwner,
          scrubbedRecords,
          walTruncated: false,
        },
      };
    },
    { behavior: "immediate" },
  );
  if (!outcome.ok) return outcome;
  outcome.report.walTruncated = truncateWal(db);
  return outcome;
}

/**
 * Copies the WAL into the database and truncates it to zero bytes, so erased rows (zeroed in the
 * database by secure_delete) do not live on in old WAL frames. Returns false if a reader prevented it.
 */
export function truncateWal(db: Db): boolean {
  const [row] = db.$client.pragma("wal_checkpoint(TRUNCATE)") as {
    busy: number;
    log: number;
    checkpointed: number;
  }[];
  return !!row && row.busy === 0;
}
