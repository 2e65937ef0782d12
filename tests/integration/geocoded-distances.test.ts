/**
 * Property (issue 17): finding work and matching use the geocoded distance where there is one, and a
 * geocoded distance is never farther than the centroid estimate allows by more than the district's
 * radius — nor nearer by more. The geocoder's answers are written as any writer might (plain SQL),
 * including points the gate must not believe: outside the neighbourhood's radius (a wrong town, or a
 * radius made smaller after the lookup), "outside", "not found", "failed".
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "@db/client";
import { findWork } from "~/modules/finding/find-work.server";
import { loadMatchingInstance } from "~/modules/matches/matching-instance.server";
import { buildCandidateIndex, suggest } from "~/modules/matching";
import { haversineKm } from "~/modules/matching/geo";
import { getHomeLocation } from "~/modules/outside/geocode-cache.server";
import { createTempDb, type TempDb } from "../helpers/db";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2 March 2026, 09:00 UTC. */
const NOW = Date.UTC(2026, 2, 2, 9, 0);
/** km per degree of latitude; a degree of longitude is about 0.62 of it here. */
const KM_PER_DEGREE = 111.2;
/** Distances on pages and in scores are rounded to 0.1 km. */
const ROUNDING = 0.05 + 1e-9;

let temp: TempDb | null = null;
afterEach(() => {
  temp?.cleanup();
  temp = null;
});

function run(db: Db, sql: string, ...params: unknown[]) {
  return db.$client.prepare(sql).run(...params);
}

const ANSWERS = ["none", "found", "found", "found", "outside", "not_found", "failed"] as const;
type Answer = (typeof ANSWERS)[number];

/** A geocoder answer: a point up to `spread` times the neighbourhood's radius from its centroid. */
const answerArb = fc.record({
  answer: fc.constantFrom(...ANSWERS),
  /** Direction and distance of the point, as fractions of the radius (beyond 1: outside it). */
  angle: fc.integer({ min: 0, max: 359 }).map((degrees) => (degrees * Math.PI) / 180),
  spread: fc.integer({ min: 0, max: 1600 }).map((perMille) => perMille / 1000),
});

const worldArb = fc.record({
  neighbourhoods: fc.array(
    fc.record({
      lat: fc.integer({ min: 51_450, max: 51_600 }).map((milli) => milli / 1000),
      lon: fc.integer({ min: 7_000, max: 7_150 }).map((milli) => milli / 1000),
      radiusKm: fc.constantFrom(0.5, 1, 2, 4),
    }),
    { minLength: 2, maxLength: 5 },
  ),
  /** Each home or place: its neighbourhood (index) and the geocoder's answer for its address. */
  homes: fc.array(fc.tuple(fc.nat(), answerArb), { minLength: 1, maxLength: 4 }),
  places: fc.array(fc.tuple(fc.nat(), answerArb), { minLength: 1, maxLength: 4 }),
  needs: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  /** The neighbourhoods' radii may shrink after the lookups (points once believed are then not). */
  shrink: fc.option(fc.nat(), { nil: null }),
});
type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

interface Built {
  db: Db;
  neighbourhoods: { id: number; lat: number; lon: number; radiusKm: number }[];
  volunteers: { userId: string; neighbourhood: number; offerId: number }[];
  places: { placeId: number; neighbourhood: number; shiftId: number }[];
  needs: { needId: number; neighbourhood: number }[];
}

function pointNear(n: { lat: number; lon: number; radiusKm: number }, a: { angle: number; spread: number }) {
  const km = a.spread * n.radiusKm;
  const dLat = (km * Math.cos(a.angle)) / KM_PER_DEGREE;
  const dLon = (km * Math.sin(a.angle)) / (KM_PER_DEGREE * Math.cos((n.lat * Math.PI) / 180));
  return { lat: n.lat + dLat, lon: n.lon + dLon };
}

function writeAnswer(
  db: Db,
  key: string,
  n: { lat: number; lon: number; radiusKm: number },
  a: { answer: Answer; angle: number; spread: number },
) {
  if (a.answer === "none") return;
  const point = a.answer === "found" || a.answer === "outside" ? pointNear(n, a) : null;
  run(
    db,
    "INSERT INTO geocode_cache (key, status, lat, lon, looked_up_at) VALUES (?, ?, ?, ?, ?)",
    key,
    a.answer,
    point?.lat ?? null,
    point?.lon ?? null,
    NOW,
  );
}

function build(world: World): Built {
  temp = createTempDb();
  const db = temp.db;
  const neighbourhoods = world.neighbourhoods.map((n, i) => ({
    id: run(
      db,
      "INSERT INTO neighbourhoods (slug, name, municipality, lat, lon, radius_km) VALUES (?, ?, 'Gelsenkirchen', ?, ?, ?)",
      `nb-${i}`,
      `Viertel ${i}`,
      n.lat,
      n.lon,
      n.radiusKm,
    ).lastInsertRowid as number,
    ...n,
  }));
  const at = (k: number) => neighbourhoods[k % neighbourhoods.length]!;
  const category = run(db, "INSERT INTO categories (slug, name) VALUES ('begleitung', 'Begleitung')")
    .lastInsertRowid as number;
  const org = run(
    db,
    "INSERT INTO organisations (slug, name, kind, verified_at) VALUES ('club', 'Verein', 'sports_club', 0)",
  ).lastInsertRowid as number;

  // Volunteers: a home address (postcode) in their neighbourhood, one offer reaching 100 km, any time.
  const volunteers = world.homes.map(([k, a], i) => {
    const n = at(k);
    const userId = `vol-${i}`;
    const key = `home-${i}`;
    run(
      db,
      "INSERT INTO users (id, email, password_hash, display_name) VALUES (?, ?, 'x', ?)",
      userId,
      `${userId}@beispiel.test`,
      userId,
    );
    run(
      db,
      `INSERT INTO volunteer_profiles (user_id, home_neighbourhood_id, home_precision, home_postcode, home_geocode_key, radius_km, hours_cap_per_week)
       VALUES (?, ?, 'postcode', '45879', ?, 100, 40)`,
      userId,
      n.id,
      key,
    );
    writeAnswer(db, key, n, a);
    const offerId = run(
      db,
      "INSERT INTO offers (volunteer_id, category_id, title, capacity, radius_km) VALUES (?, ?, 'Begleitung', 5, 100)",
      userId,
      category,
    ).lastInsertRowid as number;
    run(db, "INSERT INTO offer_languages (offer_id, language) VALUES (?, 'de')", offerId);
    for (let weekday = 0; weekday < 7; weekday++)
      run(
        db,
        "INSERT INTO offer_availability (offer_id, weekday, start_minute, end_minute) VALUES (?, ?, 0, 1440)",
        offerId,
        weekday,
      );
    return { userId, neighbourhood: n.id, offerId };
  });

  // The organisation's places, each with a published activity and a shift there.
  const places = world.places.map(([k, a], i) => {
    const n = at(k);
    const key = `place-${i}`;
    const placeId = run(
      db,
      `INSERT INTO organisation_places (organisation_id, name, street, postcode, neighbourhood_id, geocode_key)
       VALUES (?, ?, 'Weg 1', '45879', ?, ?)`,
      org,
      `Ort ${i}`,
      n.id,
      key,
    ).lastInsertRowid as number;
    writeAnswer(db, key, n, a);
    const startsAt = NOW + DAY + i * HOUR;
    const eventId = run(
      db,
      `INSERT INTO events (organisation_id, category_id, neighbourhood_id, place_id, title, starts_at, ends_at, status, published_at)
       VALUES (?, ?, ?, ?, 'Training', ?, ?, 'published', ?)`,
      org,
      category,
      n.id,
      placeId,
      startsAt,
      startsAt + HOUR,
      NOW,
    ).lastInsertRowid as number;
    const shiftId = run(
      db,
      "INSERT INTO shifts (event_id, title, starts_at, ends_at, needed_count) VALUES (?, 'Helfen', ?, ?, 2)",
      eventId,
      startsAt,
      startsAt + HOUR,
    ).lastInsertRowid as number;
    return { placeId, neighbourhood: n.id, shiftId };
  });

  const needs = world.needs.map((k, i) => {
    const n = at(k);
    const startsAt = NOW + 2 * DAY + i * HOUR;
    const needId = run(
      db,
      `INSERT INTO needs (category_id, neighbourhood_id, title, description, helpers_needed, schedule, starts_at, ends_at)
       VALUES (?, ?, 'Hilfe', 'Hilfe', 1, 'one_off', ?, ?)`,
      category,
      n.id,
      startsAt,
      startsAt + HOUR,
    ).lastInsertRowid as number;
    run(db, "INSERT INTO need_languages (need_id, language) VALUES (?, 'de')", needId);
    return { needId, neighbourhood: n.id };
  });

  if (world.shrink !== null) {
    const n = at(world.shrink);
    run(db, "UPDATE neighbourhoods SET radius_km = 0.5 WHERE id = ?", n.id);
    n.radiusKm = 0.5;
  }
  return { db, neighbourhoods, volunteers, places, needs };
}

const km = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
  haversineKm(a.lat, a.lon, b.lat, b.lon);

describe("a geocoded distance", () => {
  it("in matching: never farther (or nearer) than the centroid estimate by more than the home district's radius", () => {
    let geocoded = 0;
    fc.assert(
      fc.property(worldArb, (world) => {
        temp?.cleanup();
        const w = build(world);
        const byId = new Map(w.neighbourhoods.map((n) => [n.id, n]));
        const instance = loadMatchingInstance(w.db, {}, { now: NOW });
        const index = buildCandidateIndex(instance);
        for (const need of instance.needs) {
          const needCentroid = byId.get(need.neighbourhoodId)!;
          const scores = new Map(suggest(index, need, 10).map((c) => [c.offerId, c]));
          for (const v of w.volunteers) {
            const home = byId.get(v.neighbourhood)!;
            const offer = instance.offers.find((o) => o.id === v.offerId)!;
            const estimate = km(home, needCentroid);
            const distance = km(offer.home!, needCentroid);
            expect(distance).toBeLessThanOrEqual(estimate + home.radiusKm + 1e-9);
            expect(distance).toBeGreaterThanOrEqual(estimate - home.radiusKm - 1e-9);
            // The point used is the believed answer, else the centroid.
            const located = getHomeLocation(w.db, v.userId)!.point!;
            expect(offer.home).toEqual({ lat: located.lat, lon: located.lon });
            if (!located.approximate) geocoded++;
            // Every offer reaches 100 km: a candidate, scored with that distance.
            expect(Math.abs(scores.get(v.offerId)!.distanceKm! - distance)).toBeLessThanOrEqual(ROUNDING);
          }
        }
      }),
      { seed: 17, numRuns: 40 },
    );
    // The runs did measure from believed points, not only from centroids.
    expect(geocoded).toBeGreaterThan(0);
  });

  it("in finding work: from the home to a shift's place within both districts' radii, to a need within the home's", () => {
    let geocodedBoth = 0;
    fc.assert(
      fc.property(worldArb, (world) => {
        temp?.cleanup();
        const w = build(world);
        const byId = new Map(w.neighbourhoods.map((n) => [n.id, n]));
        for (const v of w.volunteers) {
          const home = byId.get(v.neighbourhood)!;
          const located = getHomeLocation(w.db, v.userId)!.point!;
          const result = findWork(
            w.db,
            { what: "all", fits: false, page: 1 },
            { userId: v.userId, home: located, locale: "de" },
            NOW,
          );
          expect(result.items).toHaveLength(w.places.length + w.needs.length);
          for (const item of result.items) {
            if (item.kind === "shift") {
              const place = w.places.find((p) => p.shiftId === item.id)!;
              const at = byId.get(place.neighbourhood)!;
              const estimate = km(home, at);
              const slack = home.radiusKm + at.radiusKm + ROUNDING;
              expect(item.distanceKm!).toBeLessThanOrEqual(estimate + slack);
              expect(item.distanceKm!).toBeGreaterThanOrEqual(estimate - slack);
              // Marked "ungefähr" exactly when a centroid stood in at either end.
              const row = w.db.$client
                .prepare(
                  "SELECT g.status, g.lat, g.lon FROM organisation_places op LEFT JOIN geocode_cache g ON g.key = op.geocode_key WHERE op.id = ?",
                )
                .get(place.placeId) as { status: string | null; lat: number | null; lon: number | null };
              const placeBelieved =
                row.status === "found" && km(at, { lat: row.lat!, lon: row.lon! }) <= at.radiusKm;
              expect(item.distanceApproximate).toBe(located.approximate || !placeBelieved);
              if (!item.distanceApproximate) {
                geocodedBoth++;
                expect(
                  Math.abs(item.distanceKm! - km(located, { lat: row.lat!, lon: row.lon! })),
                ).toBeLessThanOrEqual(ROUNDING);
              }
            } else {
              const need = w.needs.find((n) => n.needId === item.id)!;
              const at = byId.get(need.neighbourhood)!;
              const estimate = km(home, at);
              expect(item.distanceKm!).toBeLessThanOrEqual(estimate + home.radiusKm + ROUNDING);
              expect(item.distanceKm!).toBeGreaterThanOrEqual(estimate - home.radiusKm - ROUNDING);
              expect(item.distanceApproximate).toBe(true);
            }
          }
        }
      }),
      { seed: 23, numRuns: 25 },
    );
    // The runs did measure from believed points at both ends, not only from centroids.
    expect(geocodedBoth).toBeGreaterThan(0);
  });
});
