import { sql, type SQL } from "drizzle-orm";
import { integer } from "drizzle-orm/sqlite-core";

/** Milliseconds since the epoch, as SQLite computes it for a default. */
export const nowMs = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

/** created_at / updated_at, filled by SQLite (so raw and batched inserts get them too). */
export const timestamps = {
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(nowMs)
    .$onUpdate(() => new Date()),
};

/** A CHECK expression: the column holds one of the given values. */
export function oneOf(column: string, values: readonly (string | number)[]): SQL {
  const list = values
    .map((v) => (typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`))
    .join(", ");
  return sql.raw(`${column} in (${list})`);
}

/** A CHECK expression: a nullable column holds a valid ISO date (YYYY-MM-DD) or NULL. */
export function isoDateOrNull(column: string): SQL {
  // `is`, not `=`: date() of a non-date is NULL, and a CHECK that evaluates to NULL passes.
  return sql.raw(`${column} is null or date(${column}) is ${column}`);
}

/** A CHECK expression: a non-null column holds a valid ISO date (YYYY-MM-DD). */
export function isoDate(column: string): SQL {
  return sql.raw(`date(${column}) is ${column}`);
}
