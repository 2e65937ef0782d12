/**
 * Entry of the backup worker thread (started by runBackupInWorker): copies and verifies the database on
 * a connection of its own, so the server's event loop is not held for the seconds a large file takes.
 */
import { parentPort, workerData } from "node:worker_threads";
import { closeDatabase, openDatabase } from "@db/client";
import { writeVerifiedBackup, type VerifiedBackupReport } from "@db/backup";

const { databasePath, outPath } = workerData as { databasePath: string; outPath: string };

try {
  const db = openDatabase(databasePath);
  let result: VerifiedBackupReport;
  try {
    result = writeVerifiedBackup(db.$client, outPath);
  } finally {
    closeDatabase(db);
  }
  parentPort?.postMessage({ ok: true, result });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
