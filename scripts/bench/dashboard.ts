/**
 * `npm run bench -- dashboard [runs] [--scale city]`: the coordinator dashboard's server work at city
 * scale (BENCH_DB or .cache/bench-city.db; other scales .cache/bench-<scale>.db; seeded on first use,
 * pending migrations applied first), for all neighbourhoods (admin scope).
 *
 *  - dashboard_*: the page's data as a request gets it — the figures through their per-scope cache
 *    (dashboard/figure-snapshots.server.ts) and the shown page of the heat map — for `runs` requests
 *    (default 30) 15 s apart on the page's clock and 100 ms apart in real time: the figures go stale
 *    every fourth request and are refreshed in the worker thread meanwhile, which competes for the
 *    CPU as it would in a server. The first request computes them (a scope's first view): it is the
 *    max, and in p95 only if it is among the slowest 5 %.
 *  - dashboard_compute_*: the computation itself (loadDashboard: ten statements), 5 warm-up runs and
 *    `runs` timed ones, wall and CPU time. This is what a refresh costs, and what grows with the data.
 *
 * "Now" is the seed's anchor plus 9 hours (a Monday morning), so the 72-hour, 60-day and 26-week
 * windows see the data the seed built around that day. CPU time (user + system of this process) is
 * shown beside wall time because a busy shared machine inflates wall time without more work.
 *
 * Prints a table on stdout and, as the LAST line, one JSON object.
 */
import { loadavg } from "node:os";
import { closeDatabase, migrateDatabase, openDatabase } from "../../db/client";
import { loadDashboard } from "../../app/modules/dashboard/dashboard.server";
import { cachedFigures } from "../../app/modules/dashboard/figure-snapshots.server";
import { heatPage } from "../../app/modules/dashboard/heat-rows";
import { ALL_NEIGHBOURHOODS } from "../../app/modules/dashboard/scope.server";
import { parseScale } from "./lib/bench-args";
import { ensureScaleDatabase } from "./lib/city-db";

const log = (line: string) => console.error(line);
const runs = Math.max(5, Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 30) || 30);
const WARM_UP = 5;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const city = await ensureScaleDatabase(parseScale(), log);
const db = openDatabase(city.path);
migrateDatabase(db);
const now = city.anchor.getTime() + 9 * 3_600_000;

const counts = db.$client
  .prepare(
    `select (select count(*) from needs) as needs,
       (select count(*) from needs where status in ('open', 'partly_matched')) as open_needs,
       (select count(*) from matches) as matches, (select count(*) from offers) as offers,
       (select count(*) from shifts) as shifts, (select count(*) from hours_log) as hours_log,
       (select count(*) from neighbourhoods) as neighbourhoods`,
  )
  .get() as Record<string, number>;

// ---- As served -------------------------------------------------------------------------------------
log(`Dashboard on ${city.path} (now = ${new Date(now).toISOString()}): ${runs} requests as served …`);
const served: number[] = [];
for (let i = 0; i < runs; i++) {
  const at = now + i * 15_000;
  const started = performance.now();
  const { heat, neighbourhoods, categories } = cachedFigures(
    db,
    { kind: "dashboard", scope: ALL_NEIGHBOURHOODS },
    at,
  );
  heatPage(heat, neighbourhoods, categories, 1);
  served.push(performance.now() - started);
  await sleep(100);
}
const servedFirst = served[0]!;

// ---- The computation ---------------------------------------------------------------------------------
log(`The computation: ${WARM_UP} warm-up + ${runs} runs …`);
for (let i = 0; i < WARM_UP; i++) loadDashboard(db, ALL_NEIGHBOURHOODS, now);
const wall: number[] = [];
const cpu: number[] = [];
let last = loadDashboard(db, ALL_NEIGHBOURHOODS, now);
for (let i = 0; i < runs; i++) {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  last = loadDashboard(db, ALL_NEIGHBOURHOODS, now);
  wall.push(performance.now() - started);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
}
closeDatabase(db);

served.sort((a, b) => a - b);
wall.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const row = (name: string, values: number[]) =>
  `${name.padEnd(16)} ${[percentile(values, 50), percentile(values, 95), values[values.length - 1]!]
    .map((v) => round(v).toFixed(1).padStart(9))
    .join(" ")}`;

console.log(`${"".padEnd(16)} ${["p50 ms", "p95 ms", "max ms"].map((h) => h.padStart(9)).join(" ")}`);
console.log(row("as served", served));
console.log(row("compute (wall)", wall));
console.log(row("compute (cpu)", cpu));
console.log("");
console.log(
  `open needs ${last.openNeeds} · coverage ${last.coverage.covered}/${last.coverage.needs} · heat cells ${last.heat.length}`,
);
console.log(
  `under-staffed shifts ${last.shifts.total} · certificates expiring ${last.certificates.total} · over cap ${last.overCap.total} · activity drop ${last.activityDrop.total}`,
);

console.log(
  JSON.stringify({
    bench: "dashboard",
    scale: city.scale,
    scope: "all neighbourhoods (admin)",
    runs,
    warm_up: WARM_UP,
    dashboard_p50_ms: round(percentile(served, 50), 2),
    dashboard_p95_ms: round(percentile(served, 95), 2),
    dashboard_max_ms: round(served[served.length - 1]!),
    dashboard_first_view_ms: round(servedFirst),
    dashboard_compute_p50_ms: round(percentile(wall, 50)),
    dashboard_compute_p95_ms: round(percentile(wall, 95)),
    dashboard_compute_max_ms: round(wall[wall.length - 1]!),
    dashboard_compute_cpu_p50_ms: round(percentile(cpu, 50)),
    dashboard_compute_cpu_p95_ms: round(percentile(cpu, 95)),
    target_p95_ms: 100,
    counts: {
      ...counts,
      dashboard_open_needs: last.openNeeds,
      heat_cells: last.heat.length,
      understaffed_shifts: last.shifts.total,
      certificates_expiring: last.certificates.total,
      over_cap: last.overCap.total,
      activity_drop: last.activityDrop.total,
    },
    seeded_ms: Math.round(city.seededMs),
    load_average: loadavg().map((n) => round(n, 1)),
  }),
);
process.exit(0);
