import { createHash } from "node:crypto";
import { eq, getTableColumns, is, sql, type SQL } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "@db/client";
import * as schema from "@db/schema";
import type { SubjectLink, TablePrivacy } from "./data-map/classes";
import { exportedColumns, PERSONAL_DATA_MAP, type TableName } from "./personal-data-map";

export const EXPORT_FORMAT = "miteinander-personal-data/1";

type Row = Record<string, unknown>;

export interface PersonalDataExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  subject: { userId: string; email: string };
  /** Stored about the person but never exported (the password hash): "table.column". */
  withheld: string[];
  /** Secrets of the person exported as `sha256:<12 hex>` fingerprints, not as values: "table.column". */
  fingerprinted: string[];
  /** table → how the rows are tied to the person → rows, keyed by SQL column name. */
  data: Record<string, Record<string, Row[]>>;
}

interface SchemaTable {
  table: SQLiteTable;
  /** SQL column name → the key Drizzle uses in result rows. */
  keyOf: Map<string, string>;
}

let tablesByName: Map<string, SchemaTable> | undefined;

/** Every table of the Drizzle schema, by SQL name. */
export function schemaTables(): Map<string, SchemaTable> {
  if (tablesByName) return tablesByName;
  tablesByName = new Map();
  for (const value of Object.values(schema)) {
    if (!is(value, SQLiteTable)) continue;
    const keyOf = new Map(Object.entries(getTableColumns(value)).map(([key, column]) => [column.name, key]));
    tablesByName.set(getTableConfig(value).name, { table: value, keyOf });
  }
  return tablesByName;
}

/** `sha256:` + 12 hex digits: enough to tell two sessions apart, useless to log in with. */
export function fingerprint(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return `sha256:${createHash("sha256").update(String(value)).digest("hex").slice(0, 12)}`;
}

interface Person {
  userId: string;
  email: string;
}

function column(table: string, name: string): SQL {
  return sql`${sql.identifier(table)}.${sql.identifier(name)}`;
}

/** The SQL condition that selects the rows of `tableName` tied to the person through `link`. */
export function linkCondition(tableName: string, link: SubjectLink, person: Person): SQL {
  switch (link.kind) {
    case "user_id":
      return sql`${column(tableName, link.column)} = ${person.userId}`;
    case "email":
      return sql`${column(tableName, link.column)} = ${person.email}`;
    case "account_key": {
      const byEmail = `:account:${person.email}`;
      const byId = `:user:${person.userId}`;
      return sql`(substr(${column(tableName, link.column)}, -length(${byEmail})) = ${byEmail} or substr(${column(tableName, link.column)}, -length(${byId})) = ${byId})`;
    }
    case "json_value":
      return sql`exists (select 1 from json_each(${column(tableName, link.column)}) where value in (${person.userId}, ${person.email}))`;
    case "audit_subject":
      return sql`${column(tableName, "entity_type")} in ('user', 'volunteer_profile') and ${column(tableName, "entity_id")} = ${person.userId}`;
    case "value_of":
      return sql`${column(tableName, link.column)} in (select ${column(link.table, link.tableColumn)} from ${sql.identifier(link.table)} where ${column(link.table, link.owner)} = ${person.userId})`;
    case "parent": {
      const parent = PERSONAL_DATA_MAP[link.parent as TableName] as TablePrivacy;
      const owners = parent.subjects.filter((s) => s.kind === "user_id" && s.owner);
      if (owners.length === 0)
        throw new Error(`${link.parent} has no owner link for ${tableName}.${link.column}`);
      const parentTable = schemaTables().get(link.parent)!.table;
      const reference = getTableConfig(schemaTables().get(tableName)!.table)
        .foreignKeys.map((fk) => fk.reference())
        .find((ref) => ref.columns[0]?.name === link.column && ref.foreignTable === parentTable);
      if (!reference) throw new Error(`${tableName}.${link.column} does not reference ${link.parent}`);
      const parentKey = reference.foreignColumns[0]!.name;
      const ownerCondition = sql.join(
        owners.map((owner) => sql`(${linkCondition(link.parent, owner, person)})`),
        sql` or `,
      );
      return sql`${column(tableName, link.column)} in (select ${column(link.parent, parentKey)} from ${sql.identifier(link.parent)} where ${ownerCondition})`;
    }
  }
}

function exportValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Everything the hub stores about one person (GDPR art. 15 and 20), as one JSON-serialisable object,
 * driven by PERSONAL_DATA_MAP: each table's rows tied to the person, grouped by how they are tied.
 * Returns null when there is no such user.
 */
export function exportPersonalData(db: Db, userId: string, now = new Date()): PersonalDataExport | null {
  const user = db
    .select({ email: schema.users.email })
    .from(schema.users)
    .where(eq(schema.users.id, userId))
    .get();
  if (!user) return null;
  const person: Person = { userId, email: user.email };
  const result: PersonalDataExport = {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    subject: person,
    withheld: [],
    fingerprinted: [],
    data: {},
  };
  const tables = schemaTables();

  // A consistent snapshot: one read transaction for all the tables.
  db.transaction((tx) => {
    for (const [tableName, privacy] of Object.entries(PERSONAL_DATA_MAP) as [TableName, TablePrivacy][]) {
      for (const [name, cls] of Object.entries(privacy.columns)) {
        if (cls === "withheld") result.withheld.push(`${tableName}.${name}`);
        if (cls === "credential") result.fingerprinted.push(`${tableName}.${name}`);
      }
      if (privacy.subjects.length === 0) continue;
      const found = tables.get(tableName);
      if (!found) throw new Error(`PERSONAL_DATA_MAP names ${tableName}, which is not in the schema.`);
      const groups: Record<string, Row[]> = {};
      for (const link of privacy.subjects) {
        const columns = exportedColumns(privacy, link).filter((name) => privacy.columns[name] !== "withheld");
        const rows = tx
          .select()
          .from(found.table)
          .where(linkCondition(tableName, link, person))
          .orderBy(sql`rowid`)
          .all() as Row[];
        groups[link.key] = rows.map((row) => {
          const out: Row = {};
          for (const name of columns) {
            const value = row[found.keyOf.get(name)!];
            out[name] = privacy.columns[name] === "credential" ? fingerprint(value) : exportValue(value);
          }
          return out;
        });
      }
      result.data[tableName] = groups;
    }
  });
  return result;
}
