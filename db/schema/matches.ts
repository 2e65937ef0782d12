import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { isoDate, oneOf, timestamps } from "./columns";
import { HOURS_SOURCE, MATCH_STATUS } from "./enums";
import { needs } from "./needs";
import { offers } from "./offers";
import { organisations } from "./organisations";
import { categories } from "./places";
import { signups } from "./signups";
import { users } from "./users";

/**
 * A need paired with an offer. The score and its components are stored as computed at proposal time,
 * so the explanation a coordinator saw stays readable later.
 */
export const matches = sqliteTable(
  "matches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    needId: integer("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    /**
     * Null once the offer is gone with its owner's erased account: the match stays, so statistics
     * (matches per category, hours per match) survive erasure. docs/decisions/021-erasure-keeps-statistics.md
     */
    offerId: integer("offer_id").references(() => offers.id, { onDelete: "set null" }),
    status: text("status", { enum: MATCH_STATUS }).notNull().default("proposed"),
    score: integer("score").notNull(),
    scoreLanguage: real("score_language").notNull().default(0),
    scoreDistance: real("score_distance").notNull().default(0),
    scoreAvailability: real("score_availability").notNull().default(0),
    scoreLoad: real("score_load").notNull().default(0),
    scoreExperience: real("score_experience").notNull().default(0),
    scoreResponsiveness: real("score_responsiveness").notNull().default(0),
    distanceKm: real("distance_km"),
    proposedBy: text("proposed_by").references(() => users.id, { onDelete: "set null" }),
    proposedAt: integer("proposed_at", { mode: "timestamp_ms" }).notNull(),
    respondedAt: integer("responded_at", { mode: "timestamp_ms" }),
    declineReason: text("decline_reason"),
    completedAt: integer("completed_at", { mode: "timestamp_ms" }),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("matches_need_offer_unique").on(t.needId, t.offerId),
    index("matches_offer_status_idx").on(t.offerId, t.status),
    index("matches_status_responded_idx").on(t.status, t.respondedAt),
    index("matches_proposed_at_idx").on(t.proposedAt),
    check("matches_status_check", oneOf("status", MATCH_STATUS)),
    check("matches_score_range", sql`score between 0 and 100`),
    check("matches_distance_nonneg", sql`distance_km is null or distance_km >= 0`),
    check("matches_responded_after_proposed", sql`responded_at is null or responded_at >= proposed_at`),
  ],
);

/** Volunteering time: from a shift (attendance) or a match, confirmed by the organisation or coordinator. */
export const hoursLog = sqliteTable(
  "hours_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Null after the volunteer erased their account: the hours still count in the statistics. */
    volunteerId: text("volunteer_id").references(() => users.id, { onDelete: "set null" }),
    date: text("date").notNull(),
    hours: real("hours").notNull(),
    source: text("source", { enum: HOURS_SOURCE }).notNull(),
    signupId: integer("signup_id").references(() => signups.id, { onDelete: "set null" }),
    matchId: integer("match_id").references(() => matches.id, { onDelete: "set null" }),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    categoryId: integer("category_id").references(() => categories.id, { onDelete: "set null" }),
    activity: text("activity").notNull().default(""),
    note: text("note").notNull().default(""),
    confirmedBy: text("confirmed_by").references(() => users.id, { onDelete: "set null" }),
    confirmedAt: integer("confirmed_at", { mode: "timestamp_ms" }),
    ...timestamps,
  },
  (t) => [
    // A volunteer's hours by date, and (covering the hours) the dashboard's load figures: every
    // volunteer's sums over a date range in volunteer order, without sorting or table lookups.
    index("hours_log_volunteer_date_hours_idx").on(t.volunteerId, t.date, t.hours),
    index("hours_log_date_idx").on(t.date),
    // The same over a short range when the history is long (the planner picks by the statistics).
    index("hours_log_date_volunteer_hours_idx").on(t.date, t.volunteerId, t.hours),
    index("hours_log_organisation_date_idx").on(t.organisationId, t.date),
    index("hours_log_match_idx").on(t.matchId),
    uniqueIndex("hours_log_signup_unique").on(t.signupId),
    check("hours_log_hours_range", sql`hours > 0 and hours <= 24`),
    check("hours_log_date_format", isoDate("date")),
    check("hours_log_source_check", oneOf("source", HOURS_SOURCE)),
    check("hours_log_source_link", sql`source <> 'shift' or signup_id is not null or volunteer_id is null`),
  ],
);
