/**
 * Entry of the matching worker thread (started by runInMatchingWorker in bulk-assignment.server.ts):
 * runs one job — a bulk assignment, or the build of the reach index — and posts the result back.
 * Errors go back as a message, so the caller sees the real reason.
 */
import { parentPort, workerData } from "node:worker_threads";
import { closeDatabase, openDatabase } from "@db/client";
import { runJob, type MatchingWorkerJob, type MatchingWorkerReply } from "./bulk-assignment.server";
import { loadReachSnapshot } from "./candidate-reach.server";

const { job } = workerData as { job: MatchingWorkerJob };

async function run(): Promise<unknown> {
  if (job.kind !== "reach") return runJob(job);
  // A read-only connection of its own: WAL lets it read while the server's connection writes.
  const db = openDatabase(job.databasePath, { readonly: true });
  try {
    return loadReachSnapshot(db);
  } finally {
    closeDatabase(db);
  }
}

run().then(
  (result) => parentPort?.postMessage({ ok: true, result } satisfies MatchingWorkerReply<unknown>),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    } satisfies MatchingWorkerReply<unknown>),
);
