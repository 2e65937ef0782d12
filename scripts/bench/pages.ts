/**
 * `npm run bench -- pages [--scale city] [--runs 5] [--db FILE]`
 *
 * Every main page of every role, one request at a time, against the production server (package.json's
 * start command, its Node flags included) on a copy of the seeded database of the scale (default city;
 * seeded once into .cache/bench-<scale>.db). Each page is asked for as the role that uses it, by the
 * account with the most data where that matters (the busiest volunteer, the owner of the organisation
 * with the most activities, the coordinator of every neighbourhood). Visitors' pages are asked for past
 * the public page cache, so the figure is the render's.
 *
 * Per page: one warm-up request, then `runs` requests; the figure is the median wall time from sending
 * the request to the last byte of the answer, on loopback. Then the CSV exports, one at a time, first:
 * time to the first byte of the body and to the last, and the server's peak memory before and after.
 *
 * A table goes to stdout; the LAST line is one JSON object:
 * {"pages":N,"worst_ms":…,"worst_path":"…","heaviest_kb":…,"heaviest_path":"…","median_ms":…, …}.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { closeDatabase, migrateDatabase, openDatabase } from "../../db/client";
import { DEMO_EMAILS, SEED_SCALES, type SeedScale } from "../../db/seed/seed";
import { ensureScaleDatabase } from "./lib/city-db";
import { ensureFreshBuild, startServer } from "./lib/production-server";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "city" },
    runs: { type: "string", default: "5" },
    /** A seeded database to copy instead of the kept one of the scale. */
    db: { type: "string" },
  },
  allowPositionals: true,
});
const scale = values.scale as SeedScale;
if (!SEED_SCALES.includes(scale)) {
  console.error(`--scale must be one of ${SEED_SCALES.join(", ")}`);
  process.exit(2);
}
const runs = Math.max(1, Number(values.runs) || 5);
const log = (line: string) => console.error(line);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

type Role = "visitor" | "volunteer" | "organisation" | "coordinator" | "admin";

/** Peak and current resident memory (MB) of the biggest process in the server's process group. */
function serverMemory(pgid: number): { peakMb: number; currentMb: number } {
  let best = { peakMb: 0, currentMb: 0 };
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
      const now = { peakMb: Math.round(kb("VmHWM") / 1024), currentMb: Math.round(kb("VmRSS") / 1024) };
      if (now.peakMb > best.peakMb) best = now;
    } catch {
      // The process went away while we looked.
    }
  }
  return best;
}

/** Waits (at most two minutes) until the process has used under 5 % of a core for two seconds. */
async function settle(pid: number): Promise<void> {
  const cpuMs = () => {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  };
  const deadline = Date.now() + 120_000;
  let last = cpuMs();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 2_000));
    const now = cpuMs();
    if (now - last < 100) return;
    last = now;
  }
}

async function main() {
  await ensureFreshBuild(log);
  const source = values.db ? { path: values.db } : await ensureScaleDatabase(scale, log);
  const dir = mkdtempSync(join(tmpdir(), "miteinander-bench-pages-"));
  const databasePath = join(dir, "bench.db");
  process.env.DATABASE_PATH = databasePath;
  process.env.NODE_ENV = "production";
  // A demo start on this machine over plain http: cookies without Secure, as the server sets them.
  process.env.MITEINANDER_DEMO = "1";
  process.env.APP_URL = "http://127.0.0.1";
  let stopServer: (() => Promise<void>) | undefined;
  try {
    log(`Copying ${source.path} …`);
    copyFileSync(source.path, databasePath);
    const db = openDatabase(databasePath);
    migrateDatabase(db);
    const c = db.$client;
    const one = <T>(sql: string, ...params: unknown[]) => c.prepare(sql).get(...params) as T | undefined;
    const now = Date.now();

    const adminId = one<{ id: string }>("SELECT id FROM users WHERE email = ?", DEMO_EMAILS.admin)!.id;
    const coordinatorId = one<{ id: string }>(
      "SELECT id FROM users WHERE email = ?",
      DEMO_EMAILS.coordinator,
    )!.id;
    // The volunteer with the longest history who also has a match: the fullest volunteer pages.
    const volunteer = one<{ id: string }>(
      `SELECT s.volunteer_id AS id FROM signups s
       WHERE s.volunteer_id IN (SELECT o.volunteer_id FROM matches m JOIN offers o ON o.id = m.offer_id)
       GROUP BY s.volunteer_id ORDER BY count(*) DESC LIMIT 1`,
    )!;
    const volunteerMatch = one<{ id: number }>(
      "SELECT m.id FROM matches m JOIN offers o ON o.id = m.offer_id WHERE o.volunteer_id = ? ORDER BY m.id LIMIT 1",
      volunteer.id,
    );
    const volunteerOffer = one<{ id: number }>(
      "SELECT id FROM offers WHERE volunteer_id = ? ORDER BY id LIMIT 1",
      volunteer.id,
    );
    // The organisation with the most activities, and its owner.
    const organisation = one<{ id: number; ownerId: string }>(
      `SELECT e.organisation_id AS id, (SELECT user_id FROM memberships m WHERE m.organisation_id = e.organisation_id
         AND m.role = 'owner' ORDER BY user_id LIMIT 1) AS ownerId
       FROM events e WHERE e.organisation_id IS NOT NULL GROUP BY e.organisation_id ORDER BY count(*) DESC LIMIT 1`,
    )!;
    const organisationEvent = one<{ id: number }>(
      `SELECT e.id FROM events e JOIN shifts s ON s.event_id = e.id JOIN signups g ON g.shift_id = s.id
       WHERE e.organisation_id = ? GROUP BY e.id ORDER BY count(*) DESC, e.id LIMIT 1`,
      organisation.id,
    );
    // The upcoming public activity with the most shifts.
    const publicEvent = one<{ id: number }>(
      `SELECT e.id FROM events e JOIN shifts s ON s.event_id = e.id
       LEFT JOIN organisations o ON o.id = e.organisation_id
       WHERE e.status = 'published' AND e.ends_at >= ? AND (e.organisation_id IS NULL OR o.verified_at IS NOT NULL)
       GROUP BY e.id ORDER BY count(*) DESC, e.id LIMIT 1`,
      now,
    );
    // An open need of the category with the most active offers: the most candidates to rank.
    const need = one<{ id: number }>(
      `SELECT n.id FROM needs n WHERE n.status IN ('open', 'partly_matched') AND n.ends_at >= ?
       AND n.category_id = (SELECT category_id FROM offers WHERE status = 'active' GROUP BY category_id
                            ORDER BY count(*) DESC LIMIT 1)
       ORDER BY n.id LIMIT 1`,
      now,
    );
    const coordinatorMatch = one<{ id: number }>("SELECT id FROM matches ORDER BY id DESC LIMIT 1");
    // The arrival with the most steps: the longest checklist.
    const arrival = one<{ id: number }>(
      "SELECT arrival_id AS id FROM arrival_steps GROUP BY arrival_id ORDER BY count(*) DESC, arrival_id LIMIT 1",
    );
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
    const cookies: Record<Role, string> = {
      // Any cookie besides the language one passes the public page cache: the render is measured.
      visitor: "bench=uncached",
      volunteer: await cookieOf(volunteer.id),
      organisation: await cookieOf(organisation.ownerId),
      coordinator: await cookieOf(coordinatorId),
      admin: await cookieOf(adminId),
    };

    const org = `/organisations/${organisation.id}`;
    const pages: Array<[Role, string]> = [
      ...(
        [
          "/",
          "/activities",
          "/activities?page=2",
          "/activities/week",
          ...(publicEvent ? [`/activities/${publicEvent.id}`] : []),
          "/how-it-works",
          "/privacy",
          "/feeds",
          "/login",
          "/register",
          "/register/organisation",
        ] as const
      ).map((p): [Role, string] => ["visitor", p]),
      ...[
        "/volunteer",
        "/volunteer/profile",
        "/volunteer/find",
        "/volunteer/week",
        "/volunteer/commitments",
        "/volunteer/hours",
        "/volunteer/proof",
        "/volunteer/offers",
        "/volunteer/offers/new",
        ...(volunteerOffer ? [`/offers/${volunteerOffer.id}`] : []),
        "/matches",
        ...(volunteerMatch ? [`/matches/${volunteerMatch.id}`] : []),
        "/activities",
        ...(publicEvent ? [`/activities/${publicEvent.id}`] : []),
        "/inbox",
        "/account",
        "/account/sessions",
        "/settings/notifications",
      ].map((p): [Role, string] => ["volunteer", p]),
      ...[
        "/organisation",
        org,
        `${org}/members`,
        `${org}/activities`,
        `${org}/activities/new`,
        ...(organisationEvent
          ? [`${org}/activities/${organisationEvent.id}`, `${org}/activities/${organisationEvent.id}/edit`]
          : []),
        `/offers/organisation/${organisation.id}`,
        "/coordination/needs",
        "/inbox",
      ].map((p): [Role, string] => ["organisation", p]),
      ...[
        "/coordination",
        "/coordination/needs",
        "/coordination/needs?page=2",
        ...(need ? [`/coordination/needs/${need.id}`, `/coordination/needs/${need.id}/edit`] : []),
        "/coordination/needs/new",
        "/coordination/bulk",
        "/coordination/dashboard",
        ...["needs", "offers", "matches", "shifts", "load", "certificates"].map(
          (d) => `/coordination/dashboard/${d}`,
        ),
        "/coordination/verification",
        "/coordination/organisations",
        `/coordination/organisations/${organisation.id}`,
        "/coordination/reports",
        "/coordination/audit",
        "/coordination/arrivals",
        "/coordination/arrivals?status=all&page=2",
        "/coordination/arrivals/new",
        ...(arrival
          ? [`/coordination/arrivals/${arrival.id}`, `/coordination/arrivals/${arrival.id}/bulk?run=1`]
          : []),
        "/coordination/dashboard/arrivals",
        "/matches",
        ...(coordinatorMatch ? [`/matches/${coordinatorMatch.id}`] : []),
        "/inbox",
      ].map((p): [Role, string] => ["coordinator", p]),
      ...[
        "/admin",
        "/admin/users",
        `/admin/users/${volunteer.id}`,
        "/admin/invites",
        "/admin/settings",
        "/admin/outbox",
        "/admin/first-steps",
        "/coordination/needs",
        "/coordination/dashboard",
        "/coordination/reports",
      ].map((p): [Role, string] => ["admin", p]),
    ];
    const csvs = [
      "/coordination/reports/needs.csv?from=2020-01-01",
      "/coordination/reports/matches.csv?from=2020-01-01",
      ...["organisation", "category", "month"].map(
        (by) => `/coordination/reports/hours.csv?by=${by}&from=2020-01-01`,
      ),
    ];

    const server = await startServer({ databasePath });
    stopServer = () => server.stop();
    const pgid = server.child.pid!;

    // The server builds the matching reach index in a worker thread when it starts: wait until it has
    // settled (its CPU time stops growing), so that the figures below are the pages', not the start's.
    await settle(server.child.pid!);

    // ---- CSV exports first, on a settled server: time to first byte, and what they add to memory ----
    const before = serverMemory(pgid);
    const csvRows: Array<{ path: string; ttfbMs: number; totalMs: number; kb: number }> = [];
    for (const path of csvs) {
      const t0 = performance.now();
      const response = await fetch(`${server.url}${path}`, { headers: { Cookie: cookies.coordinator } });
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      const reader = response.body!.getReader();
      let first = NaN;
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (Number.isNaN(first)) first = performance.now() - t0;
        bytes += value.byteLength;
      }
      csvRows.push({
        path,
        ttfbMs: round(first),
        totalMs: round(performance.now() - t0),
        kb: round(bytes / 1024),
      });
    }
    const afterCsv = serverMemory(pgid);

    // ---- pages ----
    const results: Array<{ role: Role; path: string; ms: number; kb: number; status: number }> = [];
    for (const [role, path] of pages) {
      const times: number[] = [];
      let status = 0;
      let bytes = 0;
      for (let i = 0; i <= runs; i++) {
        const t0 = performance.now();
        const response = await fetch(`${server.url}${path}`, {
          headers: { Cookie: cookies[role], "Accept-Language": "de" },
          redirect: "manual",
        });
        const body = await response.arrayBuffer();
        const ms = performance.now() - t0;
        if (i > 0) times.push(ms);
        status = response.status;
        bytes = body.byteLength;
      }
      const row = { role, path, ms: round(median(times)), kb: round(bytes / 1024), status };
      results.push(row);
      log(
        `  ${String(row.status).padEnd(4)}${role.padEnd(13)}${path.padEnd(56)}${String(row.ms).padStart(8)} ms ${String(row.kb).padStart(8)} KB`,
      );
    }
    const memory = serverMemory(pgid);

    const failures = results.filter((r) => r.status !== 200);
    const worst = results.reduce((a, b) => (b.ms > a.ms ? b : a));
    const heaviest = results.reduce((a, b) => (b.kb > a.kb ? b : a));
    console.log(`${"role".padEnd(13)}${"path".padEnd(56)}${"ms".padStart(8)} ${"KB".padStart(8)}`);
    for (const r of results)
      console.log(
        `${r.role.padEnd(13)}${r.path.padEnd(56)}${String(r.ms).padStart(8)} ${String(r.kb).padStart(8)}${r.status === 200 ? "" : `  (${r.status})`}`,
      );
    for (const r of csvRows)
      console.log(
        `csv          ${r.path.padEnd(56)} first byte ${r.ttfbMs} ms, all ${r.totalMs} ms, ${r.kb} KB`,
      );
    const csvWorst = csvRows.reduce((a, b) => (b.ttfbMs > a.ttfbMs ? b : a));
    console.log(
      JSON.stringify({
        pages: results.length,
        worst_ms: worst.ms,
        worst_path: `${worst.role} ${worst.path}`,
        heaviest_kb: heaviest.kb,
        heaviest_path: `${heaviest.role} ${heaviest.path}`,
        median_ms: round(median(results.map((r) => r.ms))),
        over_150_ms: results.filter((r) => r.ms > 150).map((r) => `${r.role} ${r.path}`),
        over_150_kb: results.filter((r) => r.kb > 150).map((r) => `${r.role} ${r.path}`),
        failures: failures.map((r) => `${r.role} ${r.path}: ${r.status}`),
        csv_ttfb_worst_ms: csvWorst.ttfbMs,
        csv_ttfb_worst_path: csvWorst.path,
        csv_total_worst_ms: Math.max(...csvRows.map((r) => r.totalMs)),
        csv_rss_before_mb: before.peakMb,
        csv_rss_after_mb: afterCsv.peakMb,
        server_rss_mb: memory.peakMb,
        scale,
        runs,
        page_ms: Object.fromEntries(results.map((r) => [`${r.role} ${r.path}`, r.ms])),
        load_average: loadavg().map((n) => round(n, 1)),
      }),
    );
    if (failures.length > 0) process.exitCode = 1;
  } finally {
    await stopServer?.();
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
