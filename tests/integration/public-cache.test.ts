import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { http, passthrough } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cachePublicPages, splitBuffer } from "../../server/public-cache";
import { createTempDb, type TempDb } from "../helpers/db";
import { server as msw } from "../mocks/server";

// The cache in front of a stand-in for Remix that renders a nonce'd page from the database and counts
// its renders: what is served from the cache, and when it must not be.

let temp: TempDb;
let httpServer: Server;
let base: string;
let renders = 0;
let extraHeaders: Record<string, string> = {};
let status = 200;

beforeEach(() => msw.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough())));

beforeAll(async () => {
  temp = createTempDb();
  const app = express();
  app.use(cachePublicPages({ databasePath: temp.path, ttlMs: 2_000 }));
  app.get("*", async (_req, res) => {
    renders += 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const nonce = randomBytes(16).toString("base64");
    const title = temp.db.$client.prepare("SELECT count(*) FROM audit_events").pluck().get();
    res.status(status);
    res.set({
      "Content-Type": "text/html",
      "Content-Security-Policy": `script-src 'nonce-${nonce}'`,
      ...extraHeaders,
    });
    res.write(`<html><script nonce="${nonce}">x</script>`);
    res.end(`<h1>${String(title)}</h1></html>`);
  });
  httpServer = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => httpServer.once("listening", resolve));
  base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  temp.cleanup();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, { headers });
  const body = await response.text();
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  return { status: response.status, cache: response.headers.get("x-cache"), body, nonce };
}

let categories = 0;
/** A change to a table the public pages read (the triggers of migration 0003 count it). */
function writePublic() {
  categories += 1;
  temp.db.$client
    .prepare("INSERT INTO categories (slug, name) VALUES (?, 'Neu')")
    .run(`neu${"x".repeat(categories)}`);
}
/** A change elsewhere (an audit row, as any request or job writes all the time). */
function writeElsewhere() {
  temp.db.$client
    .prepare("INSERT INTO audit_events (action, entity_type, entity_id) VALUES ('x', 'need', '1')")
    .run();
}

describe("public page cache", () => {
  it("serves a second visitor from the cache, with a fresh nonce in header and page", async () => {
    const first = await get("/activities?page=1");
    const before = renders;
    const second = await get("/activities?page=1");
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(renders).toBe(before);
    expect(second.body.replace(second.nonce!, "N")).toBe(first.body.replace(first.nonce!, "N"));
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.body).toContain(`nonce="${second.nonce}"`);
  });

  it("renders again after a change to what the pages show, and only then", async () => {
    await get("/activities/7");
    expect((await get("/activities/7")).cache).toBe("hit");
    writeElsewhere();
    expect((await get("/activities/7")).cache).toBe("hit");
    writePublic();
    expect((await get("/activities/7")).cache).toBe("miss");
    expect((await get("/activities/7")).cache).toBe("hit");
    // Every table the pages read has the trigger, for every kind of change.
    const c = temp.db.$client;
    const version = () =>
      c
        .prepare("SELECT version FROM cache_versions WHERE scope = 'public_activities'")
        .pluck()
        .get() as number;
    const before = version();
    c.prepare("UPDATE categories SET name = 'Anders' WHERE slug = 'neux'").run();
    c.prepare("DELETE FROM categories WHERE slug = 'neux'").run();
    expect(version()).toBe(before + 2);
    const triggers = c
      .prepare(
        "SELECT tbl_name AS t, count(*) AS n FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'cache_public_activities_%' GROUP BY 1 ORDER BY 1",
      )
      .all();
    expect(triggers).toEqual(
      [
        "categories",
        "event_languages",
        "event_translations",
        "events",
        "neighbourhoods",
        "organisation_places",
        "organisation_translations",
        "organisations",
        "shifts",
      ].map((t) => ({ t, n: 3 })),
    );
  });

  it("puts a wiped counter back and caches again (db:seed --reset)", async () => {
    await get("/activities?page=11");
    temp.db.$client.prepare("DELETE FROM cache_versions").run();
    expect((await get("/activities?page=11")).cache).toBeNull();
    expect(temp.db.$client.prepare("SELECT version FROM cache_versions").pluck().get()).toBe(0);
    expect((await get("/activities?page=11")).cache).toBe("miss");
    expect((await get("/activities?page=11")).cache).toBe("hit");
  });

  it("renders once when many visitors ask for a cold page at the same moment", async () => {
    const before = renders;
    const answers = await Promise.all(Array.from({ length: 12 }, () => get("/activities?page=9")));
    expect(renders).toBe(before + 1);
    expect(answers.filter((a) => a.cache === "miss")).toHaveLength(1);
    expect(new Set(answers.map((a) => a.nonce)).size).toBe(12);
  });

  it("renders again after the time limit (the lists depend on the clock)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      await get("/activities?page=3");
      expect((await get("/activities?page=3")).cache).toBe("hit");
      vi.setSystemTime(Date.now() + 2_500);
      expect((await get("/activities?page=3")).cache).toBe("miss");
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps languages apart and leaves signed-in people, other pages and answers with cookies alone", async () => {
    await get("/activities?page=4", { "Accept-Language": "en" });
    expect((await get("/activities?page=4", { "Accept-Language": "de" })).cache).toBe("miss");
    expect((await get("/activities?page=4", { Cookie: "lng=uk" })).cache).toBe("miss");
    expect((await get("/activities?page=4", { Cookie: "lng=uk" })).cache).toBe("hit");
    expect((await get("/activities?page=4", { Cookie: "session=abc" })).cache).toBeNull();
    expect((await get("/activities?page=4", { Cookie: "lng=uk; session=abc" })).cache).toBeNull();
    expect((await get("/coordination/needs")).cache).toBeNull();

    extraHeaders = { "Set-Cookie": "lng=de; Path=/" };
    await get("/activities?page=5");
    expect((await get("/activities?page=5")).cache).toBe("miss");
    extraHeaders = {};
    status = 404;
    await get("/activities/999");
    expect((await get("/activities/999")).cache).toBe("miss");
    status = 200;
  });
});

describe("public page cache and notices after a redirect", () => {
  it("neither serves nor stores a page that has a notice to show, nor one that clears it", async () => {
    // Warm: an anonymous visitor's page is cached.
    await get("/activities?page=6", { Cookie: "lng=de" });
    expect((await get("/activities?page=6", { Cookie: "lng=de" })).cache).toBe("hit");
    // A visitor arriving with a notice (a signed cookie, utils/notice.server.ts) gets a fresh render:
    // the cached page would not show it, and their render must not be kept for others.
    const before = renders;
    expect(
      (await get("/activities?page=6", { Cookie: "lng=de; notice=eyJpZCI6IngifQ%3D%3D.sig" })).cache,
    ).toBeNull();
    expect((await get("/activities?page=6", { Cookie: "notice=eyJpZCI6IngifQ%3D%3D.sig" })).cache).toBeNull();
    expect(renders).toBe(before + 2);
    // The answer that clears the cookie (the root loader's Set-Cookie) is never stored.
    extraHeaders = { "Set-Cookie": "notice=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" };
    expect((await get("/activities?page=7")).cache).toBe("miss");
    extraHeaders = {};
    expect((await get("/activities?page=7")).cache).toBe("miss");
    expect((await get("/activities?page=7")).cache).toBe("hit");
  });
});

describe("public page cache and the Host header", () => {
  it("stores only pages requested for the public host: another Host is served but never cached", async () => {
    const { request } = await import("node:http");
    const app = express();
    let hostRenders = 0;
    app.use(cachePublicPages({ databasePath: temp.path, ttlMs: 60_000, host: "hub.example" }));
    app.get("*", (req, res) => {
      hostRenders += 1;
      res
        .set({ "Content-Type": "text/html" })
        .end(`<a href="https://${req.headers.host}/">${hostRenders}</a>`);
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const port = (server.address() as AddressInfo).port;
    const getWithHost = (host: string) =>
      new Promise<{ cache: string | undefined; body: string }>((resolve, reject) => {
        const req = request(
          { host: "127.0.0.1", port, path: "/activities", headers: { Host: host } },
          (res) => {
            let body = "";
            res.on("data", (chunk: Buffer) => (body += chunk.toString()));
            res.on("end", () => resolve({ cache: res.headers["x-cache"] as string | undefined, body }));
          },
        );
        req.on("error", reject);
        req.end();
      });
    try {
      const evil = await getWithHost("evil.example");
      const evilAgain = await getWithHost("evil.example");
      expect([evil.cache, evilAgain.cache]).toEqual([undefined, undefined]);
      // The next visitor of the real host gets a page of its own, not the one rendered for evil.example.
      const real = await getWithHost("hub.example");
      const realAgain = await getWithHost("hub.example");
      expect([real.cache, realAgain.cache]).toEqual(["miss", "hit"]);
      expect(realAgain.body).toContain("https://hub.example/");
      expect(realAgain.body).not.toContain("evil.example");
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("splitBuffer", () => {
  it("cuts a page at every nonce, multi-byte text around it intact", () => {
    const page = Buffer.from("ا<N>ü<N><N>Ğ…<N>");
    expect(splitBuffer(page, "<N>").map(String)).toEqual(["ا", "ü", "", "Ğ…", ""]);
    expect(splitBuffer(page, null)).toEqual([page]);
    expect(splitBuffer(Buffer.from("none here"), "<N>").map(String)).toEqual(["none here"]);
  });
});
