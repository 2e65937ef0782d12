/**
 * `npm run bench -- http [--connections 32] [--duration 10]`
 *
 * Builds the production server, seeds city scale into a temp database, and loads it with autocannon
 * from a second process on loopback: the public activities page (filtered, paginated), the coordinator's
 * needs list (logged in) and a sign-up POST. The two pages are compared with a bare node:http server
 * running the same module functions (same prepared SQL) and answering equivalent HTML
 * (scripts/bench/lib/baseline-server.ts). Then the heaviest pages and downloads, one request each, must
 * answer 200 under the server's own memory settings (heavy_*), and bulk matching runs once (bulk_rss_mb).
 * The server is started with package.json's start command (its Node flags included); for experiments,
 * BENCH_SERVER_NODE_OPTIONS adds V8 flags. Last line of stdout: one JSON object.
 */
import { spawn, type ChildProcess } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { closeDatabase, migrateDatabase, openDatabase } from "../../db/client";
import { DEMO_EMAILS, defaultAnchor, seedDatabase } from "../../db/seed/seed";
import type { LoadConfig, LoadResult } from "./lib/load";
import { ensureFreshBuild, freePort, ROOT, startServer } from "./lib/production-server";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "32" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    /** A city-scale database to copy instead of seeding one (saves ~20 s when repeating runs). */
    db: { type: "string" },
  },
  allowPositionals: true,
});
const connections = Number(values.connections);
const durationS = Number(values.duration);
const warmupS = Number(values.warmup);
const log = (line: string) => console.error(line);
const tsx = join(ROOT, "node_modules/.bin/tsx");
const started = performance.now();

let loadRuns = 0;

/** Runs one load phase in its own process and returns its result. */
function load(config: LoadConfig, dir: string): Promise<LoadResult> {
  const file = join(dir, `load-${(loadRuns += 1)}.json`);
  writeFileSync(file, JSON.stringify(config));
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [join(ROOT, "scripts/bench/lib/load.ts"), file], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last.startsWith("{")) reject(new Error(`load generator failed (${code}): ${out}`));
      else resolve(JSON.parse(last) as LoadResult);
    });
  });
}

/** Peak and current resident memory (MB) of the biggest process in a process group (the node server). */
function groupMemory(pgid: number): { peakMb: number; currentMb: number } {
  let best = { peakMb: 0, currentMb: 0 };
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
      const current = { peakMb: Math.round(kb("VmHWM") / 1024), currentMb: Math.round(kb("VmRSS") / 1024) };
      if (current.peakMb > best.peakMb) best = current;
    } catch {
      // The process went away while we looked.
    }
  }
  return best;
}

async function startBaseline(databasePath: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(tsx, [join(ROOT, "scripts/bench/lib/baseline-server.ts")], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      DATABASE_PATH: databasePath,
      PORT: String(port),
      NODE_ENV: "production",
      MITEINANDER_DEMO: "1",
      APP_URL: `http://127.0.0.1:${port}`,
    },
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("baseline ready") && resolve());
    child.once("exit", (code) => reject(new Error(`baseline server exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main() {
  await ensureFreshBuild(log);
  const dir = mkdtempSync(join(tmpdir(), "miteinander-bench-http-"));
  const databasePath = join(dir, "city.db");
  // The same settings the server runs with, so the sessions made here are the ones it reads.
  process.env.DATABASE_PATH = databasePath;
  process.env.NODE_ENV = "production";
  // A demo start on this machine over plain http: cookies without Secure, as the server sets them.
  process.env.MITEINANDER_DEMO = "1";
  process.env.APP_URL = "http://127.0.0.1";
  let stopServer: (() => Promise<void>) | undefined;
  let baselineChild: ChildProcess | undefined;
  try {
    let db;
    if (values.db) {
      log(`Copying ${values.db} …`);
      copyFileSync(values.db, databasePath);
      db = openDatabase(databasePath);
      migrateDatabase(db);
    } else {
      log("Seeding city scale …");
      db = openDatabase(databasePath);
      migrateDatabase(db);
      const seeded = await seedDatabase(db, { scale: "city", anchor: defaultAnchor() });
      log(`Seeded in ${(seeded.totalMs / 1000).toFixed(1)} s.`);
    }
    const c = db.$client;
    // A filter with at least two pages: neighbourhood × category with the most upcoming public activities.
    const filter = c
      .prepare(
        `SELECT n.slug AS nb, c.slug AS cat, count(*) AS n FROM events e
         JOIN neighbourhoods n ON n.id = e.neighbourhood_id JOIN categories c ON c.id = e.category_id
         LEFT JOIN organisations o ON o.id = e.organisation_id
         WHERE e.status = 'published' AND (e.organisation_id IS NULL OR o.verified_at IS NOT NULL) AND e.ends_at >= ?
         GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`,
      )
      .get(Date.now()) as { nb: string; cat: string; n: number };
    const publicPath = `/activities?neighbourhood=${filter.nb}&category=${filter.cat}&page=${filter.n > 20 ? 2 : 1}`;
    const coordinatorId = c
      .prepare("SELECT id FROM users WHERE email = ?")
      .pluck()
      .get(DEMO_EMAILS.coordinator) as string;
    const adminId = c
      .prepare("SELECT id FROM users WHERE email = ?")
      .pluck()
      .get(DEMO_EMAILS.admin) as string;
    // The volunteer with the longest history: the biggest export, hours list and proof.
    const busiestVolunteerId = c
      .prepare("SELECT volunteer_id FROM signups GROUP BY volunteer_id ORDER BY count(*) DESC LIMIT 1")
      .pluck()
      .get() as string;
    const slugs = c
      .prepare(
        "SELECT (SELECT slug FROM categories ORDER BY id LIMIT 1) AS category, (SELECT slug FROM neighbourhoods ORDER BY id LIMIT 1) AS neighbourhood",
      )
      .get() as { category: string; neighbourhood: string };
    const volunteers = c
      .prepare(
        "SELECT u.id FROM users u JOIN volunteer_profiles p ON p.user_id = u.id WHERE u.role = 'volunteer' ORDER BY u.id LIMIT 256",
      )
      .pluck()
      .all() as string[];
    // 400 upcoming shifts spread out in time (every 15th by start time). The seeded volunteers already have
    // commitments, so many attempts are still refused as overlapping (409): the full check runs either way,
    // and signup_statuses shows the split.
    const shifts = (
      c
        .prepare(
          `SELECT s.id, s.event_id AS eventId FROM shifts s JOIN events e ON e.id = s.event_id
           LEFT JOIN organisations o ON o.id = e.organisation_id
           WHERE s.starts_at > ? AND s.requires_certificate = 0 AND e.status = 'published'
             AND (e.organisation_id IS NULL OR o.verified_at IS NOT NULL)
           ORDER BY s.starts_at LIMIT 6000`,
        )
        .all(Date.now() + 86_400_000) as { id: number; eventId: number }[]
    ).filter((_, i) => i % 15 === 0);
    closeDatabase(db);

    const { createUserSession } = await import("../../app/modules/auth/session.server");
    const { getDb } = await import("../../app/utils/db.server");
    const cookieOf = async (userId: string) =>
      (
        await createUserSession(
          getDb(),
          userId,
          new Request("http://127.0.0.1/login", { headers: { "User-Agent": "bench" } }),
        )
      ).split(";")[0]!;
    const coordinatorCookie = await cookieOf(coordinatorId);
    const adminCookie = await cookieOf(adminId);
    const busiestVolunteerCookie = await cookieOf(busiestVolunteerId);
    const volunteerCookies: string[] = [];
    for (const id of volunteers) volunteerCookies.push(await cookieOf(id));
    // Every sign-up a different (volunteer, shift) pair, so the writes are real sign-ups, not repeats.
    const rotate: NonNullable<LoadConfig["rotate"]> = [];
    for (let round = 0; round < shifts.length; round += 1) {
      for (let v = 0; v < volunteerCookies.length; v += 1) {
        const shift = shifts[(v * 7 + round) % shifts.length]!;
        rotate.push({
          path: `/shifts/${shift.id}/signup`,
          headers: { Cookie: volunteerCookies[v]!, "Content-Type": "application/x-www-form-urlencoded" },
          // confirmOverCap: the volunteer has confirmed going over their hours cap, as the form lets them.
          body: `returnTo=${encodeURIComponent(`/activities/${shift.eventId}`)}&confirmOverCap=1`,
        });
      }
    }

    // BENCH_SERVER_NODE_OPTIONS: V8 flags for the server only, to try memory settings.
    const nodeOptions = process.env.BENCH_SERVER_NODE_OPTIONS;
    const server = await startServer({
      databasePath,
      env: nodeOptions ? { NODE_OPTIONS: nodeOptions } : {},
    });
    stopServer = () => server.stop();
    log(`Server up: RSS ${groupMemory(server.child.pid!).currentMb} MB.`);
    const baseline = await startBaseline(databasePath);
    baselineChild = baseline.child;

    // Both answer, and show the same list.
    for (const [name, url, cookie] of [
      ["public", `${server.url}${publicPath}`, undefined],
      ["public baseline", `${baseline.url}${publicPath}`, undefined],
      ["needs", `${server.url}/coordination/needs`, coordinatorCookie],
      ["needs baseline", `${baseline.url}/coordination/needs`, coordinatorCookie],
    ] as const) {
      const response = await fetch(url, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
      const html = await response.text();
      if (response.status !== 200) throw new Error(`${name}: ${response.status} for ${url}`);
      log(`${name}: ${url} → ${html.length} bytes`);
    }

    const phase = async (name: string, config: Omit<LoadConfig, "connections" | "durationS">) => {
      log(`Load: ${name} (${connections} connections, ${durationS} s) …`);
      const result = await load({ connections, durationS, warmupS, ...config }, dir);
      const memory = groupMemory(server.child.pid!);
      log(
        `  ${result.rps} req/s, p99 ${result.p99_ms} ms, statuses ${JSON.stringify(result.statuses)}, errors ${result.errors}; server RSS ${memory.currentMb} MB (peak ${memory.peakMb} MB)`,
      );
      return result;
    };
    const publicRun = await phase("public activities", { url: `${server.url}${publicPath}` });
    // The same page with the cache bypassed (any cookie but the language one): the framework's own cost.
    const publicUncached = await phase("public activities, uncached", {
      url: `${server.url}${publicPath}`,
      headers: { Cookie: "bench=uncached" },
    });
    const publicBase = await phase("public activities, baseline", { url: `${baseline.url}${publicPath}` });
    const needsRun = await phase("coordinator's needs", {
      url: `${server.url}/coordination/needs`,
      headers: { Cookie: coordinatorCookie },
    });
    const needsBase = await phase("coordinator's needs, baseline", {
      url: `${baseline.url}/coordination/needs`,
      headers: { Cookie: coordinatorCookie },
    });
    const signupRun = await phase("sign-up POST", {
      url: server.url,
      method: "POST",
      rotate,
      warmupS: 0,
      headers: { Origin: server.url },
    });
    const memory = groupMemory(server.child.pid!);

    // The heaviest pages and downloads, one at a time, under the server's own memory settings: each must
    // answer 200 at city scale. The bulk matching worker (its own heap limit) runs last and is reported
    // on its own, since its few hundred MB are a rare coordinator action, not serving.
    const heavy: { path: string; cookie: string }[] = [
      ...[
        "/coordination/dashboard",
        ...["needs", "offers", "matches", "shifts", "load", "certificates"].map(
          (d) => `/coordination/dashboard/${d}`,
        ),
        "/coordination/needs",
        "/coordination/audit",
        "/coordination/organisations",
        "/coordination/verification",
        "/coordination/reports",
        ...["organisation", "category", "month"].map(
          (by) => `/coordination/reports/hours.csv?by=${by}&from=2020-01-01`,
        ),
        "/coordination/reports/needs.csv?from=2020-01-01",
        "/coordination/reports/matches.csv?from=2020-01-01",
        "/admin/users",
        "/admin/outbox",
      ].map((path) => ({ path, cookie: adminCookie })),
      ...[
        "/volunteer/hours",
        "/volunteer/commitments",
        "/volunteer/find",
        "/volunteer/proof",
        "/volunteer/proof.pdf",
        "/account/export",
      ].map((path) => ({ path, cookie: busiestVolunteerCookie })),
      ...[
        "/feeds/activities.json",
        `/feeds/categories/${slugs.category}.ics`,
        `/feeds/neighbourhoods/${slugs.neighbourhood}.ics`,
      ].map((path) => ({ path, cookie: "" })),
    ];
    const heavyFailures: string[] = [];
    let heavySlowest = { path: "", ms: 0 };
    log(`Heavy pages (${heavy.length}, one at a time) …`);
    for (const { path, cookie } of heavy) {
      const t0 = performance.now();
      const response = await fetch(`${server.url}${path}`, {
        headers: cookie ? { Cookie: cookie } : {},
        redirect: "manual",
      });
      const bytes = (await response.arrayBuffer()).byteLength;
      const ms = Math.round(performance.now() - t0);
      if (ms > heavySlowest.ms) heavySlowest = { path, ms };
      if (response.status !== 200) heavyFailures.push(`${path}: ${response.status}`);
      log(`  ${response.status} ${path} ${bytes} bytes ${ms} ms`);
    }
    const heavyMemory = groupMemory(server.child.pid!);
    log(`  server RSS ${heavyMemory.currentMb} MB (peak ${heavyMemory.peakMb} MB)`);
    const bulk = await fetch(`${server.url}/coordination/bulk?run=1`, {
      headers: { Cookie: adminCookie },
      redirect: "manual",
    });
    const bulkCertified = (await bulk.text()).includes("nachweislich optimal");
    if (bulk.status !== 200 || !bulkCertified)
      heavyFailures.push(`/coordination/bulk?run=1: ${bulk.status}, certified ${bulkCertified}`);
    const bulkMemory = groupMemory(server.child.pid!);
    log(
      `  ${bulk.status} /coordination/bulk?run=1 (certified: ${bulkCertified}); server RSS peak ${bulkMemory.peakMb} MB`,
    );

    const report = {
      public_rps: publicRun.rps,
      public_baseline_rps: publicBase.rps,
      public_ratio: round(publicRun.rps / publicBase.rps, 3),
      public_p99_ms: publicRun.p99_ms,
      public_baseline_p99_ms: publicBase.p99_ms,
      public_uncached_rps: publicUncached.rps,
      public_uncached_ratio: round(publicUncached.rps / publicBase.rps, 3),
      public_uncached_p99_ms: publicUncached.p99_ms,
      needs_rps: needsRun.rps,
      needs_baseline_rps: needsBase.rps,
      needs_ratio: round(needsRun.rps / needsBase.rps, 3),
      needs_p99_ms: needsRun.p99_ms,
      signup_rps: signupRun.rps,
      signup_p99_ms: signupRun.p99_ms,
      signup_statuses: signupRun.statuses,
      server_rss_mb: memory.peakMb,
      server_rss_now_mb: memory.currentMb,
      heavy_pages: heavy.length,
      heavy_failures: heavyFailures,
      heavy_slowest: heavySlowest,
      heavy_rss_mb: heavyMemory.peakMb,
      bulk_rss_mb: bulkMemory.peakMb,
      connections,
      duration_s: round((performance.now() - started) / 1000),
      errors:
        publicRun.errors +
        publicUncached.errors +
        publicBase.errors +
        needsRun.errors +
        needsBase.errors +
        signupRun.errors,
      load_average: loadavg().map((n) => round(n, 1)),
    };
    console.log(JSON.stringify(report));
  } finally {
    if (baselineChild?.pid) {
      try {
        process.kill(-baselineChild.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    await stopServer?.();
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
