/**
 * Entry of the bulk assignment worker thread (started by runBulkAssignment): runs one job and
 * posts the result back. Errors go back as a message, so the caller sees the real reason.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runJob, type BulkJob, type BulkReply } from "./bulk-assignment.server";

const { job } = workerData as { job: BulkJob };

runJob(job).then(
  (result) => parentPort?.postMessage({ ok: true, result } satisfies BulkReply),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    } satisfies BulkReply),
);
