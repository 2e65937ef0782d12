import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { demoCommand } from "./scripts/lib/build.js";

/**
 * One e2e run = one server on a free port with a fresh database. Playwright evaluates this file in its
 * runner process and again in every loader/worker process it forks, so the choice is made once, by the
 * first process, and handed on through the environment (children inherit process.env). The owner's pid
 * travels with it, so a value left over in a shell (not from our parent or ourselves) is ignored.
 */
interface E2eRun {
  owner: number;
  port: number;
  /** The outside services' mock (tests/mocks/http-server.ts): TRANSLATE_URL and GEOCODER_URL. */
  mockPort: number;
  databasePath: string;
}

const RUN_ENV = "MITEINANDER_E2E_RUN";

function inheritedRun(): E2eRun | undefined {
  const raw = process.env[RUN_ENV];
  if (!raw) return undefined;
  const run = JSON.parse(raw) as E2eRun;
  return run.owner === process.pid || run.owner === process.ppid ? run : undefined;
}

/** Asks the OS for a free port (listen on 0) in a child process, because config loading is synchronous. */
function findFreePort(): number {
  const script =
    "const s = require('node:net').createServer();" +
    "s.listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });";
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

function startRun(): E2eRun {
  const dir = mkdtempSync(join(tmpdir(), "miteinander-e2e-"));
  // Removed when the runner exits, i.e. after Playwright has stopped the web server.
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  const run: E2eRun = {
    owner: process.pid,
    port: process.env.E2E_PORT ? Number(process.env.E2E_PORT) : findFreePort(),
    mockPort: 0,
    databasePath: join(dir, "e2e.db"),
  };
  // Two asks in a row may hear the same port (the first was closed again): ask until they differ.
  do run.mockPort = findFreePort();
  while (run.mockPort === run.port);
  process.env[RUN_ENV] = JSON.stringify(run);
  return run;
}

const run = inheritedRun() ?? startRun();
const baseURL = `http://127.0.0.1:${run.port}`;
const mockURL = `http://127.0.0.1:${run.mockPort}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // The tests share one server and one SQLite file: two workers keep the run short without contention.
  workers: 2,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium (see scripts/ensure-test-tools.ts); Playwright's own browser download is not used.
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: [
    {
      // The translate server and geocoder as tests/mocks answer them (success), over real HTTP;
      // up before the hub, whose background work may geocode at once.
      command: `node_modules/.bin/tsx tests/mocks/http-server.ts --port ${run.mockPort}`,
      url: `${mockURL}/healthz`,
      gracefulShutdown: { signal: "SIGTERM", timeout: 2_000 },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // The server as `npm run demo` runs it (builds if needed, migrates, seeds the empty DB). Called
      // without npm, whose wrapper can outlive a kill; Playwright signals the whole process group on shutdown.
      command: [demoCommand()[0], ...demoCommand()[1]].join(" "),
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      // SIGTERM first, so the server can close the database cleanly.
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      env: {
        PORT: String(run.port),
        DATABASE_PATH: run.databasePath,
        NODE_ENV: "production",
        APP_URL: baseURL,
        // Warnings and errors only (a watchdog warning included): a line per request would bury them.
        LOG_LEVEL: "warn",
        // The outside services answer from tests/mocks over loopback, as with MOCKS=1 npm run dev.
        TRANSLATE_URL: mockURL,
        GEOCODER_URL: mockURL,
      },
    },
  ],
});
