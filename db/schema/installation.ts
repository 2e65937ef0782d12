import { sql } from "drizzle-orm";
import { check, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { nowMs } from "./columns";

/**
 * Facts about this installation's database, one row (id = 1): whether it holds demo data (with the
 * published demo password; only `npm run demo` starts such a database), and the one-time link that lets
 * the first administrator in on a fresh production start (docs/decisions/026-demo-and-first-start.md).
 */
export const installation = sqliteTable(
  "installation",
  {
    id: integer("id").primaryKey(),
    demo: integer("demo", { mode: "boolean" }).notNull().default(false),
    /** SHA-256 of the first-administrator setup token; the token itself is only printed, never stored. */
    setupTokenHash: text("setup_token_hash"),
    setupTokenExpiresAt: integer("setup_token_expires_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  () => [
    check("installation_single_row", sql`id = 1`),
    check(
      "installation_setup_token_pair",
      sql`(setup_token_hash is null) = (setup_token_expires_at is null)`,
    ),
  ],
);
