/**
 * The dashboard and the reports aggregate a whole scope: at city scale a fifth of a second of work per
 * view, growing with the data. Their figures are computed at most once a minute per scope (and period)
 * and served from memory in between; a view of older figures gets them at once and starts a refresh in
 * the worker thread, so nobody waits for the computation but the first view of a scope (and a view
 * after a long pause). The pages say "as of …". See docs/decisions/081-pages-fast-and-light.md.
 *
 * Where the figures are cheap (a town, the demo: under FIGURES_EXACT_BELOW_MS of processor time), they are
 * computed again as soon as anything was written since: there every number equals the list it links to.
 *
 * The lists behind the figures are never cached: a list opened from a minute-old figure shows the
 * records as they are now.
 */
import { resolve } from "node:path";
import type { Db } from "@db/client";
import { loadArrivalsLagebild, type ArrivalsLagebild } from "~/modules/arrivals/lagebild.server";
import { runInMatchingWorker } from "~/modules/matches/bulk-assignment.server";
import { errorFields, logger } from "~/utils/logger.server";
import { WorkerStoppedError } from "~/utils/worker-thread.server";
import { summariseHoursBy, summariseMatches, summariseNeeds } from "~/modules/reports/reports.server";
import { HOURS_GROUPING } from "~/modules/reports/report-period";
import { loadDashboard, type DashboardData } from "./dashboard.server";
import { periodOf } from "./periods";
import type { NeighbourhoodScope } from "./scope.server";

/** Figures younger than this are served as they are. */
export const FIGURES_FRESH_MS = 60_000;
/** Older than this they are not shown at all: computed on the request. */
const FIGURES_MAX_AGE_MS = 15 * 60_000;
/** Scopes × periods kept per connection (least recently computed out first). */
const MAX_ENTRIES = 200;
const REFRESH_TIMEOUT_MS = 120_000;
/** Figures that cost less processor time than this are never served once something was written. */
export const FIGURES_EXACT_BELOW_MS = 50;

/** What to compute: plain data, so that it can travel to the worker thread. */
export type FiguresJob =
  | { kind: "dashboard"; scope: NeighbourhoodScope }
  | { kind: "reports"; scope: NeighbourhoodScope; from: string; to: string };

export type ReportFigures = {
  /** When they were computed. */
  asOf: number;
  needs: ReturnType<typeof summariseNeeds>;
  matches: ReturnType<typeof summariseMatches>;
  hours: ReturnType<typeof summariseHoursBy<(typeof HOURS_GROUPING)[number]>>;
};

/** The dashboard's figures with the arrivals' part of the Lagebild. */
export type DashboardFigures = DashboardData & { arrivals: ArrivalsLagebild };

type FiguresOf<J extends FiguresJob> = J extends { kind: "dashboard" } ? DashboardFigures : ReportFigures;

/** Computes the figures now, on this connection (the worker thread runs this too). */
export function computeFigures<J extends FiguresJob>(db: Db, job: J, now: number): FiguresOf<J> {
  if (job.kind === "dashboard") {
    const figures: DashboardFigures = {
      ...loadDashboard(db, job.scope, now),
      arrivals: loadArrivalsLagebild(db, job.scope, now),
    };
    return figures as FiguresOf<J>;
  }
  const period = periodOf(job.from, job.to);
  return {
    asOf: now,
    needs: summariseNeeds(db, job.scope, period),
    matches: summariseMatches(db, job.scope, period),
    hours: summariseHoursBy(db, job.scope, period, HOURS_GROUPING),
  } as FiguresOf<J>;
}

interface Entry {
  value: unknown;
  computedAt: number;
  refreshing: boolean;
  /** The database's write state when they were computed (see writeState). */
  state: string;
  /** Processor time of their last computation on the request, in ms. */
  costMs: number;
}

const writeCounters = new WeakMap<Db["$client"], () => number>();

/**
 * Changes whenever a row was written: by this connection (total_changes) or by another one, a worker or
 * a command (data_version).
 */
function writeState(db: Db): string {
  let totalChanges = writeCounters.get(db.$client);
  if (!totalChanges) {
    const statement = db.$client.prepare("SELECT total_changes()").pluck();
    totalChanges = () => statement.get() as number;
    writeCounters.set(db.$client, totalChanges);
  }
  return `${totalChanges()}:${db.$client.pragma("data_version", { simple: true }) as number}`;
}

function computeMeasured<J extends FiguresJob>(db: Db, job: J, now: number) {
  const before = process.cpuUsage();
  const value = computeFigures(db, job, now);
  const used = process.cpuUsage(before);
  return { value, costMs: (used.user + used.system) / 1000 };
}

const caches = new WeakMap<Db["$client"], Map<string, Entry>>();

function cacheOf(db: Db): Map<string, Entry> {
  let cache = caches.get(db.$client);
  if (!cache) caches.set(db.$client, (cache = new Map()));
  return cache;
}

function store(cache: Map<string, Entry>, key: string, entry: Entry): void {
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
}

function refresh(
  db: Db,
  cache: Map<string, Entry>,
  key: string,
  job: FiguresJob,
  entry: Entry,
  started: number,
): void {
  if (entry.refreshing) return;
  entry.refreshing = true;
  const path = db.$client.name;
  const state = writeState(db);
  const done = (value: unknown) =>
    store(cache, key, { value, computedAt: started, refreshing: false, state, costMs: entry.costMs });
  if (db.$client.memory || !path) {
    setImmediate(() => done(computeFigures(db, job, started)));
    return;
  }
  runInMatchingWorker<unknown>(
    { kind: "figures", databasePath: resolve(path), job, now: started },
    REFRESH_TIMEOUT_MS,
    `Refreshing the ${job.kind} figures`,
  ).then(done, (error: unknown) => {
    // The old figures stay; the next view past their age computes them on the request.
    entry.refreshing = false;
    if (error instanceof WorkerStoppedError) return;
    logger().error({ ...errorFields(error), figures: job.kind }, "figures could not be refreshed");
  });
}

/**
 * The figures of `job` as of at most a minute ago (see the file's comment); `now` is the request's
 * time (tests and benchmarks pass their own).
 */
export function cachedFigures<J extends FiguresJob>(
  db: Db,
  job: J,
  now: number = Date.now(),
  { exactBelowMs = FIGURES_EXACT_BELOW_MS }: { exactBelowMs?: number } = {},
): FiguresOf<J> {
  const cache = cacheOf(db);
  const key = JSON.stringify(job);
  const entry = cache.get(key);
  const state = writeState(db);
  if (entry) {
    const age = now - entry.computedAt;
    if (age < FIGURES_FRESH_MS && entry.state === state) return entry.value as FiguresOf<J>;
    if (entry.costMs >= exactBelowMs) {
      if (age < FIGURES_FRESH_MS) return entry.value as FiguresOf<J>;
      if (age < FIGURES_MAX_AGE_MS) {
        refresh(db, cache, key, job, entry, now);
        return entry.value as FiguresOf<J>;
      }
    }
  }
  const { value, costMs } = computeMeasured(db, job, now);
  store(cache, key, { value, computedAt: now, refreshing: false, state, costMs });
  return value;
}

/** Forgets every cached figure of the connection (tests; a restore). */
export function forgetFigures(db: Db): void {
  caches.delete(db.$client);
}
