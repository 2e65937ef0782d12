/**
 * `npm run db:backup [-- --out FILE]`: a verified copy of DATABASE_PATH (default data/app.db), safe while
 * the server is serving, made and checked like the scheduled one (writeVerifiedBackup) and recorded for
 * /admin/system and /metrics. Default target: BACKUP_DIR (default <db folder>/backups)/app-<timestamp>.db,
 * where the rotation treats it like a scheduled backup.
 */
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { closeDatabase, openDatabase } from "@db/client";
import { defaultBackupName, writeVerifiedBackup } from "@db/backup";
import { backupConfig, recordBackup } from "~/modules/backups/backups.server";
import { databaseNotice } from "./lib/database-notice";

const { values } = parseArgs({
  options: { out: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } },
  allowPositionals: false,
});

if (values.help) {
  console.log(
    "Usage: npm run db:backup [-- --out FILE]\n" +
      "Backs up DATABASE_PATH (default data/app.db) while it is in use, into BACKUP_DIR (default\n" +
      "<db folder>/backups), and checks the copy like the daily backup. Run it as the service's user\n" +
      "with its environment file loaded (docs/deploy.md).",
  );
  process.exit(0);
}

try {
  const config = backupConfig();
  const notice = databaseNotice();
  if (notice) console.log(notice);
  const startedAt = Date.now();
  const out = values.out ?? join(config.dir, defaultBackupName(new Date(startedAt)));
  if (!existsSync(config.databasePath)) throw new Error(`No database at ${config.databasePath}.`);
  const db = openDatabase(config.databasePath);
  try {
    const report = writeVerifiedBackup(db.$client, out);
    // Shown on /admin/system and in /metrics like the scheduled ones (a database not yet migrated to
    // this version may lack the table: the copy is made all the same).
    const record = () =>
      recordBackup(db, {
        kind: "manual",
        status: report.verified ? "verified" : "unverified",
        fileName: basename(report.path),
        bytes: report.bytes,
        totalRows: report.totalRows,
        problem: report.problems.join("; ").slice(0, 2000) || null,
        afterStatus: "not_configured",
        afterProblem: null,
        startedAt,
        finishedAt: Date.now(),
      });
    try {
      record();
    } catch (error) {
      console.log(
        `(Not recorded for /admin/system: ${error instanceof Error ? error.message : String(error)})`,
      );
    }
    console.log(`Backup written: ${report.path}`);
    console.log(`Size: ${(report.bytes / 1024 / 1024).toFixed(2)} MB (${report.bytes} bytes)`);
    console.log(`Duration: ${report.ms.toFixed(0)} ms`);
    if (report.secretCopy) console.log(`The app-secret file is kept beside it: ${report.secretCopy}`);
    if (!report.verified) {
      console.error(`Backup NOT verified: ${report.problems.join("; ")}`);
      process.exitCode = 1;
    } else {
      console.log(
        `Verified: integrity, foreign keys, migrations, and the row counts of every table (${report.totalRows} rows).`,
      );
    }
  } finally {
    closeDatabase(db);
  }
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
