/**
 * Graceful shutdown and upgrades (ADR 070), on the production server as `npm start` runs it: SIGTERM
 * stops new connections, lets a request in flight finish, stops the scheduler after its current job,
 * checkpoints the WAL and exits 0; a database migrated by a newer version is refused at start.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { http, passthrough } from "msw";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { closeDatabase, openDatabase } from "@db/client";
import { scheduledJobs } from "@db/schema";
import { createBackgroundWork } from "~/modules/scheduler/background.server";
import { ensureFreshBuild, freePort, ROOT, startServer } from "../../scripts/bench/lib/production-server";
import { startCommand } from "../../scripts/lib/build.js";
import { createCategory, createNeighbourhood, createOffer } from "../factories";
import { createTempDb, type TempDb } from "../helpers/db";
import { server as msw } from "../mocks/server";

let dir: string;

beforeAll(async () => {
  await ensureFreshBuild();
  dir = mkdtempSync(join(tmpdir(), "miteinander-shutdown-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough())));

/** Sends a request's head and the first half of its body, and returns a way to send the rest. */
function startSlowRequest(port: number): Promise<{ finish: () => Promise<string> }> {
  const body = "email=nobody%40example.org&password=not-the-right-one";
  const half = Math.floor(body.length / 2);
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(
        `POST /login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
          `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, half)}`,
      );
      let answer = "";
      socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
      const ended = new Promise<string>((done) => socket.once("close", () => done(answer)));
      // Give the server time to take the request in before the caller goes on.
      setTimeout(
        () =>
          resolve({
            finish: () => {
              socket.write(body.slice(half));
              return ended;
            },
          }),
        300,
      );
    });
    socket.once("error", reject);
  });
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("SIGTERM", () => {
  it("refuses new connections, finishes the request in flight, checkpoints the WAL and exits 0", async () => {
    const databasePath = join(dir, "graceful.db");
    const server = await startServer({ databasePath, env: { LOG_LEVEL: "info" } });
    try {
      const slow = await startSlowRequest(server.port);
      process.kill(server.child.pid!, "SIGTERM");
      // The listener closes at once; the request already inside is still being waited for.
      let refused = false;
      for (let i = 0; i < 50 && !refused; i++) {
        refused = !(await connects(server.port));
        if (!refused) await new Promise((r) => setTimeout(r, 20));
      }
      expect(refused).toBe(true);
      expect(server.child.exitCode).toBeNull();

      const answer = await slow.finish();
      expect(answer).toMatch(/^HTTP\/1\.1 (200|400|303) /);
      await server.exited;
      expect(server.child.exitCode).toBe(0);
      const lines = server
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.find((l) => l.msg === "shutting down: no new requests")).toMatchObject({ inFlight: 1 });
      expect(lines.find((l) => l.msg === "request" && l.method === "POST")).toMatchObject({
        route: "/login",
      });
      expect(lines.find((l) => l.msg === "stopped")).toMatchObject({ walCheckpointed: true });
      expect(!existsSync(`${databasePath}-wal`) || statSync(`${databasePath}-wal`).size === 0).toBe(true);
    } finally {
      await server.kill();
    }
  });
});

describe("SIGTERM during the start's own work", () => {
  /** Enough active offers that the reach index is built in its worker thread, and for seconds. */
  const OFFERS = 30_000;

  it("stops the reach index's worker thread instead of waiting for it, checkpoints and exits 0", async () => {
    const databasePath = join(dir, "reach.db");
    copyFileSync(inject("templateDbPath"), databasePath);
    const db = openDatabase(databasePath);
    const neighbourhood = createNeighbourhood(db);
    const category = createCategory(db);
    const first = createOffer(db, { categoryId: category.id, neighbourhoodIds: [neighbourhood.id] });
    const columns = (db.$client.pragma("table_info(offers)") as { name: string }[])
      .map((c) => c.name)
      .filter((name) => name !== "id");
    const copied = columns.map((name) => (name === "title" ? `title || ' ' || i` : name)).join(", ");
    // The rest as copies of the first, each in the same neighbourhood, in two statements.
    db.$client
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO offers (${columns.join(", ")}) SELECT ${copied} FROM offers, n WHERE offers.id = ?`,
      )
      .run(OFFERS - 1, first.id);
    db.$client
      .prepare(
        "INSERT INTO offer_neighbourhoods (offer_id, neighbourhood_id) SELECT id, ? FROM offers WHERE id <> ?",
      )
      .run(neighbourhood.id, first.id);
    closeDatabase(db);

    const server = await startServer({ databasePath, production: true, env: { LOG_LEVEL: "info" } });
    try {
      // The server listens, then starts building the reach index (app/entry.server.tsx warmUp).
      const building = async () =>
        /^miteinander_worker_threads_running\{kind="reach-index"[^}]*\} 1$/m.test(
          await (await fetch(`${server.url}/metrics`)).text(),
        );
      let caught = false;
      for (let i = 0; i < 200 && !caught; i++) {
        caught = await building();
        if (!caught) await new Promise((r) => setTimeout(r, 25));
      }
      expect(caught, `the reach index's worker was never seen running:\n${server.output()}`).toBe(true);

      process.kill(server.child.pid!, "SIGTERM");
      await server.exited;
      expect(server.child.exitCode).toBe(0);
      const lines = server
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.find((l) => l.msg === "worker threads stopped")).toMatchObject({ workers: 1 });
      expect(lines.find((l) => l.msg === "stopped")).toMatchObject({ walCheckpointed: true });
      // A stopped build is no failure.
      expect(lines.filter((l) => l.level === "error")).toEqual([]);
    } finally {
      await server.kill();
    }
  });
});

describe("the scheduler on shutdown", () => {
  let temp: TempDb;
  beforeEach(() => (temp = createTempDb()));
  afterEach(() => temp.cleanup());

  it("finishes the job it is running and starts no other", async () => {
    const now = Date.now();
    for (const key of ["slow-1", "slow-2"]) {
      temp.db
        .insert(scheduledJobs)
        .values({ kind: "slow", dedupeKey: key, runAt: new Date(now - 1000) })
        .run();
    }
    let started = 0;
    let release!: () => void;
    const firstRunning = new Promise<void>((resolve) => (release = resolve));
    const work = createBackgroundWork({
      db: temp.db,
      transport: null,
      periodic: [],
      intervalMs: 60_000,
      asyncHandlers: {
        slow: async () => {
          started += 1;
          release();
          await new Promise((r) => setTimeout(r, 300));
          return () => {};
        },
      },
    });
    await firstRunning;
    await work.stop();
    expect(started).toBe(1);
    const status = (key: string) =>
      temp.db.select().from(scheduledJobs).where(eq(scheduledJobs.dedupeKey, key)).get()!.status;
    expect(status("slow-1")).toBe("done");
    expect(status("slow-2")).toBe("pending");
  });
});

describe("an older version on a newer database", () => {
  it("refuses to start, with a clear message", async () => {
    const databasePath = join(dir, "newer.db");
    copyFileSync(inject("templateDbPath"), databasePath);
    const db = openDatabase(databasePath);
    db.$client
      .prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-a-newer-version', ?)")
      .run(Date.now());
    closeDatabase(db);
    const [program, args] = startCommand(["--no-build"]);
    const child = spawn(program, args, {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        APP_URL: "https://miteinander.stadt.example",
        PORT: String(await freePort()),
        DATABASE_PATH: databasePath,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      "The database was migrated by a newer version of miteinander: 1 of its migrations are unknown to this " +
        "version. Start the newer version again, or restore a backup made before the upgrade (npm run db:restore).",
    );
  });
});
