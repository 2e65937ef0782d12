/**
 * The steps of erasing an account (erase.server.ts), one per table group, each in the caller's
 * transaction. docs/decisions/021-erasure-keeps-statistics.md
 */
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
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
import { LIVE_MATCH_STATUSES } from "@db/schema/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { recomputeNeedStatus } from "~/modules/matches/need-match-state.server";
import { escapeHtml } from "~/modules/notifications/email-templates.server";
import { notify } from "~/modules/notifications/notify.server";
import { pruneGeocodeCache } from "~/modules/outside/geocode-cache.server";
import { cancelSignupIn, type SignupNotifier } from "~/modules/signups/signups.server";
import { ERASED, replaceAll, scrubJson } from "./scrub";

export interface ErasedPerson {
  id: string;
  email: string;
  displayName: string;
  phone: string | null;
  role: string;
}

/** The person, or why they cannot be erased: no such account, or the last admin. */
export function findErasable(tx: Tx, userId: string): ErasedPerson | { error: "not_found" | "last_admin" } {
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
  if (!user) return { error: "not_found" };
  if (user.role === "admin") {
    const admins = tx
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(eq(users.role, "admin"))
      .get();
    if ((admins?.n ?? 0) <= 1) return { error: "last_admin" };
  }
  return user;
}

/** The strings that identify the person inside other people's records. */
export function needlesOf(user: ErasedPerson): string[] {
  // A very short display name ("Al") would match unrelated text, so names are only scrubbed from 3
  // characters on.
  const needles = [user.id, user.email, ...(user.displayName.trim().length >= 3 ? [user.displayName] : [])];
  if (user.phone && user.phone.trim().length >= 5) needles.push(user.phone);
  return needles;
}

/**
 * 1. Future sign-ups are cancelled the normal way (the waitlist moves up and hears of it); past ones go
 *    with the account while the shift keeps its confirmed count (it did happen).
 */
export function cancelFutureSignups(tx: Tx, userId: string, now: number): number {
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
    const result = cancelSignupIn(tx, { signupId: id, volunteerId: userId, now }, notifyPromoted);
    if (result.ok) cancelledSignups += 1;
  }
  return cancelledSignups;
}

/**
 * 2. Matches of their offers stay for the statistics (offer_id becomes NULL with the offer); live ones
 *    end, and their free-text decline reasons (the person's words) go.
 */
export function endOfferMatches(
  tx: Tx,
  userId: string,
  now: number,
): { endedMatches: number; keptMatches: number } {
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
  return { endedMatches, keptMatches };
}

/**
 * 3. Hours stay, without the person and without their free-text note. Done before the account is
 *    deleted so hours_log_source_link holds whatever order SQLite applies the foreign-key actions in.
 */
export function keepHoursWithoutPerson(tx: Tx, userId: string): number {
  return tx
    .update(hoursLog)
    .set({ volunteerId: null, note: "" })
    .where(eq(hoursLog.volunteerId, userId))
    .run().changes;
}

/**
 * 4. Audit trail: events about them lose the link and the details; any other event or inbox entry that
 *    quotes their id, address or name has those strings replaced. Returns how many records changed.
 */
export function scrubAuditAndInbox(tx: Tx, userId: string, needles: readonly string[]): number {
  let scrubbedRecords = tx
    .update(auditEvents)
    .set({ entityId: ERASED, details: {} })
    .where(
      and(inArray(auditEvents.entityType, ["user", "volunteer_profile"]), eq(auditEvents.entityId, userId)),
    )
    .run().changes;
  for (const row of tx
    .select({ id: auditEvents.id, details: auditEvents.details })
    .from(auditEvents)
    .where(mentions(auditEvents.details, needles))
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
    .where(and(sql`${notifications.userId} <> ${userId}`, mentions(notifications.params, needles)))
    .all()) {
    const scrubbed = scrubJson(row.params, needles);
    if (!scrubbed.changed) continue;
    tx.update(notifications)
      .set({ params: scrubbed.value as Record<string, string | number> })
      .where(eq(notifications.id, row.id))
      .run();
    scrubbedRecords += 1;
  }
  return scrubbedRecords;
}

/** Matches a JSON column that quotes one of the needles. */
function mentions(
  col: typeof auditEvents.details | typeof notifications.params | typeof scheduledJobs.payload,
  needles: readonly string[],
) {
  return sql.join(
    needles.map((n) => sql`instr(${col}, ${JSON.stringify(n).slice(1, -1)}) > 0`),
    sql` or `,
  );
}

/** 5. E-mails to them go; e-mails to others that quote them are rewritten. Returns how many were. */
export function scrubOutbox(tx: Tx, user: ErasedPerson, needles: readonly string[]): number {
  const userId = user.id;
  let scrubbedRecords = 0;
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
  return scrubbedRecords;
}

/**
 * 6. Jobs about them (reminders…) are pointless now; tokens sent to their address and failed-login
 *    counters keyed by it go too. Returns how many jobs that quote them were rewritten.
 */
export function dropJobsAndKeys(tx: Tx, user: ErasedPerson, needles: readonly string[]): number {
  const userId = user.id;
  let scrubbedRecords = 0;
  tx.delete(scheduledJobs)
    .where(
      sql`exists (select 1 from json_each(${scheduledJobs.payload}) where value in (${userId}, ${user.email}))`,
    )
    .run();
  for (const job of tx
    .select({ id: scheduledJobs.id, lastError: scheduledJobs.lastError, payload: scheduledJobs.payload })
    .from(scheduledJobs)
    .where(
      sql`${mentions(scheduledJobs.payload, needles)} or ${sql.join(
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
  return scrubbedRecords;
}

/** An organisation's address that is still the person's own (registration copied it) goes with them. */
export function clearOrganisationAddress(tx: Tx, email: string): number {
  return tx.update(organisations).set({ email: null }).where(eq(organisations.email, email)).run().changes;
}

/**
 * 7. The account, and by ON DELETE everything that hangs off it (sessions, profile, skills, offers,
 *    memberships, inbox, preferences, tokens; created_by/confirmed_by/verified_by links become NULL).
 *    Returns the organisations it owned that are left without an owner.
 */
export function deleteAccount(tx: Tx, userId: string): number[] {
  const owned = tx
    .select({ organisationId: memberships.organisationId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.role, "owner")))
    .all()
    .map((m) => m.organisationId);

  tx.delete(users).where(eq(users.id, userId)).run();
  // The geocoder's answer for their home address, unless someone else lives at the same address.
  pruneGeocodeCache(tx);

  return owned.filter(
    (organisationId) =>
      !tx
        .select({ one: sql`1` })
        .from(memberships)
        .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "owner")))
        .get(),
  );
}
