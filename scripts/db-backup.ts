/**
 * `npm run db:backup [-- --out FILE]`: a consistent copy of DATABASE_PATH (default data/app.db), safe
 * while the server is serving. Default target: data/backups/app-<timestamp>.db.
 */
import { join, dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { backupDatabaseFile, defaultBackupName } from "../db/backup";

const { values } = parseArgs({
  options: { out: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } },
  allowPositionals: false,
});

if (values.help) {
  console.log(
    "Usage: npm run db:backup [-- --out FILE]\nBacks up DATABASE_PATH (default data/app.db) while it is in use.",
  );
  process.exit(0);
}

const source = process.env.DATABASE_PATH ?? "data/app.db";
const out = values.out ?? join(dirname(resolve(source)), "backups", defaultBackupName());

try {
  const report = backupDatabaseFile(source, out);
  console.log(`Backup written: ${report.path}`);
  console.log(`Size: ${(report.bytes / 1024 / 1024).toFixed(2)} MB (${report.bytes} bytes)`);
  console.log(`Duration: ${report.ms.toFixed(0)} ms`);
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
