/**
 * How the hub starts (docs/decisions/026-demo-and-first-start.md), through the real commands:
 * - `npm start` needs APP_URL, creates no accounts, prints a one-time link for the first administrator
 *   and refuses a demo database;
 * - `npm run demo` seeds an empty database (a demo database, with a banner on every page) and refuses a
 *   database with real data.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { http, passthrough } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, migrateDatabase, openDatabase } from "@db/client";
import { DEMO_EMAILS, DEMO_PASSWORD } from "@db/seed/seed";
import { demoCommand, startCommand } from "../../scripts/lib/build.js";
import {
  ensureFreshBuild,
  freePort,
  ROOT,
  startServer,
  type RunningServer,
} from "../../scripts/bench/lib/production-server";
import { CATEGORY_SEEDS } from "@db/seed/reference/categories";
import { addReferenceLists, countReferenceLists } from "~/modules/installation/reference-lists.server";
import { createNeighbourhood, createUser } from "../factories";
import { server as msw } from "../mocks/server";

const dir = mkdtempSync(join(tmpdir(), "miteinander-first-start-"));
const running: RunningServer[] = [];

beforeEach(() => msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough())));

beforeAll(async () => {
  await ensureFreshBuild();
}, 300_000);

afterAll(async () => {
  for (const server of running) await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a start command that is expected to refuse: its exit code and everything it printed. */
function refusedStart(
  command: [string, string[]],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command[0], [...command[1], "--no-build"], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", APP_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function login(base: string, email: string, password: string): Promise<number> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  await response.arrayBuffer();
  return response.status;
}

describe("npm start (production)", () => {
  it("refuses to start without APP_URL, with one clear line", async () => {
    const { code, output } = await refusedStart(startCommand(), {
      DATABASE_PATH: join(dir, "no-url.db"),
      PORT: String(await freePort()),
    });
    expect(code).toBe(1);
    expect(output).toMatch(/APP_URL: is required in production/);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("creates no accounts and lets the first administrator in once, through the printed link", async () => {
    const databasePath = join(dir, "production.db");
    const server = await startServer({ databasePath, production: true });
    running.push(server);
    expect(server.output()).not.toMatch(/demo data/i);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/setup\?token=[A-Za-z0-9_-]{43})/.exec(server.output())?.[1];
    expect(link, server.output()).toBeDefined();

    // No demo account, and no banner.
    expect(await login(server.url, DEMO_EMAILS.admin, DEMO_PASSWORD)).toBe(400);
    const home = await (await fetch(`${server.url}/`)).text();
    expect(home).not.toContain("demo-banner");

    const page = await (await fetch(link!)).text();
    expect(page).toContain('name="password"');
    const token = new URL(link!).searchParams.get("token")!;
    const create = (email: string) =>
      fetch(`${server.url}/setup`, {
        method: "POST",
        headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          token,
          displayName: "Erste Person",
          email,
          password: "ein langer Satz 7",
        }),
        redirect: "manual",
      });
    const created = await create("verwaltung@stadt.example");
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe("/admin");
    expect(created.headers.get("set-cookie")).toMatch(/session=/);
    expect(await login(server.url, "verwaltung@stadt.example", "ein langer Satz 7")).toBe(302);

    // The link works once.
    const again = await create("zweite@stadt.example");
    expect(again.status).toBe(400);
    expect(await (await fetch(link!)).text()).toContain('role="alert"');
    expect(await login(server.url, "zweite@stadt.example", "ein langer Satz 7")).toBe(400);
    await server.stop();

    // The lists a hub needs and which are no one's data came with the first start, once.
    const lists = () => {
      const db = openDatabase(databasePath, { readonly: true });
      try {
        return countReferenceLists(db);
      } finally {
        closeDatabase(db);
      }
    };
    expect(lists()).toEqual({ categories: CATEGORY_SEEDS.length, neighbourhoods: 18 });
    expect(server.output()).toContain(
      "reference lists added: the categories of help and Gelsenkirchen's Stadtteile",
    );
    // The secret that signs links in e-mails exists from the first start, so the first backup keeps it.
    const secretFile = join(dir, "app-secret");
    expect(existsSync(secretFile)).toBe(true);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);

    // With an administrator, the next start prints no link, and adds nothing.
    const next = await startServer({ databasePath, production: true });
    running.push(next);
    expect(next.output()).not.toMatch(/setup\?token=/);
    expect(next.output()).not.toContain("reference lists added");
    await next.stop();
    expect(lists()).toEqual({ categories: CATEGORY_SEEDS.length, neighbourhoods: 18 });
  }, 120_000);

  it("leaves a city's own neighbourhoods alone, and adds only what is missing", () => {
    const databasePath = join(dir, "own-lists.db");
    const db = openDatabase(databasePath);
    try {
      migrateDatabase(db);
      createNeighbourhood(db, { name: "Hassel-Nord", slug: "hassel-nord" });
      expect(addReferenceLists(db)).toEqual({ categories: CATEGORY_SEEDS.length, neighbourhoods: 0 });
      expect(countReferenceLists(db)).toEqual({ categories: CATEGORY_SEEDS.length, neighbourhoods: 1 });
      expect(addReferenceLists(db)).toEqual({ categories: 0, neighbourhoods: 0 });
    } finally {
      closeDatabase(db);
    }
  });

  it("refuses a demo database", async () => {
    const databasePath = join(dir, "was-demo.db");
    const demo = await startServer({ databasePath });
    running.push(demo);
    await demo.stop();
    const { code, output } = await refusedStart(startCommand(), {
      DATABASE_PATH: databasePath,
      PORT: String(await freePort()),
      APP_URL: "https://miteinander.example.de",
    });
    expect(code).toBe(1);
    expect(output).toMatch(/is a demo database/);
    expect(output).toMatch(/npm run demo/);
  }, 120_000);
});

describe("npm run demo", () => {
  it("seeds an empty database, shows the demo banner on every page and lets the demo accounts in", async () => {
    const server = await startServer({ databasePath: join(dir, "demo.db") });
    running.push(server);
    expect(server.output()).toMatch(/adding demo data/);
    expect(await login(server.url, DEMO_EMAILS.admin, DEMO_PASSWORD)).toBe(302);
    for (const path of ["/", "/activities", "/login", "/does-not-exist"]) {
      expect(await (await fetch(`${server.url}${path}`)).text(), path).toMatch(
        /class="demo-banner"[^>]*>.*Demo — keine echten Daten/s,
      );
    }
    await server.stop();
  }, 120_000);

  it("refuses a database that holds real data", async () => {
    const databasePath = join(dir, "real.db");
    const db = openDatabase(databasePath);
    migrateDatabase(db);
    createUser(db, { email: "echte.person@stadt.example" });
    closeDatabase(db);
    const { code, output } = await refusedStart(demoCommand(), {
      DATABASE_PATH: databasePath,
      PORT: String(await freePort()),
    });
    expect(code).toBe(1);
    expect(output).toMatch(/holds real data/);
    const after = openDatabase(databasePath);
    expect(after.$client.prepare("SELECT count(*) FROM users").pluck().get()).toBe(1);
    closeDatabase(after);
  }, 60_000);
});
