/**
 * `npm run db:restore -- FILE [--force]`: checks a backup and, with --force, replaces DATABASE_PATH
 * (default data/app.db) with it. Without --force it only checks and says what it would do.
 * The server must be stopped: a restore refuses while any process has the database open.
 * The replaced database is kept in BACKUP_DIR (default <db folder>/backups) as pre-restore-*.db.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { inspectBackup, restoreDatabase, RestoreRefused } from "@db/backup";
import { backupConfig } from "~/modules/backups/backups.server";
import { databaseNotice } from "./lib/database-notice";

const { values, positionals } = parseArgs({
  options: { force: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
  allowPositionals: true,
});

const usage =
  "Usage: npm run db:restore -- FILE [--force]\n" +
  "Checks FILE (integrity, foreign keys, migrations). With --force, stops if the database is in use,\n" +
  "keeps a copy of the current database in BACKUP_DIR (default <db folder>/backups) as pre-restore-*.db,\n" +
  "and replaces it. A backup from an older version gets this version's migrations while restoring: to\n" +
  "go back to an older version, restore with that version's db:restore. Run it as the service's user\n" +
  "with its environment file loaded, the service stopped (docs/deploy.md, section 7).";

const [file] = positionals;
if (values.help || !file || positionals.length > 1) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}

function printTables(tables: Record<string, number>): void {
  const total = Object.values(tables).reduce((sum, n) => sum + n, 0);
  console.log(`Rows: ${total} in ${Object.keys(tables).length} tables`);
}

try {
  const config = backupConfig();
  const target = config.databasePath;
  const notice = databaseNotice();
  if (notice) console.log(notice);
  if (!values.force) {
    const inspection = inspectBackup(file);
    if (!inspection.ok) throw new RestoreRefused(`${resolve(file)} cannot be restored.`, inspection.problems);
    console.log(`${resolve(file)} passes the checks (integrity, foreign keys, migrations).`);
    if (inspection.missingMigrations > 0) {
      console.log(
        `${inspection.missingMigrations} newer migration(s) will be applied while restoring ` +
          "(to go back to the older version instead, restore with that version's npm run db:restore).",
      );
    }
    printTables(inspection.tables);
    console.log(`Stop the server, then run again with --force to replace ${resolve(target)}.`);
    process.exit(0);
  }
  const report = restoreDatabase({
    from: file,
    to: target,
    safetyCopyDir: config.dir,
  });
  console.log(`Restored ${report.restoredFrom} → ${report.to} in ${report.ms.toFixed(0)} ms.`);
  if (report.previousCopy) console.log(`The replaced database was kept at ${report.previousCopy}`);
  if (report.appliedMigrations > 0) console.log(`Applied ${report.appliedMigrations} migration(s).`);
  printTables(report.tables);
  const envSecret = Boolean(process.env.APP_SECRET?.trim());
  if (report.secret === "copied") {
    console.log(`The backup's app-secret file was put beside the database (${report.backupSecret}).`);
  } else if (report.secret === "differs" && !envSecret) {
    console.log(
      `Note: the app-secret file beside the database differs from the backup's (${report.backupSecret}); ` +
        "it was kept. Links in e-mails the backup's installation sent work only with the backup's: copy it over if this is a move.",
    );
  } else if (report.secret === "none" && !envSecret) {
    console.log(
      "Note: no app-secret file beside the backup and no APP_SECRET: unless the old machine's app-secret " +
        "is put beside the database (mode 0600), links in e-mails sent before (unsubscribe) stop working.",
    );
  }
} catch (error) {
  if (error instanceof RestoreRefused) {
    console.error(`Restore refused: ${error.message}`);
    for (const problem of error.problems) console.error(`  - ${problem}`);
  } else {
    console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
}
