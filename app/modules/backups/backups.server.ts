/**
 * Scheduled, verified, rotated backups (docs/decisions/070-operations.md). The daily job of the
 * persisted scheduler copies the database in a worker thread (`VACUUM INTO`, ADR 020), checks the copy,
 * runs BACKUP_AFTER with the file, deletes what the rotation no longer keeps, and records the outcome in
 * `backups`, which the system page and /metrics read.
 */
import type { DbOrTx } from "@db/client";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type Database from "better-sqlite3";
import { defaultBackupName, writeVerifiedBackup, type VerifiedBackupReport } from "@db/backup";
import { backups } from "@db/schema";
import type { BackupAfterStatus, BackupKind, BackupStatus } from "@db/schema/enums";
import type { AsyncJobHandler } from "~/modules/scheduler/scheduler.server";
import { getEnv } from "~/utils/env.server";
import { errorFields, logger } from "~/utils/logger.server";
import { runWorkerThread } from "~/utils/worker-thread.server";
import { rotateBackups, type BackupFile, type RotationPolicy } from "./rotation";

export const BACKUP_JOB = "backup";
export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000;
/** Backups made before migrations are kept apart from the rotation: the newest few of them. */
export const PRE_MIGRATION_KEEP = 3;

export interface BackupConfig {
  databasePath: string;
  dir: string;
  policy: RotationPolicy;
  afterCommand: string | undefined;
  afterTimeoutMs: number;
}

export function backupConfig(env: Record<string, string | undefined> = process.env): BackupConfig {
  const e = getEnv(env);
  const databasePath = resolve(e.DATABASE_PATH);
  return {
    databasePath,
    dir: resolve(e.BACKUP_DIR ?? join(dirname(databasePath), "backups")),
    policy: { daily: e.BACKUP_KEEP_DAILY, weekly: e.BACKUP_KEEP_WEEKLY },
    afterCommand: e.BACKUP_AFTER,
    afterTimeoutMs: e.BACKUP_AFTER_TIMEOUT_SECONDS * 1000,
  };
}

const NAME = /^(app|pre-migration)-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.db$/;

/** The backups in a folder, by kind, with the time in their names. */
export function listBackupFiles(dir: string): { scheduled: BackupFile[]; preMigration: BackupFile[] } {
  const scheduled: BackupFile[] = [];
  const preMigration: BackupFile[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { scheduled, preMigration };
  for (const name of readdirSync(dir)) {
    const m = NAME.exec(name);
    if (!m) continue;
    const takenAt = Date.parse(`${m[2]}T${m[3]}:${m[4]}:${m[5]}.${m[6]}Z`);
    (m[1] === "app" ? scheduled : preMigration).push({ name, takenAt });
  }
  return { scheduled, preMigration };
}

export interface BackupRecord {
  kind: BackupKind;
  status: BackupStatus;
  fileName: string | null;
  bytes: number | null;
  totalRows: number | null;
  problem: string | null;
  afterStatus: BackupAfterStatus;
  afterProblem: string | null;
  startedAt: number;
  finishedAt: number;
}

export function recordBackup(tx: DbOrTx, record: BackupRecord): void {
  tx.insert(backups)
    .values({ ...record, startedAt: new Date(record.startedAt), finishedAt: new Date(record.finishedAt) })
    .run();
}

/** Marks the rows of deleted files, so the page does not offer what is gone. */
function markRemoved(tx: DbOrTx, fileNames: readonly string[], at: number): void {
  if (fileNames.length === 0) return;
  tx.update(backups)
    .set({ removedAt: new Date(at) })
    .where(and(inArray(backups.fileName, [...fileNames]), isNull(backups.removedAt)))
    .run();
}

/** Copies and verifies the database in a worker thread. */
export function runBackupInWorker(databasePath: string, outPath: string): Promise<VerifiedBackupReport> {
  return runWorkerThread<VerifiedBackupReport>(
    {
      source: "backup-worker.server.ts",
      built: "backup-worker.js",
      from: import.meta.url,
      sourceDir: "app/modules/backups",
    },
    { databasePath, outPath },
    { kind: "backup", timeoutMs: 60 * 60 * 1000, what: "The backup" },
  );
}

export interface AfterResult {
  status: BackupAfterStatus;
  problem: string | null;
}

/**
 * Runs BACKUP_AFTER through /bin/sh with the backup's path in $BACKUP_FILE. A non-zero exit, a
 * signal or a time-out is a failure, reported with the end of what the command wrote to stderr.
 */
export function runAfterCommand(
  command: string | undefined,
  file: string,
  timeoutMs: number,
): Promise<AfterResult> {
  if (!command) return Promise.resolve({ status: "not_configured", problem: null });
  return new Promise((resolvePromise) => {
    const child = spawn("/bin/sh", ["-c", command], {
      env: { ...process.env, BACKUP_FILE: file },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-2000);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      resolvePromise({ status: "failed", problem: `BACKUP_AFTER could not start: ${error.message}` });
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolvePromise({ status: "succeeded", problem: null });
      const why = timedOut
        ? `stopped after ${Math.round(timeoutMs / 1000)} s`
        : signal
          ? `ended by ${signal}`
          : `exit code ${code}`;
      const tail = stderr.trim().split("\n").slice(-3).join(" | ");
      resolvePromise({ status: "failed", problem: `BACKUP_AFTER failed (${why})${tail ? `: ${tail}` : ""}` });
    });
  });
}

/** Deletes the files the rotation no longer keeps; returns their names. */
export function pruneBackups(config: Pick<BackupConfig, "dir" | "policy">): string[] {
  const { scheduled, preMigration } = listBackupFiles(config.dir);
  const remove = [
    ...rotateBackups(scheduled, config.policy).remove,
    ...[...preMigration].sort((a, b) => b.takenAt - a.takenAt).slice(PRE_MIGRATION_KEEP),
  ];
  for (const file of remove) rmSync(join(config.dir, file.name), { force: true });
  return remove.map((f) => f.name);
}

/** The scheduled backup: copy + verify (worker), BACKUP_AFTER, rotation; the record commits with the job. */
export const runScheduledBackup: AsyncJobHandler = async ({ now }) => {
  const config = backupConfig();
  const startedAt = Date.now();
  const name = defaultBackupName(new Date(now));
  const outPath = join(config.dir, name);
  let record: BackupRecord;
  try {
    const report = await runBackupInWorker(config.databasePath, outPath);
    const after = await runAfterCommand(config.afterCommand, report.path, config.afterTimeoutMs);
    record = {
      kind: "scheduled",
      status: report.verified ? "verified" : "unverified",
      fileName: name,
      bytes: report.bytes,
      totalRows: report.totalRows,
      problem: report.problems.join("; ").slice(0, 2000) || null,
      afterStatus: after.status,
      afterProblem: after.problem,
      startedAt,
      finishedAt: Date.now(),
    };
  } catch (error) {
    record = {
      kind: "scheduled",
      status: "failed",
      fileName: null,
      bytes: null,
      totalRows: null,
      problem: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
      afterStatus: "not_configured",
      afterProblem: null,
      startedAt,
      finishedAt: Date.now(),
    };
  }
  let removed: string[] = [];
  try {
    removed = pruneBackups(config);
  } catch (error) {
    logger().error({ ...errorFields(error), dir: config.dir }, "old backups could not be removed");
  }
  logBackup(record, removed.length);
  return (tx) => {
    recordBackup(tx, record);
    markRemoved(tx, removed, record.finishedAt);
  };
};

function logBackup(record: BackupRecord, removed: number): void {
  const fields = {
    backup: record.fileName,
    kind: record.kind,
    status: record.status,
    bytes: record.bytes,
    rows: record.totalRows,
    ms: record.finishedAt - record.startedAt,
    after: record.afterStatus,
    removed,
  };
  if (record.status !== "verified") logger().error({ ...fields, problem: record.problem }, "backup failed");
  else if (record.afterStatus === "failed")
    logger().error({ ...fields, problem: record.afterProblem }, "backup written, BACKUP_AFTER failed");
  else logger().info(fields, "backup written and verified");
}

/**
 * The backup made on start when migrations are about to be applied to a database that has data
 * (synchronous: nothing is served yet). Throws when the copy cannot be written or does not verify:
 * migrating without a way back is what this prevents.
 */
export function backupBeforeMigrations(connection: Database.Database, config = backupConfig()): BackupRecord {
  const startedAt = Date.now();
  const name = `pre-migration-${defaultBackupName(new Date(startedAt)).slice("app-".length)}`;
  const report = writeVerifiedBackup(connection, join(config.dir, name));
  if (!report.verified) {
    throw new Error(
      `The backup before migrating (${report.path}) failed its checks: ${report.problems.join("; ")}`,
    );
  }
  const record: BackupRecord = {
    kind: "pre_migration",
    status: "verified",
    fileName: name,
    bytes: report.bytes,
    totalRows: report.totalRows,
    problem: null,
    afterStatus: "not_configured",
    afterProblem: null,
    startedAt,
    finishedAt: Date.now(),
  };
  logBackup(record, 0);
  return record;
}

export interface LatestBackups {
  /** The newest backup of any outcome. */
  latest: (BackupRecord & { id: number }) | null;
  /** The newest verified one. */
  lastVerified: (BackupRecord & { id: number }) | null;
}

function toRecord(row: typeof backups.$inferSelect): BackupRecord & { id: number } {
  return { ...row, startedAt: row.startedAt.getTime(), finishedAt: row.finishedAt.getTime() };
}

export function latestBackups(db: DbOrTx): LatestBackups {
  const latest = db.select().from(backups).orderBy(desc(backups.finishedAt), desc(backups.id)).limit(1).get();
  const lastVerified = db
    .select()
    .from(backups)
    .where(eq(backups.status, "verified"))
    .orderBy(desc(backups.finishedAt), desc(backups.id))
    .limit(1)
    .get();
  return {
    latest: latest ? toRecord(latest) : null,
    lastVerified: lastVerified ? toRecord(lastVerified) : null,
  };
}
