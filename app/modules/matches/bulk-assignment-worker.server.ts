/**
 * Entry of the worker thread (started by runInMatchingWorker in bulk-assignment.server.ts): runs one
 * job — a bulk assignment, the build of the reach index, or dashboard or report figures — and posts
 * the result back. Errors go back as a message, so the caller sees the real reason.
 */
import { parentPort, workerData } from "node:worker_threads";
import { closeDatabase, openDatabase } from "@db/client";
import { runJob, type MatchingWorkerJob, type MatchingWorkerReply } from "./bulk-assignment.server";
import { computeFigures } from "~/modules/dashboard/figure-snapshots.server";
import { loadReachSnapshot } from "./candidate-reach.server";

const { job } = workerData as { job: MatchingWorkerJob };

async function run(): Promise<unknown> {
  if (job.kind !== "reach" && job.kind !== "figures") return runJob(job);
  // A read-only connection of its own: WAL lets it read while the server's connection writes.
  const db = openDatabase(job.databasePath, { readonly: true });
  try {
    return job.kind === "reach" ? loadReachSnapshot(db) : computeFigures(db, job.job, job.now);
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
