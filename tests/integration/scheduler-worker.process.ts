/**
 * A scheduler worker in its own process, for the two-process test in scheduler.test.ts:
 * `node --import tsx scheduler-worker.process.ts <db file>`. It prints "ready", waits for a line on
 * stdin (so both processes start at the same moment), runs due `test_effect` jobs one claim at a time
 * until none is left, and prints `{"done": n}`. A job's effect is an inbox row naming the job.
 */
import { once } from "node:events";
import { createInterface } from "node:readline";
import { closeDatabase, openDatabase } from "@db/client";
import { notifications } from "@db/schema";
import { newWorkerId, runDueJobs, type JobHandlers } from "~/modules/scheduler/scheduler.server";

const [dbPath] = process.argv.slice(2);
if (!dbPath) throw new Error("usage: scheduler-worker.process.ts <db file>");

const db = openDatabase(dbPath);
const handlers: JobHandlers = {
  test_effect: ({ tx, job }) => {
    tx.insert(notifications)
      .values({ userId: String(job.payload.userId), kind: "hours_confirmed", params: { key: job.dedupeKey } })
      .run();
  },
};
const workerId = newWorkerId();
const lines = createInterface({ input: process.stdin });
process.stdout.write("ready\n");
await once(lines, "line");
lines.close();

let done = 0;
for (;;) {
  const report = runDueJobs({ db, handlers, workerId, batchSize: 1, maxRounds: 1 });
  done += report.done;
  if (report.done + report.retrying + report.failed + report.lost === 0) break;
  // Yield between claims, as the real loop does between rounds, so the other process gets the lock.
  await new Promise((resolve) => setImmediate(resolve));
}
closeDatabase(db);
process.stdout.write(`${JSON.stringify({ done })}\n`);
