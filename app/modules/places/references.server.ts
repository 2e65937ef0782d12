import type { Db } from "@db/client";

/*
 * How many rows refer to the rows of a reference list (neighbourhoods, categories), read from the
 * database's own foreign keys, so a table added later counts without a change here
 * (docs/decisions/093-neighbourhoods-by-admins.md). A row is removed only when this says nothing uses it.
 */

/** The lists an admin keeps: only these table names ever reach the SQL below. */
export type ReferenceList = "neighbourhoods" | "categories";

/** The columns that point at `target`, from every table's foreign keys. */
function referencingColumns(db: Db, target: ReferenceList): { table: string; column: string }[] {
  const tables = db.$client
    .prepare(
      "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '\\_\\_%' escape '\\'",
    )
    .all() as { name: string }[];
  const out: { table: string; column: string }[] = [];
  for (const { name } of tables) {
    const keys = db.$client.prepare(`pragma foreign_key_list("${name.replace(/"/g, '""')}")`).all() as {
      table: string;
      from: string;
    }[];
    for (const key of keys) if (key.table === target) out.push({ table: name, column: key.from });
  }
  return out;
}

/** How many rows refer to each row of `target` (id → count), over every referencing column. */
export function referenceCounts(db: Db, target: ReferenceList): Map<number, number> {
  const counts = new Map<number, number>();
  for (const { table, column } of referencingColumns(db, target)) {
    const rows = db.$client
      .prepare(
        `select "${column}" as id, count(*) as n from "${table}" where "${column}" is not null group by "${column}"`,
      )
      .all() as { id: number; n: number }[];
    for (const row of rows) counts.set(row.id, (counts.get(row.id) ?? 0) + row.n);
  }
  return counts;
}

/** Whether another row of the list already has this name (case does not count). */
export function nameTakenIn(rows: { id: number; name: string }[], name: string, exceptId?: number): boolean {
  const wanted = name.toLocaleLowerCase("de");
  return rows.some((r) => r.id !== exceptId && r.name.toLocaleLowerCase("de") === wanted);
}

/** A slug not yet in `taken`: `base`, else `base<sep>2`, `base<sep>3`, … */
export function freeSlugFrom(taken: Iterable<string>, base: string, sep: string): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${sep}${i}`)) return `${base}${sep}${i}`;
}
