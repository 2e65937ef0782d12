/**
 * Worker threads as the operations view and a graceful stop see them (ADR 070): every run is known
 * while it runs and counted when it ends, by kind; a stop ends those still running and refuses new
 * ones; the registry is the process's, whichever copy of the module (server process or Remix build)
 * started the worker.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  allowWorkerThreads,
  runWorkerThread,
  stopWorkerThreads,
  workerThreadActivity,
  WorkerStoppedError,
  type WorkerEntry,
  type WorkerKind,
} from "~/utils/worker-thread.server";

let dir: string;

/** A worker entry of plain JavaScript that does what `body` says with its workerData. */
function entry(name: string, body: string): WorkerEntry {
  writeFileSync(join(dir, name), `import { parentPort, workerData } from "node:worker_threads";\n${body}\n`);
  return { source: name, built: name, from: pathToFileURL(join(dir, "caller.js")).href, sourceDir: dir };
}

function activityOf(kind: WorkerKind) {
  return workerThreadActivity().find((a) => a.kind === kind)!;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "miteinander-workers-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => allowWorkerThreads());

describe("worker threads", () => {
  it("count each kind's runs: running while they run, then done or failed with the last one's outcome", async () => {
    const answer = entry("answer.mjs", "parentPort.postMessage({ ok: true, result: workerData.n * 2 });");
    const refuse = entry("refuse.mjs", 'parentPort.postMessage({ ok: false, message: "no such need" });');
    const before = activityOf("figures");

    const running = runWorkerThread<number>(
      answer,
      { n: 21 },
      { kind: "figures", timeoutMs: 30_000, what: "Doubling" },
    );
    expect(activityOf("figures").running).toBe(before.running + 1);
    expect(await running).toBe(42);
    expect(activityOf("figures")).toMatchObject({
      running: before.running,
      succeeded: before.succeeded + 1,
      failed: before.failed,
      lastOk: true,
      lastProblem: null,
    });
    expect(activityOf("figures").lastEndedAt).toBeGreaterThan(Date.now() - 60_000);

    await expect(
      runWorkerThread(refuse, {}, { kind: "figures", timeoutMs: 30_000, what: "Refusing" }),
    ).rejects.toThrow("no such need");
    expect(activityOf("figures")).toMatchObject({
      succeeded: before.succeeded + 1,
      failed: before.failed + 1,
      lastOk: false,
      lastProblem: "no such need",
    });
  });

  it("are stopped on shutdown, by kind: a run still going rejects, later ones are refused, nothing counts as failed", async () => {
    const forever = entry("forever.mjs", "setInterval(() => {}, 1000);");
    const before = activityOf("reach-index");
    const run = runWorkerThread(forever, {}, { kind: "reach-index", timeoutMs: 600_000, what: "Building" });
    const outcome = run.then(
      () => "answered",
      (error: unknown) => error,
    );
    expect(activityOf("reach-index").running).toBe(before.running + 1);
    // The scheduler's backup is left to finish: a shutdown stops the other kinds first.
    const backup = runWorkerThread(forever, {}, { kind: "backup", timeoutMs: 600_000, what: "Backing up" });
    const backupOutcome = backup.catch((error: unknown) => error);

    expect(await stopWorkerThreads(["reach-index", "figures", "bulk-assignment"])).toBe(1);
    expect(activityOf("backup").running).toBe(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(WorkerStoppedError);
    expect((error as Error).message).toBe("Building was stopped: the server is shutting down");
    expect(activityOf("reach-index")).toMatchObject({
      running: before.running,
      failed: before.failed,
      succeeded: before.succeeded,
    });

    await expect(
      runWorkerThread(forever, {}, { kind: "reach-index", timeoutMs: 600_000, what: "Building again" }),
    ).rejects.toBeInstanceOf(WorkerStoppedError);
    expect(activityOf("reach-index").running).toBe(before.running);

    expect(await stopWorkerThreads()).toBe(1);
    expect(await backupOutcome).toBeInstanceOf(WorkerStoppedError);
    expect(activityOf("backup").running).toBe(0);
  });

  it("in the background run one at a time, in the order asked; a bulk assignment does not wait", async () => {
    const timed = entry(
      "timed.mjs",
      "const start = Date.now(); setTimeout(() => parentPort.postMessage({ ok: true, result: { start, end: Date.now() } }), 300);",
    );
    const run = (kind: WorkerKind) =>
      runWorkerThread<{ start: number; end: number }>(timed, {}, { kind, timeoutMs: 30_000, what: kind });
    const [index, figures, backup, bulk] = await Promise.all([
      run("reach-index"),
      run("figures"),
      run("backup"),
      run("bulk-assignment"),
    ]);
    expect(figures.start).toBeGreaterThanOrEqual(index.end);
    expect(backup.start).toBeGreaterThanOrEqual(figures.end);
    expect(bulk.start).toBeLessThan(index.end);
  });

  it("are one registry per process, whichever copy of the module started them", async () => {
    const forever = entry("forever-too.mjs", "setInterval(() => {}, 1000);");
    // A second copy of the module, as the Remix build has beside the server process's own.
    vi.resetModules();
    const other = await import("~/utils/worker-thread.server");
    expect(other.runWorkerThread).not.toBe(runWorkerThread);

    const before = activityOf("bulk-assignment").running;
    const run = other
      .runWorkerThread(forever, {}, { kind: "bulk-assignment", timeoutMs: 600_000, what: "Assigning" })
      .catch((error: unknown) => error);
    expect(activityOf("bulk-assignment").running).toBe(before + 1);
    // This copy stops what the other started.
    expect(await stopWorkerThreads()).toBe(1);
    expect(await run).toBeInstanceOf(Error);
    expect(((await run) as Error).name).toBe("WorkerStoppedError");
    expect(other.workerThreadActivity().find((a) => a.kind === "bulk-assignment")!.running).toBe(before);
  });
});
