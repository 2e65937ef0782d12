import { sql } from "drizzle-orm";
import { check, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

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
