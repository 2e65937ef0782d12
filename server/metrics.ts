import { timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { readSystemHealth, type SystemHealth } from "~/modules/system/system-health.server";
import { getDb } from "~/utils/db.server";
import { errorFields, logger } from "~/utils/logger.server";

/*
 * /metrics in Prometheus text format (docs/decisions/070-operations.md). Request durations are
 * labelled by route pattern and status class only (a bounded set); the health gauges are read from the
 * database when scraped. Reachable from this machine without a proxy in between, or with
 * `Authorization: Bearer $METRICS_TOKEN`; everyone else gets a 404, as if it did not exist.
 */

export interface Metrics {
  registry: Registry;
  /** Reads the health gauges from the database (once per scrape). */
  update(): void;
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
/** Headers a reverse proxy adds: a request that carries one came from elsewhere, whatever its socket. */
const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip", "x-forwarded-host"];

/** Direct from loopback (not through a proxy on this machine), or with the right bearer token. */
export function mayReadMetrics(req: Request, token: string | undefined): boolean {
  const auth = req.headers.authorization;
  if (token && auth?.startsWith("Bearer ")) {
    const given = Buffer.from(auth.slice("Bearer ".length).trim());
    const expected = Buffer.from(token);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  const direct = FORWARDING_HEADERS.every((name) => req.headers[name] === undefined);
  return direct && LOOPBACK.has(req.socket.remoteAddress ?? "");
}

export interface MetricsOptions {
  /**
   * Reads the hub's health. The server passes the Remix build's own reader (its entry module's
   * `systemHealth`), so that in-memory state (the reach index of the connection requests use) is the
   * one the pages see; by default this module's copy reads on its own connection.
   */
  readHealth?: () => SystemHealth;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const readHealth = options.readHealth ?? (() => readSystemHealth(getDb()));
  const registry = new Registry();
  registry.setDefaultLabels({ service: "miteinander" });
  // Process, heap, GC and the event-loop delay (nodejs_eventloop_lag_*), from prom-client.
  collectDefaultMetrics({ register: registry });

  const requestDuration = new Histogram({
    name: "miteinander_http_request_duration_seconds",
    help: "Time from request to the end of the response, by route pattern and status class.",
    labelNames: ["method", "route", "status_class"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  const outbox = gauge("miteinander_outbox_messages", "E-mails in the outbox by status.", ["status"]);
  const jobLastRun = gauge(
    "miteinander_scheduler_job_last_run_timestamp_seconds",
    "When a job of this kind last finished.",
    ["kind"],
  );
  const jobLag = gauge(
    "miteinander_scheduler_job_lag_seconds",
    "How long the oldest due job of this kind has been waiting (0: none waiting).",
    ["kind"],
  );
  const jobsFailed = gauge(
    "miteinander_scheduler_jobs_failed",
    "Jobs given up in the last 7 days, by kind.",
    ["kind"],
  );
  const dbSize = gauge("miteinander_database_size_bytes", "Size of the SQLite database file.");
  const walSize = gauge("miteinander_database_wal_size_bytes", "Size of the SQLite write-ahead log.");
  const diskFree = gauge("miteinander_disk_free_bytes", "Free space on the database's file system.");
  const lastBackup = gauge(
    "miteinander_backup_last_success_timestamp_seconds",
    "When the last verified backup finished (0: never).",
  );
  const lastBackupSize = gauge(
    "miteinander_backup_last_success_size_bytes",
    "Size of the last verified backup.",
  );
  const lastBackupOk = gauge(
    "miteinander_backup_last_attempt_ok",
    "1 when the newest backup attempt was verified and its BACKUP_AFTER did not fail, else 0.",
  );
  const migrationsPending = gauge("miteinander_migrations_pending", "Migrations not yet applied.");
  const up = gauge("miteinander_uptime_seconds", "Seconds since the server process started.");
  const workersRunning = gauge(
    "miteinander_worker_threads_running",
    "Worker threads running now, by kind (bulk assignment, reach index, figures, backup).",
    ["kind"],
  );
  const workerLastEnd = gauge(
    "miteinander_worker_last_end_timestamp_seconds",
    "When the last run of a worker thread of this kind ended (0: none since the start).",
    ["kind"],
  );
  const workerLastDuration = gauge(
    "miteinander_worker_last_duration_seconds",
    "How long the last run of a worker thread of this kind took.",
    ["kind"],
  );
  const reachReady = gauge(
    "miteinander_reach_index_ready",
    "1 when suggestions are answered from the matching reach index, 0 while they read whole categories.",
  );
  const reachOffers = gauge("miteinander_reach_index_offers", "Offers in the matching reach index.");
  const reachChanged = gauge(
    "miteinander_reach_index_changed_offers",
    "Offers changed since the reach index was built (a rebuild starts past 2,000).",
  );
  const reachBuilt = gauge(
    "miteinander_reach_index_built_timestamp_seconds",
    "When the reach index in use was built (0: none yet).",
  );
  const workerRuns = new Counter({
    name: "miteinander_worker_runs_total",
    help: "Worker thread runs that ended since the server started, by kind and outcome.",
    labelNames: ["kind", "outcome"] as const,
    registers: [registry],
  });

  const update = () => {
    const health = readHealth();
    outbox.reset();
    for (const status of ["pending", "sending", "sent", "failed"] as const) {
      outbox.set({ status }, health.outbox[status] ?? 0);
    }
    jobLastRun.reset();
    jobLag.reset();
    jobsFailed.reset();
    for (const job of health.jobs) {
      jobLastRun.set({ kind: job.kind }, (job.lastDoneAt ?? 0) / 1000);
      jobLag.set({ kind: job.kind }, job.lagMs / 1000);
      jobsFailed.set({ kind: job.kind }, job.failed);
    }
    dbSize.set(health.database.bytes);
    walSize.set(health.database.walBytes);
    if (health.disk) diskFree.set(health.disk.freeBytes);
    lastBackup.set((health.backups.lastVerified?.finishedAt ?? 0) / 1000);
    lastBackupSize.set(health.backups.lastVerified?.bytes ?? 0);
    const latest = health.backups.latest;
    lastBackupOk.set(latest && latest.status === "verified" && latest.afterStatus !== "failed" ? 1 : 0);
    migrationsPending.set(health.migrations.pending);
    up.set(health.uptimeSeconds);
    const { reach, workers } = health.background;
    reachReady.set(reach.ready ? 1 : 0);
    reachOffers.set(reach.offers);
    reachChanged.set(reach.changedOffers);
    reachBuilt.set((reach.builtAt ?? 0) / 1000);
    // The process's own counts, kept by worker-thread.server.ts; they restart with the process.
    workerRuns.reset();
    for (const worker of workers) {
      workersRunning.set({ kind: worker.kind }, worker.running);
      workerLastEnd.set({ kind: worker.kind }, (worker.lastEndedAt ?? 0) / 1000);
      workerLastDuration.set({ kind: worker.kind }, (worker.lastDurationMs ?? 0) / 1000);
      workerRuns.inc({ kind: worker.kind, outcome: "ok" }, worker.succeeded);
      workerRuns.inc({ kind: worker.kind, outcome: "failed" }, worker.failed);
    }
  };

  return {
    registry,
    update,
    observeRequest({ method, route, status }, seconds) {
      requestDuration.observe({ method, route, status_class: `${Math.floor(status / 100)}xx` }, seconds);
    },
  };
}

/** The /metrics endpoint; anything else passes on. */
export function serveMetrics(metrics: Metrics, options: { token?: string } = {}) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path !== "/metrics") return next();
    if ((req.method !== "GET" && req.method !== "HEAD") || !mayReadMetrics(req, options.token)) {
      res.status(404).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
      res.end("Not Found\n");
      return;
    }
    Promise.resolve()
      .then(() => {
        metrics.update();
        return metrics.registry.metrics();
      })
      .then((text) => {
        res.status(200).set({ "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" });
        res.end(text);
      })
      .catch((error: unknown) => {
        logger().error(errorFields(error), "metrics could not be collected");
        res.status(500).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
        res.end("metrics unavailable\n");
      });
  };
}
