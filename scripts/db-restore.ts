/**
 * `npm run db:restore -- FILE [--force]`: checks a backup and, with --force, replaces DATABASE_PATH
 * (default data/app.db) with it. Without --force it only checks and says what it would do.
 * The server must be stopped: a restore refuses while any process has the database open.
 */
import { join, dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { inspectBackup, restoreDatabase, RestoreRefused } from "../db/backup";

const { values, positionals } = parseArgs({
  options: { force: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
  allowPositionals: true,
});

const usage =
  "Usage: npm run db:restore -- FILE [--force]\n" +
  "Checks FILE (integrity, foreign keys, migrations). With --force, stops if the database is in use,\n" +
  "keeps a copy of the current database in <db folder>/backups/pre-restore-*.db, and replaces it.";

const [file] = positionals;
if (values.help || !file || positionals.length > 1) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}

const target = process.env.DATABASE_PATH ?? "data/app.db";

function printTables(tables: Record<string, number>): void {
  const total = Object.values(tables).reduce((sum, n) => sum + n, 0);
  console.log(`Rows: ${total} in ${Object.keys(tables).length} tables`);
}

try {
  if (!values.force) {
    const inspection = inspectBackup(file);
    if (!inspection.ok) throw new RestoreRefused(`${resolve(file)} cannot be restored.`, inspection.problems);
    console.log(`${resolve(file)} passes the checks (integrity, foreign keys, migrations).`);
    if (inspection.missingMigrations > 0) {
      console.log(`${inspection.missingMigrations} newer migration(s) will be applied while restoring.`);
    }
    printTables(inspection.tables);
    console.log(`Stop the server, then run again with --force to replace ${resolve(target)}.`);
    process.exit(0);
  }
  const report = restoreDatabase({
    from: file,
    to: target,
    safetyCopyDir: join(dirname(resolve(target)), "backups"),
  });
  console.log(`Restored ${report.restoredFrom} → ${report.to} in ${report.ms.toFixed(0)} ms.`);
  if (report.previousCopy) console.log(`The replaced database was kept at ${report.previousCopy}`);
  if (report.appliedMigrations > 0) console.log(`Applied ${report.appliedMigrations} migration(s).`);
  printTables(report.tables);
} catch (error) {
  if (error instanceof RestoreRefused) {
    console.error(`Restore refused: ${error.message}`);
    for (const problem of error.problems) console.error(`  - ${problem}`);
  } else {
    console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
}
