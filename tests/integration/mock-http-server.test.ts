import { http, passthrough } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { geocodeAddress } from "~/modules/outside/geocoder.server";
import { draftTranslations } from "~/modules/outside/translate.server";
import { createTempDb, type TempDb } from "../helpers/db";
import { devMocks } from "../mocks/dev-plugin";
import { mockPoint } from "../mocks/geocoder";
import { parseScenario, startMockHttpServer, type MockHttpServer } from "../mocks/http-server";
import type { Scenario } from "../mocks/scenarios";
import { server } from "../mocks/server";
import { mockTranslation } from "../mocks/translate";

/**
 * The msw handlers served over loopback HTTP (what the e2e run's server and `MOCKS=1 npm run dev`
 * talk to): the hub's own clients get the same answers from it as from msw in-process.
 */

let mock: MockHttpServer | null = null;
let temp: TempDb;
const saved = { ...process.env };

beforeEach(() => {
  temp = createTempDb();
});

afterEach(async () => {
  temp.cleanup();
  await mock?.close();
  mock = null;
  process.env = { ...saved };
});

/** Lets this test's requests reach the loopback server instead of msw's in-process handlers. */
async function start(scenario?: Scenario) {
  mock = await startMockHttpServer({ scenario });
  server.use(http.all(`${mock.url}/*`, () => passthrough()));
  process.env.TRANSLATE_URL = mock.url;
  process.env.GEOCODER_URL = mock.url;
  return mock;
}

describe("the mock HTTP server", () => {
  it("listens on a free loopback port and answers /healthz", async () => {
    const { url } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(url).port)).toBeGreaterThan(0);
    const health = await fetch(`${url}/healthz`);
    expect(await health.text()).toBe("ok");
    const unknown = await fetch(`${url}/elsewhere`);
    expect(unknown.status).toBe(404);
  });

  it("answers the hub's translate client as LibreTranslate would", async () => {
    await start();
    const drafts = await draftTranslations(temp.db, {
      subject: "activity",
      source: "de",
      targets: ["ar", "en"],
      texts: ["Fußball für alle", ""],
    });
    expect(drafts.get("ar")).toEqual({ ok: true, texts: [mockTranslation("Fußball für alle", "ar"), ""] });
    expect(drafts.get("en")).toEqual({ ok: true, texts: [mockTranslation("Fußball für alle", "en"), ""] });
  });

  it("answers the hub's geocoder client as Nominatim would", async () => {
    await start();
    const answer = await geocodeAddress(temp.db, {
      precision: "postcode",
      street: null,
      postcode: "45879",
      municipality: "Gelsenkirchen",
      neighbourhoodId: 1,
    });
    expect(answer).toEqual({ kind: "found", ...mockPoint("45879", null)! });
  });

  it("answers as the scenario says", async () => {
    const { url } = await start("rateLimited");
    const answer = await fetch(`${url}/search?postalcode=45879`);
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("120");
  });

  it("knows the scenarios by name and refuses others", () => {
    expect(parseScenario(undefined)).toBe("success");
    expect(parseScenario("")).toBe("success");
    expect(parseScenario("serverError")).toBe("serverError");
    expect(() => parseScenario("chaos")).toThrow(/Unknown mock scenario/);
  });
});

describe("the dev server's mocks", () => {
  it("apply only to `vite serve`, never to a build", () => {
    expect(devMocks().apply).toBe("serve");
  });

  it("do nothing without MOCKS=1", async () => {
    delete process.env.MOCKS;
    delete process.env.TRANSLATE_URL;
    delete process.env.GEOCODER_URL;
    const plugin = devMocks();
    const configure = plugin.configureServer as (server: unknown) => Promise<void>;
    // A server object the plugin would have to touch; it must not.
    await configure(new Proxy({}, { get: () => expect.unreachable("touched the dev server") }));
    expect(process.env.TRANSLATE_URL).toBeUndefined();
    expect(process.env.GEOCODER_URL).toBeUndefined();
  });
});
