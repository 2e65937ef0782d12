/**
 * Throttles count clients by their address. Behind a reverse proxy that address comes from
 * X-Forwarded-For — but only when the proxy is listed in TRUSTED_PROXIES: otherwise anyone could name a
 * fresh address in the header on every request and never be throttled (README, "Production start";
 * docs/decisions/006-login-throttling-and-account-enumeration.md). Checked on the production app
 * (server/app.ts around the built Remix server) on a loopback port, with password-reset requests, whose
 * throttle allows 10 an hour per network and needs no password hashing.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { ensureFreshBuild, ROOT } from "../../scripts/bench/lib/production-server";
import { createApp } from "../../server/app";
import { allowLoopback, encode } from "../helpers/hostile-app";

let build: ServerBuild;
const servers: Server[] = [];

beforeAll(async () => {
  await ensureFreshBuild();
  build = (await import(pathToFileURL(join(ROOT, "build/server/index.js")).href)) as ServerBuild;
}, 300_000);

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** The production app with TRUSTED_PROXIES as given, on a free loopback port. */
async function serve(trustedProxies: string | undefined): Promise<string> {
  vi.stubEnv("TRUSTED_PROXIES", trustedProxies ?? "");
  const app = createApp({ build, clientDir: join(ROOT, "build/client"), mode: "production" });
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  allowLoopback();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Eleven reset requests (one more than a network may make in an hour), each naming another client. */
async function elevenResets(base: string, tag: string, forwardedFor: (i: number) => string) {
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) {
    const response = await fetch(`${base}/forgot-password`, {
      method: "POST",
      body: encode([["email", `proxy-${tag}-${i}@beispiel.test`]]),
      headers: {
        Origin: base,
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": forwardedFor(i),
      },
      redirect: "manual",
    });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

it("without TRUSTED_PROXIES, X-Forwarded-For is ignored: the connection's address is throttled", async () => {
  const base = await serve(undefined);
  const statuses = await elevenResets(base, "none", (i) => `203.0.113.${i + 1}`);
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
  expect(statuses[10]).toBe(429);
});

it("a listed proxy's X-Forwarded-For names the client; its /64 counts for IPv6", async () => {
  const base = await serve("loopback");
  // Every request names another IPv4 client: none of them is near its limit.
  expect(await elevenResets(base, "v4", (i) => `198.51.100.${i + 1}`)).toEqual(Array(11).fill(200));
  // Addresses of one IPv6 /64 are one client. What the client itself wrote into the header before the
  // proxy added its address (192.0.2.x here) is not believed: the address the proxy names is the client.
  const statuses = await elevenResets(
    base,
    "v6",
    (i) => `192.0.2.${i + 1}, 2001:db8:5:6:${(i + 1).toString(16)}::1`,
  );
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
  expect(statuses[10]).toBe(429);
});
