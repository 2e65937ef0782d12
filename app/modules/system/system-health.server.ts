/**
 * What the administrator's system page (/admin/system) and /metrics report about the running hub:
 * version, database and disk, migrations, backups, outbox and scheduler, and the warnings that need
 * someone. One read, a fixed number of queries.
 */
import { existsSync, readFileSync, statfsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { migrationStatus, type MigrationStatus } from "@db/client";
import type { Db } from "@db/client";
import {
  backupConfig,
  latestBackups,
  listBackupFiles,
  type LatestBackups,
} from "~/modules/backups/backups.server";
import { candidateReachStatus, type ReachStatus } from "~/modules/matches/candidate-reach.server";
import { getMailConfig } from "~/modules/notifications/config.server";
import { countOutboxByStatus } from "~/modules/notifications/outbox.server";
import type { OutboxStatus } from "@db/schema/enums";
import { workerThreadActivity, type WorkerKindActivity } from "~/utils/worker-thread.server";

/** A backup older than this is a warning (a day plus two hours of slack for a slow night). */
export const BACKUP_MAX_AGE_MS = 26 * 60 * 60 * 1000;
/** Less free space than this share of the disk (or than twice the database) is a warning. */
export const DISK_LOW_SHARE = 0.1;
/** A due job waiting longer than this means the scheduler is not running (it wakes every 15 s). */
export const SCHEDULER_LATE_MS = 10 * 60 * 1000;

/** Jobs given up within this window count as failed (older ones are history). */
export const FAILED_JOBS_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export type SystemWarning =
  | { code: "noSmtp" }
  | { code: "noBackup" }
  | { code: "backupOld"; hours: number }
  | { code: "backupFailed"; problem: string }
  | { code: "backupAfterFailed"; problem: string }
  | { code: "diskNearlyFull"; freeBytes: number; totalBytes: number }
  | { code: "mailFailed"; n: number }
  | { code: "jobsFailed"; n: number }
  | { code: "schedulerLate"; minutes: number }
  | { code: "reachIndexFailed"; problem: string };

export interface JobKindHealth {
  kind: string;
  lastDoneAt: number | null;
  /** Due and not yet run. */
  due: number;
  /** How long the oldest due job has been waiting (0 when none). */
  lagMs: number;
  /** Given up within the last FAILED_JOBS_WINDOW_MS. */
  failed: number;
}

export interface SystemHealth {
  version: string;
  commit: string;
  now: number;
  uptimeSeconds: number;
  database: { path: string; bytes: number; walBytes: number };
  disk: { freeBytes: number; totalBytes: number } | null;
  migrations: MigrationStatus;
  backups: LatestBackups & { dir: string; files: number; keepDaily: number; keepWeekly: number };
  outbox: Partial<Record<OutboxStatus, number>>;
  jobs: JobKindHealth[];
  /**
   * Work this server process does in worker threads, beside the scheduler: the matching reach index of
   * the connection `db` (the server's own), and each kind of worker's runs since the process started.
   */
  background: { reach: ReachStatus; workers: WorkerKindActivity[] };
  smtpConfigured: boolean;
  warnings: SystemWarning[];
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

let versionCache: { version: string; commit: string } | undefined;

/** The version from package.json; the commit from build/version.json (written by `npm run build`). */
export function appVersion(): { version: string; commit: string } {
  if (versionCache) return versionCache;
  const root = projectRoot();
  let version = "unknown";
  let commit = "unknown";
  try {
    version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    // An unreadable package.json leaves "unknown".
  }
  try {
    commit = (JSON.parse(readFileSync(join(root, "build/version.json"), "utf8")) as { commit: string })
      .commit;
  } catch {
    // No build yet (tests, dev).
  }
  versionCache = { version, commit };
  return versionCache;
}

function jobHealth(db: Db, now: number): JobKindHealth[] {
  const rows = db.all<{
    kind: string;
    lastDoneAt: number | null;
    due: number;
    oldestDue: number | null;
    failed: number;
  }>(sql`
    select kind,
           max(case when status = 'done' then done_at end) as lastDoneAt,
           sum(case when status = 'pending' and run_at <= ${now} then 1 else 0 end) as due,
           min(case when status = 'pending' and run_at <= ${now} then run_at end) as oldestDue,
           sum(case when status = 'failed' and done_at >= ${now - FAILED_JOBS_WINDOW_MS} then 1 else 0 end) as failed
    from scheduled_jobs group by kind order by kind`);
  return rows.map((r) => ({
    kind: r.kind,
    lastDoneAt: r.lastDoneAt,
    due: r.due,
    lagMs: r.oldestDue === null ? 0 : Math.max(0, now - r.oldestDue),
    failed: r.failed,
  }));
}

export function readSystemHealth(db: Db, now = Date.now()): SystemHealth {
  const config = backupConfig();
  const dbPath = resolve(config.databasePath);
  let disk: SystemHealth["disk"] = null;
  try {
    const s = statfsSync(dirname(dbPath));
    disk = { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
  } catch {
    disk = null;
  }
  const backups = latestBackups(db);
  const outbox = countOutboxByStatus(db);
  const jobs = jobHealth(db, now);
  const smtpConfigured = Boolean(getMailConfig().smtpUrl);
  const database = { path: dbPath, bytes: fileSize(dbPath), walBytes: fileSize(`${dbPath}-wal`) };

  const warnings: SystemWarning[] = [];
  if (!smtpConfigured) warnings.push({ code: "noSmtp" });
  const lastGood = backups.lastVerified;
  if (!lastGood) warnings.push({ code: "noBackup" });
  else if (now - lastGood.finishedAt > BACKUP_MAX_AGE_MS) {
    warnings.push({ code: "backupOld", hours: Math.floor((now - lastGood.finishedAt) / 3_600_000) });
  }
  if (backups.latest && backups.latest.status !== "verified") {
    warnings.push({ code: "backupFailed", problem: backups.latest.problem ?? "" });
  }
  if (backups.latest?.afterStatus === "failed") {
    warnings.push({ code: "backupAfterFailed", problem: backups.latest.afterProblem ?? "" });
  }
  if (disk && (disk.freeBytes < disk.totalBytes * DISK_LOW_SHARE || disk.freeBytes < 2 * database.bytes)) {
    warnings.push({ code: "diskNearlyFull", ...disk });
  }
  if ((outbox.failed ?? 0) > 0) warnings.push({ code: "mailFailed", n: outbox.failed ?? 0 });
  const failedJobs = jobs.reduce((sum, j) => sum + j.failed, 0);
  if (failedJobs > 0) warnings.push({ code: "jobsFailed", n: failedJobs });
  const lag = Math.max(0, ...jobs.map((j) => j.lagMs));
  if (lag > SCHEDULER_LATE_MS) warnings.push({ code: "schedulerLate", minutes: Math.floor(lag / 60_000) });
  const reach = candidateReachStatus(db);
  if (!reach.ready && reach.problem) warnings.push({ code: "reachIndexFailed", problem: reach.problem });

  return {
    ...appVersion(),
    now,
    uptimeSeconds: Math.floor(process.uptime()),
    database,
    disk,
    migrations: migrationStatus(db.$client),
    backups: {
      ...backups,
      dir: config.dir,
      files: listBackupFiles(config.dir).scheduled.length,
      keepDaily: config.policy.daily,
      keepWeekly: config.policy.weekly,
    },
    outbox,
    jobs,
    background: { reach, workers: workerThreadActivity() },
    smtpConfigured,
    warnings,
  };
}
