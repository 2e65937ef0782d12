/**
 * The event-loop watchdog (issue 20, A4): a request that keeps the event loop busy for more than 500 ms
 * is logged with its method, route pattern and how long, and nothing else; a request that takes as long
 * while waiting (not computing) is not.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { http, passthrough } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "~/utils/logger.server";
import { watchEventLoop, WATCHDOG_THRESHOLD_MS } from "../../server/event-loop-watchdog";
import { InFlight, logRequests } from "../../server/request-log";
import { createRoutePatternMatcher } from "../../server/route-pattern";
import { server as msw } from "../mocks/server";

const manifest = {
  root: { id: "root", path: "" },
  "routes/needs.$id": { id: "routes/needs.$id", parentId: "root", path: "needs/:id" },
  "routes/activities.$id": { id: "routes/activities.$id", parentId: "root", path: "activities/:id" },
} as unknown as ServerBuild["routes"];

/** Keeps the event loop busy, as a backtracking regex or a quadratic loop would. */
function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

type Line = Record<string, unknown>;

describe("the event-loop watchdog", () => {
  let lines: Line[] = [];
  let httpServer: Server;
  let base: string;
  let stop: () => void;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const text of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(text) as Line);
        done();
      },
    });
    const log = createLogger({ level: "info", destination: sink, pretty: false });
    const inFlight = new InFlight();
    const app = express();
    app.use(
      logRequests({
        logger: () => log,
        patternOf: createRoutePatternMatcher({ routes: manifest }),
        inFlight,
      }),
    );
    // Busy: 800 ms of computing in one stretch, as one hostile form could cause.
    app.post("/needs/:id", express.urlencoded({ extended: false }), (_req, res) => {
      busyFor(800);
      res.send("saved");
    });
    // Slow but idle: 800 ms of waiting (a mail server, a worker thread), the loop free meanwhile.
    app.get("/activities/:id", (_req, res) => {
      void sleep(800).then(() => res.send("ok"));
    });
    // Short busy stretches with the loop free in between: 10 × 100 ms.
    app.get("/needs/:id", (_req, res) => {
      void (async () => {
        for (let i = 0; i < 10; i += 1) {
          busyFor(100);
          await sleep(20);
        }
        res.send("ok");
      })();
    });
    stop = watchEventLoop({ inFlight, logger: () => log });
    httpServer = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => httpServer.once("listening", resolve));
    base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    stop();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  });

  beforeEach(() => {
    msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
    lines = [];
  });

  /** The watchdog's lines, after its next ticks have had time to run. */
  async function watchdogLines(): Promise<Line[]> {
    await sleep(300);
    return lines.filter((line) => String(line.msg).includes("event loop"));
  }

  it("names a request that keeps the event loop busy, by method, route pattern and duration only", async () => {
    const response = await fetch(`${base}/needs/4711?secret=abc`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "description=Anna+M%C3%BCller+anna%40example.org",
    });
    expect(await response.text()).toBe("saved");
    const found = await watchdogLines();
    expect(found).toHaveLength(1);
    const [line] = found;
    expect(line).toMatchObject({
      level: "warn",
      msg: "request blocked the event loop",
      method: "POST",
      route: "/needs/:id",
    });
    expect(line!.blockedMs).toBeGreaterThan(WATCHDOG_THRESHOLD_MS);
    expect(line!.blockedMs).toBeLessThan(10_000);
    expect(Object.keys(line!).sort()).toEqual([
      "blockedMs",
      "level",
      "method",
      "msg",
      "route",
      "service",
      "time",
    ]);
    const raw = JSON.stringify(line);
    for (const secret of ["4711", "secret", "abc", "Anna", "example.org"]) expect(raw).not.toContain(secret);
  });

  it("says nothing of a request that is slow while the loop is free", async () => {
    expect(await (await fetch(`${base}/activities/9`)).text()).toBe("ok");
    expect(await watchdogLines()).toEqual([]);
    // The request itself was logged, and took its time.
    const request = lines.find((line) => line.msg === "request");
    expect(request).toMatchObject({ route: "/activities/:id", status: 200 });
    expect(request!.durationMs).toBeGreaterThanOrEqual(780);
  });

  it("says nothing of short busy stretches with the loop free in between", async () => {
    expect(await (await fetch(`${base}/needs/5`)).text()).toBe("ok");
    expect(await watchdogLines()).toEqual([]);
  });

  it("does not blame a request answered before the busy stretch began", async () => {
    expect(await (await fetch(`${base}/activities/1`)).text()).toBe("ok");
    await fetch(`${base}/needs/1`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    const found = await watchdogLines();
    expect(found.map((line) => `${String(line.method)} ${String(line.route)}`)).toEqual(["POST /needs/:id"]);
  });
});
