import type { Db } from "../client";

/** Every table of the schema (not SQLite's or drizzle's own bookkeeping), by name. */
export function listTables(db: Db): string[] {
  const rows = db.$client
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name",
    )
    .all() as { name: string }[];
  return rows.map((r) => r.name);
}

/** Row count per table. */
export function countRows(db: Db): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of listTables(db)) {
    const row = db.$client.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number };
    counts[table] = row.n;
  }
  return counts;
}
