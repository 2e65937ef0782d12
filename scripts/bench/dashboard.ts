/**
 * `npm run bench -- dashboard [runs]`: the coordinator dashboard's data function (loadDashboard, the
 * whole server work of the /coordination/dashboard loader after the session check) for all
 * neighbourhoods (admin scope), on the city-scale seed (BENCH_DB or .cache/bench-city.db, seeded on
 * first use; pending migrations — e.g. the dashboard's indexes — are applied first).
 *
 * "Now" is the seed's anchor plus 9 hours (a Monday morning), so the 72-hour, 60-day and 26-week
 * windows see the data the seed built around that day. 5 warm-up runs, then `runs` (default 30) timed
 * runs. Wall time is what a request waits; CPU time (user + system of this process) is shown beside it
 * because a busy shared machine inflates wall time without the query doing more work.
 *
 * Prints a table on stdout and, as the LAST line, one JSON object.
 */
import { closeDatabase, migrateDatabase, openDatabase } from "../../db/client";
import { loadDashboard } from "../../app/modules/dashboard/dashboard.server";
import { ALL_NEIGHBOURHOODS } from "../../app/modules/dashboard/scope.server";
import { ensureCityDatabase } from "./lib/city-db";

const log = (line: string) => console.error(line);
const runs = Math.max(5, Number(process.argv[2] ?? 30) || 30);
const WARM_UP = 5;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

const city = await ensureCityDatabase(log);
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

log(`Dashboard on ${city.path} (now = ${new Date(now).toISOString()}), ${WARM_UP} warm-up + ${runs} runs …`);
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

wall.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const row = (name: string, values: number[]) =>
  `${name.padEnd(10)} ${[percentile(values, 50), percentile(values, 95), values[values.length - 1]!]
    .map((v) => round(v).toFixed(1).padStart(9))
    .join(" ")}`;

console.log(`${"".padEnd(10)} ${["p50 ms", "p95 ms", "max ms"].map((h) => h.padStart(9)).join(" ")}`);
console.log(row("wall", wall));
console.log(row("cpu", cpu));
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
    scope: "all neighbourhoods (admin)",
    runs,
    warm_up: WARM_UP,
    dashboard_p50_ms: round(percentile(wall, 50)),
    dashboard_p95_ms: round(percentile(wall, 95)),
    dashboard_max_ms: round(wall[wall.length - 1]!),
    dashboard_cpu_p50_ms: round(percentile(cpu, 50)),
    dashboard_cpu_p95_ms: round(percentile(cpu, 95)),
    target_p95_ms: 300,
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
  }),
);
