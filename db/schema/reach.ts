import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { nowMs, oneOf } from "./columns";
import { ALERT_DIGEST_FREQUENCY, URGENT_ANSWER, URGENT_END, URGENT_OUTCOME } from "./enums";
import { events, shifts } from "./events";
import { matches } from "./matches";
import { needs } from "./needs";
import { offers } from "./offers";
import { SHIFT_MESSAGE_MAX, sqlCleanTextWithin } from "./text-rules";
import { users } from "./users";

/**
 * Asking volunteers for an urgent need, in waves (docs/decisions/089-urgent-waves-and-signed-answers.md).
 * One row per need once asking was set up: started by the hub (the need is urgent or soon) or by a
 * coordinator, stopped by a coordinator, or ended by itself (covered, nobody left, the need began).
 */
export const urgentReach = sqliteTable(
  "urgent_reach",
  {
    needId: integer("need_id")
      .primaryKey()
      .references(() => needs.id, { onDelete: "cascade" }),
    /** The first "Ich kann" that fits becomes an accepted match at once, not a proposal to confirm. */
    autoAccept: integer("auto_accept", { mode: "boolean" }).notNull().default(false),
    /** Null while asking has not begun (a coordinator chose auto-accept ahead of time). */
    startedAt: integer("started_at", { mode: "timestamp_ms" }),
    /** The coordinator who started it; null when the hub did (urgent need or one starting soon). */
    startedBy: text("started_by").references(() => users.id, { onDelete: "set null" }),
    wavesSent: integer("waves_sent").notNull().default(0),
    nextWaveAt: integer("next_wave_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    endReason: text("end_reason", { enum: URGENT_END }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" })
      .notNull()
      .default(nowMs)
      .$onUpdate(() => new Date()),
  },
  (t) => [
    index("urgent_reach_started_idx").on(t.startedAt),
    check("urgent_reach_waves_nonneg", sql`waves_sent >= 0`),
    // A NULL makes `in (…)` NULL, which a CHECK lets pass: the nullable columns need no `is null or`.
    check("urgent_reach_end_check", oneOf("end_reason", URGENT_END)),
    check("urgent_reach_ended_consistent", sql`(ended_at is null) = (end_reason is null)`),
  ],
);

/**
 * One volunteer asked for one need: at most once per need (so once per wave), with the signed link's
 * expiry and the answer. Counting the rows of the last seven days enforces URGENT_MAX_PER_WEEK.
 */
export const urgentRequests = sqliteTable(
  "urgent_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    needId: integer("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    volunteerId: text("volunteer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The offer the engine ranked (its best one for this need); null once the offer is gone. */
    offerId: integer("offer_id").references(() => offers.id, { onDelete: "set null" }),
    wave: integer("wave").notNull(),
    score: integer("score").notNull(),
    askedAt: integer("asked_at", { mode: "timestamp_ms" }).notNull(),
    /** The signed links stop working at this moment (also signed into them). */
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    answer: text("answer", { enum: URGENT_ANSWER }),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    outcome: text("outcome", { enum: URGENT_OUTCOME }),
    matchId: integer("match_id").references(() => matches.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("urgent_requests_need_volunteer_unique").on(t.needId, t.volunteerId),
    index("urgent_requests_volunteer_asked_idx").on(t.volunteerId, t.askedAt),
    index("urgent_requests_need_wave_idx").on(t.needId, t.wave),
    check("urgent_requests_wave_range", sql`wave >= 1`),
    check("urgent_requests_score_range", sql`score between 0 and 100`),
    check("urgent_requests_expiry_after_ask", sql`expires_at > asked_at`),
    check("urgent_requests_answer_check", oneOf("answer", URGENT_ANSWER)),
    check("urgent_requests_answered_consistent", sql`(answer is null) = (answered_at is null)`),
    check("urgent_requests_outcome_check", oneOf("outcome", URGENT_OUTCOME)),
    check("urgent_requests_outcome_needs_yes", sql`outcome is null or answer = 'yes'`),
  ],
);

/**
 * A message from an organisation to the helpers of one shift or of a whole activity (issue 16), kept with
 * the shift: who wrote what to how many, when. Each recipient gets it in their inbox (and by e-mail,
 * unless they chose inbox only); the rows also count for the rate limit.
 */
export const shiftMessages = sqliteTable(
  "shift_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventId: integer("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    /** Null: to the helpers of every shift of the activity that has not ended. */
    shiftId: integer("shift_id").references(() => shifts.id, { onDelete: "cascade" }),
    senderId: text("sender_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    includesWaitlist: integer("includes_waitlist", { mode: "boolean" }).notNull().default(false),
    recipientCount: integer("recipient_count").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [
    index("shift_messages_event_created_idx").on(t.eventId, t.createdAt),
    index("shift_messages_shift_idx").on(t.shiftId),
    // Cleaned exactly as the form cleans (text-rules.ts), with the form's maximum.
    check("shift_messages_body_length", sql.raw(sqlCleanTextWithin("body", SHIFT_MESSAGE_MAX))),
    check("shift_messages_recipients_nonneg", sql`recipient_count >= 0`),
  ],
);

/**
 * A volunteer's opt-in to the digest e-mail of new shifts and needs that fit them (issue 16, point 2):
 * no row, no digest. `coveredUntil` is the instant up to which new items were already looked at (sent or
 * found unfitting); the next digest looks only at items that appeared after it. `lastRunAt` is when the
 * digest job last handled this person, so each period is handled once however often the job runs.
 */
export const alertDigests = sqliteTable(
  "alert_digests",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    frequency: text("frequency", { enum: ALERT_DIGEST_FREQUENCY }).notNull(),
    coveredUntil: integer("covered_until", { mode: "timestamp_ms" }).notNull(),
    lastRunAt: integer("last_run_at", { mode: "timestamp_ms" }),
    lastSentAt: integer("last_sent_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [
    index("alert_digests_frequency_idx").on(t.frequency, t.lastRunAt),
    check("alert_digests_frequency_check", oneOf("frequency", ALERT_DIGEST_FREQUENCY)),
  ],
);
