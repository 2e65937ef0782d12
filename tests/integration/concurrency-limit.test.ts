import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { http, passthrough } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { limitConcurrency, type ConcurrencyLimitOptions } from "../../server/concurrency-limit";
import { server as msw } from "../mocks/server";

// The limiter in front of a handler that answers only when the test releases it: the test sees exactly
// which requests are inside at any moment. No clocks: every step waits for an event.

interface Harness {
  url: string;
  /** Paths of the requests inside the handler, in the order they entered. */
  inside: string[];
  /** Lets the request for `path` answer. */
  release: (path: string) => void;
  /** Resolves when `count` requests have entered the handler in total. */
  entered: (count: number) => Promise<void>;
}

let server: Server | undefined;

beforeEach(() => msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough())));

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function start(options: ConcurrencyLimitOptions): Promise<Harness> {
  const inside: string[] = [];
  const waiting = new Map<string, () => void>();
  let total = 0;
  const watchers: { count: number; resolve: () => void }[] = [];
  const app = express();
  app.use(limitConcurrency(options));
  app.get("*", (req, res) => {
    inside.push(req.path);
    total += 1;
    for (const w of watchers.filter((w) => total >= w.count)) w.resolve();
    waiting.set(req.path, () => {
      inside.splice(inside.indexOf(req.path), 1);
      res.send(`done ${req.path}`);
    });
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server!.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    inside,
    release: (path) => waiting.get(path)!(),
    entered: (count) =>
      total >= count ? Promise.resolve() : new Promise((resolve) => watchers.push({ count, resolve })),
  };
}

const send = (url: string, signal?: AbortSignal): Promise<Response> => fetch(url, { signal });

describe("limitConcurrency", () => {
  it("lets at most maxActive requests in and admits the waiting ones in arrival order", async () => {
    const h = await start({ maxActive: 2 });
    const a = send(`${h.url}/a`);
    const b = send(`${h.url}/b`);
    await h.entered(2);
    const c = send(`${h.url}/c`);
    const d = send(`${h.url}/d`);
    // c and d are queued: give them time to arrive, then check nobody passed the limit.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.inside.sort()).toEqual(["/a", "/b"]);

    h.release("/a");
    expect(await (await a).text()).toBe("done /a");
    await h.entered(3);
    expect(h.inside).toHaveLength(2);
    h.release("/b");
    await b;
    await h.entered(4);
    h.release(h.inside[0]!);
    h.release(h.inside[0]!);
    const answers = await Promise.all([c, d].map(async (r) => (await r).text()));
    expect(answers.sort()).toEqual(["done /c", "done /d"]);
  });

  it("answers 503 with Retry-After when the queue is full, and changes nothing", async () => {
    const h = await start({ maxActive: 1, maxQueued: 1 });
    const a = send(`${h.url}/a`);
    await h.entered(1);
    const b = send(`${h.url}/b`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await send(`${h.url}/c`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.text()).toMatch(/sehr viele Anfragen/);

    h.release("/a");
    await a;
    await h.entered(2);
    h.release("/b");
    expect((await b).status).toBe(200);
    expect(h.inside).toEqual([]);
  });

  it("passes the place of a client that gave up while waiting to the next one", async () => {
    const h = await start({ maxActive: 1 });
    const a = send(`${h.url}/a`);
    await h.entered(1);
    const gaveUp = new AbortController();
    const abandoned = send(`${h.url}/gone`, gaveUp.signal).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const c = send(`${h.url}/c`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    gaveUp.abort();
    await abandoned;
    await new Promise((resolve) => setTimeout(resolve, 50));

    h.release("/a");
    await a;
    await h.entered(2);
    expect(h.inside).toEqual(["/c"]);
    h.release("/c");
    expect(await (await c).text()).toBe("done /c");
  });

  it("gives a place back after releaseAfterMs even while the answer is still going out", async () => {
    const h = await start({ maxActive: 1, releaseAfterMs: 100 });
    void send(`${h.url}/slow`).catch(() => undefined);
    await h.entered(1);
    const next = send(`${h.url}/next`);
    await h.entered(2);
    expect(h.inside.sort()).toEqual(["/next", "/slow"]);
    h.release("/next");
    expect((await next).status).toBe(200);
  });
});
