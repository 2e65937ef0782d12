/**
 * `npm run bench -- matching [--scale city]`: the matching engine on the city-scale seed (BENCH_DB or
 * .cache/bench-city.db; other scales .cache/bench-<scale>.db; seeded on first use).
 *
 *  - suggest: the top 10 for one need against all offers through the index, for 200 needs spread over
 *    the open needs, after a warm-up on 100 other needs (a running server is warm); p50 / p95 / max.
 *    Also suggestForNeed end to end for 100 needs, as a need's page calls it: the need and its
 *    candidate offers read from the database (through the reach index, built first as a server does
 *    at start: reach_build_ms), the engine, the offers' names.
 *  - wave: chooseWave for 100 needs, as an urgent need's wave job calls it (through the same reach index):
 *    the engine's ranking of the need's candidates, the volunteers already asked, opted out or at the
 *    weekly limit, the first wave's five; p50 / p95 / max (target: under 50 ms at city scale).
 *  - bulk: every open need at once. bulk_exact_ms = index + candidate graph + exact min-cost flow;
 *    bulk_greedy_ms = index + candidate graph + greedy (the same graph). The certificate is checked by
 *    the independent verifier. Peak RSS is the kernel's high-water mark after the bulk run, plus
 *    process.memoryUsage().rss sampled between steps.
 *  - worker: runBulkAssignment end to end (its own DB connection, load and solve in a worker thread),
 *    with an event-loop probe showing that the main thread kept answering.
 *
 * Progress and a table go to stderr/stdout; the last line of stdout is one JSON object.
 */
import { loadavg } from "node:os";
import { closeDatabase, migrateDatabase, openDatabase } from "../../db/client";
import {
  candidateReachStatus,
  prepareCandidateReach,
} from "../../app/modules/matches/candidate-reach.server";
import { runBulkAssignment } from "../../app/modules/matches/bulk-assignment.server";
import { loadMatchingInstance } from "../../app/modules/matches/matching-instance.server";
import { suggestForNeed } from "../../app/modules/matches/matching.server";
import { chooseWave } from "../../app/modules/reach/wave-jobs.server";
import { waveSize } from "../../app/modules/reach/waves";
import {
  buildCandidateGraph,
  buildCandidateIndex,
  solveExact,
  solveGreedy,
  suggest,
  verifyCertificate,
} from "../../app/modules/matching";
import { parseScale } from "./lib/bench-args";
import { ensureScaleDatabase } from "./lib/city-db";

const log = (line: string) => console.error(line);
const MB = 1024 * 1024;

let sampledPeakRss = 0;
function sampleRss(): number {
  const rss = process.memoryUsage().rss;
  sampledPeakRss = Math.max(sampledPeakRss, rss);
  return rss;
}
/** The kernel's high-water mark for this process (resourceUsage reports kilobytes). */
const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

function timed<T>(fn: () => T): [T, number] {
  const started = performance.now();
  const value = fn();
  const ms = performance.now() - started;
  sampleRss();
  return [value, ms];
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

const city = await ensureScaleDatabase(parseScale(), log);
const now = city.anchor.getTime();
// Pending migrations first (a kept database may predate the reach index's change log).
const writable = openDatabase(city.path);
migrateDatabase(writable);
closeDatabase(writable);
const db = openDatabase(city.path, { readonly: true });
sampleRss();

log(`Loading the matching instance from ${city.path} (now = ${city.anchor.toISOString()}) …`);
const [instance, loadMs] = timed(() => loadMatchingInstance(db, {}, { now }));
const [index, indexMs] = timed(() => buildCandidateIndex(instance));

// ---- suggest ---------------------------------------------------------------------------------------
const needs = instance.needs;
const pick = (count: number, offset: number) =>
  Array.from(
    { length: count },
    (_, i) => needs[(Math.floor((i * needs.length) / count) + offset) % needs.length]!,
  );
for (const need of pick(100, 7)) suggest(index, need, 10);
const suggestTimes: number[] = [];
let suggestResults = 0;
let suggestEmpty = 0;
for (const need of pick(200, 0)) {
  const started = performance.now();
  const top = suggest(index, need, 10);
  suggestTimes.push(performance.now() - started);
  suggestResults += top.length;
  if (top.length === 0) suggestEmpty++;
}
suggestTimes.sort((a, b) => a - b);
sampleRss();

log("Building the reach index …");
const reachStarted = performance.now();
await prepareCandidateReach(db);
const reachBuildMs = performance.now() - reachStarted;
const reach = candidateReachStatus(db);
if (!reach.ready) throw new Error("The reach index was not built");
const suggestDbTimes: number[] = [];
for (const need of pick(100, 3)) {
  const started = performance.now();
  suggestForNeed(db, need.id, 10, { now });
  suggestDbTimes.push(performance.now() - started);
}
suggestDbTimes.sort((a, b) => a - b);

log("Choosing urgent waves …");
const waveTimes: number[] = [];
// CPU time too: on a shared machine the wall time includes waiting for a core.
const waveCpuTimes: number[] = [];
let waveAsked = 0;
for (const need of pick(100, 5)) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  waveAsked += chooseWave(db, need.id, waveSize(1), { now }).length;
  const used = process.cpuUsage(cpu);
  waveCpuTimes.push((used.user + used.system) / 1000);
  waveTimes.push(performance.now() - started);
}
waveTimes.sort((a, b) => a - b);
waveCpuTimes.sort((a, b) => a - b);

// ---- bulk ------------------------------------------------------------------------------------------
log("Bulk assignment of all open needs …");
const [graph, graphMs] = timed(() => buildCandidateGraph(index, needs));
const [exact, exactSolveMs] = timed(() => solveExact(graph));
const [greedy, greedySolveMs] = timed(() => solveGreedy(graph));
const [check, verifyMs] = timed(() => verifyCertificate(graph, exact.assignment, exact.certificate));
const bulkPeakRssMb = Math.max(maxRssMb(), sampledPeakRss / MB);
closeDatabase(db);

// ---- the same through the worker -------------------------------------------------------------------
log("Bulk assignment through the worker thread …");
const serverDb = openDatabase(city.path, { readonly: true });
let ticks = 0;
const probeMs = 20;
const probe = setInterval(() => ticks++, probeMs);
const workerStarted = performance.now();
const viaWorker = await runBulkAssignment(serverDb, {}, { now });
const workerMs = performance.now() - workerStarted;
clearInterval(probe);
closeDatabase(serverDb);

const report = {
  scale: city.scale,
  suggest_p50_ms: round(percentile(suggestTimes, 50), 2),
  suggest_p95_ms: round(percentile(suggestTimes, 95), 2),
  suggest_max_ms: round(suggestTimes.at(-1) ?? NaN, 2),
  suggest_avg_results: round(suggestResults / suggestTimes.length, 1),
  suggest_needs_without_candidates: suggestEmpty,
  suggest_db_p50_ms: round(percentile(suggestDbTimes, 50)),
  suggest_db_p95_ms: round(percentile(suggestDbTimes, 95)),
  suggest_db_max_ms: round(suggestDbTimes.at(-1) ?? NaN),
  wave_p50_ms: round(percentile(waveTimes, 50)),
  wave_p95_ms: round(percentile(waveTimes, 95)),
  wave_max_ms: round(waveTimes.at(-1) ?? NaN),
  wave_cpu_p50_ms: round(percentile(waveCpuTimes, 50)),
  wave_cpu_p95_ms: round(percentile(waveCpuTimes, 95)),
  wave_avg_asked: round(waveAsked / waveTimes.length, 1),
  reach_build_ms: Math.round(reachBuildMs),
  reach_offers: reach.offers,
  bulk_exact_ms: Math.round(indexMs + graphMs + exactSolveMs),
  bulk_greedy_ms: Math.round(indexMs + graphMs + greedySolveMs),
  bulk_peak_rss_mb: Math.round(bulkPeakRssMb),
  bulk_exact_total: exact.assignment.total,
  bulk_greedy_total: greedy.total,
  bulk_gap: exact.assignment.total - greedy.total,
  bulk_gap_pct: round(
    ((exact.assignment.total - greedy.total) / Math.max(1, exact.assignment.total)) * 100,
    2,
  ),
  bulk_exact_assigned: exact.assignment.edges.length,
  bulk_greedy_assigned: greedy.edges.length,
  bulk_certified: check.valid,
  needs: needs.length,
  bulk_needs_with_free_slots: graph.needIds.length,
  offers: instance.offers.length,
  edges: graph.edgeScore.length,
  components: exact.stats.components,
  largest_component_edges: exact.stats.largestComponentEdges,
  flow_phases: exact.stats.phases,
  load_ms: Math.round(loadMs),
  index_ms: Math.round(indexMs),
  graph_ms: Math.round(graphMs),
  exact_solve_ms: Math.round(exactSolveMs),
  greedy_solve_ms: Math.round(greedySolveMs),
  verify_ms: Math.round(verifyMs),
  worker_total_ms: Math.round(workerMs),
  worker_certified: viaWorker.certified,
  worker_same_totals:
    viaWorker.exact.total === exact.assignment.total && viaWorker.greedy.total === greedy.total,
  worker_event_loop_ticks: ticks,
  worker_event_loop_ticks_possible: Math.floor(workerMs / probeMs),
  process_peak_rss_mb: Math.round(maxRssMb()),
  seeded_ms: Math.round(city.seededMs),
  reference_time: city.anchor.toISOString(),
  load_average: loadavg().map((n) => round(n, 1)),
};

const rows: Array<[string, string]> = [
  ["needs (open) / with free slots", `${report.needs} / ${report.bulk_needs_with_free_slots}`],
  ["offers (active)", `${report.offers}`],
  ["load instance from DB", `${report.load_ms} ms`],
  ["build index", `${report.index_ms} ms`],
  [
    "suggest p50 / p95 / max",
    `${report.suggest_p50_ms} / ${report.suggest_p95_ms} / ${report.suggest_max_ms} ms`,
  ],
  [
    "suggestForNeed (with DB) p50 / p95 / max",
    `${report.suggest_db_p50_ms} / ${report.suggest_db_p95_ms} / ${report.suggest_db_max_ms} ms`,
  ],
  [
    "urgent wave choice p50 / p95 / max",
    `${report.wave_p50_ms} / ${report.wave_p95_ms} / ${report.wave_max_ms} ms (CPU p50 / p95 ${report.wave_cpu_p50_ms} / ${report.wave_cpu_p95_ms} ms; asks ${report.wave_avg_asked})`,
  ],
  ["reach index build (worker)", `${report.reach_build_ms} ms, ${report.reach_offers} offers`],
  ["candidate graph", `${report.edges} edges, ${report.components} components, ${report.graph_ms} ms`],
  [
    "exact (min-cost flow)",
    `total ${report.bulk_exact_total}, ${report.bulk_exact_assigned} pairs, ${report.exact_solve_ms} ms (${report.flow_phases} phases)`,
  ],
  [
    "greedy",
    `total ${report.bulk_greedy_total}, ${report.bulk_greedy_assigned} pairs, ${report.greedy_solve_ms} ms`,
  ],
  ["gap exact − greedy", `${report.bulk_gap} (${report.bulk_gap_pct} %)`],
  ["certificate", `${report.bulk_certified ? "verified" : "REJECTED"} in ${report.verify_ms} ms`],
  ["bulk exact / greedy (index+graph+solve)", `${report.bulk_exact_ms} / ${report.bulk_greedy_ms} ms`],
  ["peak RSS after bulk", `${report.bulk_peak_rss_mb} MB`],
  [
    "worker end to end",
    `${report.worker_total_ms} ms, event loop ${ticks}/${report.worker_event_loop_ticks_possible} ticks`,
  ],
];
const width = Math.max(...rows.map(([label]) => label.length));
console.log(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join("\n"));
if (check.violations.length > 0) log(check.violations.join("\n"));
console.log(JSON.stringify(report));
process.exit(report.bulk_certified && report.worker_certified ? 0 : 1);
