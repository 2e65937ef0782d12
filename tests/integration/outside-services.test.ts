import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outsideServices } from "@db/schema";
import type { UiLocale } from "@db/schema/enums";
import {
  breakerOpenUntil,
  FAILURES_TO_OPEN,
  FIRST_OPEN_MS,
  listServiceStatuses,
  reserveRequestSlot,
} from "~/modules/outside/service-state.server";
import { OUTSIDE_TIMEOUT_MS, parseRetryAfter } from "~/modules/outside/outside-http.server";
import { draftTranslations } from "~/modules/outside/translate.server";
import { geocodeAddress, geocodeKey, type AddressQuery } from "~/modules/outside/geocoder.server";
import { createTempDb, type TempDb } from "../helpers/db";
import { ELSEWHERE, GEOCODER_MOCK_URL, geocoderHandlers, MOCK_POSTCODES } from "../mocks/geocoder";
import { SCENARIOS, type Scenario } from "../mocks/scenarios";
import { server } from "../mocks/server";
import { mockTranslation, TRANSLATE_MOCK_URL, translateHandlers } from "../mocks/translate";

let temp: TempDb;
const saved = { ...process.env };
beforeEach(() => {
  temp = createTempDb();
  process.env.TRANSLATE_URL = TRANSLATE_MOCK_URL;
  process.env.GEOCODER_URL = GEOCODER_MOCK_URL;
  process.env.APP_URL = "https://miteinander.example.de";
});
afterEach(() => {
  temp.cleanup();
  process.env = { ...saved };
});

const ALTSTADT_QUERY: AddressQuery = {
  precision: "street",
  street: "Bahnhofstraße 1",
  postcode: "45879",
  municipality: "Gelsenkirchen",
  neighbourhoodId: 1,
};

const draft = (targets: readonly UiLocale[] = ["en", "ar", "uk", "tr"]) =>
  draftTranslations(temp.db, {
    subject: "activity",
    source: "de",
    targets,
    texts: ["Fußball für alle", "Wir spielen jeden Dienstag auf dem Platz an der Schule."],
  });

describe("translation client", () => {
  it("drafts every language at once, in the target's script, naming the installation", async () => {
    const seen: Request[] = [];
    server.use(...translateHandlers("success", TRANSLATE_MOCK_URL, { onRequest: (r) => seen.push(r) }));
    const outcomes = await draft();
    expect(outcomes.get("ar")).toEqual({
      ok: true,
      texts: [
        mockTranslation("Fußball für alle", "ar"),
        mockTranslation("Wir spielen jeden Dienstag auf dem Platz an der Schule.", "ar"),
      ],
    });
    expect([...outcomes.values()].every((o) => o.ok)).toBe(true);
    expect(seen).toHaveLength(4);
    expect(seen[0]?.headers.get("user-agent")).toBe("miteinander (+https://miteinander.example.de)");
    const body = (await seen[0]?.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ source: "de", format: "text", q: expect.any(Array) });
    expect(body).not.toHaveProperty("api_key");
  });

  it("sends the API key when one is set", async () => {
    process.env.TRANSLATE_API_KEY = "secret-key";
    const seen: Request[] = [];
    server.use(...translateHandlers("success", TRANSLATE_MOCK_URL, { onRequest: (r) => seen.push(r) }));
    await draft(["en"]);
    expect(await seen[0]?.json()).toMatchObject({ api_key: "secret-key" });
  });

  it.each([
    ["slow", "timeout"],
    ["rateLimited", "failed"],
    ["serverError", "failed"],
    ["malformedJson", "failed"],
    ["wrongLanguage", "wrong_language"],
  ] as const)("%s: every language reports %s, within the timeout", async (scenario, problem) => {
    server.use(...translateHandlers(scenario));
    const started = performance.now();
    const outcomes = await draft(["ar"]);
    expect(performance.now() - started).toBeLessThan(OUTSIDE_TIMEOUT_MS + 1_000);
    expect(outcomes.get("ar")).toEqual({ ok: false, problem });
  });

  it("without TRANSLATE_URL nothing is sent", async () => {
    delete process.env.TRANSLATE_URL;
    const outcomes = await draft(["en"]);
    expect(outcomes.get("en")).toEqual({ ok: false, problem: "not_configured" });
  });

  it("a 429 pauses the service for its Retry-After; paused, nothing is sent", async () => {
    let calls = 0;
    server.use(
      ...translateHandlers("rateLimited", TRANSLATE_MOCK_URL, {
        retryAfterSeconds: 300,
        onRequest: () => calls++,
      }),
    );
    const before = Date.now();
    await draft(["en"]);
    const until = breakerOpenUntil(temp.db, "translate", Date.now());
    expect(until).toBeGreaterThanOrEqual(before + 300_000);
    expect(until).toBeLessThan(Date.now() + 301_000);
    expect((await draft(["en", "ar"])).get("ar")).toEqual({ ok: false, problem: "paused" });
    expect(calls).toBe(1);
  });

  it(`${FAILURES_TO_OPEN} failures in a row open the breaker; a success after the pause closes it`, async () => {
    server.use(...translateHandlers("serverError"));
    for (let i = 0; i < FAILURES_TO_OPEN - 1; i++) await draft(["en"]);
    expect(breakerOpenUntil(temp.db, "translate", Date.now())).toBeNull();
    await draft(["en"]);
    const until = breakerOpenUntil(temp.db, "translate", Date.now());
    expect(until).toBeGreaterThan(Date.now() + FIRST_OPEN_MS - 5_000);
    expect(listServiceStatuses(temp.db).find((s) => s.name === "translate")).toMatchObject({
      state: "open",
      consecutiveFailures: FAILURES_TO_OPEN,
      lastError: "server_error: 503",
    });
    // The pause is over: the next call goes out (half-open) and its success closes the breaker.
    temp.db
      .update(outsideServices)
      .set({ openUntil: new Date(Date.now() - 1) })
      .run();
    expect(listServiceStatuses(temp.db).find((s) => s.name === "translate")?.state).toBe("half_open");
    server.resetHandlers();
    expect((await draft(["en"])).get("en")?.ok).toBe(true);
    expect(listServiceStatuses(temp.db).find((s) => s.name === "translate")).toMatchObject({
      state: "closed",
      consecutiveFailures: 0,
    });
  });

  it("an answer in the wrong language is counted but does not pause the other languages", async () => {
    server.use(...translateHandlers("wrongLanguage"));
    for (let i = 0; i < FAILURES_TO_OPEN + 1; i++) await draft(["ar"]);
    expect(breakerOpenUntil(temp.db, "translate", Date.now())).toBeNull();
    expect(listServiceStatuses(temp.db).find((s) => s.name === "translate")?.failures).toBe(
      FAILURES_TO_OPEN + 1,
    );
  });
});

describe("geocoder client", () => {
  it("asks Nominatim's structured search and reads the point", async () => {
    const seen: Request[] = [];
    server.use(...geocoderHandlers("success", GEOCODER_MOCK_URL, { onRequest: (r) => seen.push(r) }));
    const answer = await geocodeAddress(temp.db, ALTSTADT_QUERY);
    expect(answer.kind).toBe("found");
    const url = new URL(seen[0]!.url);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      street: "Bahnhofstraße 1",
      postalcode: "45879",
      city: "Gelsenkirchen",
      countrycodes: "de",
      format: "jsonv2",
      limit: "1",
    });
    expect(seen[0]?.headers.get("user-agent")).toBe("miteinander (+https://miteinander.example.de)");
  });

  it("a postcode alone sends no street", async () => {
    const seen: Request[] = [];
    server.use(...geocoderHandlers("success", GEOCODER_MOCK_URL, { onRequest: (r) => seen.push(r) }));
    const answer = await geocodeAddress(temp.db, { ...ALTSTADT_QUERY, precision: "postcode", street: null });
    expect(answer).toEqual({ kind: "found", ...MOCK_POSTCODES["45879"] });
    expect(new URL(seen[0]!.url).searchParams.has("street")).toBe(false);
  });

  it("an unknown address is 'not found', a far one is still a point (the job judges it)", async () => {
    expect(await geocodeAddress(temp.db, { ...ALTSTADT_QUERY, postcode: "99999" })).toEqual({
      kind: "not_found",
    });
    server.use(...geocoderHandlers("elsewhere"));
    expect(await geocodeAddress(temp.db, ALTSTADT_QUERY)).toEqual({ kind: "found", ...ELSEWHERE });
  });

  it.each(SCENARIOS.filter((s): s is Exclude<Scenario, "success"> => s !== "success"))(
    "%s: a failure, within the timeout",
    async (scenario) => {
      server.use(...geocoderHandlers(scenario));
      const started = performance.now();
      const answer = await geocodeAddress(temp.db, ALTSTADT_QUERY);
      expect(performance.now() - started).toBeLessThan(OUTSIDE_TIMEOUT_MS + 1_000);
      expect(answer.kind).toBe("failed");
    },
  );

  it("keeps at least a second between two requests, across callers", async () => {
    const now = 1_000_000;
    expect(reserveRequestSlot(temp.db, "geocoder", now, 1000)).toBe(now);
    expect(reserveRequestSlot(temp.db, "geocoder", now, 1000)).toBe(now + 1000);
    expect(reserveRequestSlot(temp.db, "geocoder", now + 500, 1000)).toBe(now + 2000);
    expect(reserveRequestSlot(temp.db, "geocoder", now + 10_000, 1000)).toBe(now + 10_000);
  });

  it("two lookups in a row are a second apart", async () => {
    const times: number[] = [];
    server.use(
      ...geocoderHandlers("success", GEOCODER_MOCK_URL, { onRequest: () => times.push(Date.now()) }),
    );
    await geocodeAddress(temp.db, ALTSTADT_QUERY);
    await geocodeAddress(temp.db, { ...ALTSTADT_QUERY, street: "Hauptstraße 2" });
    // The second waits for its reserved slot (timer resolution allows a few ms less than 1000).
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it("the cache key names the address and neighbourhood, not the person", () => {
    const key = geocodeKey(ALTSTADT_QUERY);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(geocodeKey({ ...ALTSTADT_QUERY, street: "  bahnhofstraße   1 " })).toBe(key);
    expect(geocodeKey({ ...ALTSTADT_QUERY, neighbourhoodId: 2 })).not.toBe(key);
  });
});

describe("Retry-After", () => {
  it("reads seconds and dates", () => {
    expect(parseRetryAfter("120", 0)).toBe(120_000);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(parseRetryAfter("soon", 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});
