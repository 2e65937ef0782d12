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
import { recordBackup } from "~/modules/backups/backups.server";
import { createLogger, defaultLogLevel, wantsPrettyLogs } from "~/utils/logger.server";
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
  ])("%s → %s", (path, pattern) => {
    expect(patternOf(path)).toBe(pattern);
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
    expect(text).toContain("# TYPE miteinander_scheduler_job_lag_seconds gauge");
    expect(text).toContain("# TYPE miteinander_scheduler_job_last_run_timestamp_seconds gauge");
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
