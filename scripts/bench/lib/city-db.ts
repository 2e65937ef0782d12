import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
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
  /** How long building it took, its CPU time, and how busy the machine was (1-minute load average). */
  seededMs?: number;
  seedCpuMs?: number;
  loadAverage?: number[];
}

/** How the kept database of a scale was built (from its sidecar file), if it says. */
export function seedRecord(scale: SeedScale): Sidecar | null {
  const sidecarPath = `${scaleDatabasePath(scale)}.json`;
  return existsSync(sidecarPath) ? (JSON.parse(readFileSync(sidecarPath, "utf8")) as Sidecar) : null;
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
  const cpuStarted = process.cpuUsage();
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
  const seededMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  writeFileSync(
    sidecarPath,
    `${JSON.stringify({
      scale,
      anchor: anchor.toISOString(),
      seededMs: Math.round(seededMs),
      seedCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      loadAverage: loadavg().map((n) => Math.round(n * 10) / 10),
    } satisfies Sidecar)}\n`,
  );
  log(`Seeded in ${(seededMs / 1000).toFixed(1)} s.`);
  return { path, scale, anchor, seededMs };
}

/** The city-scale database (BENCH_DB or .cache/bench-city.db). */
export function ensureCityDatabase(log: (line: string) => void = () => {}): Promise<CityDatabase> {
  return ensureScaleDatabase("city", log);
}
