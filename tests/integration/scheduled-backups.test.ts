/**
 * Scheduled backups through the persisted scheduler (ADR 070): the daily job writes a verified copy
 * into BACKUP_DIR, runs BACKUP_AFTER and reports its failure, rotates, and records the outcome that the
 * system page and /metrics read. And the backup on start, before migrations, and the refusal to start
 * on a database that a newer version has migrated.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { inspectBackup, rowCountProblems } from "@db/backup";
import {
  closeDatabase,
  migrateDatabase,
  migrationsFolder,
  NewerDatabaseError,
  openDatabase,
} from "@db/client";
import { auditEvents, backups, scheduledJobs } from "@db/schema";
import { BACKUP_EVERY_MS, BACKUP_JOB, latestBackups } from "~/modules/backups/backups.server";
import { ASYNC_JOB_HANDLERS } from "~/modules/scheduler/background.server";
import { ensurePeriodicJobs } from "~/modules/scheduler/schedule.server";
import { runDueAsyncJobs } from "~/modules/scheduler/scheduler.server";
import { prepareDatabaseForStart } from "~/modules/system/startup.server";
import { readSystemHealth } from "~/modules/system/system-health.server";
import { logger } from "~/utils/logger.server";
import { createTempDb, type TempDb } from "../helpers/db";

let temp: TempDb;
let dir: string;
let backupDir: string;
const savedEnv = { ...process.env };

beforeEach(() => {
  temp = createTempDb();
  dir = mkdtempSync(join(tmpdir(), "miteinander-backups-"));
  backupDir = join(dir, "backups");
  process.env.DATABASE_PATH = temp.path;
  process.env.BACKUP_DIR = backupDir;
  delete process.env.BACKUP_AFTER;
  for (let i = 0; i < 25; i++) {
    temp.db
      .insert(auditEvents)
      .values({ action: "test", entityType: "settings", entityId: String(i) })
      .run();
  }
});

afterEach(() => {
  process.env = { ...savedEnv };
  temp.cleanup();
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

async function runBackupJob(now = Date.now()) {
  ensurePeriodicJobs(temp.db, [{ kind: BACKUP_JOB, everyMs: BACKUP_EVERY_MS }], now);
  return runDueAsyncJobs({ db: temp.db, handlers: ASYNC_JOB_HANDLERS, workerId: "test", now: () => now });
}

describe("the scheduled backup", () => {
  it("writes a verified copy into BACKUP_DIR and records it", async () => {
    const report = await runBackupJob();
    expect(report).toMatchObject({ done: 1, failed: 0 });
    const files = readdirSync(backupDir).filter((f) => f.endsWith(".db"));
    expect(files).toHaveLength(1);
    const inspection = inspectBackup(join(backupDir, files[0]!));
    expect(inspection.ok).toBe(true);
    expect(inspection.tables.audit_events).toBe(25);

    const { latest, lastVerified } = latestBackups(temp.db);
    expect(latest).toMatchObject({
      kind: "scheduled",
      status: "verified",
      fileName: files[0],
      afterStatus: "not_configured",
    });
    expect(latest!.totalRows).toBeGreaterThan(25);
    expect(lastVerified?.id).toBe(latest!.id);
    const job = temp.db.select().from(scheduledJobs).where(eq(scheduledJobs.kind, BACKUP_JOB)).get();
    expect(job?.status).toBe("done");
  });

  it("runs once per day however often the scheduler asks", async () => {
    const now = Date.now();
    await runBackupJob(now);
    expect((await runBackupJob(now + 60_000)).done).toBe(0);
    expect((await runBackupJob(now + BACKUP_EVERY_MS)).done).toBe(1);
    expect(temp.db.select().from(backups).all()).toHaveLength(2);
  });

  it("hands the file to BACKUP_AFTER in $BACKUP_FILE", async () => {
    const offsite = join(dir, "offsite.db");
    process.env.BACKUP_AFTER = `cp "$BACKUP_FILE" "${offsite}"`;
    await runBackupJob();
    expect(inspectBackup(offsite).ok).toBe(true);
    expect(latestBackups(temp.db).latest?.afterStatus).toBe("succeeded");
  });

  it("reports a failing BACKUP_AFTER instead of hiding it", async () => {
    const error = vi.spyOn(logger(), "error").mockImplementation(() => {});
    process.env.BACKUP_AFTER = "echo 'bucket not reachable' >&2; exit 3";
    await runBackupJob();
    const { latest } = latestBackups(temp.db);
    expect(latest?.status).toBe("verified");
    expect(latest?.afterStatus).toBe("failed");
    expect(latest?.afterProblem).toContain("exit code 3");
    expect(latest?.afterProblem).toContain("bucket not reachable");
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({ after: "failed" }),
      "backup written, BACKUP_AFTER failed",
    );
    expect(readSystemHealth(temp.db).warnings).toContainEqual({
      code: "backupAfterFailed",
      problem: latest!.afterProblem,
    });
  });

  it("records a failed backup (no file) and warns about it", async () => {
    vi.spyOn(logger(), "error").mockImplementation(() => {});
    writeFileSync(join(dir, "not-a-folder"), "x");
    process.env.BACKUP_DIR = join(dir, "not-a-folder");
    await runBackupJob();
    const { latest, lastVerified } = latestBackups(temp.db);
    expect(latest?.status).toBe("failed");
    expect(latest?.problem).toBeTruthy();
    expect(lastVerified).toBeNull();
    const codes = readSystemHealth(temp.db).warnings.map((w) => w.code);
    expect(codes).toContain("backupFailed");
    expect(codes).toContain("noBackup");
  });

  it("rotates: 7 daily and 4 weekly by default, configurable", async () => {
    mkdirSync(backupDir, { recursive: true });
    const now = Date.UTC(2026, 10, 30, 1, 0);
    for (let day = 1; day <= 40; day++) {
      const at = new Date(now - day * 86_400_000).toISOString().replace(/:/g, "-").replace(".", "-");
      writeFileSync(join(backupDir, `app-${at}.db`), "old");
    }
    writeFileSync(join(backupDir, "keep-me.txt"), "not a backup");
    await runBackupJob(now);
    const left = readdirSync(backupDir).filter((f) => f.startsWith("app-"));
    // Today (Monday) and the 6 days before it; the weeks: this one (today), the last one (Sunday, kept
    // already), and the Sundays 8 and 15 days ago.
    expect(left).toHaveLength(7 + 2);
    expect(existsSync(join(backupDir, "keep-me.txt"))).toBe(true);

    process.env.BACKUP_KEEP_DAILY = "2";
    process.env.BACKUP_KEEP_WEEKLY = "0";
    await runBackupJob(now + BACKUP_EVERY_MS);
    expect(readdirSync(backupDir).filter((f) => f.startsWith("app-"))).toHaveLength(2);
  });

  it("warns when the last verified backup is older than 26 hours", async () => {
    const now = Date.now();
    await runBackupJob(now);
    expect(readSystemHealth(temp.db, now).warnings.map((w) => w.code)).not.toContain("backupOld");
    const later = latestBackups(temp.db).latest!.finishedAt + 26.5 * 3_600_000;
    expect(readSystemHealth(temp.db, later).warnings).toContainEqual({ code: "backupOld", hours: 26 });
  });
});

describe("verifying a copy by its row counts", () => {
  it("wants exact counts for tables nobody wrote to, and counts in range for the others", () => {
    expect(rowCountProblems({ a: 5, b: 10 }, { a: 5, b: 12 }, { a: 5, b: 11 })).toEqual([]);
    expect(rowCountProblems({ a: 5 }, { a: 5 }, { a: 4 })).toEqual(["table a: 4 rows in the copy, 5 live"]);
    expect(rowCountProblems({ b: 10 }, { b: 12 }, { b: 13 })).toEqual([
      "table b: 13 rows in the copy, 10–12 live",
    ]);
    expect(rowCountProblems({ c: 1 }, { c: 1 }, {})).toEqual(["table c is missing from the copy"]);
  });
});

describe("starting on a database", () => {
  /** A database migrated only up to the migration before the newest one. */
  function olderDatabase(): string {
    const folder = join(dir, "older-migrations");
    cpSync(migrationsFolder(), folder, { recursive: true });
    const journalPath = join(folder, "meta/_journal.json");
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: unknown[] };
    journal.entries.pop();
    writeFileSync(journalPath, JSON.stringify(journal));
    const path = join(dir, "older.db");
    process.env.MIGRATIONS_PATH = folder;
    const db = openDatabase(path);
    migrateDatabase(db);
    db.insert(auditEvents).values({ action: "before.upgrade", entityType: "settings", entityId: "1" }).run();
    closeDatabase(db);
    delete process.env.MIGRATIONS_PATH;
    return path;
  }

  it("backs up before applying migrations, and records the backup", () => {
    const path = olderDatabase();
    process.env.DATABASE_PATH = path;
    const result = prepareDatabaseForStart(path);
    expect(result.applied).toBe(1);
    expect(result.backup).toMatchObject({ kind: "pre_migration", status: "verified" });
    const copy = join(backupDir, result.backup!.fileName!);
    const inspection = inspectBackup(copy);
    expect(inspection.ok).toBe(true);
    expect(inspection.missingMigrations).toBe(1);
    const db = openDatabase(path);
    try {
      expect(latestBackups(db).latest).toMatchObject({
        kind: "pre_migration",
        fileName: result.backup!.fileName,
      });
    } finally {
      closeDatabase(db);
    }
  });

  it("makes no backup for a new database or one that is up to date", () => {
    const fresh = join(dir, "fresh.db");
    expect(prepareDatabaseForStart(fresh)).toEqual({ applied: expect.any(Number), backup: null });
    expect(prepareDatabaseForStart(fresh)).toEqual({ applied: 0, backup: null });
    expect(existsSync(backupDir)).toBe(false);
  });

  it("refuses a database migrated by a newer version, and changes nothing", () => {
    temp.db.$client
      .prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', ?)")
      .run(Date.now() + 86_400_000);
    const tablesBefore = temp.db.$client.prepare("SELECT count(*) FROM sqlite_schema").pluck().get();
    closeDatabase(temp.db);
    expect(() => prepareDatabaseForStart(temp.path)).toThrow(NewerDatabaseError);
    expect(() => prepareDatabaseForStart(temp.path)).toThrow(/migrated by a newer version of miteinander/);
    const db = openDatabase(temp.path);
    try {
      expect(() => migrateDatabase(db)).toThrow(NewerDatabaseError);
      expect(db.$client.prepare("SELECT count(*) FROM sqlite_schema").pluck().get()).toBe(tablesBefore);
    } finally {
      closeDatabase(db);
    }
  });
});
