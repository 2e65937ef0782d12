import { resolve } from "node:path";
import { closeDatabase, openDatabase, type Db } from "@db/client";
import type { FiguresJob } from "~/modules/dashboard/figure-snapshots.server";
import { solveBulk, type BulkResult, type MatchingInstance } from "~/modules/matching";
import { runWorkerThread } from "~/utils/worker-thread.server";
import type { MatchingScope } from "./instance-scope.server";
import { loadMatchingInstance } from "./matching-instance.server";

export interface BulkRunResult extends BulkResult {
  scope: MatchingScope;
  referenceTime: number;
  /** Reading the instance from the database. */
  loadMs: number;
  /** Load and solve, as the worker measured it. */
  totalMs: number;
}

export interface BulkRunOptions {
  /** "Now" in epoch ms (default Date.now()). */
  now?: number;
  /** The worker is stopped after this long (default 120 s). */
  timeoutMs?: number;
}

/**
 * Loads the scope's instance and solves it: exact (with its certificate checked) and greedy.
 * Synchronous and CPU-bound for seconds at city scale: call it through runBulkAssignment in a
 * request, so the server keeps answering.
 */
export function computeBulkAssignment(
  db: Db,
  scope: MatchingScope = {},
  options: Pick<BulkRunOptions, "now"> = {},
): BulkRunResult {
  const started = performance.now();
  const instance = loadMatchingInstance(db, scope, options);
  const loadMs = performance.now() - started;
  return finish(instance, scope, loadMs, started);
}

function finish(
  instance: MatchingInstance,
  scope: MatchingScope,
  loadMs: number,
  started: number,
): BulkRunResult {
  const result = solveBulk(instance);
  return {
    ...result,
    scope,
    referenceTime: instance.referenceTime,
    loadMs: Math.round(loadMs),
    totalMs: Math.round(performance.now() - started),
  };
}

/** What the main thread sends the worker. */
export type BulkJob =
  | { kind: "file"; databasePath: string; scope: MatchingScope; now: number }
  | { kind: "instance"; instance: MatchingInstance; scope: MatchingScope };

export type BulkReply = MatchingWorkerReply<BulkRunResult>;

/** Runs a job inside the worker (see bulk-assignment-worker.server.ts). */
export async function runJob(job: BulkJob): Promise<BulkRunResult> {
  if (job.kind === "instance") return finish(job.instance, job.scope, 0, performance.now());
  // A second, read-only connection: WAL lets it read while the server's connection writes.
  const db = openDatabase(job.databasePath, { readonly: true });
  try {
    return computeBulkAssignment(db, job.scope, { now: job.now });
  } finally {
    closeDatabase(db);
  }
}

const WORKER = {
  source: "bulk-assignment-worker.server.ts",
  built: "bulk-assignment-worker.js",
  from: import.meta.url,
  sourceDir: "app/modules/matches",
};

/**
 * A scope this small (an arrival's open steps with their candidates from the reach index) is solved
 * in the request's own thread: it takes a few milliseconds, while starting a worker thread takes
 * ~200 ms. The bounds keep the instance small whatever the data: at most this many needs, and only
 * offers named by the reach index.
 */
export const IN_THREAD_MAX_NEEDS = 40;
export const IN_THREAD_MAX_OFFERS = 1_000;

export function solvesInThread(scope: MatchingScope): boolean {
  return (
    scope.needIds !== undefined &&
    scope.needIds.length <= IN_THREAD_MAX_NEEDS &&
    scope.offerIds !== undefined &&
    scope.offerIds.length + (scope.includeOfferIds?.length ?? 0) <= IN_THREAD_MAX_OFFERS
  );
}

/**
 * Bulk assignment for all open needs in the scope, computed in a worker thread so that the server
 * keeps answering while it runs (seconds at city scale). The worker opens the database file itself
 * read-only; an in-memory database is loaded here and handed over. A small scope (solvesInThread) is
 * solved here. Resolves with plain data (pairs, totals, gap, certificate verdict); nothing is written.
 */
export function runBulkAssignment(
  db: Db,
  scope: MatchingScope = {},
  options: BulkRunOptions = {},
): Promise<BulkRunResult> {
  const now = options.now ?? Date.now();
  if (solvesInThread(scope)) return Promise.resolve(computeBulkAssignment(db, scope, { now }));
  const path = db.$client.name;
  const job: BulkJob =
    db.$client.memory || !path
      ? { kind: "instance", instance: loadMatchingInstance(db, scope, { now }), scope }
      : { kind: "file", databasePath: resolve(path), scope, now };
  return runInMatchingWorker<BulkRunResult>(job, options.timeoutMs ?? 120_000, "Bulk assignment");
}

/**
 * A job for the worker thread (bulk-assignment-worker.server.ts), each with a heap of its own: a bulk
 * assignment, the build of the reach index (candidate-reach.server.ts), or the figures of the
 * dashboard or the reports (dashboard/figure-snapshots.server.ts).
 */
export type MatchingWorkerJob =
  | BulkJob
  | { kind: "reach"; databasePath: string }
  | { kind: "figures"; databasePath: string; job: FiguresJob; now: number };

/** What the worker posts back. */
export type MatchingWorkerReply<T> = { ok: true; result: T } | { ok: false; message: string };

/** Runs one job in a fresh worker thread; the worker is stopped when it answers or after `timeoutMs`. */
export function runInMatchingWorker<T>(job: MatchingWorkerJob, timeoutMs: number, what: string): Promise<T> {
  // The solver's graph at city scale needs a few hundred MB: its own limit, whatever the server's is.
  return runWorkerThread<T>(
    WORKER,
    { job },
    {
      kind: job.kind === "reach" ? "reach-index" : job.kind === "figures" ? "figures" : "bulk-assignment",
      timeoutMs,
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
      what,
    },
  );
}
