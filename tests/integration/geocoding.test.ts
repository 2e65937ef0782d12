/**
 * Geocoding through the pages and the scheduler (issue 17): an organisation's places and a volunteer's
 * home, at the precision they chose, are looked up once by the scheduler's job (never while a page
 * waits), cached, and used for the work finder's distances; without an answer — no geocoder, a failing
 * one, no such address, a point outside the neighbourhood — the centroid stands in and the page says
 * "ungefähr". Every failure of the geocoder leaves the pages answering at once with that fallback.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { geocodeCache, organisationPlaces, volunteerProfiles } from "@db/schema";
import type { NeedWorkItem, ShiftWorkItem } from "~/modules/finding/work-items";
import { haversineKm } from "~/modules/matching/geo";
import { GEOCODER_SPACING_MS } from "~/modules/outside/geocoder.server";
import { OUTSIDE_TIMEOUT_MS } from "~/modules/outside/outside-http.server";
import { ASYNC_JOB_HANDLERS, GEOCODING_JOB, periodicJobs } from "~/modules/scheduler/background.server";
import { ensurePeriodicJobs } from "~/modules/scheduler/schedule.server";
import { runDueAsyncJobs } from "~/modules/scheduler/scheduler.server";
import * as adminPage from "~/routes/admin.system";
import * as placesPage from "~/routes/organisations.$id.places";
import * as findPage from "~/routes/volunteer.find";
import * as profilePage from "~/routes/volunteer.profile";
import { getDb } from "~/utils/db.server";
import {
  createCategory,
  createEvent,
  createNeed,
  createNeighbourhood,
  createOrganisation,
  createShift,
  createUser,
  createVolunteer,
} from "../factories";
import { callAction, callLoader, sessionCookieFor, noticesOf } from "../helpers/route-calls";
import { GEOCODER_MOCK_URL, geocoderHandlers, mockPoint } from "../mocks/geocoder";
import { SCENARIOS, type Scenario } from "../mocks/scenarios";
import { server } from "../mocks/server";

const db = getDb();
const savedEnv = { ...process.env };

// Two neighbourhoods around two of the mock's postcodes (Altstadt 45879, Buer 45894), ~8 km apart.
let altstadt: { id: number; lat: number; lon: number };
let buer: { id: number; lat: number; lon: number };
let category: number;

beforeAll(() => {
  altstadt = createNeighbourhood(db, { name: "Altstadt", lat: 51.511, lon: 7.099, radiusKm: 2 });
  buer = createNeighbourhood(db, { name: "Buer", lat: 51.577, lon: 7.051, radiusKm: 2 });
  category = createCategory(db).id;
});
beforeEach(() => {
  process.env.GEOCODER_URL = GEOCODER_MOCK_URL;
});
afterEach(() => {
  process.env = { ...savedEnv };
  db.$client.prepare("DELETE FROM outside_services").run();
  db.$client.prepare("DELETE FROM scheduled_jobs").run();
});

/** Runs the geocoding job as the background loop does, each call in a period of its own. */
let period = 0;
async function runGeocodingJob() {
  const now = Date.now() + ++period * GEOCODING_JOB.everyMs;
  ensurePeriodicJobs(db, [GEOCODING_JOB], now);
  return runDueAsyncJobs({ db, handlers: ASYNC_JOB_HANDLERS, workerId: "geocoding-test", now: () => now });
}

/** Counts what reaches the geocoder, answering as `scenario` says. */
function geocoder(scenario: Scenario | "elsewhere" = "success") {
  const seen: Request[] = [];
  server.use(...geocoderHandlers(scenario, GEOCODER_MOCK_URL, { onRequest: (r) => seen.push(r) }));
  return seen;
}

async function volunteerAt(neighbourhoodId: number) {
  const { user } = createVolunteer(db, { profile: { homeNeighbourhoodId: neighbourhoodId } });
  return { id: user.id, cookie: await sessionCookieFor(user.id) };
}

async function saveHome(cookie: string, form: Record<string, string>) {
  return callAction(profilePage.action, "/volunteer/profile", {
    cookie,
    form: { intent: "home-address", homeStreet: "", homePostcode: "", ...form },
  });
}

/** An organisation with a place in `neighbourhoodId` and a published activity there with one shift. */
async function activityAtPlace(neighbourhoodId: number, street: string, postcode: string) {
  const owner = createUser(db, { role: "org_member" });
  const org = createOrganisation(db, { ownerId: owner.id });
  const cookie = await sessionCookieFor(owner.id);
  const added = await callAction(placesPage.action, `/organisations/${org.id}/places`, {
    cookie,
    params: { id: String(org.id) },
    form: { name: "Vereinsheim", street, postcode, neighbourhoodId: String(neighbourhoodId) },
  });
  expect(added.status).toBe(302);
  const place = db
    .select()
    .from(organisationPlaces)
    .where(eq(organisationPlaces.organisationId, org.id))
    .get()!;
  const event = createEvent(db, {
    organisationId: org.id,
    neighbourhoodId,
    categoryId: category,
    placeId: place.id,
  });
  const shift = createShift(db, { eventId: event.id, startsAt: event.startsAt });
  return { org, place, shift, cookie };
}

type Item = ShiftWorkItem | NeedWorkItem;
async function findItems(cookie: string, query = "") {
  const answer = await callLoader(findPage.loader, `/volunteer/find${query}`, { cookie });
  expect(answer.status).toBe(200);
  return answer.data as { items: Item[]; hasHome: boolean; homeApproximate: boolean };
}

const km = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
  Math.round(haversineKm(a.lat, a.lon, b.lat, b.lon) * 10) / 10;

describe("an organisation's places", () => {
  it("are added with an address, listed with where the lookup stands, and removed by their organisation only", async () => {
    const owner = createUser(db, { role: "org_member" });
    const org = createOrganisation(db, { ownerId: owner.id });
    const cookie = await sessionCookieFor(owner.id);
    const path = `/organisations/${org.id}/places`;
    const params = { id: String(org.id) };
    const seen = geocoder();

    const added = await callAction(placesPage.action, path, {
      cookie,
      params,
      form: {
        name: "Sporthalle",
        street: "Florastraße 26",
        postcode: "45879",
        neighbourhoodId: String(altstadt.id),
      },
    });
    expect(added).toMatchObject({ status: 302, location: path });
    expect(await noticesOf(added)).toEqual([{ key: "organisations:places.notice.added" }]);
    // Saving calls no one: the job looks the address up.
    expect(seen).toHaveLength(0);
    let page = await callLoader(placesPage.loader, path, { cookie, params });
    expect(page.data).toMatchObject({
      places: [{ name: "Sporthalle", status: "pending" }],
      geocoderHost: "geocoder.mock.localhost",
    });
    await runGeocodingJob();
    expect(seen).toHaveLength(1);
    page = await callLoader(placesPage.loader, path, { cookie, params });
    expect(page.data).toMatchObject({ places: [{ name: "Sporthalle", status: "found" }] });

    // Bad input: a message next to each field, nothing stored. A value over its size is refused
    // before anything else is checked.
    const place = {
      name: "Halle",
      street: "Florastraße 1",
      postcode: "45879",
      neighbourhoodId: String(altstadt.id),
    };
    for (const [form, errors] of [
      [{ ...place, name: "x".repeat(121) }, { name: "organisations:errors.tooLong" }],
      [{ ...place, postcode: "4".repeat(10_000) }, { postcode: "organisations:places.errors.postcode" }],
      [
        { ...place, street: "1", postcode: "4587", neighbourhoodId: "abc" },
        {
          street: "organisations:places.errors.street",
          postcode: "organisations:places.errors.postcode",
          neighbourhoodId: "organisations:errors.choose",
        },
      ],
    ] as const) {
      const refused = await callAction(placesPage.action, path, { cookie, params, form });
      expect(refused.status).toBe(400);
      expect((refused.data as { errors: Record<string, string> }).errors).toEqual(errors);
    }
    const unknownNeighbourhood = await callAction(placesPage.action, path, {
      cookie,
      params,
      form: { name: "Halle", street: "Florastraße 1", postcode: "45879", neighbourhoodId: "999999" },
    });
    expect(unknownNeighbourhood.status).toBe(400);
    const stored = db
      .select()
      .from(organisationPlaces)
      .where(eq(organisationPlaces.organisationId, org.id))
      .all();
    expect(stored).toHaveLength(1);

    // Another organisation's owner can neither see the page nor remove the place.
    const stranger = createUser(db, { role: "org_member" });
    createOrganisation(db, { ownerId: stranger.id });
    const strangerCookie = await sessionCookieFor(stranger.id);
    const peek = await callLoader(placesPage.loader, path, { cookie: strangerCookie, params });
    expect([403, 404]).toContain(peek.status);
    const strangerRemove = await callAction(placesPage.action, path, {
      cookie: strangerCookie,
      params,
      form: { intent: "remove", placeId: String(stored[0]!.id) },
    });
    expect([403, 404]).toContain(strangerRemove.status);
    // Its own organisation's owner removes it, and the cached answer nobody names any more goes too.
    const removed = await callAction(placesPage.action, path, {
      cookie,
      params,
      form: { intent: "remove", placeId: String(stored[0]!.id) },
    });
    expect(removed).toMatchObject({ status: 302, location: path });
    expect(await noticesOf(removed)).toEqual([{ key: "organisations:places.notice.removed" }]);
    expect(
      db.select().from(geocodeCache).where(eq(geocodeCache.key, stored[0]!.geocodeKey)).get(),
    ).toBeUndefined();
  });
});

describe("a volunteer's home", () => {
  it("is as exact as they choose: the postcode alone sends no street, the neighbourhood sends nothing", async () => {
    const v = await volunteerAt(altstadt.id);
    const seen = geocoder();
    const savedHome = await saveHome(v.cookie, {
      homePrecision: "postcode",
      homeStreet: "Florastraße 1",
      homePostcode: "45879",
    });
    expect(savedHome).toMatchObject({ status: 302, location: "/volunteer/profile#home-address" });
    expect(await noticesOf(savedHome)).toEqual([{ key: "volunteer:profile.notice.homeSaved" }]);
    const profile = () =>
      db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, v.id)).get()!;
    expect(profile()).toMatchObject({ homePrecision: "postcode", homeStreet: null, homePostcode: "45879" });
    await runGeocodingJob();
    expect(seen).toHaveLength(1);
    expect(new URL(seen[0]!.url).searchParams.has("street")).toBe(false);
    const loaded = await callLoader(profilePage.loader, "/volunteer/profile", { cookie: v.cookie });
    expect((loaded.data as { home: unknown }).home).toMatchObject({ precision: "postcode", status: "found" });

    // Back to the neighbourhood only: the address and its cached point are gone, nothing more is sent.
    const key = profile().homeGeocodeKey!;
    await saveHome(v.cookie, { homePrecision: "neighbourhood", homeStreet: "", homePostcode: "45879" });
    expect(profile()).toMatchObject({ homePrecision: "neighbourhood", homeStreet: null, homePostcode: null });
    expect(db.select().from(geocodeCache).where(eq(geocodeCache.key, key)).get()).toBeUndefined();
    await runGeocodingJob();
    expect(seen).toHaveLength(1);
  });

  it("bad input gets a message next to the field and changes nothing", async () => {
    const v = await volunteerAt(altstadt.id);
    for (const [form, field, message] of [
      [
        { homePrecision: "street", homeStreet: "", homePostcode: "45879" },
        "homeStreet",
        "volunteer:errors.streetRequired",
      ],
      [
        { homePrecision: "street", homeStreet: "x".repeat(121), homePostcode: "45879" },
        "homeStreet",
        "volunteer:errors.streetTooLong",
      ],
      [
        { homePrecision: "postcode", homePostcode: "4587" },
        "homePostcode",
        "volunteer:errors.postcodeInvalid",
      ],
      [
        { homePrecision: "postcode", homePostcode: "9".repeat(10_000) },
        "homePostcode",
        "volunteer:errors.postcodeInvalid",
      ],
      [{ homePrecision: "exact" }, "homePrecision", "volunteer:errors.homePrecision"],
    ] as const) {
      const answer = await saveHome(v.cookie, form);
      expect(answer.status).toBe(400);
      expect((answer.data as { errors: Record<string, string> }).errors[field]).toBe(message);
    }
    expect(db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, v.id)).get()).toMatchObject(
      {
        homePrecision: "neighbourhood",
        homeStreet: null,
        homePostcode: null,
      },
    );
  });

  it("without a home neighbourhood no address is taken", async () => {
    const v = await volunteerAt(altstadt.id);
    db.update(volunteerProfiles)
      .set({ homeNeighbourhoodId: null })
      .where(eq(volunteerProfiles.userId, v.id))
      .run();
    const answer = await saveHome(v.cookie, { homePrecision: "postcode", homePostcode: "45879" });
    expect(answer.status).toBe(400);
    expect((answer.data as { errors: Record<string, string> }).errors).toEqual({
      homePrecision: "volunteer:errors.homeNeighbourhoodFirst",
    });
  });
});

describe("finding work measures from addresses", () => {
  it("from the volunteer's address to the activity's place once both are looked up; until then 'ungefähr'", async () => {
    const v = await volunteerAt(altstadt.id);
    const activity = await activityAtPlace(buer.id, "De-la-Chevallerie-Straße 42", "45894");
    const need = createNeed(db, { categoryId: category, neighbourhoodId: buer.id });
    await saveHome(v.cookie, {
      homePrecision: "street",
      homeStreet: "Bahnhofstraße 10",
      homePostcode: "45879",
    });

    const query = `?km=30&category=${encodeURIComponent(db.$client.prepare("select slug from categories where id = ?").pluck().get(category) as string)}`;
    let found = await findItems(v.cookie, query);
    const shiftBefore = found.items.find((i) => i.kind === "shift" && i.id === activity.shift.id)!;
    // Nothing looked up yet: centroid to centroid, marked.
    expect(found.homeApproximate).toBe(true);
    expect(shiftBefore).toMatchObject({ distanceKm: km(altstadt, buer), distanceApproximate: true });

    geocoder();
    await runGeocodingJob();
    found = await findItems(v.cookie, query);
    expect(found.homeApproximate).toBe(false);
    const home = mockPoint("45879", "Bahnhofstraße 10")!;
    const place = mockPoint("45894", "De-la-Chevallerie-Straße 42")!;
    expect(found.items.find((i) => i.kind === "shift" && i.id === activity.shift.id)).toMatchObject({
      distanceKm: km(home, place),
      distanceApproximate: false,
    });
    // A need has no address by design: from the address to its neighbourhood's centroid, marked.
    expect(found.items.find((i) => i.kind === "need" && i.id === need.id)).toMatchObject({
      distanceKm: km(home, buer),
      distanceApproximate: true,
    });
    // The distance filter uses the same distance.
    const tight = await findItems(v.cookie, `?km=${Math.floor(km(home, place) - 0.5)}&what=shifts`);
    expect(tight.items.some((i) => i.id === activity.shift.id)).toBe(false);
    const wide = await findItems(v.cookie, `?km=${Math.ceil(km(home, place) + 0.5)}&what=shifts`);
    expect(wide.items.some((i) => i.id === activity.shift.id)).toBe(true);
  });

  it("one request per second, each address once", async () => {
    const seen = geocoder();
    const times: number[] = [];
    server.use(
      ...geocoderHandlers("success", GEOCODER_MOCK_URL, {
        onRequest: (r) => (seen.push(r), times.push(Date.now())),
      }),
    );
    for (const street of ["Hauptstraße 1", "Hauptstraße 2", "Hauptstraße 3"]) {
      const v = await volunteerAt(altstadt.id);
      await saveHome(v.cookie, { homePrecision: "street", homeStreet: street, homePostcode: "45879" });
    }
    // Two volunteers at the same address: one lookup.
    const twin = await volunteerAt(altstadt.id);
    await saveHome(twin.cookie, {
      homePrecision: "street",
      homeStreet: "hauptstraße  1",
      homePostcode: "45879",
    });
    await runGeocodingJob();
    expect(seen).toHaveLength(3);
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(GEOCODER_SPACING_MS - 50);
    await runGeocodingJob();
    expect(seen).toHaveLength(3);
  });

  it("a point outside the address's neighbourhood, or no answer, is not believed: 'ungefähr'", async () => {
    for (const [scenario, postcode, status] of [
      ["elsewhere", "45879", "outside"],
      ["success", "99999", "not_found"],
    ] as const) {
      const v = await volunteerAt(altstadt.id);
      await saveHome(v.cookie, { homePrecision: "postcode", homePostcode: postcode });
      geocoder(scenario);
      await runGeocodingJob();
      const key = db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, v.id)).get()!
        .homeGeocodeKey!;
      expect(db.select().from(geocodeCache).where(eq(geocodeCache.key, key)).get()).toMatchObject({ status });
      expect((await findItems(v.cookie)).homeApproximate).toBe(true);
      // A final answer: not asked again.
      const again = geocoder();
      await runGeocodingJob();
      expect(again).toHaveLength(0);
    }
  });

  it.each(SCENARIOS.filter((s) => s !== "success"))(
    "geocoder %s: the job gives up within the timeout and tries later; the page answers at once, 'ungefähr', calling no one",
    async (scenario) => {
      const v = await volunteerAt(altstadt.id);
      await saveHome(v.cookie, { homePrecision: "postcode", homePostcode: "45881" });
      const seen = geocoder(scenario);
      const started = performance.now();
      await runGeocodingJob();
      expect(performance.now() - started).toBeLessThan(OUTSIDE_TIMEOUT_MS + GEOCODER_SPACING_MS + 1_000);
      const key = db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, v.id)).get()!
        .homeGeocodeKey!;
      const row = db.select().from(geocodeCache).where(eq(geocodeCache.key, key)).get();
      expect(row).toMatchObject({ status: "failed", attempts: 1 });
      expect(row!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());

      const requestsBefore = seen.length;
      const pageStarted = performance.now();
      const found = await findItems(v.cookie, "?km=5");
      expect(performance.now() - pageStarted).toBeLessThan(OUTSIDE_TIMEOUT_MS);
      expect(seen).toHaveLength(requestsBefore);
      expect(found).toMatchObject({ hasHome: true, homeApproximate: true });
      expect(found.items.every((i) => i.distanceApproximate)).toBe(true);
      const profile = await callLoader(profilePage.loader, "/volunteer/profile", { cookie: v.cookie });
      expect((profile.data as { home: unknown }).home).toMatchObject({ status: "failed" });
    },
  );

  it("a 429 stops the run: the addresses after it wait for the service's pause", async () => {
    for (const street of ["Weg 1", "Weg 2", "Weg 3"]) {
      const v = await volunteerAt(altstadt.id);
      await saveHome(v.cookie, { homePrecision: "street", homeStreet: street, homePostcode: "45883" });
    }
    const seen = geocoder("rateLimited");
    await runGeocodingJob();
    expect(seen).toHaveLength(1);
  });

  it("without GEOCODER_URL there is no job, nothing is sent, and every distance is 'ungefähr'", async () => {
    delete process.env.GEOCODER_URL;
    expect(periodicJobs().some((j) => j.kind === GEOCODING_JOB.kind)).toBe(false);
    const v = await volunteerAt(altstadt.id);
    const profile = await callLoader(profilePage.loader, "/volunteer/profile", { cookie: v.cookie });
    expect((profile.data as { geocoderHost: string | null }).geocoderHost).toBeNull();
    await activityAtPlace(altstadt.id, "Florastraße 3", "45879");
    const found = await findItems(v.cookie, "?km=30");
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((i) => i.distanceApproximate)).toBe(true);
  });

  it("the system page shows each service's circuit breaker and where the addresses stand", async () => {
    const admin = createUser(db, { role: "admin" });
    const cookie = await sessionCookieFor(admin.id);
    const v = await volunteerAt(altstadt.id);
    await saveHome(v.cookie, { homePrecision: "postcode", homePostcode: "45886" });
    geocoder("rateLimited");
    await runGeocodingJob();
    const page = await callLoader(adminPage.loader, "/admin/system", { cookie });
    expect(page.status).toBe(200);
    const data = page.data as {
      services: Array<{
        name: string;
        host: string | null;
        state: string;
        openUntil: number | null;
        lastError: string | null;
      }>;
      addresses: { failed: number };
    };
    const byName = Object.fromEntries(data.services.map((s) => [s.name, s]));
    // No TRANSLATE_URL in this test: shown as not set up.
    expect(byName.translate).toMatchObject({ host: null, state: "closed" });
    expect(byName.geocoder).toMatchObject({ host: "geocoder.mock.localhost", state: "open" });
    expect(byName.geocoder!.openUntil).toBeGreaterThan(Date.now());
    expect(byName.geocoder!.lastError).toMatch(/^rate_limited: 429/);
    expect(data.addresses.failed).toBeGreaterThan(0);
    // Only administrators see it.
    const denied = await callLoader(adminPage.loader, "/admin/system", { cookie: v.cookie });
    expect([403, 404]).toContain(denied.status);
  });
});
