/**
 * Messages from an organisation to the helpers of one shift or of a whole activity (issue 16): the
 * preview of who receives one, sending it (inbox and e-mail through notify, rate-limited, recorded with
 * the shift), the messages sent so far, and the text offered after a shift's time or place changed.
 */
import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { events, neighbourhoods, organisations, shiftMessages, shifts, signups, users } from "@db/schema";
import type { AuthUser } from "~/modules/auth/auth-user";
import { isMemberOf } from "~/modules/permissions/permissions";
import { recordAudit } from "~/modules/audit/audit.server";
import { notify } from "~/modules/notifications/notify.server";
import type { FieldErrors } from "~/utils/form-validation";

import { MESSAGES_PER_DAY } from "./shift-message.schema";

export { MESSAGES_PER_DAY };
const DAY_MS = 86_400_000;

export interface RecipientChoice {
  /** Null: every shift of the activity that has not ended. */
  shiftId: number | null;
  waitlist: boolean;
}

export interface Recipient {
  userId: string;
  displayName: string;
  /** Confirmed on at least one of the chosen shifts, or only waiting. */
  status: "confirmed" | "waitlisted";
}

export interface MessageTarget {
  /** The chosen shift exists in this activity (or the whole activity was chosen). */
  valid: boolean;
  shiftTitle: string | null;
  recipients: Recipient[];
}

/**
 * Who receives a message: the people with a confirmed (and, if chosen, a waitlisted) sign-up on the
 * shift — or on any shift of the activity that has not ended — each once. Two queries.
 */
export function messageRecipients(
  db: DbOrTx,
  eventId: number,
  choice: RecipientChoice,
  now = Date.now(),
): MessageTarget {
  let shiftTitle: string | null = null;
  if (choice.shiftId !== null) {
    const shift = db
      .select({ title: shifts.title })
      .from(shifts)
      .where(and(eq(shifts.id, choice.shiftId), eq(shifts.eventId, eventId)))
      .get();
    if (!shift) return { valid: false, shiftTitle: null, recipients: [] };
    shiftTitle = shift.title;
  }
  const rows = db
    .select({
      userId: signups.volunteerId,
      displayName: users.displayName,
      confirmed: sql<number>`max(${signups.status} = 'confirmed')`,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(users, eq(users.id, signups.volunteerId))
    .where(
      and(
        eq(shifts.eventId, eventId),
        choice.shiftId !== null ? eq(shifts.id, choice.shiftId) : gt(shifts.endsAt, new Date(now)),
        inArray(signups.status, choice.waitlist ? ["confirmed", "waitlisted"] : ["confirmed"]),
      ),
    )
    .groupBy(signups.volunteerId)
    .orderBy(asc(users.displayName), asc(signups.volunteerId))
    .all();
  return {
    valid: true,
    shiftTitle,
    recipients: rows.map((r) => ({
      userId: r.userId,
      displayName: r.displayName,
      status: r.confirmed ? "confirmed" : "waitlisted",
    })),
  };
}

/** Messages of the activity in the last 24 hours (what the limit counts). */
export function messagesInLastDay(db: DbOrTx, eventId: number, now = Date.now()): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(shiftMessages)
      .where(and(eq(shiftMessages.eventId, eventId), gt(shiftMessages.createdAt, new Date(now - DAY_MS))))
      .get()?.n ?? 0
  );
}

export type SendResult = { ok: true; sent: number; messageId: number } | { ok: false; errors: FieldErrors };

/**
 * Sends a message to the chosen helpers: the recipients are worked out again here (the preview may be
 * old), the limit is checked in the same write transaction, and the message row, one inbox entry (and
 * outbox row) per person and the audit entry commit together. The caller checked that `user` may write
 * to the activity's helpers (`event:message-helpers`).
 */
export function sendShiftMessage(
  db: Db,
  user: AuthUser,
  eventId: number,
  input: RecipientChoice & { body: string },
  now = Date.now(),
): SendResult {
  return db.transaction(
    (tx): SendResult => {
      const event = tx
        .select({
          title: events.title,
          neighbourhoodId: events.neighbourhoodId,
          organisationId: events.organisationId,
          organisationName: organisations.name,
        })
        .from(events)
        .leftJoin(organisations, eq(organisations.id, events.organisationId))
        .where(eq(events.id, eventId))
        .get();
      if (!event) return { ok: false, errors: { form: "events:errors.notFound" } };
      const target = messageRecipients(tx, eventId, input, now);
      if (!target.valid) return { ok: false, errors: { shift: "events:message.errors.shift" } };
      if (target.recipients.length === 0)
        return { ok: false, errors: { form: "events:message.errors.nobody" } };
      if (messagesInLastDay(tx, eventId, now) >= MESSAGES_PER_DAY)
        return { ok: false, errors: { form: "events:message.errors.rateLimited" } };
      const message = tx
        .insert(shiftMessages)
        .values({
          eventId,
          shiftId: input.shiftId,
          senderId: user.id,
          body: input.body,
          includesWaitlist: input.waitlist,
          recipientCount: target.recipients.length,
          createdAt: new Date(now),
        })
        .returning({ id: shiftMessages.id })
        .get();
      const about = target.shiftTitle ? `${event.title} – ${target.shiftTitle}` : event.title;
      // The organisation speaks when one of its members writes; a coordinator signs with their name.
      const from =
        event.organisationName !== null && isMemberOf(user, event.organisationId)
          ? event.organisationName
          : user.displayName;
      for (const recipient of target.recipients) {
        notify(tx, {
          userId: recipient.userId,
          kind: "shift_message",
          params: { about, from, message: input.body },
          link: `/activities/${eventId}`,
        });
      }
      recordAudit(tx, {
        actorId: user.id,
        action: "event.message_sent",
        entityType: "event",
        entityId: eventId,
        neighbourhoodId: event.neighbourhoodId,
        // The text is the sender's; the trail keeps who sent to how many, not what.
        details: {
          messageId: message.id,
          shiftId: input.shiftId,
          waitlist: input.waitlist,
          recipients: target.recipients.length,
        },
      });
      return { ok: true, sent: target.recipients.length, messageId: message.id };
    },
    { behavior: "immediate" },
  );
}

export interface SentMessage {
  id: number;
  shiftId: number | null;
  /** The shift's title; null for a message to the whole activity. */
  shiftTitle: string | null;
  body: string;
  senderName: string | null;
  includesWaitlist: boolean;
  recipientCount: number;
  createdAt: number;
}

/** The activity's messages, newest first (one query): shown with their shift on the activity page. */
export function listShiftMessages(db: DbOrTx, eventId: number): SentMessage[] {
  return db
    .select({
      id: shiftMessages.id,
      shiftId: shiftMessages.shiftId,
      shiftTitle: shifts.title,
      body: shiftMessages.body,
      senderName: users.displayName,
      includesWaitlist: shiftMessages.includesWaitlist,
      recipientCount: shiftMessages.recipientCount,
      createdAt: shiftMessages.createdAt,
    })
    .from(shiftMessages)
    .leftJoin(users, eq(users.id, shiftMessages.senderId))
    .leftJoin(shifts, eq(shifts.id, shiftMessages.shiftId))
    .where(eq(shiftMessages.eventId, eventId))
    .orderBy(desc(shiftMessages.createdAt), desc(shiftMessages.id))
    .limit(100)
    .all()
    .map((m) => ({ ...m, createdAt: m.createdAt.getTime() }));
}

export interface MessagePageActivity {
  id: number;
  title: string;
  organisationId: number | null;
  place: string;
  neighbourhoodName: string;
  startsAt: number;
  endsAt: number;
  /** The shifts that have not ended, to choose from. */
  shifts: { id: number; title: string; startsAt: number; endsAt: number }[];
}

/** What the message page shows of the activity (two queries); null when it does not exist. */
export function getMessagePageActivity(
  db: DbOrTx,
  eventId: number,
  now = Date.now(),
): MessagePageActivity | null {
  const event = db
    .select({
      id: events.id,
      title: events.title,
      organisationId: events.organisationId,
      place: events.place,
      neighbourhoodName: neighbourhoods.name,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
    })
    .from(events)
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, events.neighbourhoodId))
    .where(eq(events.id, eventId))
    .get();
  if (!event) return null;
  const rows = db
    .select({ id: shifts.id, title: shifts.title, startsAt: shifts.startsAt, endsAt: shifts.endsAt })
    .from(shifts)
    .where(and(eq(shifts.eventId, eventId), gt(shifts.endsAt, new Date(now))))
    .orderBy(asc(shifts.startsAt), asc(shifts.id))
    .all();
  return {
    ...event,
    startsAt: event.startsAt.getTime(),
    endsAt: event.endsAt.getTime(),
    shifts: rows.map((r) => ({ ...r, startsAt: r.startsAt.getTime(), endsAt: r.endsAt.getTime() })),
  };
}
