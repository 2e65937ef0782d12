import {
  closeDatabase,
  migrateDatabase,
  migrationStatus,
  NewerDatabaseError,
  openDatabase,
} from "@db/client";
import { backupBeforeMigrations, recordBackup, type BackupRecord } from "~/modules/backups/backups.server";
import { logger } from "~/utils/logger.server";

export interface PreparedDatabase {
  /** Migrations applied now. */
  applied: number;
  /** The backup made before them (null for a new database or when nothing was pending). */
  backup: BackupRecord | null;
}

/**
 * What the server does with its database before serving: refuses a database a newer version has
 * migrated (NewerDatabaseError, nothing changed), makes a verified backup when migrations are pending
 * on a database that already has some (there is something to lose), then migrates and records the
 * backup.
 */
export function prepareDatabaseForStart(dbPath: string): PreparedDatabase {
  const db = openDatabase(dbPath);
  try {
    const status = migrationStatus(db.$client);
    if (status.unknown > 0) throw new NewerDatabaseError(status);
    let backup: BackupRecord | null = null;
    if (status.pending > 0 && status.applied > 0) {
      logger().info({ pending: status.pending }, "migrations to apply: backing up first");
      backup = backupBeforeMigrations(db.$client);
    }
    migrateDatabase(db);
    if (backup) recordBackup(db, backup);
    if (status.pending > 0) logger().info({ applied: status.pending }, "migrations applied");
    return { applied: status.pending, backup };
  } finally {
    closeDatabase(db);
  }
}
