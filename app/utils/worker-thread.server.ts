import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, type ResourceLimits } from "node:worker_threads";

/*
 * Worker threads for work that would hold the event loop for seconds (bulk assignment, backups, the
 * matching reach index, dashboard figures). In the production build a worker's entry is its own file in
 * build/runtime/ (server/vite.config.ts); from the source tree (dev, tests, scripts) it is the
 * TypeScript file, run through tsx's loader.
 *
 * Every worker started here is known until it ends: /metrics and the system page show what runs and how
 * the last run of each kind went, and a graceful shutdown stops those still running once the scheduler
 * has finished its job (server/main.ts): their results would be thrown away anyway, and an open read in
 * a worker would keep the WAL from being checkpointed.
 */

/** What a worker thread does: a bounded set, for the metrics' labels. */
export const WORKER_KINDS = ["bulk-assignment", "reach-index", "figures", "backup"] as const;
export type WorkerKind = (typeof WORKER_KINDS)[number];

/**
 * Kinds that run in the background, one at a time in the order asked: each holds a heap of its own for
 * seconds (a city's offers, a copy being verified), and two at once (the reach index and the first
 * backup at start) added up to the server's peak memory. A bulk assignment is a coordinator waiting for
 * an answer: it starts at once.
 */
const ONE_AT_A_TIME: ReadonlySet<WorkerKind> = new Set(["reach-index", "figures", "backup"]);

export interface WorkerEntry {
  /** The TypeScript source, relative to the calling module (e.g. "backup-worker.server.ts"). */
  source: string;
  /** The built file's name in build/runtime/ (e.g. "backup-worker.js"). */
  built: string;
  /** The calling module's import.meta.url. */
  from: string;
  /** The source's folder from the project root, when the caller was bundled elsewhere. */
  sourceDir: string;
}

/** Finds the worker's entry: the built file next to the server, or the source. */
export function workerEntryPath(entry: WorkerEntry): string {
  const candidates = [
    // The calling code lives in build/server/, build/runtime/ or build/runtime/chunks/.
    fileURLToPath(new URL(`../runtime/${entry.built}`, entry.from)),
    fileURLToPath(new URL(`./${entry.built}`, entry.from)),
    fileURLToPath(new URL(`../${entry.built}`, entry.from)),
    fileURLToPath(new URL(entry.source, entry.from)),
    resolve(process.cwd(), entry.sourceDir, entry.source),
  ];
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  throw new Error(`Cannot find the worker ${entry.source} (nor ${entry.built} in build/runtime/).`);
}

// From the source tree the worker runs TypeScript through tsx's loader: a small CommonJS bootstrap
// registers tsx in the new thread, pointed at the project's tsconfig for the ~ and @db aliases.
const TSX_BOOTSTRAP = `
const { workerData } = require("node:worker_threads");
require(workerData.tsxApi).register({ tsconfig: workerData.tsconfig });
import(workerData.entry).catch((error) => { setImmediate(() => { throw error; }); });
`;

/** Starts a worker thread on its built JavaScript entry, or on the TypeScript source through tsx. */
export function startWorkerThread(
  entry: WorkerEntry,
  workerData: Record<string, unknown>,
  resourceLimits?: ResourceLimits,
): Worker {
  const path = workerEntryPath(entry);
  if (!path.endsWith(".ts")) return new Worker(path, { workerData, resourceLimits });
  return new Worker(TSX_BOOTSTRAP, {
    eval: true,
    resourceLimits,
    workerData: {
      ...workerData,
      entry: pathToFileURL(path).href,
      tsxApi: createRequire(entry.from).resolve("tsx/esm/api"),
      tsconfig: resolve(projectRootOf(path), "tsconfig.json"),
    },
  });
}

function projectRootOf(path: string): string {
  let dir = dirname(path);
  while (!existsSync(resolve(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** The server is shutting down: a worker still running was stopped (its result is not needed). */
export class WorkerStoppedError extends Error {
  constructor(what: string) {
    super(`${what} was stopped: the server is shutting down`);
    this.name = "WorkerStoppedError";
  }
}

interface RunningWorker {
  kind: WorkerKind;
  /** Ends the worker; resolves once its thread is gone. */
  stop(): Promise<unknown>;
}

export interface WorkerKindActivity {
  kind: WorkerKind;
  running: number;
  succeeded: number;
  failed: number;
  /** When the last finished run of this kind ended (ms since the epoch), how long it took, how it went. */
  lastEndedAt: number | null;
  lastDurationMs: number | null;
  lastOk: boolean | null;
  lastProblem: string | null;
}

interface Registry {
  running: Set<RunningWorker>;
  activity: Map<WorkerKind, WorkerKindActivity>;
  /** Kinds that may not start any more (a shutdown is under way). */
  refused: Set<WorkerKind>;
  /** Background runs waiting for the one before them (ONE_AT_A_TIME), and whether one is running. */
  waiting: (() => void)[];
  backgroundBusy: boolean;
}

/**
 * One registry per process, not per copy of this module: the server process (build/runtime/, which
 * runs the scheduler's backups and the shutdown) and the Remix build (build/server/, which runs the
 * reach index, figures and bulk assignments) each bundle their own copy.
 */
const REGISTRY = Symbol.for("miteinander.workerThreads");
const registry: Registry = ((globalThis as { [REGISTRY]?: Registry })[REGISTRY] ??= {
  running: new Set(),
  activity: new Map(
    WORKER_KINDS.map((kind) => [
      kind,
      {
        kind,
        running: 0,
        succeeded: 0,
        failed: 0,
        lastEndedAt: null,
        lastDurationMs: null,
        lastOk: null,
        lastProblem: null,
      },
    ]),
  ),
  refused: new Set(),
  waiting: [],
  backgroundBusy: false,
});
const { running, activity } = registry;

/** Each kind's worker threads since the process started: running now, done, failed, the last run. */
export function workerThreadActivity(): WorkerKindActivity[] {
  return WORKER_KINDS.map((kind) => ({ ...activity.get(kind)! }));
}

/**
 * Stops the worker threads of these kinds (all by default) still running, and refuses new ones of
 * them from now on (graceful shutdown); each stopped run rejects with WorkerStoppedError. Resolves,
 * once their threads are gone, with how many were stopped.
 */
export async function stopWorkerThreads(kinds: readonly WorkerKind[] = WORKER_KINDS): Promise<number> {
  for (const kind of kinds) registry.refused.add(kind);
  const stopped = [...running].filter((worker) => kinds.includes(worker.kind));
  await Promise.all(stopped.map((worker) => worker.stop()));
  return stopped.length;
}

/** Lets worker threads start again (tests that stop them). */
export function allowWorkerThreads(): void {
  registry.refused.clear();
}

/**
 * Runs a worker that posts one reply `{ ok: true, result } | { ok: false, message }` and resolves with
 * the result; the worker is stopped after `timeoutMs`, or when the server shuts down.
 */
export function runWorkerThread<T>(
  entry: WorkerEntry,
  workerData: Record<string, unknown>,
  options: WorkerRunOptions,
): Promise<T> {
  if (registry.refused.has(options.kind)) return Promise.reject(new WorkerStoppedError(options.what));
  if (!ONE_AT_A_TIME.has(options.kind)) return startRun<T>(entry, workerData, options);
  return new Promise<T>((resolvePromise, reject) => {
    const go = () => {
      // A shutdown may have begun while this run waited.
      let run: Promise<T>;
      try {
        run = registry.refused.has(options.kind)
          ? Promise.reject(new WorkerStoppedError(options.what))
          : startRun<T>(entry, workerData, options);
      } catch (error) {
        run = Promise.reject(error as Error);
      }
      run.then(resolvePromise, reject).finally(nextInBackground);
    };
    if (registry.backgroundBusy) registry.waiting.push(go);
    else {
      registry.backgroundBusy = true;
      go();
    }
  });
}

/** The next waiting background run starts when one ends. */
function nextInBackground(): void {
  const next = registry.waiting.shift();
  if (next) next();
  else registry.backgroundBusy = false;
}

interface WorkerRunOptions {
  kind: WorkerKind;
  timeoutMs: number;
  resourceLimits?: ResourceLimits;
  what: string;
}

/** Starts the worker now; its timeout counts from here. */
function startRun<T>(
  entry: WorkerEntry,
  workerData: Record<string, unknown>,
  options: WorkerRunOptions,
): Promise<T> {
  const worker = startWorkerThread(entry, workerData, options.resourceLimits);
  const stats = activity.get(options.kind)!;
  const started = performance.now();
  stats.running += 1;
  return new Promise<T>((resolvePromise, reject) => {
    let settled = false;
    const timer = setTimeout(
      () => fail(new Error(`${options.what} took longer than ${options.timeoutMs} ms`)),
      options.timeoutMs,
    );
    /** Records how the run ended (a stop is no outcome), settles the promise, ends the thread. */
    const settle = (outcome: "ok" | Error | "stopped", fn: () => void): Promise<unknown> => {
      if (settled) return Promise.resolve();
      settled = true;
      clearTimeout(timer);
      running.delete(self);
      stats.running -= 1;
      if (outcome !== "stopped") {
        stats.lastEndedAt = Date.now();
        stats.lastDurationMs = Math.round(performance.now() - started);
        stats.lastOk = outcome === "ok";
        stats.lastProblem = outcome === "ok" ? null : outcome.message.slice(0, 500);
        if (outcome === "ok") stats.succeeded += 1;
        else stats.failed += 1;
      }
      fn();
      return worker.terminate();
    };
    const self: RunningWorker = {
      kind: options.kind,
      stop: () => settle("stopped", () => reject(new WorkerStoppedError(options.what))),
    };
    running.add(self);
    const fail = (error: Error) => void settle(error, () => reject(error));
    worker.once("message", (reply: { ok: true; result: T } | { ok: false; message: string }) => {
      if (reply.ok) void settle("ok", () => resolvePromise(reply.result));
      else fail(new Error(reply.message));
    });
    worker.once("error", (error) => fail(error));
    worker.once("exit", (code) => fail(new Error(`${options.what} exited (code ${code})`)));
  });
}
