/**
 * The production server as the crash test, the fuzz test and the benchmarks run it: `scripts/start.ts`
 * in its own process group (tsx runs the server in a child process; killing the group reaches it), on a
 * free port, with its own database.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../../..");
const SERVER_BUILD = join(ROOT, "build/server/index.js");
// The same sources scripts/start.ts compares against, so a build made here is one it will not redo.
const SOURCES = ["app", "db/schema", "package-lock.json", "remix.config.js", "vite.config.ts"];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function buildIsStale(): boolean {
  if (!existsSync(SERVER_BUILD)) return true;
  const built = statSync(SERVER_BUILD).mtimeMs;
  return SOURCES.map((p) => join(ROOT, p)).some((p) => existsSync(p) && newestMtime(p) > built);
}

/**
 * Runs `remix vite:build` if the build is missing or older than the sources. Test files run in parallel
 * processes: a lock directory makes the second one wait for the first one's build instead of building
 * into the same folder at the same time.
 */
export async function ensureFreshBuild(log: (line: string) => void = () => {}): Promise<void> {
  const lock = join(ROOT, "node_modules/.cache/miteinander-build.lock");
  mkdirSync(join(ROOT, "node_modules/.cache"), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than 5 minutes belongs to a process that died.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the build lock ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!buildIsStale()) return;
    log("Building the production server (remix vite:build) …");
    const result = spawnSync(join(ROOT, "node_modules/.bin/remix"), ["vite:build"], { cwd: ROOT, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`remix vite:build failed:\n${result.stderr}\n${result.stdout.slice(-2000)}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface RunningServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  /** Resolves when the process (group leader) has exited. */
  exited: Promise<void>;
  /** SIGKILL to the whole process group: the server gets no chance to clean up. */
  kill: () => Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop: (graceMs?: number) => Promise<void>;
}

export interface StartOptions {
  databasePath: string;
  port?: number;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["scripts/start.ts", "--no-build"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_PATH: options.databasePath,
      ...options.env,
    },
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once("exit", () => done());
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  const server: RunningServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    exited,
    kill: async () => {
      signalGroup("SIGKILL");
      await exited;
    },
    stop: async (graceMs = 5_000) => {
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
      // The group may outlive its leader for a moment (tsx's child): make sure nothing is left.
      signalGroup("SIGKILL");
    },
  };

  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  while (Date.now() < deadline) {
    if (exitedEarly) throw new Error(`The server exited during start:\n${output}`);
    try {
      const response = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await server.kill();
  throw new Error(`The server did not answer /healthz in time:\n${output}`);
}
