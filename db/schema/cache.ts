import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { nowMs } from "./columns";

/** The names of the version counters, each bumped by triggers (migration 0003) on the tables it covers. */
export const CACHE_SCOPE = ["public_activities"] as const;
export type CacheScope = (typeof CACHE_SCOPE)[number];

/**
 * One counter per cached scope, incremented by triggers whenever a table the scope reads changes —
 * whoever writes (the app, a job, a CLI, hand-written SQL). A cache entry is valid while the counter
 * still has the value it was rendered at. See docs/decisions/023-public-page-cache.md.
 */
export const cacheVersions = sqliteTable(
  "cache_versions",
  {
    scope: text("scope", { enum: CACHE_SCOPE }).primaryKey(),
    version: integer("version").notNull().default(0),
  },
  () => [check("cache_versions_scope_check", sql`scope in ('public_activities')`)],
);

/**
 * The log behind the matching reach index (app/modules/matches/candidate-reach.server.ts): triggers
 * (migration 0008) add a row with an offer's id whenever something the index reads about it changes —
 * the offer's category, status, radius, validity, places, languages or times, or the volunteer's
 * profile (home, radius, hours cap, certificate, places, languages, times), gender, or the
 * organisation's places it falls back to (one row per offer of that person or organisation) —
 * whoever writes. A row without an offer means "everything" (a neighbourhood was added, moved or
 * removed). A server that holds the index reads the rows after the last one it saw and checks those
 * offers afresh until its next rebuild. Only offer ids, never a person's. Rows older than a day are
 * deleted (an index is rebuilt at least every six hours). See
 * docs/decisions/080-suggestions-from-a-reach-index.md.
 */
export const matchingChanges = sqliteTable(
  "matching_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Null: every offer (the neighbourhoods changed). No foreign key: the offer may be gone. */
    offerId: integer("offer_id"),
    createdAt: integer("created_at", { mode: "number" }).notNull().default(nowMs),
  },
  (t) => [index("matching_changes_created_idx").on(t.createdAt)],
);
