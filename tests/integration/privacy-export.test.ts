import { getTableColumns, getTableName } from "drizzle-orm";
import { getTableConfig, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { volunteerProfiles, users } from "@db/schema";
import {
  exportPersonalData,
  fingerprint,
  schemaTables,
  type PersonalDataExport,
} from "~/modules/privacy/export.server";
import { COLUMN_CLASSES, type SubjectLink, type TablePrivacy } from "~/modules/privacy/data-map/classes";
import { exportedColumns, PERSONAL_DATA_MAP } from "~/modules/privacy/personal-data-map";
import { createTempDb, type TempDb } from "../helpers/db";
import { buildPrivacyFixture, type PrivacyFixture } from "./privacy-fixture";

const MAP = PERSONAL_DATA_MAP as unknown as Record<string, TablePrivacy>;

describe("the classification covers the schema", () => {
  it("classifies every column of every table, and nothing that is not in the schema", () => {
    const unclassified: string[] = [];
    const stale: string[] = [];
    for (const [name, { table }] of schemaTables()) {
      const classified = MAP[name]?.columns ?? {};
      for (const column of getTableConfig(table).columns) {
        const cls = classified[column.name];
        if (!cls || !COLUMN_CLASSES.includes(cls)) unclassified.push(`${name}.${column.name}`);
      }
      for (const column of Object.keys(classified)) {
        if (!getTableConfig(table).columns.some((c) => c.name === column)) stale.push(`${name}.${column}`);
      }
    }
    for (const name of Object.keys(MAP)) if (!schemaTables().has(name)) stale.push(name);
    expect(unclassified, "columns missing from PERSONAL_DATA_MAP").toEqual([]);
    expect(stale, "PERSONAL_DATA_MAP names columns that no longer exist").toEqual([]);
  });

  it("ties every reference to a person to that person's export", () => {
    // A column pointing at users.id (or at a profile keyed by it) says "this row concerns that person".
    const personTables = new Set<string>([getTableName(users), getTableName(volunteerProfiles)]);
    const missing: string[] = [];
    for (const [name, { table }] of schemaTables()) {
      for (const fk of getTableConfig(table).foreignKeys) {
        const ref = fk.reference();
        if (!personTables.has(getTableName(ref.foreignTable))) continue;
        const column = ref.columns[0]!.name;
        const linked = MAP[name]!.subjects.some((s) => s.kind === "user_id" && s.column === column);
        if (!linked) missing.push(`${name}.${column}`);
      }
    }
    expect(missing, "person references without a subject link").toEqual([]);
  });

  it("exports every personal column through some link, and only tables with personal data have links", () => {
    const problems: string[] = [];
    for (const [name, privacy] of Object.entries(MAP)) {
      const personal = Object.entries(privacy.columns)
        .filter(([, cls]) => cls === "personal" || cls === "credential")
        .map(([c]) => c);
      const exported = new Set(privacy.subjects.flatMap((link) => exportedColumns(privacy, link)));
      for (const column of personal)
        if (!exported.has(column)) problems.push(`${name}.${column} is never exported`);
      if (personal.length === 0 && privacy.subjects.length > 0)
        problems.push(`${name} has links but no personal column`);
      for (const link of privacy.subjects) {
        for (const column of exportedColumns(privacy, link)) {
          if (!(column in privacy.columns)) problems.push(`${name}.${link.key} exports unknown ${column}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("exportPersonalData", () => {
  let temp: TempDb;
  let fixture: PrivacyFixture;
  let exported: PersonalDataExport;

  beforeAll(() => {
    temp = createTempDb();
    fixture = buildPrivacyFixture(temp.db, "exp");
    // Noise: a second, unrelated person with the same kinds of rows.
    buildPrivacyFixture(temp.db, "noise");
    exported = exportPersonalData(temp.db, fixture.subjectId)!;
  });
  afterAll(() => temp.cleanup());

  /** The rows of a table tied to the subject through `link`, found with hand-written SQL (not the exporter's). */
  function rowsOf(table: string, link: SubjectLink): Record<string, unknown>[] {
    const c = temp.db.$client;
    const { subjectId: id, subjectEmail: email } = fixture;
    switch (link.kind) {
      case "user_id":
        return c
          .prepare(`SELECT * FROM "${table}" WHERE "${link.column}" = ? ORDER BY rowid`)
          .all(id) as never;
      case "email":
        return c
          .prepare(`SELECT * FROM "${table}" WHERE "${link.column}" = ? ORDER BY rowid`)
          .all(email) as never;
      case "account_key": {
        const escape = (v: string) => v.replace(/[\\%_]/g, (x) => `\\${x}`);
        return c
          .prepare(
            `SELECT * FROM "${table}" WHERE "${link.column}" LIKE ? ESCAPE '\\' OR "${link.column}" LIKE ? ESCAPE '\\' ORDER BY rowid`,
          )
          .all(`%:account:${escape(email)}`, `%:user:${escape(id)}`) as never;
      }
      case "json_value":
        return (
          c.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all() as Record<string, unknown>[]
        ).filter((row) =>
          Object.values(JSON.parse(String(row[link.column])) as Record<string, unknown>).some(
            (v) => v === id || v === email,
          ),
        );
      case "audit_subject":
        return c
          .prepare(
            `SELECT * FROM "${table}" WHERE entity_type IN ('user', 'volunteer_profile') AND entity_id = ? ORDER BY rowid`,
          )
          .all(id) as never;
      case "value_of":
        return c
          .prepare(
            `SELECT * FROM "${table}" WHERE "${link.column}" IN (SELECT "${link.tableColumn}" FROM "${link.table}" WHERE "${link.owner}" = ?) ORDER BY rowid`,
          )
          .all(id) as never;
      case "parent": {
        const ownerColumn = MAP[link.parent]!.subjects.find((s) => s.kind === "user_id" && s.owner) as {
          column: string;
        };
        return c
          .prepare(
            `SELECT * FROM "${table}" WHERE "${link.column}" IN (SELECT id FROM "${link.parent}" WHERE "${ownerColumn.column}" = ?) ORDER BY rowid`,
          )
          .all(id) as never;
      }
    }
  }

  /** A raw SQLite value as the export shows it (Drizzle's mapping: dates, booleans, JSON). */
  function asExported(table: string, column: string, raw: unknown): unknown {
    if (raw === null) return null;
    const { table: t } = schemaTables().get(table)!;
    const col = Object.values(getTableColumns(t)).find((x) => x.name === column) as SQLiteColumn;
    const value = col.mapFromDriverValue(raw);
    return value instanceof Date ? value.toISOString() : value;
  }

  it("has rows for the subject through every link (the fixture covers them all)", () => {
    const empty: string[] = [];
    for (const [table, privacy] of Object.entries(MAP)) {
      for (const link of privacy.subjects) {
        if ((exported.data[table]?.[link.key] ?? []).length === 0) empty.push(`${table}.${link.key}`);
      }
    }
    expect(empty, "extend tests/integration/privacy-fixture.ts for these").toEqual([]);
  });

  it("contains every personal value of every row tied to the subject", () => {
    const missing: string[] = [];
    for (const [table, privacy] of Object.entries(MAP)) {
      for (const link of privacy.subjects) {
        const group = exported.data[table]![link.key]!;
        const rows = rowsOf(table, link);
        expect(group, `${table}.${link.key}`).toHaveLength(rows.length);
        for (const row of rows) {
          const expected: Record<string, unknown> = {};
          for (const column of exportedColumns(privacy, link)) {
            const cls = privacy.columns[column];
            if (cls === "personal") expected[column] = asExported(table, column, row[column]);
            if (cls === "credential") expected[column] = fingerprint(row[column]);
          }
          const found = group.some((entry) =>
            Object.entries(expected).every(([k, v]) => JSON.stringify(entry[k]) === JSON.stringify(v)),
          );
          if (!found) missing.push(`${table}.${link.key}: ${JSON.stringify(expected)}`);
        }
      }
    }
    expect(missing).toEqual([]);
    // Every marker of the subject's free text is in the file the person downloads.
    const text = JSON.stringify(exported);
    for (const marker of fixture.subjectMarkers) expect(text).toContain(marker);
  });

  it("holds no secrets and nothing of other people", () => {
    const text = JSON.stringify(exported);
    expect(exported.withheld).toEqual(["users.password_hash"]);
    expect(text).not.toContain("hashvalue");
    expect(text).not.toContain("caltoken-exp-secret");
    expect(text).not.toContain("sessionhash-exp-subject");
    expect(text).not.toContain("tok-exp-");
    expect(text).not.toContain("invitee-exp@example.org");
    expect(text).not.toContain(fixture.otherEmail);
    for (const marker of fixture.otherMarkers) expect(text).not.toContain(marker);
    // The unrelated person's data is nowhere.
    expect(text).not.toMatch(/noise/);
    expect(exported.data.sessions!.yourSessions![0]!.id).toMatch(/^sha256:[0-9a-f]{12}$/);
  });

  it("holds the address an organisation copied from the person (and not the other person's)", () => {
    expect(exported.data.organisations?.organisationsWithYourAddress).toEqual([
      { id: fixture.ids.organisationId, name: "Sportverein", email: fixture.subjectEmail },
    ]);
  });

  it("answers null for an unknown person", () => {
    expect(exportPersonalData(temp.db, "nobody")).toBeNull();
  });
});
