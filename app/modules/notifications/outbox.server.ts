import { randomUUID } from "node:crypto";
import type { UiLocale, NotificationKind } from "@db/schema/enums";
import { emailOutbox } from "@db/schema";
import type { Db } from "@db/client";
import { renderEmail, type EmailParams } from "./email-templates.server";

/** A database or a transaction handle: the outbox row is written with the change that caused it. */
export type DbOrTx = Pick<Db, "insert" | "select" | "update" | "delete">;

export interface EmailRequest {
  userId?: string | null;
  to: string;
  locale: UiLocale;
  kind: NotificationKind;
  params: EmailParams;
}

/**
 * Writes an e-mail to the outbox, rendered in the recipient's language. Pass the transaction of the
 * change that caused it, so both commit or neither does. A worker delivers it later; the message id
 * makes the delivery idempotent. Synchronous: better-sqlite3 transactions must not await.
 */
export function enqueueEmail(tx: DbOrTx, request: EmailRequest): { id: number; messageId: string } {
  const rendered = renderEmail(request.kind, request.locale, request.params);
  const messageId = `<${randomUUID()}@miteinander.local>`;
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
