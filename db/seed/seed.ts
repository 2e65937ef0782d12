import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { hashPassword } from "../../app/modules/auth/password.server";
import { markDemoDatabase } from "../../app/modules/installation/installation.server";
import { type SeedContext, userId } from "./context";
import { Rng } from "./prng";
import { SCALE_CONFIGS, type SeedScale } from "./scales";
import { countRows } from "./tables";
import { DAY_MS } from "./time";
import { DEMO_PASSWORD, seedAccounts } from "./steps/accounts";
import { seedEvents } from "./steps/events";
import { seedNeedsAndMatches } from "./steps/needs";
import { seedNotificationsAndAudit } from "./steps/notifications";
import { seedOffers } from "./steps/offers";
import { seedOrganisations } from "./steps/organisations";
import { seedPlaces } from "./steps/places";
import { seedVolunteers } from "./steps/volunteers";

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

  const ctx: SeedContext = {
    sqlite: db.$client,
    scale: options.scale,
    config: SCALE_CONFIGS[options.scale],
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
  run("neighbourhoods and categories", seedPlaces);
  run("staff accounts", seedAccounts);
  run("volunteers", seedVolunteers);
  run("organisations", seedOrganisations);
  run("offers", seedOffers);
  run("needs and matches", seedNeedsAndMatches);
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

  // The seed's own inserts filled the reach index's change log: a server builds its index from the
  // seeded rows anyway (app/modules/matches/candidate-reach.server.ts).
  db.$client.prepare("DELETE FROM matching_changes").run();

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
