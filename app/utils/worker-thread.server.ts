import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, type ResourceLimits } from "node:worker_threads";

/*
 * Worker threads for work that would hold the event loop for seconds (bulk assignment, backups). In the
 * production build a worker's entry is its own file in build/runtime/ (server/vite.config.ts); from the
 * source tree (dev, tests, scripts) it is the TypeScript file, run through tsx's loader.
 */

export interface WorkerEntry {
  /** The TypeScript source, relative to the calling module (e.g. "backup-worker.server.ts"). */
  source: string;
  /** The built file's name in build/runtime/ (e.g. "backup-worker.js"). */
  built: string;
  /** The calling module's import.meta.url. */
  from: string;
  /** The source's folder from the project root, when the caller was bundled elsewhere. */
  sourceDir: string;
  /** An environment variable that overrides both. */
  overrideEnv?: string;
}

/** Finds the worker's entry: the override, the built file next to the server, or the source. */
export function workerEntryPath(entry: WorkerEntry): string {
  const candidates = [
    entry.overrideEnv ? process.env[entry.overrideEnv] : undefined,
    // The calling code lives in build/server/, build/runtime/ or build/runtime/chunks/.
    fileURLToPath(new URL(`../runtime/${entry.built}`, entry.from)),
    fileURLToPath(new URL(`./${entry.built}`, entry.from)),
    fileURLToPath(new URL(`../${entry.built}`, entry.from)),
    fileURLToPath(new URL(entry.source, entry.from)),
    resolve(process.cwd(), entry.sourceDir, entry.source),
  ];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  const hint = entry.overrideEnv ? `; set ${entry.overrideEnv}` : "";
  throw new Error(`Cannot find the worker ${entry.source}${hint}.`);
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

/**
 * Runs a worker that posts one reply `{ ok: true, result } | { ok: false, message }` and resolves with
 * the result; the worker is stopped after `timeoutMs`.
 */
export function runWorkerThread<T>(
  entry: WorkerEntry,
  workerData: Record<string, unknown>,
  options: { timeoutMs: number; resourceLimits?: ResourceLimits; what: string },
): Promise<T> {
  const worker = startWorkerThread(entry, workerData, options.resourceLimits);
  return new Promise<T>((resolvePromise, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error(`${options.what} took longer than ${options.timeoutMs} ms`))),
      options.timeoutMs,
    );
    worker.once("message", (reply: { ok: true; result: T } | { ok: false; message: string }) =>
      settle(() => (reply.ok ? resolvePromise(reply.result) : reject(new Error(reply.message)))),
    );
    worker.once("error", (error) => settle(() => reject(error)));
    worker.once("exit", (code) => settle(() => reject(new Error(`${options.what} exited (code ${code})`))));
  });
}
