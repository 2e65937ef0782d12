import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { closeDatabase, openDatabase, type Db } from "@db/client";

export interface TempDb {
  db: Db;
  path: string;
  /** Closes the connection and deletes the file (with its -wal and -shm). Safe to call twice. */
  cleanup: () => void;
}

/**
 * A fresh, migrated database on its own temp file, independent of the per-file DATABASE_PATH one:
 * for tests that need a clean slate per test, or two databases at once.
 */
export function createTempDb(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), "miteinander-db-"));
  const path = join(dir, "test.db");
  copyFileSync(inject("templateDbPath"), path);
  const db = openDatabase(path);
  let cleaned = false;
  return {
    db,
    path,
    cleanup: () => {
      if (cleaned) return;
      cleaned = true;
      if (db.$client.open) closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs a statement that must fail and returns SQLite's own message (e.g. "CHECK constraint failed:
 * shifts_confirmed_capacity"), unwrapping drizzle's "Failed query: …" error. Throws if nothing failed.
 */
export function sqliteErrorOf(statement: () => unknown): string {
  try {
    statement();
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    return cause instanceof Error ? cause.message : String(cause);
  }
  throw new Error("Expected the statement to be rejected by SQLite, but it succeeded.");
}
