/**
 * Logs and metrics (ADR 070): one JSON line per request with id, method, route pattern, status and
 * duration, and nothing personal; /metrics in Prometheus format for loopback or a bearer token only.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { http, passthrough } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { scheduledJobs } from "@db/schema";
import { handleError } from "~/entry.server";
import { recordBackup } from "~/modules/backups/backups.server";
import { createLogger, defaultLogLevel, logger, setLogger, wantsPrettyLogs } from "~/utils/logger.server";
import { getDb } from "~/utils/db.server";
import { createMetrics, serveMetrics } from "../../server/metrics";
import { logRequests } from "../../server/request-log";
import { createRoutePatternMatcher } from "../../server/route-pattern";
import { server as msw } from "../mocks/server";

const manifest = {
  root: { id: "root", path: "" },
  "routes/_index": { id: "routes/_index", parentId: "root", index: true },
  "routes/activities.$id": { id: "routes/activities.$id", parentId: "root", path: "activities/:id" },
  "routes/activities.$id[.ics]": {
    id: "routes/activities.$id[.ics]",
    parentId: "root",
    path: "activities/:id.ics",
  },
  "routes/coordination.needs.$id": {
    id: "routes/coordination.needs.$id",
    parentId: "root",
    path: "coordination/needs/:id",
  },
  "routes/coordination.needs.$id._index": {
    id: "routes/coordination.needs.$id._index",
    parentId: "routes/coordination.needs.$id",
    index: true,
  },
  "routes/feeds.volunteers.$token[.ics]": {
    id: "routes/feeds.volunteers.$token[.ics]",
    parentId: "root",
    path: "feeds/volunteers/:token.ics",
  },
} as unknown as ServerBuild["routes"];

describe("route patterns", () => {
  const patternOf = createRoutePatternMatcher({ routes: manifest });
  it.each([
    ["/", "/"],
    ["/activities/42", "/activities/:id"],
    ["/activities/42.data", "/activities/:id"],
    ["/_root.data", "/"],
    ["/coordination/needs/7", "/coordination/needs/:id"],
    ["/feeds/volunteers/Zm9vYmFyYmF6.ics", "/feeds/volunteers/:token.ics"],
    ["/assets/entry.client-abc123.js", "/assets/*"],
    ["/favicon.ico", "(unmatched)"],
    ["/no/such/page", "(unmatched)"],
    // Remembered by shape: other values, a literal in a value's place, other case, one segment too many.
    ["/activities/43", "/activities/:id"],
    ["/activities/coordination", "/activities/:id"],
    ["/Activities/44", "/activities/:id"],
    ["/coordination/needs/7/more", "(unmatched)"],
    ["/coordination/needs", "(unmatched)"],
    ["/feeds/volunteers/~.ics", "/feeds/volunteers/:token.ics"],
  ])("%s → %s", (path, pattern) => {
    expect(patternOf(path)).toBe(pattern);
  });

  it("answers a remembered shape as a fresh matcher does, in any order", () => {
    const paths = [
      "/activities/1",
      "/activities/2.data",
      "/coordination/needs/3",
      "/x/4",
      "/activities/5/6",
      "/",
    ];
    const remembering = createRoutePatternMatcher({ routes: manifest });
    for (const path of [...paths, ...paths.reverse()])
      expect(remembering(path)).toBe(createRoutePatternMatcher({ routes: manifest })(path));
  });
});

describe("the logger", () => {
  it("takes LOG_LEVEL, and is quieter under tests", () => {
    expect(defaultLogLevel({ LOG_LEVEL: "DEBUG" })).toBe("debug");
    expect(defaultLogLevel({ LOG_LEVEL: "shouting" })).toBe("info");
    expect(defaultLogLevel({})).toBe("info");
    expect(defaultLogLevel({ VITEST: "true" })).toBe("warn");
  });

  it("prints readably only in development at a terminal", () => {
    const tty = process.stdout.isTTY;
    try {
      process.stdout.isTTY = true;
      expect(wantsPrettyLogs({ NODE_ENV: "development" })).toBe(true);
      expect(wantsPrettyLogs({ NODE_ENV: "production" })).toBe(false);
      process.stdout.isTTY = false;
      expect(wantsPrettyLogs({ NODE_ENV: "development" })).toBe(false);
    } finally {
      process.stdout.isTTY = tty;
    }
  });
});

describe("unexpected errors of loaders, actions and pages", () => {
  it("are one JSON line with the message, the stack and the request's id; never the URL", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split("\n").filter(Boolean));
        done();
      },
    });
    const previous = logger();
    setLogger(createLogger({ level: "info", destination: sink, pretty: false }));
    try {
      const request = new Request("http://localhost/coordination/needs/4711?email=anna%40beispiel.de");
      handleError(new Error("no such column: needs.tittle"), {
        request,
        params: { id: "4711" },
        context: { requestId: "caddy-0123456789abcdef" },
      });
      const aborted = new AbortController();
      aborted.abort();
      handleError(new Error("the client went away"), {
        request: new Request("http://localhost/activities", { signal: aborted.signal }),
        params: {},
        context: {},
      });
      for (let i = 0; i < 100 && lines.length < 1; i++) await new Promise((r) => setTimeout(r, 10));
      expect(lines).toHaveLength(1);
      const line = JSON.parse(lines[0]!) as Record<string, unknown>;
      expect(line).toMatchObject({
        level: "error",
        msg: "request failed",
        reqId: "caddy-0123456789abcdef",
        err: { message: "no such column: needs.tittle" },
      });
      expect((line.err as { stack: string }).stack).toContain("observability.test.ts");
      expect(lines[0]).not.toMatch(/4711|anna|beispiel/);
    } finally {
      setLogger(previous);
    }
  });
});

describe("request logs and /metrics", () => {
  let lines: string[] = [];
  let httpServer: Server;
  let base: string;
  let app: express.Express;
  const token = "t".repeat(40);

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split("\n").filter(Boolean));
        done();
      },
    });
    const log = createLogger({ level: "info", destination: sink, pretty: false });
    const metrics = createMetrics();
    app = express();
    app.use(serveMetrics(metrics, { token }));
    app.use(
      logRequests({
        logger: () => log,
        patternOf: createRoutePatternMatcher({ routes: manifest }),
        observe: metrics.observeRequest,
      }),
    );
    app.get("/activities/:id", (_req, res) => {
      res.setHeader("Set-Cookie", "__Host-session=secret-session-value; Path=/; Secure");
      res.send("ok");
    });
    app.get("/coordination/needs/:id", (_req, res) => res.status(500).send("broken"));
    httpServer = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => httpServer.once("listening", resolve));
    base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    lines = [];
    msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
  });

  afterAll(() => new Promise<void>((resolve) => httpServer.close(() => resolve())));

  /** Lines are written asynchronously: wait until the expected number arrived. */
  async function loggedLines(count: number): Promise<Record<string, unknown>[]> {
    for (let i = 0; i < 100 && lines.length < count; i++) await new Promise((r) => setTimeout(r, 10));
    return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it("logs one JSON line per request with id, method, route pattern, status and duration", async () => {
    const response = await fetch(`${base}/activities/4711?email=anna%40beispiel.de&token=abcdef123456`, {
      headers: { Cookie: "__Host-session=secret-session-value", "X-Forwarded-For": "203.0.113.77" },
    });
    expect(response.status).toBe(200);
    const [line] = await loggedLines(1);
    expect(line).toMatchObject({
      level: "info",
      msg: "request",
      method: "GET",
      route: "/activities/:id",
      status: 200,
      service: "miteinander",
    });
    expect(line!.reqId).toBe(response.headers.get("X-Request-Id"));
    expect(line!.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof line!.durationMs).toBe("number");
    expect(typeof line!.time).toBe("string");
    const raw = lines.join("\n");
    for (const secret of [
      "4711",
      "anna",
      "beispiel",
      "abcdef123456",
      "secret-session-value",
      "203.0.113.77",
    ]) {
      expect(raw).not.toContain(secret);
    }
  });

  it("keeps a request id given by a trusted proxy, replaces one that looks odd", async () => {
    app.set("trust proxy", "loopback");
    await fetch(`${base}/activities/1`, { headers: { "X-Request-Id": "caddy-0123456789abcdef" } });
    await fetch(`${base}/activities/1`, { headers: { "X-Request-Id": "<script>" } });
    const [first, second] = await loggedLines(2);
    expect(first!.reqId).toBe("caddy-0123456789abcdef");
    expect(second!.reqId).not.toBe("<script>");
  });

  it("ignores the request id of a client that is not a trusted proxy", async () => {
    app.set("trust proxy", false);
    await fetch(`${base}/activities/1`, { headers: { "X-Request-Id": "chosen-by-the-client-0001" } });
    const [line] = await loggedLines(1);
    expect(line!.reqId).not.toBe("chosen-by-the-client-0001");
    expect(line!.reqId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs server errors at level error", async () => {
    await fetch(`${base}/coordination/needs/9`);
    const [line] = await loggedLines(1);
    expect(line).toMatchObject({ level: "error", route: "/coordination/needs/:id", status: 500 });
  });

  it("serves /metrics to loopback: request durations, event loop, outbox, scheduler, database, backups", async () => {
    const now = Date.now();
    getDb()
      .insert(scheduledJobs)
      .values([
        {
          kind: "retention",
          dedupeKey: "retention:done",
          runAt: new Date(now - 3_600_000),
          status: "done",
          doneAt: new Date(1_700_000_500_000),
        },
        { kind: "retention", dedupeKey: "retention:due", runAt: new Date(now - 90_000) },
      ])
      .run();
    recordBackup(getDb(), {
      kind: "scheduled",
      status: "verified",
      fileName: "app-x.db",
      bytes: 4096,
      totalRows: 10,
      problem: null,
      afterStatus: "not_configured",
      afterProblem: null,
      startedAt: 1_700_000_000_000,
      finishedAt: 1_700_000_001_000,
    });
    await fetch(`${base}/activities/1`);
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(
      /miteinander_http_request_duration_seconds_bucket\{le="0\.005",service="miteinander",method="GET",route="\/activities\/:id",status_class="2xx"\}/,
    );
    expect(text).toMatch(/route="\/coordination\/needs\/:id",status_class="5xx"/);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{service="miteinander"\} [\d.e-]+$/m);
    expect(text).toMatch(/^miteinander_outbox_messages\{status="failed",service="miteinander"\} 0$/m);
    expect(text).toMatch(/^miteinander_database_size_bytes\{service="miteinander"\} [1-9]\d*$/m);
    expect(text).toMatch(/^miteinander_database_wal_size_bytes\{service="miteinander"\} \d+$/m);
    expect(text).toMatch(
      /^miteinander_backup_last_success_timestamp_seconds\{service="miteinander"\} 1700000001$/m,
    );
    expect(text).toMatch(
      /^miteinander_scheduler_job_last_run_timestamp_seconds\{kind="retention",service="miteinander"\} 1700000500$/m,
    );
    const lag = Number(
      /^miteinander_scheduler_job_lag_seconds\{kind="retention",[^}]*\} ([\d.]+)$/m.exec(text)?.[1],
    );
    expect(lag).toBeGreaterThanOrEqual(90);
    expect(lag).toBeLessThan(120);
    // The reach index of suggestions and the worker threads (the reach index, figures, bulk
    // assignments, backups), each kind on its own line.
    expect(text).toMatch(/^miteinander_reach_index_ready\{service="miteinander"\} [01]$/m);
    expect(text).toMatch(/^miteinander_reach_index_offers\{service="miteinander"\} \d+$/m);
    for (const kind of ["bulk-assignment", "reach-index", "figures", "backup"]) {
      expect(text).toMatch(
        new RegExp(`^miteinander_worker_threads_running\\{kind="${kind}",[^}]*\\} \\d+$`, "m"),
      );
      expect(text).toMatch(
        new RegExp(`^miteinander_worker_runs_total\\{kind="${kind}",outcome="failed",[^}]*\\} \\d+$`, "m"),
      );
    }
  });

  it("is not public: through a proxy or from elsewhere only with METRICS_TOKEN", async () => {
    const viaProxy = await fetch(`${base}/metrics`, { headers: { "X-Forwarded-For": "198.51.100.4" } });
    expect(viaProxy.status).toBe(404);
    const forwarded = await fetch(`${base}/metrics`, { headers: { Forwarded: "for=198.51.100.4" } });
    expect(forwarded.status).toBe(404);
    const wrong = await fetch(`${base}/metrics`, {
      headers: { "X-Forwarded-For": "198.51.100.4", Authorization: `Bearer ${"x".repeat(40)}` },
    });
    expect(wrong.status).toBe(404);
    const right = await fetch(`${base}/metrics`, {
      headers: { "X-Forwarded-For": "198.51.100.4", Authorization: `Bearer ${token}` },
    });
    expect(right.status).toBe(200);
    const post = await fetch(`${base}/metrics`, { method: "POST" });
    expect(post.status).toBe(404);
  });
});
