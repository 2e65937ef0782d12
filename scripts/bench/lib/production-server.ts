/**
 * The production server as the crash test, the fuzz test and the benchmarks run it: `npm start`'s
 * `scripts/start.js` in its own process group (killing the group reaches everything it started), on a
 * free port, with its own database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { build, buildIsStale, demoCommand, ROOT, startCommand } from "../../lib/build.js";

export { ROOT };

/**
 * Runs `npm run build`'s steps if the build is missing or older than the sources. Test files run in
 * parallel processes: a lock directory makes the second one wait for the first one's build instead of
 * building into the same folder at the same time.
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
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 300_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the build lock ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!buildIsStale()) return;
    log("Building the production server (npm run build) …");
    build({ quiet: true });
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
      server.close(() =>
        typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port")),
      );
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
  /**
   * `npm start` (a production start: no demo data, APP_URL given) instead of the default `npm run demo`
   * (demo data in an empty database; the demo and city seeds are demo databases).
   */
  production?: boolean;
  port?: number;
  env?: Record<string, string>;
  timeoutMs?: number;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const [program, args] = (options.production ? startCommand : demoCommand)(["--no-build"]);
  const child = spawn(program, args, {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_PATH: options.databasePath,
      // Links and the public page cache use the address the tests and benchmarks request.
      APP_URL: `http://127.0.0.1:${port}`,
      // What a production server logs (under vitest the inherited VITEST would make it "warn").
      LOG_LEVEL: "info",
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
      // Anything the server started may outlive it for a moment: make sure nothing is left.
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
