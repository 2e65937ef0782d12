/**
 * The spike behind docs/decisions/083-beyond-one-machine.md: the hub's schema and data on libSQL (the
 * engine of the libSQL server and its embedded replicas) through @libsql/client, on a local file.
 *  - the migrations, applied by Drizzle's libsql migrator;
 *  - the demo seed's rows (the generator writes through better-sqlite3; its rows are then written
 *    through @libsql/client, table by table);
 *  - a handful of module queries (dashboard, reports, the needs list, the matching loader, the public
 *    activities), their SQL captured as the app runs them, run on libSQL: the same rows.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client } from "@libsql/client";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder } from "@db/client";
import * as schema from "@db/schema";
import { defaultAnchor, listTables, seedDatabase } from "@db/seed/seed";
import { loadDashboard } from "~/modules/dashboard/dashboard.server";
import { ALL_NEIGHBOURHOODS } from "~/modules/dashboard/scope.server";
import { periodOf } from "~/modules/dashboard/periods";
import { loadMatchingInstance } from "~/modules/matches/matching-instance.server";
import { listNeeds } from "~/modules/needs/queries.server";
import { summariseHours, summariseNeeds } from "~/modules/reports/reports.server";
import { createTempDb, type TempDb } from "../helpers/db";

let source: TempDb;
let dir: string;
let client: Client;

/** The statements (SQL and parameters) a call runs on better-sqlite3. */
function captureStatements(run: () => unknown): Array<{ sql: string; args: unknown[] }> {
  const proto = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1")) as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  const seen: Array<{ sql: string; args: unknown[] }> = [];
  const originals = { all: proto.all!, get: proto.get! };
  for (const method of ["all", "get"] as const) {
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      seen.push({ sql: this.source, args });
      return originals[method].apply(this, args);
    };
  }
  try {
    run();
  } finally {
    proto.all = originals.all;
    proto.get = originals.get;
  }
  return seen;
}

beforeAll(async () => {
  source = createTempDb();
  await seedDatabase(source.db, { scale: "demo", anchor: defaultAnchor() });
  dir = mkdtempSync(join(tmpdir(), "miteinander-libsql-"));
  client = createClient({ url: `file:${join(dir, "libsql.db")}` });
  await migrate(drizzle(client, { schema }), { migrationsFolder: migrationsFolder() });
  // The seed's rows, written through @libsql/client (foreign keys checked once, at the end).
  await client.execute("PRAGMA foreign_keys = OFF");
  for (const table of listTables(source.db)) {
    if (table === "__drizzle_migrations") continue;
    await client.execute(`DELETE FROM "${table}"`);
    const rows = source.db.$client.prepare(`SELECT * FROM "${table}"`).raw(true).all() as unknown[][];
    if (rows.length === 0) continue;
    const columns = source.db.$client
      .prepare(`SELECT name FROM pragma_table_info('${table}')`)
      .pluck()
      .all() as string[];
    const insert = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
    for (let i = 0; i < rows.length; i += 500) {
      await client.batch(
        rows.slice(i, i + 500).map((args) => ({ sql: insert, args: args as never[] })),
        "write",
      );
    }
  }
  // The cache triggers fired for every row written: leave their bookkeeping as the seed leaves it.
  await client.execute("DELETE FROM matching_changes");
  await client.execute("UPDATE cache_versions SET version = 0");
  await client.execute("PRAGMA foreign_keys = ON");
}, 120_000);

afterAll(() => {
  client?.close();
  source?.cleanup();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the hub on libSQL (@libsql/client, local file)", () => {
  it("takes every migration and the demo seed, with every reference intact", async () => {
    const applied = await client.execute("SELECT count(*) AS n FROM __drizzle_migrations");
    const local = source.db.$client.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get();
    expect(applied.rows[0]!.n).toBe(local);
    for (const table of listTables(source.db)) {
      const there = await client.execute(`SELECT count(*) AS n FROM "${table}"`);
      const here = source.db.$client.prepare(`SELECT count(*) FROM "${table}"`).pluck().get();
      expect(there.rows[0]!.n, table).toBe(here);
    }
    expect((await client.execute("PRAGMA foreign_key_check")).rows).toEqual([]);
    // The triggers came along (the caches stay exact on libSQL too).
    const triggers = await client.execute("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger'");
    expect(triggers.rows[0]!.n).toBeGreaterThan(40);
  });

  it("answers the modules' queries with the same rows as better-sqlite3", async () => {
    const db = source.db;
    const coordinator = db.$client
      .prepare("SELECT id FROM users WHERE email = 'koordination@miteinander.test'")
      .pluck()
      .get() as string;
    const neighbourhoodIds = db.$client.prepare("SELECT id FROM neighbourhoods").pluck().all() as number[];
    const now = defaultAnchor().getTime() + 9 * 3_600_000;
    const period = periodOf("2020-01-01", "2030-12-31");
    const statements = captureStatements(() => {
      loadDashboard(db, ALL_NEIGHBOURHOODS, now);
      summariseNeeds(db, { neighbourhoodIds }, period);
      summariseHours(db, ALL_NEIGHBOURHOODS, period, "organisation");
      loadMatchingInstance(db, {}, { now });
      listNeeds(
        db,
        {
          id: coordinator,
          role: "coordinator",
          coordinatorNeighbourhoodIds: neighbourhoodIds,
          memberships: [],
        } as never,
        { status: "active", page: 1 } as never,
      );
    });
    expect(statements.length).toBeGreaterThan(20);
    for (const { sql, args } of statements) {
      const expected = db.$client
        .prepare(sql)
        .raw(true)
        .all(...args);
      const result = await client.execute({ sql, args: args as never[] });
      const rows = result.rows.map((row) => result.columns.map((_, i) => row[i]));
      expect(rows, sql.slice(0, 120)).toEqual(expected);
    }
  });
});
