import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { closeDatabase, migrateDatabase, openDatabase } from "../../../db/client";
import { defaultAnchor, isDatabaseEmpty, seedDatabase, type SeedScale } from "../../../db/seed/seed";

const ROOT = resolve(import.meta.dirname, "../../..");

export interface ScaleDatabase {
  path: string;
  scale: SeedScale;
  /** The seed's "now" (its anchor): dates in the data are relative to it. */
  anchor: Date;
  /** Milliseconds spent seeding; 0 when the file already existed. */
  seededMs: number;
}
export type CityDatabase = ScaleDatabase;

interface Sidecar {
  scale: SeedScale;
  anchor: string;
}

/**
 * Where a bench keeps the database of a scale: BENCH_DB for city (the benches' default scale), and
 * `.cache/bench-<scale>.db` otherwise.
 */
export function scaleDatabasePath(scale: SeedScale): string {
  if (scale === "city" && process.env.BENCH_DB) return resolve(ROOT, process.env.BENCH_DB);
  return resolve(ROOT, `.cache/bench-${scale}.db`);
}

/**
 * A database of the given seed scale for benchmarks, seeded once and kept (scaleDatabasePath). It is
 * seeded into a temp file and renamed into place, so a bench that is interrupted or runs next to
 * another never leaves a half-seeded file behind. The anchor is kept in `<path>.json`, so a bench can
 * judge the data from the day it was built around rather than from today.
 */
export async function ensureScaleDatabase(
  scale: SeedScale,
  log: (line: string) => void = () => {},
): Promise<ScaleDatabase> {
  const path = scaleDatabasePath(scale);
  const sidecarPath = `${path}.json`;
  if (existsSync(path)) {
    const db = openDatabase(path, { readonly: true });
    const empty = isDatabaseEmpty(db);
    closeDatabase(db);
    if (!empty) {
      const sidecar = existsSync(sidecarPath)
        ? (JSON.parse(readFileSync(sidecarPath, "utf8")) as Sidecar)
        : null;
      return { path, scale, anchor: sidecar ? new Date(sidecar.anchor) : new Date(), seededMs: 0 };
    }
  }

  const anchor = defaultAnchor();
  const temp = `${path}.seeding-${process.pid}`;
  log(`Seeding ${scale} scale into ${path} (once; kept for later runs) …`);
  const started = performance.now();
  const db = openDatabase(temp);
  try {
    migrateDatabase(db);
    // A temp file that is renamed into place only when complete: no journal and no syncs while it is
    // filled (a crash leaves a file nobody uses), WAL again once it is done.
    db.$client.pragma("journal_mode = OFF");
    db.$client.pragma("synchronous = OFF");
    db.$client.pragma("cache_size = -262144");
    await seedDatabase(db, { scale, anchor });
    db.$client.pragma("journal_mode = WAL");
    // Fold the WAL back so the renamed file is complete on its own.
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
  } catch (error) {
    closeDatabase(db);
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${temp}${suffix}`, { force: true });
    throw error;
  }
  closeDatabase(db);
  for (const suffix of ["-wal", "-shm"]) rmSync(`${temp}${suffix}`, { force: true });
  renameSync(temp, path);
  writeFileSync(
    sidecarPath,
    `${JSON.stringify({ scale, anchor: anchor.toISOString() } satisfies Sidecar)}\n`,
  );
  const seededMs = performance.now() - started;
  log(`Seeded in ${(seededMs / 1000).toFixed(1)} s.`);
  return { path, scale, anchor, seededMs };
}

/** The city-scale database (BENCH_DB or .cache/bench-city.db). */
export function ensureCityDatabase(log: (line: string) => void = () => {}): Promise<CityDatabase> {
  return ensureScaleDatabase("city", log);
}
