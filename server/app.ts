import { existsSync, readdirSync } from "node:fs";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import type { SystemHealth } from "~/modules/system/system-health.server";
import { getEnv, publicHost, trustedProxies } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { baselineSecurityHeaders } from "./baseline-headers";
import { limitRequestBody } from "./body-limit";
import { limitConcurrency } from "./concurrency-limit";
import { createMetrics, serveMetrics, type Metrics } from "./metrics";
import { checkOrigin } from "./origin-check";
import { cachePublicPages } from "./public-cache";
import { InFlight, logRequests } from "./request-log";
import { createRoutePatternMatcher } from "./route-pattern";

export interface AppOptions {
  build: ServerBuild;
  clientDir: string;
  mode?: string;
  /** Counts the requests being answered (the server's graceful shutdown waits for them). */
  inFlight?: InFlight;
  metrics?: Metrics;
}

/** The Remix build's own health reader (app/entry.server.tsx), if it has one. */
function healthReaderOf(build: ServerBuild): (() => SystemHealth) | undefined {
  return (build.entry.module as { systemHealth?: () => SystemHealth }).systemHealth;
}

/**
 * The build's other public files (favicon.svg, …), looked up on disk only for names that exist at start:
 * a page request then costs no file-system call.
 */
function serveTopLevelFiles(clientDir: string): express.RequestHandler {
  const names = new Set(existsSync(clientDir) ? readdirSync(clientDir).filter((n) => n !== "assets") : []);
  const serve = express.static(clientDir, { maxAge: "1h", index: false });
  return (req, res, next) => {
    const first = req.path.split("/")[1] ?? "";
    if (names.has(first)) serve(req, res, next);
    else next();
  };
}

/**
 * /metrics and the request log first, then static files with long-lived caching for fingerprinted assets,
 * then every other request to Remix.
 */
export function createApp({
  build,
  clientDir,
  mode = "production",
  inFlight = new InFlight(),
  metrics = createMetrics({ readHealth: healthReaderOf(build) }),
}: AppOptions): express.Express {
  const env = getEnv();
  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For is believed only from the proxies TRUSTED_PROXIES lists (README, ADR 006); without
  // it, the client address is the connection's, whatever a header claims.
  app.set("trust proxy", trustedProxies());
  // Scrapes (every few seconds) are not logged.
  app.use(serveMetrics(metrics, { token: env.METRICS_TOKEN }));
  app.use(
    logRequests({
      logger,
      patternOf: createRoutePatternMatcher(build),
      observe: metrics.observeRequest,
      inFlight,
    }),
  );
  app.use(baselineSecurityHeaders());
  app.use("/assets", express.static(`${clientDir}/assets`, { immutable: true, maxAge: "1y", index: false }));
  app.use(serveTopLevelFiles(clientDir));
  app.use(checkOrigin());
  app.use(cachePublicPages({ databasePath: env.DATABASE_PATH, host: publicHost() }));
  app.use(limitRequestBody());
  app.use(limitConcurrency({ maxActive: env.MAX_ACTIVE_REQUESTS }));
  // The client's address reaches loaders and actions for per-IP throttling (see client-ip.server.ts).
  // The request id (set by the request log) lets an error's log line name its request.
  app.all(
    "*",
    createRequestHandler({
      build,
      mode,
      getLoadContext: (req, res) => ({
        clientIp: req.ip,
        requestId: String(res.getHeader("X-Request-Id") ?? ""),
      }),
    }),
  );
  return app;
}
