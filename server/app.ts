import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { baselineSecurityHeaders } from "./baseline-headers";
import { limitRequestBody } from "./body-limit";
import { limitConcurrency } from "./concurrency-limit";
import { checkOrigin } from "./origin-check";
import { cachePublicPages } from "./public-cache";
import { publicHost, trustedProxies } from "~/utils/env.server";

export interface AppOptions {
  build: ServerBuild;
  clientDir: string;
  mode?: string;
}

/** Static files with long-lived caching for fingerprinted assets, then every other request to Remix. */
export function createApp({ build, clientDir, mode = "production" }: AppOptions): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For is believed only from the proxies TRUSTED_PROXIES lists (README, ADR 006); without
  // it, the client address is the connection's, whatever a header claims.
  app.set("trust proxy", trustedProxies());
  app.use(baselineSecurityHeaders());
  app.use("/assets", express.static(`${clientDir}/assets`, { immutable: true, maxAge: "1y", index: false }));
  app.use(express.static(clientDir, { maxAge: "1h", index: false }));
  app.use(checkOrigin());
  app.use(cachePublicPages({ databasePath: process.env.DATABASE_PATH ?? "data/app.db", host: publicHost() }));
  app.use(limitRequestBody());
  app.use(limitConcurrency({ maxActive: Number(process.env.MAX_ACTIVE_REQUESTS ?? 4) }));
  // The client's address reaches loaders and actions for per-IP throttling (see client-ip.server.ts).
  app.all("*", createRequestHandler({ build, mode, getLoadContext: (req) => ({ clientIp: req.ip }) }));
  return app;
}
