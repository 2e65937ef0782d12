import type { Db } from "../client";
import { listTables } from "./tables";

/**
 * True for a plain path to a file on this machine. False for SQLite's in-memory and temporary
 * databases (":memory:", "") and for URI filenames ("file:…?mode=memory", anything with a scheme), whose
 * target can't be judged from the string: the seed only wipes what it can be sure is a local file.
 */
export function isLocalFilePath(path: string): boolean {
  const trimmed = path.trim();
  if (trimmed === "" || trimmed !== path) return false;
  if (trimmed === ":memory:" || trimmed.startsWith("file:")) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return false;
  return !trimmed.includes("?") && !trimmed.includes("\0");
}

/**
 * Deletes every row of every table (the migration bookkeeping stays), in one transaction. Foreign
 * keys are off meanwhile so the order doesn't matter (every table ends up empty anyway).
 */
export function wipeDatabase(db: Db): void {
  const sqlite = db.$client;
  const tables = listTables(db);
  sqlite.pragma("foreign_keys = OFF");
  try {
    sqlite
      .transaction(() => {
        for (const table of tables) sqlite.prepare(`DELETE FROM "${table}"`).run();
        // Triggers log into matching_changes while the other tables empty: a second pass empties it.
        for (const table of tables) sqlite.prepare(`DELETE FROM "${table}"`).run();
        const hasSequence = sqlite
          .prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")
          .get();
        if (hasSequence) sqlite.prepare("DELETE FROM sqlite_sequence").run();
      })
      .immediate();
  } finally {
    sqlite.pragma("foreign_keys = ON");
  }
}
