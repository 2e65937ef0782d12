import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { nowMs, oneOf } from "./columns";
import { JOB_STATUS, NOTIFICATION_CHANNEL, NOTIFICATION_KIND, OUTBOX_STATUS, UI_LOCALE } from "./enums";
import { users } from "./users";

/** In-app inbox entries. Text is rendered in the reader's language from `kind` and `params`. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KIND }).notNull(),
    /** Interpolation values for the message (JSON object of strings and numbers). */
    params: text("params", { mode: "json" }).$type<Record<string, string | number>>().notNull().default({}),
    link: text("link"),
    readAt: integer("read_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [
    index("notifications_user_unread_idx").on(t.userId, t.readAt, t.id),
    check("notifications_kind_check", oneOf("kind", NOTIFICATION_KIND)),
    check("notifications_params_json", sql`json_valid(params) and json_type(params) = 'object'`),
  ],
);

/** Per person and kind: inbox only, or inbox and e-mail. Missing row = the kind's default. */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NOTIFICATION_KIND }).notNull(),
    channel: text("channel", { enum: NOTIFICATION_CHANNEL }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind] }),
    check("notification_preferences_kind_check", oneOf("kind", NOTIFICATION_KIND)),
    check("notification_preferences_channel_check", oneOf("channel", NOTIFICATION_CHANNEL)),
  ],
);

/**
 * E-mail outbox: written in the same transaction as the change that caused it, delivered by a worker.
 * `message_id` makes delivery idempotent across a crash between send and mark.
 */
export const emailOutbox = sqliteTable(
  "email_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    messageId: text("message_id").notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    locale: text("locale", { enum: UI_LOCALE }).notNull().default("de"),
    kind: text("kind", { enum: NOTIFICATION_KIND }).notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    bodyHtml: text("body_html").notNull(),
    status: text("status", { enum: OUTBOX_STATUS }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
    lastAttemptAt: integer("last_attempt_at", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [
    uniqueIndex("email_outbox_message_id_unique").on(t.messageId),
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_user_idx").on(t.userId),
    check("email_outbox_status_check", oneOf("status", OUTBOX_STATUS)),
    check("email_outbox_kind_check", oneOf("kind", NOTIFICATION_KIND)),
    check("email_outbox_attempts_nonneg", sql`attempts >= 0`),
    check("email_outbox_sent_consistent", sql`(status = 'sent') = (sent_at is not null)`),
  ],
);

/**
 * Persisted schedule for in-process work (reminders, retention, outbox). `dedupe_key` makes scheduling
 * idempotent; `locked_until` lets two server processes share the table without running a job twice.
 */
export const scheduledJobs = sqliteTable(
  "scheduled_jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    runAt: integer("run_at", { mode: "timestamp_ms" }).notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, string | number>>().notNull().default({}),
    status: text("status", { enum: JOB_STATUS }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lockedBy: text("locked_by"),
    lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
    lastError: text("last_error"),
    doneAt: integer("done_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [
    uniqueIndex("scheduled_jobs_dedupe_unique").on(t.dedupeKey),
    index("scheduled_jobs_due_idx").on(t.status, t.runAt),
    check("scheduled_jobs_status_check", oneOf("status", JOB_STATUS)),
    check("scheduled_jobs_attempts_nonneg", sql`attempts >= 0`),
    check("scheduled_jobs_payload_json", sql`json_valid(payload)`),
  ],
);
