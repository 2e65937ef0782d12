import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { closeDatabase, migrateDatabase, openDatabase } from "@db/client";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated, self-contained SQLite file: copy it, never open it for writing. */
    templateDbPath: string;
  }
}

/**
 * Migrates one template database per run; every test file copies it (see setup-file.ts), which is far
 * cheaper than migrating per file and keeps the files independent of each other.
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), "miteinander-template-"));
  const templateDbPath = join(dir, "template.db");

  const db = openDatabase(templateDbPath);
  migrateDatabase(db);
  // Back to a rollback journal so the template is one file that can be copied byte for byte;
  // each copy is switched to WAL again by openDatabase().
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.pragma("journal_mode = DELETE");
  closeDatabase(db);

  project.provide("templateDbPath", templateDbPath);

  return () => rmSync(dir, { recursive: true, force: true });
}
