/**
 * `npm run db:seed [-- --scale demo|city] [--reset] [--anchor YYYY-MM-DD]`
 *
 * Seeds the database at DATABASE_PATH (default data/app.db). Refuses to touch a database that already
 * has accounts unless --reset is given, and resets only a plain local file.
 */
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { closeDatabase, migrateDatabase, openDatabase } from "../client";
import { SEED_SCALES, countRows, defaultAnchor, isDatabaseEmpty, seedDatabase, type SeedScale } from "./seed";
import { formatSeconds } from "./time";
import { isLocalFilePath, wipeDatabase } from "./wipe-database";

const USAGE = `Usage: npm run db:seed -- [--scale demo|city|state] [--reset] [--anchor YYYY-MM-DD]

  --scale   demo (default): a lively demo; city: a whole city, for load tests;
            state: ten cities in ten municipalities, to see how cost grows
  --reset   delete all rows first (only for a local database file)
  --anchor  the date the data is built around (default: Monday of this week, 00:00 UTC)

Reads DATABASE_PATH (default data/app.db). Every account's password is "miteinander-demo".`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function parseCommandLine(): { scale: SeedScale; reset: boolean; anchor: Date } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        scale: { type: "string", default: "demo" },
        reset: { type: "boolean", default: false },
        anchor: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const scale = values.scale as SeedScale;
  if (!SEED_SCALES.includes(scale))
    fail(`Unknown scale "${values.scale}". Use one of: ${SEED_SCALES.join(", ")}.\n\n${USAGE}`);
  let anchor = defaultAnchor();
  if (values.anchor !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.anchor) || Number.isNaN(Date.parse(values.anchor))) {
      fail(`--anchor must be a date like 2026-11-23, got "${values.anchor}".`);
    }
    anchor = new Date(`${values.anchor}T00:00:00Z`);
  }
  return { scale, reset: values.reset, anchor };
}

function fileSizeMb(path: string): number {
  try {
    return statSync(path).size / (1024 * 1024);
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const { scale, reset, anchor } = parseCommandLine();
  const path = process.env.DATABASE_PATH ?? "data/app.db";

  if (reset && !isLocalFilePath(path)) {
    fail(
      `Refusing --reset: DATABASE_PATH "${path}" is not a plain local file path (in-memory and URI databases are never wiped).`,
    );
  }

  const started = performance.now();
  const db = openDatabase(path);
  try {
    migrateDatabase(db);
    if (!isDatabaseEmpty(db)) {
      const { n } = db.$client.prepare("SELECT count(*) AS n FROM users").get() as { n: number };
      if (!reset) {
        fail(
          `Refusing to seed: ${path} already has ${n} user account(s).\n` +
            `Run "npm run db:seed -- --reset" to delete ALL rows and seed again.`,
        );
      }
      if (!statSync(path).isFile()) fail(`Refusing --reset: ${path} is not a regular file.`);
      const wipeStarted = performance.now();
      wipeDatabase(db);
      console.log(
        `Wiped ${path} (${n} users and everything else) in ${formatSeconds(performance.now() - wipeStarted)}`,
      );
    }

    console.log(`Seeding ${path}: scale ${scale}, anchor ${anchor.toISOString().slice(0, 10)}`);
    const report = await seedDatabase(db, {
      scale,
      anchor,
      onStep: (step) =>
        console.log(
          `  ${step.name.padEnd(30)} ${String(step.rows).padStart(9)} rows  ${formatSeconds(step.ms).padStart(9)}`,
        ),
    });

    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const counts = countRows(db);
    const width = Math.max(...Object.keys(counts).map((t) => t.length));
    console.log("\nRows per table:");
    for (const [table, n] of Object.entries(counts))
      if (n > 0) console.log(`  ${table.padEnd(width)} ${String(n).padStart(9)}`);
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    console.log(
      `\nDone: ${total} rows in ${formatSeconds(performance.now() - started)} (seeding ${formatSeconds(report.totalMs)}); ` +
        `database file ${fileSizeMb(path).toFixed(1)} MB.`,
    );
    console.log(
      `Log in as admin@, koordination@, verein@ or helfer@miteinander.test with password "miteinander-demo".`,
    );
  } finally {
    closeDatabase(db);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
