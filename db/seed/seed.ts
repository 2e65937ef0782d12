import { rmSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { hashPassword } from "../../app/modules/auth/password.server";
import { markDemoDatabase } from "../../app/modules/installation/installation.server";
import { type SeedContext, userId } from "./context";
import { Rng } from "./prng";
import { SCALE_CONFIGS, TILED_SCALES, type SeedScale } from "./scales";
import { countRows } from "./tables";
import { DAY_MS } from "./time";
import { DEMO_PASSWORD, seedAccounts } from "./steps/accounts";
import { seedArrivals } from "./steps/arrivals";
import { seedEvents } from "./steps/events";
import { seedNeedsAndMatches } from "./steps/needs";
import { seedNotificationsAndAudit } from "./steps/notifications";
import { seedOffers } from "./steps/offers";
import { seedOrganisations } from "./steps/organisations";
import { seedPlaces } from "./steps/places";
import { seedVolunteers } from "./steps/volunteers";
import { tileMunicipalities } from "./tile";
import { MUNICIPALITY, STADTTEILE } from "./reference/gelsenkirchen";

export { defaultAnchor } from "./time";
export { DEMO_EMAILS, DEMO_PASSWORD } from "./steps/accounts";
export { SEED_SCALES, type SeedScale } from "./scales";
export { countRows, listTables } from "./tables";

/** The seed's fixed PRNG seed ("mite"): the same scale and anchor always give the same rows. */
export const DEFAULT_SEED = 0x6d697465;

export interface SeedOptions {
  scale: SeedScale;
  /** The seed's "now": every date is computed from it. */
  anchor: Date;
  /** PRNG seed; change it for different (but still reproducible) data. */
  seed?: number;
  /** Called after each step, e.g. to print progress. */
  onStep?: (step: SeedStepReport) => void;
}

export interface SeedStepReport {
  name: string;
  /** Rows the step inserted. */
  rows: number;
  ms: number;
}

export interface SeedReport {
  scale: SeedScale;
  anchor: string;
  steps: SeedStepReport[];
  /** Row count of every table after seeding. */
  counts: Record<string, number>;
  totalMs: number;
}

/**
 * Runs `fill` without the triggers that keep caches current (the public page cache's version, the
 * matching reach index's change log): they would fire for every seeded row. They are put back
 * afterwards (nested calls find none to take away), and the caches start from the seeded data.
 */
function withoutTriggers<T>(db: Db, fill: () => T): T {
  const sqlite = db.$client;
  const triggers = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all() as {
    name: string;
    sql: string;
  }[];
  for (const trigger of triggers) sqlite.exec(`DROP TRIGGER "${trigger.name}"`);
  try {
    return fill();
  } finally {
    for (const trigger of triggers) sqlite.exec(trigger.sql);
    if (triggers.length > 0) sqlite.prepare("DELETE FROM matching_changes").run();
  }
}

/**
 * The `state` scale's copies: a snapshot of the seeded city (VACUUM INTO a file beside the database)
 * attached as `base` and copied once per municipality, with foreign-key checks off while copying (the
 * copies are consistent by construction; the seed's tests check them).
 */
export function copyMunicipalities(db: Db, municipalities: Parameters<typeof tileMunicipalities>[1]): number {
  const sqlite = db.$client;
  if (sqlite.memory || !sqlite.name) throw new Error("seedDatabase: the state scale needs a database file");
  const snapshot = `${sqlite.name}.city-${process.pid}`;
  rmSync(snapshot, { force: true });
  sqlite.prepare("VACUUM INTO ?").run(snapshot);
  sqlite.prepare("ATTACH DATABASE ? AS base").run(snapshot);
  sqlite.pragma("foreign_keys = OFF");
  // Ten times the rows: the indexes that enforce nothing are built once at the end (a sort) rather
  // than grown row by row.
  const indexes = sqlite
    .prepare(
      "SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
    )
    .all() as { name: string; sql: string }[];
  try {
    const centre = STADTTEILE[0]!;
    return withoutTriggers(db, () =>
      sqlite
        .transaction(() => {
          for (const index of indexes) sqlite.exec(`DROP INDEX main."${index.name}"`);
          const rows = tileMunicipalities(sqlite, municipalities, {
            name: MUNICIPALITY,
            lat: centre.lat,
            lon: centre.lon,
          });
          for (const index of indexes) sqlite.exec(index.sql);
          return rows;
        })
        .immediate(),
    );
  } finally {
    sqlite.pragma("foreign_keys = ON");
    sqlite.exec("DETACH DATABASE base");
    rmSync(snapshot, { force: true });
  }
}

/** True if nobody has an account yet (a fresh database). */
export function isDatabaseEmpty(db: Db): boolean {
  return db.$client.prepare("SELECT 1 FROM users LIMIT 1").get() === undefined;
}

/**
 * Fills an empty, migrated database with deterministic data: the same scale, anchor and seed give
 * byte-identical rows. Each step runs in its own transaction with batched prepared inserts. Every
 * account's password is DEMO_PASSWORD, hashed once with a salt derived from the seed.
 */
export async function seedDatabase(db: Db, options: SeedOptions): Promise<SeedReport> {
  if (!isDatabaseEmpty(db)) throw new Error("seedDatabase: the database already has users; wipe it first.");
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_SEED;
  const anchorMs = options.anchor.getTime();
  if (!Number.isFinite(anchorMs)) throw new Error("seedDatabase: invalid anchor date");
  const steps: SeedStepReport[] = [];
  const record = (step: SeedStepReport) => {
    steps.push(step);
    options.onStep?.(step);
  };

  let t = performance.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD, { salt: new Rng(seed, "password-salt").bytes(16) });
  record({ name: "password hash", rows: 0, ms: performance.now() - t });

  const tiled = TILED_SCALES[options.scale];
  const generated = tiled?.base ?? (options.scale as Exclude<SeedScale, "state">);
  const ctx: SeedContext = {
    sqlite: db.$client,
    scale: generated,
    config: SCALE_CONFIGS[generated],
    anchorMs,
    seed,
    passwordHash,
    accounts: {
      adminId: userId(1),
      coordinatorId: userId(2),
      organisationMemberId: userId(3),
      volunteerId: userId(4),
    },
    neighbourhoods: [],
    distanceKm: () => Infinity,
    categoryIds: new Map(),
    categorySlugs: new Map(),
    coordinatorFor: () => userId(2),
    volunteers: [],
    organisations: [],
    offers: [],
    emails: new Set(),
    nextUserNumber: 5,
    notifications: [],
    audit: [],
  };

  const run = (name: string, step: (ctx: SeedContext) => number) => {
    const stepStarted = performance.now();
    const rows = db.$client.transaction(() => step(ctx)).immediate();
    record({ name, rows, ms: performance.now() - stepStarted });
  };

  // Before any account with the published demo password exists: only `npm run demo` starts this database.
  run("demo mark", () => {
    markDemoDatabase(db);
    // Pinned to the anchor, like the settings row below, so that the rows stay identical from run to run.
    db.run(sql`UPDATE installation SET created_at = ${anchorMs - 730 * DAY_MS} WHERE id = 1`);
    return 1;
  });
  withoutTriggers(db, () => {
    run("neighbourhoods and categories", seedPlaces);
    run("staff accounts", seedAccounts);
    run("volunteers", seedVolunteers);
    run("organisations", seedOrganisations);
    run("offers", seedOffers);
    run("needs and matches", seedNeedsAndMatches);
    run("arrivals and their first steps", seedArrivals);
    run("events, shifts and sign-ups", seedEvents);
    run("notifications and audit", seedNotificationsAndAudit);
    run("settings", () => {
      // migrateDatabase() created the settings row with the clock's time (and a wipe removed it): pin it
      // to the anchor so that the rows stay identical from run to run.
      const at = anchorMs - 730 * DAY_MS;
      db.run(
        sql`INSERT INTO app_settings (id, created_at, updated_at) VALUES (1, ${at}, ${at})
          ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, updated_at = excluded.updated_at`,
      );
      return 1;
    });
    if (tiled) {
      const stepStarted = performance.now();
      const rows = copyMunicipalities(db, tiled.municipalities);
      record({
        name: `${tiled.municipalities.length} more municipalities`,
        rows,
        ms: performance.now() - stepStarted,
      });
    }
  });

  t = performance.now();
  db.$client.pragma("optimize");
  record({ name: "analyze", rows: 0, ms: performance.now() - t });

  return {
    scale: options.scale,
    anchor: options.anchor.toISOString(),
    steps,
    counts: countRows(db),
    totalMs: performance.now() - started,
  };
}
