import { and, asc, eq, lte } from "drizzle-orm";
import { createTransport, type SendMailOptions } from "nodemailer";
import { type Db, type DbOrTx } from "@db/client";
import { emailOutbox } from "@db/schema";
import { getMailConfig, type MailConfig } from "./config.server";
import { withoutSecretLinks } from "./email-templates.server";
import { carriesSecretLink, isSecurityKind } from "./kinds";
import { unsubscribeUrl } from "./unsubscribe.server";
import { logger } from "~/utils/logger.server";

/*
 * Delivery of the e-mail outbox. The design (docs/decisions/010-notification-delivery.md) in short:
 *
 *   claim (BEGIN IMMEDIATE: pending → sending, attempts + 1, last_attempt_at)  — committed first
 *   send over SMTP with the row's Message-ID
 *   mark  (sending → sent | pending with backoff | failed)
 *
 * A row is claimed one at a time, so a crash leaves at most one row per worker in 'sending'. Such a
 * row (claim older than SENDING_LEASE_MS) may or may not have reached the server: it is NOT sent
 * again automatically but marked failed with "outcome unknown", for an admin to re-send from
 * /admin/outbox if it really did not arrive. Likewise an error after which the server may already
 * hold the message (the connection broke during the session, no reply) is not retried. Only a clear
 * refusal (a 4xx reply) or a failure before any session (connection refused, DNS, TLS, auth) is
 * retried. So a message is delivered at most once by this worker; the fixed Message-ID lets
 * receivers recognise a copy if an admin re-sends one that had arrived after all.
 */

/** First retry after one minute, then doubling. */
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_MAX_MS = 6 * 60 * 60 * 1000;
/** After this many attempts a message is given up (failed); ~2 hours of retries in total. */
export const MAX_ATTEMPTS = 8;
/**
 * A 'sending' claim older than this belongs to a worker that died. Far longer than one send can
 * take with the transport timeouts below (30 s connect + 30 s greeting + 60 s per socket idle).
 */
export const SENDING_LEASE_MS = 10 * 60 * 1000;

export const OUTCOME_UNKNOWN = "outcome unknown";

/** What the worker needs from nodemailer; tests may pass a transporter of their own. */
export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<unknown>;
  close?(): void;
}

/**
 * An SMTP transport from a URL (`smtp://host:port`, `smtps://user:pass@host`; nodemailer also reads
 * options from the query, e.g. `?ignoreTLS=true`), with bounded timeouts so a send cannot outlive
 * SENDING_LEASE_MS.
 */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  return createTransport({
    url: smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}

/** The SMTP server's `host:port` from SMTP_URL, without user or password (for logs and the check). */
export function smtpServerName(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    const port = url.port || (url.protocol === "smtps:" ? "465" : "587");
    return `${url.hostname}:${port}`;
  } catch {
    return "(unreadable SMTP_URL)";
  }
}

/**
 * Connects to the SMTP server (and logs in, when SMTP_URL has a user) without sending anything, within
 * `timeoutMs`. For `npm start -- --check`: an answer of null means the server took the connection.
 */
export async function trySmtpConnection(smtpUrl: string, timeoutMs = 5_000): Promise<string | null> {
  const transport = createTransport({
    url: smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      transport.verify(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}

export interface OutboxRow {
  id: number;
  messageId: string;
  userId: string | null;
  toAddress: string;
  locale: (typeof emailOutbox.$inferSelect)["locale"];
  kind: (typeof emailOutbox.$inferSelect)["kind"];
  subject: string;
  bodyText: string;
  bodyHtml: string;
  attempts: number;
}

export interface DeliveryHooks {
  /** Runs after the claim is committed, before the SMTP send. Throwing here simulates a crash. */
  beforeSend?: (row: OutboxRow) => void;
  /** Runs after the server accepted the message, before it is marked sent. Throwing simulates a crash. */
  afterSend?: (row: OutboxRow) => void;
}

export interface DeliveryOptions {
  db: Db;
  /** null: no SMTP configured — nothing is sent, messages wait in the outbox. */
  transport: MailTransport | null;
  config?: MailConfig;
  now?: () => number;
  /** Upper bound of messages per call, so one call cannot run forever. */
  maxMessages?: number;
  hooks?: DeliveryHooks;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
  /** Stale 'sending' rows found and marked failed (outcome unknown). */
  recovered: number;
}

/** Delay before the next attempt after `attempts` failed ones. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

/**
 * Delivers due messages one by one until none is due (or `maxMessages`). Safe to run in several
 * processes on the same database at once: each row is claimed in a BEGIN IMMEDIATE transaction.
 */
export async function deliverDueEmails(options: DeliveryOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0, recovered: 0 };
  if (!options.transport) return report;
  const now = options.now ?? Date.now;
  const config = options.config ?? getMailConfig();
  const max = options.maxMessages ?? 100;

  for (let i = 0; i < max; i++) {
    const claim = claimNextEmail(options.db, now());
    report.recovered += claim.recovered;
    if (!claim.row) break;
    const row = claim.row;

    options.hooks?.beforeSend?.(row);
    let error: unknown = null;
    try {
      await options.transport.sendMail(toMailOptions(row, config));
    } catch (e) {
      error = e;
    }
    if (error === null) {
      options.hooks?.afterSend?.(row);
      markSent(options.db, row, now());
      report.sent += 1;
    } else {
      const { outcome, kind } = markFailedAttempt(options.db, row, error, now());
      if (outcome === "retrying") report.retrying += 1;
      else report.failed += 1;
      // A problem of the server (not of this one address) ends the round: the next messages would
      // meet it too — and a misconfigured server must not burn through the whole outbox at once.
      if (kind !== "permanent") break;
    }
  }
  return report;
}

/**
 * In one write transaction: gives up stale 'sending' rows (outcome unknown), then claims the next due
 * message — pending with next_attempt_at <= now — for this worker, recording the attempt.
 */
export function claimNextEmail(db: Db, nowMs: number): { row: OutboxRow | null; recovered: number } {
  return db.transaction(
    (tx) => {
      const recovered = tx
        .update(emailOutbox)
        .set({
          status: "failed",
          lastError: `${OUTCOME_UNKNOWN}: the worker stopped while sending; not sent again automatically`,
        })
        .where(
          and(
            eq(emailOutbox.status, "sending"),
            lte(emailOutbox.lastAttemptAt, new Date(nowMs - SENDING_LEASE_MS)),
          ),
        )
        .run().changes;

      const due = tx
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, new Date(nowMs))))
        .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id))
        .limit(1)
        .get();
      if (!due) return { row: null, recovered };

      const current = tx.select().from(emailOutbox).where(eq(emailOutbox.id, due.id)).get();
      if (!current) return { row: null, recovered };
      const attempts = current.attempts + 1;
      tx.update(emailOutbox)
        .set({ status: "sending", attempts, lastAttemptAt: new Date(nowMs) })
        .where(and(eq(emailOutbox.id, due.id), eq(emailOutbox.status, "pending")))
        .run();
      return {
        row: {
          id: current.id,
          messageId: current.messageId,
          userId: current.userId,
          toAddress: current.toAddress,
          locale: current.locale,
          kind: current.kind,
          subject: current.subject,
          bodyText: current.bodyText,
          bodyHtml: current.bodyHtml,
          attempts,
        },
        recovered,
      };
    },
    { behavior: "immediate" },
  );
}

function toMailOptions(row: OutboxRow, config: MailConfig): SendMailOptions {
  const headers: Record<string, string> = {
    // RFC 3834: no vacation auto-replies to machine-sent mail.
    "Auto-Submitted": "auto-generated",
  };
  const unsubscribe =
    row.userId && !isSecurityKind(row.kind) ? unsubscribeUrl(row.userId, row.kind, config) : null;
  if (unsubscribe) {
    headers["List-Unsubscribe"] = `<${unsubscribe}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  return {
    from: config.from,
    to: row.toAddress,
    subject: row.subject,
    text: row.bodyText,
    html: row.bodyHtml,
    messageId: row.messageId,
    headers,
  };
}

/**
 * The attempt this worker claimed is fenced by its number: if the row was meanwhile recovered as
 * "outcome unknown", the server's acceptance is still the truth and wins. A mail whose link is a
 * single-use key (reset, invite, confirmation) keeps no link once sent: the outbox is no way in.
 */
function markSent(db: DbOrTx, row: OutboxRow, nowMs: number): void {
  const bodies = carriesSecretLink(row.kind) ? withoutSecretLinks(row, row.locale) : {};
  db.update(emailOutbox)
    .set({ status: "sent", sentAt: new Date(nowMs), lastError: null, ...bodies })
    .where(and(eq(emailOutbox.id, row.id), eq(emailOutbox.attempts, row.attempts)))
    .run();
}

interface SmtpError {
  message?: string;
  code?: string;
  originalCode?: string;
  command?: string;
  timeoutType?: string;
  responseCode?: number;
}

/** Failures that happen before an SMTP session exists: the server cannot hold the message. */
const PRE_SESSION_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
]);
/** nodemailer's timeouts before the session: connecting, the greeting, the TLS upgrade. */
const PRE_SESSION_TIMEOUTS = new Set(["CONNECT_TIMEOUT", "GREETING_TIMEOUT", "UPGRADE_TIMEOUT"]);
const HANDSHAKE_COMMANDS = new Set(["EHLO", "HELO", "LHLO"]);

/**
 * Whether the server certainly does not have the message: it answered with an error reply
 * ("transient" 4xx, "permanent" 5xx or a message we could not even hand over), or we never got a
 * session (connect, DNS, TLS, auth, greeting and handshake failures). Anything else — a socket
 * timeout or a dropped connection mid-session — may have happened after the server took the data.
 */
export function classifySendError(error: unknown): "transient" | "permanent" | "unknown" {
  const e = (error ?? {}) as SmtpError;
  if (typeof e.responseCode === "number") {
    if (e.responseCode >= 500) return "permanent";
    if (e.responseCode >= 400) return "transient";
  }
  if (e.code === "EAUTH" || e.code === "ETLS" || e.code === "EDNS" || e.code === "EREQUIRETLS")
    return "transient";
  if (e.code === "EENVELOPE" || e.code === "EMESSAGE") return "permanent";
  if (e.code === "EPROTOCOL" && e.command && HANDSHAKE_COMMANDS.has(e.command)) return "transient";
  if (e.code === "EPROTOCOL" && e.message?.startsWith("Invalid greeting")) return "transient";
  if (e.code === "ETIMEDOUT" && e.timeoutType && PRE_SESSION_TIMEOUTS.has(e.timeoutType)) return "transient";
  if (e.originalCode && PRE_SESSION_CODES.has(e.originalCode)) return "transient";
  if (e.code && PRE_SESSION_CODES.has(e.code)) return "transient";
  return "unknown";
}

function markFailedAttempt(
  db: DbOrTx,
  row: OutboxRow,
  error: unknown,
  nowMs: number,
): { outcome: "retrying" | "failed"; kind: ReturnType<typeof classifySendError> } {
  const kind = classifySendError(error);
  const message = error instanceof Error ? error.message : String(error);
  const retry = kind === "transient" && row.attempts < MAX_ATTEMPTS;
  const lastError =
    kind === "unknown" ? `${OUTCOME_UNKNOWN}: ${message}; not sent again automatically` : message;
  db.update(emailOutbox)
    .set({
      status: retry ? "pending" : "failed",
      nextAttemptAt: new Date(retry ? nowMs + backoffMs(row.attempts) : nowMs),
      lastError: lastError.slice(0, 1000),
    })
    .where(
      and(
        eq(emailOutbox.id, row.id),
        eq(emailOutbox.attempts, row.attempts),
        eq(emailOutbox.status, "sending"),
      ),
    )
    .run();
  if (!retry) {
    // SMTP answers often quote the address: it stays out of the log.
    const problem = message.slice(0, 300).replace(/[^\s<>"]+@[^\s<>"]+/g, "[address]");
    logger().warn({ messageId: row.messageId, kind, problem }, "e-mail not delivered");
  }
  return { outcome: retry ? "retrying" : "failed", kind };
}

/**
 * An admin's decision to send a failed message once more (e.g. after "outcome unknown", having
 * checked it did not arrive). Only failed messages can be re-queued.
 */
export function requeueEmail(db: DbOrTx, id: number, now: Date = new Date()): boolean {
  const result = db
    .update(emailOutbox)
    .set({ status: "pending", nextAttemptAt: now })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "failed")))
    .run();
  return result.changes > 0;
}
