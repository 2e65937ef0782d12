import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { closeDatabase, migrateDatabase, migrationStatus, openDatabase } from "./client";

/*
 * Online backups and checked restores of the one SQLite file. See docs/decisions/020-backup-and-restore.md.
 *
 * Backups use `VACUUM INTO`, not the page-by-page backup API: it copies one read transaction, so it is
 * a consistent snapshot however hard the server writes meanwhile (the backup API restarts from the first
 * page whenever another connection writes, and may never finish under a steady write load), and the copy
 * holds no free pages, i.e. no remnants of deleted rows.
 */

export interface BackupReport {
  path: string;
  bytes: number;
  ms: number;
}

const SQLITE_HEADER = "SQLite format 3\0";
export const BACKUP_FILE_MODE = 0o640;

/**
 * The file beside the database that holds the generated secret signing unsubscribe links when
 * APP_SECRET is not set (app/modules/notifications/app-secret.server.ts). A database restored without
 * it gets a new secret on start, and every link in e-mails sent before stops working.
 */
export const APP_SECRET_FILE = "app-secret";

function readSecret(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Writes `content` to `path` with mode 0600, through a temp file and a rename. */
function writeSecret(path: string, content: string): void {
  const temp = join(dirname(path), `.${basename(path)}.partial`);
  rmSync(temp, { force: true });
  writeFileSync(temp, content, { mode: 0o600, flag: "wx" });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

/**
 * Keeps a copy (0600) of the database's `app-secret` file in the backup folder, so a backup carried to
 * another machine restores with the secret its e-mails were signed with. Returns the copy's path, or
 * null when the database has no such file (APP_SECRET set, or nothing signed yet).
 */
export function copyAppSecretBeside(databasePath: string, backupDir: string): string | null {
  const secret = readSecret(join(dirname(resolve(databasePath)), APP_SECRET_FILE));
  if (secret === null) return null;
  const copy = join(resolve(backupDir), APP_SECRET_FILE);
  if (readSecret(copy) !== secret) writeSecret(copy, secret);
  return copy;
}

/**
 * What a restore did with the `app-secret` file: `copied` from the backup's folder to the database's
 * (there was none), `same` (both hold the same secret), `differs` (left as it is: the one beside the
 * database stays; the report says where the backup's is), `kept` (none beside the backup, the one beside
 * the database stays), `none` (no file on either side).
 */
export type SecretOutcome = "copied" | "same" | "differs" | "kept" | "none";

function restoreAppSecret(from: string, to: string): { outcome: SecretOutcome; backupSecret: string } {
  const backupSecret = join(dirname(from), APP_SECRET_FILE);
  const secret = readSecret(backupSecret);
  const target = join(dirname(to), APP_SECRET_FILE);
  const current = readSecret(target);
  if (secret === null) return { outcome: current === null ? "none" : "kept", backupSecret };
  if (current === null) {
    writeSecret(target, secret);
    return { outcome: "copied", backupSecret };
  }
  return { outcome: current === secret ? "same" : "differs", backupSecret };
}

/** `app-2026-11-23T10-15-30-123Z.db`: sorts by time, no characters that need quoting in a shell. */
export function defaultBackupName(now = new Date()): string {
  return `app-${now.toISOString().replace(/:/g, "-").replace(".", "-")}.db`;
}

function fsyncFile(path: string): void {
  const fd = openSync(path, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a consistent copy of the database behind `connection` to `outPath`, through a temp file in the
 * same folder and a rename, so a crash never leaves a half-written backup under the final name. Safe
 * while other connections (the server) read and write: they are never blocked.
 */
export function writeBackup(connection: Database.Database, outPath: string): BackupReport {
  const started = performance.now();
  const target = resolve(outPath);
  mkdirSync(dirname(target), { recursive: true });
  if (existsSync(target)) throw new Error(`${target} already exists: choose another --out.`);
  const temp = join(dirname(target), `.${basename(target)}.partial`);
  rmSync(temp, { force: true });
  try {
    connection.prepare("VACUUM INTO ?").run(temp);
    // The same mode whoever makes the copy (the service with UMask=0027, root by hand with umask 022):
    // the owner and the service's group, nobody else.
    chmodSync(temp, BACKUP_FILE_MODE);
    // VACUUM INTO writes without syncing; the copy must be on disk before it takes the final name.
    fsyncFile(temp);
    renameSync(temp, target);
    fsyncDir(dirname(target));
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return { path: target, bytes: statSync(target).size, ms: performance.now() - started };
}

/** Opens the database at `sourcePath` (which must exist) without migrating it, and backs it up. */
export function backupDatabaseFile(sourcePath: string, outPath: string): BackupReport {
  if (!existsSync(sourcePath)) throw new Error(`No database at ${resolve(sourcePath)}.`);
  const db = openDatabase(sourcePath);
  try {
    return writeBackup(db.$client, outPath);
  } finally {
    closeDatabase(db);
  }
}

export interface BackupInspection {
  ok: boolean;
  /** Human-readable reasons the file cannot be restored; empty when `ok`. */
  problems: string[];
  /** Migrations of this app version the file has not had yet (applied during restore). */
  missingMigrations: number;
  tables: Record<string, number>;
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(16);
    return readSync(fd, buffer, 0, 16, 0) === 16 && buffer.toString("latin1") === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/** Row counts of every table (the schema's and drizzle's own), for reports and tests. */
export function countRows(connection: Database.Database): Record<string, number> {
  const names = connection
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const name of names) {
    counts[name] = connection
      .prepare(`SELECT count(*) FROM "${name.replace(/"/g, '""')}"`)
      .pluck()
      .get() as number;
  }
  return counts;
}

/**
 * Checks a database file before it may replace the live one: it is an SQLite file, `integrity_check`
 * says ok, `foreign_key_check` finds nothing, and every migration recorded in it is one this app version
 * knows (a file written by a newer version is refused; one from an older version is fine and gets the
 * missing migrations during restore).
 */
export function inspectBackup(path: string): BackupInspection {
  const problems: string[] = [];
  const result: BackupInspection = { ok: false, problems, missingMigrations: 0, tables: {} };
  if (!existsSync(path) || !statSync(path).isFile()) {
    problems.push(`${resolve(path)} does not exist or is not a file.`);
    return result;
  }
  if (!hasSqliteHeader(path)) {
    problems.push(`${resolve(path)} is not an SQLite database.`);
    return result;
  }
  let connection: Database.Database | undefined;
  try {
    connection = new Database(path, { readonly: true, fileMustExist: true });
    const integrity = connection.pragma("integrity_check", { simple: false }) as {
      integrity_check: string;
    }[];
    const verdict = integrity.map((row) => row.integrity_check);
    if (verdict.length !== 1 || verdict[0] !== "ok") {
      problems.push(`integrity_check: ${verdict.slice(0, 5).join("; ")}`);
    }
    const foreignKeyProblems = connection.pragma("foreign_key_check") as unknown[];
    if (foreignKeyProblems.length > 0) {
      problems.push(`foreign_key_check: ${foreignKeyProblems.length} rows point to missing parents.`);
    }
    const hasMigrationsTable = connection
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = '__drizzle_migrations'")
      .get();
    if (!hasMigrationsTable) {
      problems.push("No __drizzle_migrations table: this is not a miteinander database.");
    } else {
      const status = migrationStatus(connection);
      if (status.unknown > 0) {
        problems.push(
          `${status.unknown} migration(s) in the file are unknown to this version (written by a newer or different version?).`,
        );
      }
      if (status.applied === 0) problems.push("__drizzle_migrations is empty: the file was never migrated.");
      result.missingMigrations = status.pending;
    }
    if (problems.length === 0) result.tables = countRows(connection);
  } catch (error) {
    problems.push(`Cannot read the file: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    connection?.close();
  }
  result.ok = problems.length === 0;
  return result;
}

/**
 * True if another connection (a running server, a seed, a second shell) has the database open.
 * Leaving WAL mode needs every other connection closed, so a failed switch is the answer; a successful
 * one leaves the file in rollback-journal mode, which is what a file about to be replaced should be.
 */
export function databaseInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const connection = new Database(path, { fileMustExist: true, timeout: 0 });
  try {
    connection.pragma("journal_mode = DELETE");
    return false;
  } catch (error) {
    if (
      error instanceof Database.SqliteError &&
      (error.code === "SQLITE_BUSY" || error.code === "SQLITE_LOCKED")
    ) {
      return true;
    }
    throw error;
  } finally {
    connection.close();
  }
}

export interface RestoreOptions {
  from: string;
  /** The live database (DATABASE_PATH). */
  to: string;
  /** Where the copy of the current database goes before it is replaced. */
  safetyCopyDir: string;
}

export interface RestoreReport {
  restoredFrom: string;
  to: string;
  /** The copy of the database that was replaced, or null if there was none. */
  previousCopy: string | null;
  appliedMigrations: number;
  tables: Record<string, number>;
  ms: number;
  /** What happened to the `app-secret` file (see SecretOutcome), and where the backup's would be. */
  secret: SecretOutcome;
  backupSecret: string;
}

export class RestoreRefused extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
    this.name = "RestoreRefused";
  }
}

/**
 * Replaces the live database with a checked backup:
 * 1. the backup is checked (`inspectBackup`) and copied next to the target as a staging file;
 * 2. the staging copy gets this version's missing migrations and is checked again;
 * 3. refused if any connection has the target open (the server must be stopped: a process that keeps
 *    the replaced file open would go on writing into it, and its WAL could be replayed onto the new one);
 * 4. the current database is copied to `safetyCopyDir` (`VACUUM INTO`, so it includes its WAL);
 * 5. stale -wal/-shm files are removed and the staging copy is renamed into place (atomic);
 * 6. the `app-secret` file beside the backup is copied beside the database if that has none.
 */
export function restoreDatabase(options: RestoreOptions): RestoreReport {
  const started = performance.now();
  const from = resolve(options.from);
  const to = resolve(options.to);
  if (from === to) throw new RestoreRefused("The backup and the target are the same file.");

  const inspection = inspectBackup(from);
  if (!inspection.ok) throw new RestoreRefused(`${from} cannot be restored.`, inspection.problems);

  mkdirSync(dirname(to), { recursive: true });
  const staging = `${to}.restoring`;
  const removeStaging = () => {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${staging}${suffix}`, { force: true });
  };
  removeStaging();
  let previousCopy: string | null = null;
  let appliedMigrations = 0;
  try {
    copyFileSync(from, staging);
    if (inspection.missingMigrations > 0) {
      const db = openDatabase(staging);
      try {
        migrateDatabase(db);
        db.$client.pragma("journal_mode = DELETE");
      } finally {
        closeDatabase(db);
      }
      appliedMigrations = inspection.missingMigrations;
      const again = inspectBackup(staging);
      if (!again.ok) throw new RestoreRefused("The backup fails its checks after migrating.", again.problems);
    }
    fsyncFile(staging);

    if (databaseInUse(to)) {
      throw new RestoreRefused(
        `${to} is open in another process. Stop the server (and any seed or backup) before restoring.`,
      );
    }
    if (existsSync(to)) {
      previousCopy = join(
        resolve(options.safetyCopyDir),
        `pre-restore-${defaultBackupName().slice("app-".length)}`,
      );
      const current = new Database(to, { fileMustExist: true });
      try {
        writeBackup(current, previousCopy);
      } finally {
        current.close();
      }
    }
    // A WAL left next to the old file would be replayed onto the new one: it must go first.
    for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(`${to}${suffix}`, { force: true });
    renameSync(staging, to);
    fsyncDir(dirname(to));
  } finally {
    removeStaging();
  }
  const { outcome: secret, backupSecret } = restoreAppSecret(from, to);

  const restored = new Database(to, { readonly: true, fileMustExist: true });
  let tables: Record<string, number>;
  try {
    tables = countRows(restored);
  } finally {
    restored.close();
  }
  return {
    restoredFrom: from,
    to,
    previousCopy,
    appliedMigrations,
    tables,
    ms: performance.now() - started,
    secret,
    backupSecret,
  };
}

export interface VerifiedBackupReport extends BackupReport {
  verified: boolean;
  /** Why the copy did not pass its checks (empty when verified). */
  problems: string[];
  /** Rows in all tables of the copy. */
  totalRows: number;
  /** The copy of the `app-secret` file in the backup folder, or null (see copyAppSecretBeside). */
  secretCopy: string | null;
}

/**
 * Compares the copy's row counts with the live ones taken before and after it: a table nobody wrote to
 * meanwhile must match exactly, one that changed must lie between the two counts.
 */
export function rowCountProblems(
  before: Record<string, number>,
  after: Record<string, number>,
  copied: Record<string, number>,
): string[] {
  const problems: string[] = [];
  for (const [table, countBefore] of Object.entries(before)) {
    const inCopy = copied[table];
    const countAfter = after[table] ?? countBefore;
    const low = Math.min(countBefore, countAfter);
    const high = Math.max(countBefore, countAfter);
    if (inCopy === undefined) problems.push(`table ${table} is missing from the copy`);
    else if (inCopy < low || inCopy > high) {
      problems.push(
        `table ${table}: ${inCopy} rows in the copy, ${low === high ? low : `${low}–${high}`} live`,
      );
    }
  }
  return problems;
}

function liveCounts(connection: Database.Database): Record<string, number> {
  return connection.transaction(() => countRows(connection))();
}

/**
 * A backup that checks itself: the copy (writeBackup) must pass inspectBackup (integrity, foreign keys,
 * known migrations), hold every table of the live database, and hold as many rows per table as the live
 * database had. The live counts are taken just before and just after the copy: a table nobody wrote to
 * meanwhile must match exactly, one that changed must lie between the two counts (the copy is one
 * snapshot taken in between).
 */
export function writeVerifiedBackup(connection: Database.Database, outPath: string): VerifiedBackupReport {
  const before = liveCounts(connection);
  const report = writeBackup(connection, outPath);
  const after = liveCounts(connection);
  const inspection = inspectBackup(report.path);
  const problems = [
    ...inspection.problems,
    ...(inspection.ok ? rowCountProblems(before, after, inspection.tables) : []),
  ];
  const totalRows = Object.values(inspection.tables).reduce((sum, n) => sum + n, 0);
  let secretCopy: string | null = null;
  try {
    if (!connection.memory) secretCopy = copyAppSecretBeside(connection.name, dirname(report.path));
  } catch (error) {
    problems.push(
      `the ${APP_SECRET_FILE} file could not be copied beside the backup: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { ...report, verified: problems.length === 0, problems, totalRows, secretCopy };
}
