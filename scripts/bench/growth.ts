/**
 * `npm run bench -- growth [--scales demo,city,state] [--only matching,dashboard,pages]`
 *
 * How cost grows with the data: runs the matching, dashboard and pages benchmarks at the `demo`,
 * `city` and `state` seed scales (each scale's database is seeded once and kept in .cache/; state is ten
 * times city, see db/seed/tile.ts), one after the other, and prints each figure per scale and its ratio
 * state/city. The data grows tenfold from city to state; a figure whose ratio is above 10 grows faster
 * than the data — a finding, listed in `over_10` (docs/decisions/082-how-cost-grows.md says what each
 * means). Per-page figures are compared page by page.
 *
 * The machine is shared: every benchmark's own JSON carries the load average it ran under, repeated
 * here. The last line of stdout is one JSON object.
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { SeedScale } from "../../db/seed/seed";
import { ensureScaleDatabase, seedRecord } from "./lib/city-db";
import { ROOT } from "./lib/production-server";

const { values } = parseArgs({
  options: {
    scales: { type: "string", default: "demo,city,state" },
    only: { type: "string", default: "matching,dashboard,pages" },
  },
});
const scales = values.scales.split(",") as SeedScale[];
const benches = values.only.split(",");
const log = (line: string) => console.error(line);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The figures compared per bench: what a reader of the growth table needs, not every field. */
const FIGURES: Record<string, string[]> = {
  matching: [
    "needs",
    "offers",
    "edges",
    "suggest_p95_ms",
    "suggest_db_p50_ms",
    "suggest_db_p95_ms",
    "reach_build_ms",
    "load_ms",
    "index_ms",
    "graph_ms",
    "exact_solve_ms",
    "bulk_exact_ms",
    "bulk_greedy_ms",
    "bulk_peak_rss_mb",
    "worker_total_ms",
  ],
  dashboard: [
    "dashboard_p95_ms",
    "dashboard_first_view_ms",
    "dashboard_compute_p50_ms",
    "dashboard_compute_p95_ms",
    "dashboard_compute_cpu_p50_ms",
  ],
  pages: [
    "worst_ms",
    "median_ms",
    "heaviest_kb",
    "csv_ttfb_worst_ms",
    "csv_total_worst_ms",
    "csv_rss_before_mb",
    "csv_rss_after_mb",
    "server_rss_mb",
  ],
};

type Result = Record<string, unknown>;

function runBench(name: string, scale: SeedScale): Result {
  log(`\n=== ${name} at ${scale} ===`);
  const result = spawnSync(
    join(ROOT, "node_modules/.bin/tsx"),
    [join(ROOT, "scripts/bench", `${name}.ts`), "--scale", scale],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  const last = result.stdout.trim().split("\n").pop() ?? "";
  if (!last.startsWith("{"))
    throw new Error(`${name} at ${scale} failed (${result.status}):\n${result.stdout}`);
  return JSON.parse(last) as Result;
}

async function main() {
  // Seeding first (timed, recorded beside each database), so no benchmark below pays for it.
  const seeds: Record<string, unknown> = {};
  for (const scale of scales) {
    const db = await ensureScaleDatabase(scale, log);
    const record = seedRecord(scale);
    seeds[scale] = {
      seeded_now: db.seededMs > 0,
      seed_s: record?.seededMs === undefined ? null : round(record.seededMs / 1000, 1),
      seed_cpu_s: record?.seedCpuMs === undefined ? null : round(record.seedCpuMs / 1000, 1),
      load_average_when_seeded: record?.loadAverage ?? null,
    };
  }

  const results: Record<string, Record<string, Result>> = {};
  for (const bench of benches) {
    results[bench] = {};
    for (const scale of scales) results[bench]![scale] = runBench(bench, scale);
  }

  // ---- The table -------------------------------------------------------------------------------------
  const rows: Array<{ figure: string; values: Record<string, number | null>; ratio: number | null }> = [];
  const ratioOf = (state: number | null, city: number | null) =>
    state === null || city === null || city === 0 ? null : round(state / city);
  for (const bench of benches) {
    const figures = [...(FIGURES[bench] ?? [])];
    for (const figure of figures) {
      const values: Record<string, number | null> = {};
      for (const scale of scales) {
        const value = results[bench]![scale]![figure];
        values[scale] = typeof value === "number" ? value : null;
      }
      rows.push({
        figure: `${bench}.${figure}`,
        values,
        ratio: ratioOf(values.state ?? null, values.city ?? null),
      });
    }
    if (bench === "pages") {
      const perPage = (scale: string) => (results.pages![scale]?.page_ms ?? {}) as Record<string, number>;
      for (const page of Object.keys(perPage("city"))) {
        const values: Record<string, number | null> = {};
        for (const scale of scales) values[scale] = perPage(scale)[page] ?? null;
        rows.push({
          figure: `page ${page}`,
          values,
          ratio: ratioOf(values.state ?? null, values.city ?? null),
        });
      }
    }
  }
  const width = Math.max(...rows.map((r) => r.figure.length));
  console.log(
    `${"figure".padEnd(width)} ${scales.map((s) => s.padStart(10)).join(" ")} ${"state/city".padStart(11)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.figure.padEnd(width)} ${scales.map((s) => String(r.values[s] ?? "–").padStart(10)).join(" ")} ${String(r.ratio ?? "–").padStart(11)}${(r.ratio ?? 0) > 10 ? "  > 10" : ""}`,
    );
  }
  const loads = Object.fromEntries(
    benches.map((bench) => [
      bench,
      Object.fromEntries(scales.map((s) => [s, results[bench]![s]!.load_average ?? null])),
    ]),
  );
  console.log(
    JSON.stringify({
      bench: "growth",
      scales,
      seeds,
      ratios: Object.fromEntries(
        rows.filter((r) => !r.figure.startsWith("page ")).map((r) => [r.figure, r.ratio]),
      ),
      figures: Object.fromEntries(
        rows.filter((r) => !r.figure.startsWith("page ")).map((r) => [r.figure, r.values]),
      ),
      over_10: rows.filter((r) => (r.ratio ?? 0) > 10).map((r) => `${r.figure}: ${r.ratio}`),
      load_averages: loads,
      load_average: loadavg().map((n) => round(n, 1)),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
