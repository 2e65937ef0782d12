import { randomUUID } from "node:crypto";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@db/client";
import { emailOutbox } from "@db/schema";
import type { NotificationKind, OutboxStatus, UiLocale } from "@db/schema/enums";
import { getMailConfig } from "./config.server";
import { renderEmail, type EmailListItem, type EmailParams } from "./email-templates.server";

export interface EmailRequest {
  userId?: string | null;
  to: string;
  locale: UiLocale;
  kind: NotificationKind;
  params: EmailParams;
  /** Links listed after the body, one per line (a digest's items). */
  list?: readonly EmailListItem[];
}

/** A globally unique Message-ID, fixed when the row is written and reused on every delivery attempt. */
export function newMessageId(): string {
  return `<${randomUUID()}@${getMailConfig().messageIdDomain}>`;
}

/**
 * Writes an e-mail to the outbox, rendered in the recipient's language. Pass the transaction of the
 * change that caused it, so both commit or neither does. Synchronous: better-sqlite3 transactions
 * cannot await. The delivery worker (delivery.server.ts) sends it later with its message id.
 *
 * Use `notify()` for messages to a person with an account; call this directly only for mail to an
 * address without one (an invitation) — it adds no unsubscribe link.
 */
export function enqueueEmail(tx: DbOrTx, request: EmailRequest): { id: number; messageId: string } {
  const rendered = renderEmail(request.kind, request.locale, request.params, request.list);
  const messageId = newMessageId();
  const row = tx
    .insert(emailOutbox)
    .values({
      messageId,
      userId: request.userId ?? null,
      toAddress: request.to,
      locale: request.locale,
      kind: request.kind,
      subject: rendered.subject,
      bodyText: rendered.text,
      bodyHtml: rendered.html,
    })
    .returning({ id: emailOutbox.id })
    .get();
  return { id: row.id, messageId };
}

export const OUTBOX_PAGE_SIZE = 50;

export interface OutboxListItem {
  id: number;
  toAddress: string;
  kind: NotificationKind;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
  lastError: string | null;
}

/** The admin's outbox list, newest first, optionally by status; `before` pages by id. One query. */
export function listOutbox(
  db: DbOrTx,
  options: { status?: OutboxStatus; before?: number; limit?: number } = {},
): OutboxListItem[] {
  const conditions = [
    options.status ? eq(emailOutbox.status, options.status) : undefined,
    options.before ? lt(emailOutbox.id, options.before) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      kind: emailOutbox.kind,
      subject: emailOutbox.subject,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      createdAt: emailOutbox.createdAt,
      sentAt: emailOutbox.sentAt,
      nextAttemptAt: emailOutbox.nextAttemptAt,
      lastError: emailOutbox.lastError,
    })
    .from(emailOutbox)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(emailOutbox.id))
    .limit(options.limit ?? OUTBOX_PAGE_SIZE)
    .all();
}

/** Row counts per status, for the filter. */
export function countOutboxByStatus(db: DbOrTx): Partial<Record<OutboxStatus, number>> {
  const rows = db
    .select({ status: emailOutbox.status, count: sql<number>`count(*)` })
    .from(emailOutbox)
    .groupBy(emailOutbox.status)
    .all();
  return Object.fromEntries(rows.map((r) => [r.status, r.count]));
}

/** One message with its text and HTML, for the admin to read. */
export function getOutboxMessage(db: DbOrTx, id: number) {
  return db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).get() ?? null;
}
