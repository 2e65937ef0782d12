/**
 * A need's suggestions come from the reach index kept in memory plus a narrow load of its candidates
 * (candidate-reach.server.ts). Property: after any sequence of writes — to offers, profiles, places,
 * languages, times, matches, hours, neighbourhoods, home addresses, organisations' places and the
 * geocoder's answers, by plain SQL as any writer might — they are exactly what a fresh full load of the
 * whole database gives.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@db/client";
import { candidateReachStatus, prepareCandidateReach } from "~/modules/matches/candidate-reach.server";
import { loadMatchingInstance } from "~/modules/matches/matching-instance.server";
import { explainCandidate, suggestForNeed } from "~/modules/matches/matching.server";
import { buildCandidateIndex, explainExclusion, listCandidateScores, suggest } from "~/modules/matching";
import { createTempDb, type TempDb } from "../helpers/db";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2 March 2026, 09:00 UTC. */
const NOW = Date.UTC(2026, 2, 2, 9, 0);
const LANGUAGES = ["de", "ar", "uk", "tr"] as const;
const GENDERS = ["female", "male", "diverse", "unspecified"] as const;
/** Gelsenkirchen-like centroids: a few km apart, so radii of 0–6 km reach some and not others. */
const PLACES = [
  [51.5087, 7.0964],
  [51.531, 7.108],
  [51.517, 7.123],
  [51.577, 7.052],
  [51.49, 7.108],
] as const;

/** Addresses by their cache key: several profiles and places may name the same one. */
const GEOCODE_KEYS = ["adresse-a", "adresse-b", "adresse-c"] as const;

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

interface World {
  neighbourhoods: number[];
  categories: number[];
  volunteers: string[];
  organisations: number[];
}

function run(db: Db, sql: string, ...params: unknown[]) {
  return db.$client.prepare(sql).run(...params);
}
function ids<T>(db: Db, sql: string): T[] {
  return db.$client.prepare(sql).pluck().all() as T[];
}

function buildWorld(db: Db): World {
  const neighbourhoods = PLACES.map(
    ([lat, lon], i) =>
      run(
        db,
        "INSERT INTO neighbourhoods (slug, name, municipality, lat, lon) VALUES (?, ?, 'Gelsenkirchen', ?, ?)",
        `nb-${i}`,
        `Viertel ${i}`,
        lat,
        lon,
      ).lastInsertRowid as number,
  );
  const categories = ["begleitung", "sprache"].map(
    (slug) =>
      run(db, "INSERT INTO categories (slug, name) VALUES (?, ?)", slug, slug).lastInsertRowid as number,
  );
  const volunteers: string[] = [];
  for (let i = 0; i < 6; i++) {
    const id = `vol-${i}`;
    run(
      db,
      "INSERT INTO users (id, email, password_hash, display_name, gender) VALUES (?, ?, 'x', ?, ?)",
      id,
      `${id}@beispiel.test`,
      `Helfer ${i}`,
      GENDERS[i % 4],
    );
    run(
      db,
      `INSERT INTO volunteer_profiles (user_id, home_neighbourhood_id, radius_km, hours_cap_per_week,
         certificate_valid_until, certificate_verified_at) VALUES (?, ?, ?, ?, ?, ?)`,
      id,
      neighbourhoods[i % neighbourhoods.length],
      i % 3 === 0 ? 0 : 2 + i,
      2 + (i % 3) * 3,
      i % 2 ? "2027-01-01" : null,
      i % 2 ? NOW - 30 * DAY : null,
    );
    run(
      db,
      "INSERT OR IGNORE INTO volunteer_languages (user_id, language, level) VALUES (?, ?, 'fluent')",
      id,
      LANGUAGES[i % 4],
    );
    run(
      db,
      "INSERT OR IGNORE INTO volunteer_languages (user_id, language, level) VALUES (?, 'de', 'fluent')",
      id,
    );
    run(
      db,
      "INSERT INTO volunteer_availability (user_id, weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)",
      id,
      i % 3,
      8 * 60 + i * 30,
      18 * 60,
    );
    volunteers.push(id);
  }
  const organisations = [0, 1].map((i) => {
    const id = run(
      db,
      "INSERT INTO organisations (slug, name, kind, verified_at) VALUES (?, ?, 'sports_club', 0)",
      `club-${i}`,
      `Verein ${i}`,
    ).lastInsertRowid as number;
    run(
      db,
      "INSERT INTO organisation_neighbourhoods (organisation_id, neighbourhood_id) VALUES (?, ?)",
      id,
      neighbourhoods[i + 1],
    );
    return id;
  });
  const world = { neighbourhoods, categories, volunteers, organisations };
  for (let i = 0; i < 12; i++) {
    insertOffer(db, world, {
      owner: i,
      category: i % 2,
      capacity: 1 + (i % 3),
      radiusKm: i % 4 === 0 ? 4 : 0,
      languages: i % 3 === 0 ? [] : [LANGUAGES[i % 4]!, "de"],
      places: i % 2 === 0 ? [] : [i % 5],
      slots: i % 4 === 1 ? [] : [[1, 14 * 60, 18 * 60]],
    });
  }
  for (let i = 0; i < 6; i++) {
    const schedule = i % 2 ? "recurring" : "one_off";
    const startsAt = NOW + (1 + i) * DAY + 14 * HOUR;
    const needId = run(
      db,
      `INSERT INTO needs (category_id, neighbourhood_id, title, description, helpers_needed, schedule,
         starts_at, ends_at, requires_certificate, gender_preference) VALUES (?, ?, 'Hilfe', 'Hilfe', ?, ?, ?, ?, ?, ?)`,
      categories[i % 2],
      neighbourhoods[i % 5],
      1 + (i % 2),
      schedule,
      schedule === "recurring" ? NOW - DAY : startsAt,
      schedule === "recurring" ? NOW + 60 * DAY : startsAt + 2 * HOUR,
      i === 4 ? 1 : 0,
      i === 5 ? "female" : "none",
    ).lastInsertRowid as number;
    run(db, "INSERT INTO need_languages (need_id, language) VALUES (?, ?)", needId, LANGUAGES[(i + 1) % 4]);
    if (schedule === "recurring")
      run(
        db,
        "INSERT INTO need_slots (need_id, weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)",
        needId,
        1,
        15 * 60,
        17 * 60,
      );
  }
  return world;
}

interface OfferDraft {
  /** Volunteers first, then organisations (modulo their count). */
  owner: number;
  category: number;
  capacity: number;
  radiusKm: number;
  languages: string[];
  places: number[];
  slots: Array<[number, number, number]>;
}

function insertOffer(db: Db, world: World, draft: OfferDraft): number {
  const owners = world.volunteers.length + world.organisations.length;
  const owner = draft.owner % owners;
  const volunteer = owner < world.volunteers.length ? world.volunteers[owner]! : null;
  const organisation = volunteer ? null : world.organisations[owner - world.volunteers.length]!;
  const id = run(
    db,
    `INSERT INTO offers (volunteer_id, organisation_id, category_id, title, capacity, radius_km)
     VALUES (?, ?, ?, 'Angebot', ?, ?)`,
    volunteer,
    organisation,
    world.categories[draft.category % world.categories.length],
    draft.capacity,
    draft.radiusKm,
  ).lastInsertRowid as number;
  setOfferChildren(db, world, id, draft);
  return id;
}

function setOfferChildren(
  db: Db,
  world: World,
  offerId: number,
  draft: Pick<OfferDraft, "languages" | "places" | "slots">,
) {
  run(db, "DELETE FROM offer_languages WHERE offer_id = ?", offerId);
  run(db, "DELETE FROM offer_neighbourhoods WHERE offer_id = ?", offerId);
  run(db, "DELETE FROM offer_availability WHERE offer_id = ?", offerId);
  for (const language of new Set(draft.languages))
    run(db, "INSERT INTO offer_languages (offer_id, language) VALUES (?, ?)", offerId, language);
  for (const place of new Set(draft.places.map((p) => world.neighbourhoods[p % world.neighbourhoods.length])))
    run(db, "INSERT INTO offer_neighbourhoods (offer_id, neighbourhood_id) VALUES (?, ?)", offerId, place);
  for (const [weekday, from, to] of draft.slots)
    run(
      db,
      "INSERT INTO offer_availability (offer_id, weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)",
      offerId,
      weekday,
      from,
      to,
    );
}

const pick = <T>(list: readonly T[], k: number): T | undefined =>
  list.length ? list[k % list.length] : undefined;

// ---- Writes ----------------------------------------------------------------------------------------
const slotArb = fc
  .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 6, max: 14 }), fc.integer({ min: 1, max: 8 }))
  .map(([weekday, hour, length]): [number, number, number] => [
    weekday,
    hour * 60,
    Math.min(24, hour + length) * 60,
  ]);
const draftArb = fc.record({
  owner: fc.nat(20),
  category: fc.nat(1),
  capacity: fc.integer({ min: 1, max: 3 }),
  radiusKm: fc.constantFrom(0, 0, 1, 3, 6),
  languages: fc.subarray([...LANGUAGES]),
  places: fc.array(fc.nat(4), { maxLength: 2 }),
  slots: fc.array(slotArb, { maxLength: 2 }),
});

type Write = (db: Db, world: World) => void;
const writeArb: fc.Arbitrary<[string, Write]> = fc.oneof(
  draftArb.map((d): [string, Write] => [
    `new offer ${JSON.stringify(d)}`,
    (db, w) => void insertOffer(db, w, d),
  ]),
  fc.tuple(fc.nat(), draftArb).map(([k, d]): [string, Write] => [
    `offer #${k} gets languages, places and times ${JSON.stringify(d)}`,
    (db, w) => {
      const id = pick(ids<number>(db, "SELECT id FROM offers ORDER BY id"), k);
      if (id) setOfferChildren(db, w, id, d);
    },
  ]),
  fc
    .tuple(
      fc.nat(),
      fc.record({
        status: fc.constantFrom("active", "paused", "ended"),
        radius_km: fc.constantFrom(0, 2, 5),
        category_id: fc.nat(1),
        valid_until: fc.constantFrom(null, "2026-03-01", "2026-12-31"),
        capacity: fc.integer({ min: 1, max: 3 }),
      }),
    )
    .map(([k, v]): [string, Write] => [
      `offer #${k} set to ${JSON.stringify(v)}`,
      (db, w) => {
        const id = pick(ids<number>(db, "SELECT id FROM offers ORDER BY id"), k);
        if (id)
          run(
            db,
            "UPDATE offers SET status = ?, radius_km = ?, category_id = ?, valid_until = ?, capacity = ? WHERE id = ?",
            v.status,
            v.radius_km,
            w.categories[v.category_id],
            v.valid_until,
            v.capacity,
            id,
          );
      },
    ]),
  fc.nat().map((k): [string, Write] => [
    `offer #${k} deleted`,
    (db) => {
      const id = pick(ids<number>(db, "SELECT id FROM offers ORDER BY id"), k);
      if (id) run(db, "DELETE FROM offers WHERE id = ?", id);
    },
  ]),
  fc
    .tuple(
      fc.nat(5),
      fc.record({
        home: fc.nat(4),
        radius: fc.constantFrom(0, 1, 3, 8),
        cap: fc.constantFrom(1, 4, 10),
        certificate: fc.constantFrom(null, "2026-02-01", "2027-06-30"),
        gender: fc.constantFrom(...GENDERS),
      }),
    )
    .map(([k, v]): [string, Write] => [
      `volunteer ${k} profile ${JSON.stringify(v)}`,
      (db, w) => {
        run(
          db,
          `UPDATE volunteer_profiles SET home_neighbourhood_id = ?, radius_km = ?, hours_cap_per_week = ?,
             certificate_valid_until = ?, certificate_verified_at = ? WHERE user_id = ?`,
          w.neighbourhoods[v.home],
          v.radius,
          v.cap,
          v.certificate,
          v.certificate ? NOW - DAY : null,
          w.volunteers[k],
        );
        run(db, "UPDATE users SET gender = ? WHERE id = ?", v.gender, w.volunteers[k]);
      },
    ]),
  fc
    .tuple(
      fc.nat(5),
      fc.subarray([...LANGUAGES]),
      fc.array(fc.nat(4), { maxLength: 2 }),
      fc.array(slotArb, { maxLength: 2 }),
    )
    .map(([k, languages, places, slots]): [string, Write] => [
      `volunteer ${k} speaks ${languages}, serves ${places}, free ${JSON.stringify(slots)}`,
      (db, w) => {
        const id = w.volunteers[k];
        run(db, "DELETE FROM volunteer_languages WHERE user_id = ?", id);
        run(db, "DELETE FROM volunteer_neighbourhoods WHERE user_id = ?", id);
        run(db, "DELETE FROM volunteer_availability WHERE user_id = ?", id);
        for (const language of languages)
          run(
            db,
            "INSERT INTO volunteer_languages (user_id, language, level) VALUES (?, ?, 'good')",
            id,
            language,
          );
        for (const place of new Set(places))
          run(
            db,
            "INSERT INTO volunteer_neighbourhoods (user_id, neighbourhood_id) VALUES (?, ?)",
            id,
            w.neighbourhoods[place],
          );
        for (const [weekday, from, to] of slots)
          run(
            db,
            "INSERT INTO volunteer_availability (user_id, weekday, start_minute, end_minute) VALUES (?, ?, ?, ?)",
            id,
            weekday,
            from,
            to,
          );
      },
    ]),
  fc
    .tuple(fc.nat(1), fc.array(fc.nat(4), { minLength: 1, maxLength: 2 }))
    .map(([k, places]): [string, Write] => [
      `organisation ${k} in ${places}`,
      (db, w) => {
        run(db, "DELETE FROM organisation_neighbourhoods WHERE organisation_id = ?", w.organisations[k]);
        for (const place of new Set(places))
          run(
            db,
            "INSERT INTO organisation_neighbourhoods (organisation_id, neighbourhood_id) VALUES (?, ?)",
            w.organisations[k],
            w.neighbourhoods[place],
          );
      },
    ]),
  fc
    .tuple(
      fc.nat(),
      fc.nat(),
      fc.constantFrom("proposed", "accepted", "declined", "active", "completed", "ended"),
    )
    .map(([n, o, status]): [string, Write] => [
      `match need #${n} with offer #${o}: ${status}`,
      (db) => {
        const needId = pick(ids<number>(db, "SELECT id FROM needs ORDER BY id"), n);
        const offerId = pick(ids<number>(db, "SELECT id FROM offers ORDER BY id"), o);
        if (!needId || !offerId) return;
        run(
          db,
          `INSERT INTO matches (need_id, offer_id, status, score, proposed_at, responded_at) VALUES (?, ?, ?, 60, ?, ?)
           ON CONFLICT (need_id, offer_id) DO UPDATE SET status = excluded.status`,
          needId,
          offerId,
          status,
          NOW - 9 * DAY,
          status === "proposed" ? null : NOW - 8 * DAY,
        );
      },
    ]),
  fc
    .tuple(fc.nat(5), fc.nat(1), fc.boolean())
    .map(([k, category, confirmed]): [string, Write] => [
      `volunteer ${k} logs hours in category ${category} (confirmed: ${confirmed})`,
      (db, w) =>
        void run(
          db,
          `INSERT INTO hours_log (volunteer_id, date, hours, source, category_id, confirmed_at) VALUES (?, '2026-02-20', 3, 'other', ?, ?)`,
          w.volunteers[k],
          w.categories[category],
          confirmed ? NOW - DAY : null,
        ),
    ]),
  fc
    .tuple(fc.nat(), fc.constantFrom(...LANGUAGES), fc.nat(4))
    .map(([k, language, place]): [string, Write] => [
      `need #${k} now in ${place}, speaking ${language}`,
      (db, w) => {
        const needId = pick(ids<number>(db, "SELECT id FROM needs ORDER BY id"), k);
        if (!needId) return;
        run(db, "UPDATE needs SET neighbourhood_id = ? WHERE id = ?", w.neighbourhoods[place], needId);
        run(db, "DELETE FROM need_languages WHERE need_id = ?", needId);
        run(db, "INSERT INTO need_languages (need_id, language) VALUES (?, ?)", needId, language);
      },
    ]),
  fc
    .tuple(fc.nat(5), fc.option(fc.nat(GEOCODE_KEYS.length - 1), { nil: null }))
    .map(([k, key]): [string, Write] => [
      key === null ? `volunteer ${k} gives no address` : `volunteer ${k} gives address ${GEOCODE_KEYS[key]}`,
      (db, w) =>
        void run(
          db,
          `UPDATE volunteer_profiles SET home_precision = ?, home_postcode = ?, home_geocode_key = ?
           WHERE user_id = ?`,
          key === null ? "neighbourhood" : "postcode",
          key === null ? null : "45879",
          key === null ? null : GEOCODE_KEYS[key],
          w.volunteers[k],
        ),
    ]),
  fc.tuple(fc.nat(1), fc.nat(4), fc.nat(GEOCODE_KEYS.length - 1)).map(([k, place, key]): [string, Write] => [
    `organisation ${k} adds a place in ${place} at ${GEOCODE_KEYS[key]}`,
    (db, w) =>
      void run(
        db,
        `INSERT INTO organisation_places (organisation_id, name, street, postcode, neighbourhood_id, geocode_key)
           VALUES (?, 'Halle', 'Weg 1', '45879', ?, ?)`,
        w.organisations[k],
        w.neighbourhoods[place],
        GEOCODE_KEYS[key],
      ),
  ]),
  fc.nat().map((k): [string, Write] => [
    `organisation place #${k} removed`,
    (db) => {
      const id = pick(ids<number>(db, "SELECT id FROM organisation_places ORDER BY id"), k);
      if (id) run(db, "DELETE FROM organisation_places WHERE id = ?", id);
    },
  ]),
  fc
    .tuple(
      fc.nat(GEOCODE_KEYS.length - 1),
      fc.constantFrom("found", "found", "outside", "not_found", "failed", "forgotten"),
      fc.integer({ min: -20, max: 20 }),
      fc.integer({ min: -20, max: 20 }),
      fc.nat(),
    )
    .map(([key, status, dLat, dLon, near]): [string, Write] => [
      `the geocoder says ${GEOCODE_KEYS[key]} is ${status} near #${near} (${dLat / 1000}°, ${dLon / 1000}°)`,
      (db) => {
        if (status === "forgotten") {
          run(db, "DELETE FROM geocode_cache WHERE key = ?", GEOCODE_KEYS[key]);
          return;
        }
        const point = status === "found" || status === "outside";
        // Near the neighbourhood of someone who names the address, mostly: then the point is believed
        // (or just not) and moves their distances.
        const named = db.$client
          .prepare(
            `SELECT lat, lon FROM neighbourhoods WHERE id IN (
               SELECT home_neighbourhood_id FROM volunteer_profiles WHERE home_geocode_key = ?
               UNION SELECT neighbourhood_id FROM organisation_places WHERE geocode_key = ?)
             ORDER BY id`,
          )
          .raw()
          // Plain "?" twice: better-sqlite3 does not take numbered parameters ("?1").
          .all(GEOCODE_KEYS[key], GEOCODE_KEYS[key]) as [number, number][];
        const [lat, lon] = named.length > 0 ? named[near % named.length]! : PLACES[near % PLACES.length]!;
        run(
          db,
          `INSERT INTO geocode_cache (key, status, lat, lon, looked_up_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET status = excluded.status, lat = excluded.lat, lon = excluded.lon`,
          GEOCODE_KEYS[key],
          status,
          point ? lat + dLat / 1000 : null,
          point ? lon + dLon / 1000 : null,
          NOW,
        );
      },
    ]),
  fc
    .tuple(fc.nat(4), fc.constantFrom(0.5, 1, 2, 4))
    .map(([k, radius]): [string, Write] => [
      `neighbourhood ${k} reaches ${radius} km`,
      (db, w) =>
        void run(db, "UPDATE neighbourhoods SET radius_km = ? WHERE id = ?", radius, w.neighbourhoods[k]),
    ]),
  fc
    .tuple(fc.nat(4), fc.integer({ min: -20, max: 20 }))
    .map(([k, shift]): [string, Write] => [
      `neighbourhood ${k} moves by ${shift / 1000}°`,
      (db, w) =>
        void run(
          db,
          "UPDATE neighbourhoods SET lat = lat + ? WHERE id = ?",
          shift / 1000,
          w.neighbourhoods[k],
        ),
    ]),
);

// ---- The comparison --------------------------------------------------------------------------------
/** The obvious way: the whole database loaded afresh, the whole index built, once per check. */
function fromFullLoad(db: Db) {
  const instance = loadMatchingInstance(db, {}, { now: NOW });
  const index = buildCandidateIndex(instance);
  return (needId: number) => {
    const need = instance.needs.find((n) => n.id === needId);
    if (!need) return null;
    return {
      view: {
        candidateCount: listCandidateScores(index, need).length,
        helpersNeeded: need.helpersNeeded,
        suggestions: suggest(index, need, 10),
      },
      explain: (offerId: number) => {
        const offer = instance.offers.find((o) => o.id === offerId);
        return offer ? explainExclusion(index, need, offer) : null;
      },
    };
  };
}

function fromReach(db: Db, needId: number) {
  const result = suggestForNeed(db, needId, 10, { now: NOW });
  if (!result) return null;
  return {
    candidateCount: result.candidateCount,
    helpersNeeded: result.helpersNeeded,
    suggestions: result.suggestions.map(({ offer: _offer, ...candidate }) => candidate),
  };
}

function expectSameSuggestions(db: Db, context: string, options: { whyNot: boolean }) {
  const expected = fromFullLoad(db);
  const offerIds = ids<number>(db, "SELECT id FROM offers ORDER BY id");
  for (const needId of ids<number>(db, "SELECT id FROM needs ORDER BY id")) {
    const full = expected(needId);
    expect(fromReach(db, needId), `${context}: need ${needId}`).toEqual(full?.view ?? null);
    if (!full || !options.whyNot) continue;
    // "Why not?" for every offer, active or not: the same verdict, rank and score.
    for (const offerId of offerIds) {
      const explanation = full.explain(offerId);
      if (!explanation) continue;
      const { offer: _offer, ...view } = explainCandidate(db, needId, offerId, { now: NOW })!;
      expect(view, `${context}: need ${needId}, why not offer ${offerId}`).toEqual(explanation);
    }
  }
}

describe("suggestions through the reach index", () => {
  it("equal a fresh full load after any sequence of writes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(writeArb, { minLength: 1, maxLength: 8 }), async (writes) => {
        temp.cleanup();
        temp = createTempDb();
        const world = buildWorld(temp.db);
        await prepareCandidateReach(temp.db);
        expect(candidateReachStatus(temp.db).ready).toBe(true);
        expectSameSuggestions(temp.db, "before any write", { whyNot: false });
        const done: string[] = [];
        for (const [label, write] of writes) {
          write(temp.db, world);
          done.push(label);
          expectSameSuggestions(temp.db, done.join(" → "), { whyNot: done.length === writes.length });
        }
        // Lookups were answered from the index (rebuilt inline after a neighbourhood moved).
        expect(candidateReachStatus(temp.db).ready).toBe(true);
      }),
      { seed: 19, numRuns: 25 },
    );
  }, 120_000);

  it("follow the geocoder's answers for homes and organisations' places, and the neighbourhoods' radii", async () => {
    const world = buildWorld(temp.db);
    const db = temp.db;
    const [nb0, nb1, , nb3] = world.neighbourhoods as [number, number, number, number];
    // Two offers whose reach only an address can widen: a volunteer at home far north (nb3, 8 km from
    // nb0 and 5 km from nb1) and organisation 0 (first neighbourhood nb1), each with a 1 km radius, any
    // language, any time. nb3 reaches 20 km, so that a point near nb1 or nb0 still lies inside it.
    run(db, "UPDATE neighbourhoods SET radius_km = 20 WHERE id = ?", nb3);
    run(
      db,
      "INSERT INTO users (id, email, password_hash, display_name) VALUES ('vol-far', 'far@beispiel.test', 'x', 'Weit')",
    );
    run(
      db,
      "INSERT INTO volunteer_profiles (user_id, home_neighbourhood_id, radius_km, hours_cap_per_week) VALUES ('vol-far', ?, 1, 10)",
      nb3,
    );
    const anyTime = Array.from({ length: 7 }, (_, weekday): [number, number, number] => [
      weekday,
      0,
      24 * 60,
    ]);
    const everything = { languages: [...LANGUAGES], places: [], slots: anyTime };
    const far = run(
      db,
      "INSERT INTO offers (volunteer_id, category_id, title, capacity, radius_km) VALUES ('vol-far', ?, 'Weit', 1, 1)",
      world.categories[1],
    ).lastInsertRowid as number;
    setOfferChildren(db, world, far, everything);
    const club = run(
      db,
      "INSERT INTO offers (organisation_id, category_id, title, capacity, radius_km) VALUES (?, ?, 'Verein', 1, 1)",
      world.organisations[0],
      world.categories[0],
    ).lastInsertRowid as number;
    setOfferChildren(db, world, club, everything);
    const needIn = (nb: number, category: number) =>
      db.$client
        .prepare("SELECT id FROM needs WHERE neighbourhood_id = ? AND category_id = ? ORDER BY id")
        .pluck()
        .get(nb, world.categories[category]) as number;
    const farNeed = needIn(nb1, 1);
    const clubNeed = needIn(nb0, 0);
    const verdicts = () => ({
      far: explainCandidate(db, farNeed, far, { now: NOW })?.status,
      club: explainCandidate(db, clubNeed, club, { now: NOW })?.status,
    });
    /** The geocoder's answer for `key`: a point `dLat` degrees north of the neighbourhood's centroid. */
    const answer = (key: string, status: string, nearNeighbourhood: number, dLat = 0.001) =>
      run(
        db,
        `INSERT INTO geocode_cache (key, status, lat, lon, looked_up_at)
         SELECT @key, @status, CASE WHEN @status = 'found' THEN lat + @dLat END,
           CASE WHEN @status = 'found' THEN lon END, 0
         FROM neighbourhoods WHERE id = @nb
         ON CONFLICT (key) DO UPDATE SET status = excluded.status, lat = excluded.lat, lon = excluded.lon`,
        { key, status, nb: nearNeighbourhood, dLat },
      );
    const addClubPlace = (nb: number, key: string) =>
      run(
        db,
        `INSERT INTO organisation_places (organisation_id, name, street, postcode, neighbourhood_id, geocode_key)
         VALUES (?, 'Halle', 'Weg 1', '45879', ?, ?)`,
        world.organisations[0],
        nb,
        key,
      );
    const clubPlace = (set: string, ...params: unknown[]) =>
      run(
        db,
        `UPDATE organisation_places SET ${set} WHERE organisation_id = ?`,
        ...params,
        world.organisations[0],
      );
    expect(verdicts()).toEqual({ far: "excluded", club: "excluded" });

    // Each step widens a reach (a narrower one the engine's full check would catch anyway), and only
    // the trigger it names can tell the index: before each, the index is rebuilt (a neighbourhood
    // "moves" by nothing), so no earlier change is still pending.
    type Verdicts = { far: string; club: string };
    const steps: Array<[string, () => void, Verdicts]> = [
      [
        "answers for two addresses, before anyone names them",
        () => {
          answer("k-far", "found", nb1);
          answer("k-club", "found", nb0);
        },
        { far: "excluded", club: "excluded" },
      ],
      [
        "the volunteer gives the first address (volunteer_profiles update)",
        () =>
          void run(
            db,
            "UPDATE volunteer_profiles SET home_precision = 'postcode', home_postcode = '45879', home_geocode_key = 'k-far' WHERE user_id = 'vol-far'",
          ),
        { far: "candidate", club: "excluded" },
      ],
      [
        "the club adds a place in nb3 at the second (organisation_places insert)",
        () => void addClubPlace(nb3, "k-club"),
        { far: "candidate", club: "candidate" },
      ],
      [
        "both answers become 'not found'",
        () => {
          answer("k-far", "not_found", nb1);
          answer("k-club", "not_found", nb0);
        },
        { far: "excluded", club: "excluded" },
      ],
      [
        "the club's address is found after all (geocode_cache update)",
        () => void answer("k-club", "found", nb0),
        { far: "excluded", club: "candidate" },
      ],
      [
        "the volunteer's answer is forgotten",
        () => void run(db, "DELETE FROM geocode_cache WHERE key = 'k-far'"),
        { far: "excluded", club: "candidate" },
      ],
      [
        "and looked up again, found (geocode_cache insert)",
        () => void answer("k-far", "found", nb1),
        { far: "candidate", club: "candidate" },
      ],
      [
        "nb3 shrinks to 2 km: neither point is believed",
        () => void run(db, "UPDATE neighbourhoods SET radius_km = 2 WHERE id = ?", nb3),
        { far: "excluded", club: "excluded" },
      ],
      [
        "nb3 reaches 20 km again (neighbourhoods radius_km)",
        () => void run(db, "UPDATE neighbourhoods SET radius_km = 20 WHERE id = ?", nb3),
        { far: "candidate", club: "candidate" },
      ],
      [
        "the club reaches 3 km, and its place moves to an address without an answer",
        () => {
          run(db, "UPDATE offers SET radius_km = 3 WHERE id = ?", club);
          clubPlace("geocode_key = 'k-club-new'");
        },
        { far: "candidate", club: "excluded" },
      ],
      [
        "the place is in nb1 after all, 2.6 km from nb0 (organisation_places update)",
        () => void clubPlace("neighbourhood_id = ?", nb1),
        { far: "candidate", club: "candidate" },
      ],
      [
        "back in nb3",
        () => void clubPlace("neighbourhood_id = ?", nb3),
        { far: "candidate", club: "excluded" },
      ],
      [
        "the place is removed: the club's first neighbourhood nb1 again (organisation_places delete)",
        () =>
          void run(db, "DELETE FROM organisation_places WHERE organisation_id = ?", world.organisations[0]),
        { far: "candidate", club: "candidate" },
      ],
      [
        "a place in nb1 comes back, found 1.9 km north of its centre: 4.5 km from nb0",
        () => {
          addClubPlace(nb1, "k-club-edge");
          answer("k-club-edge", "found", nb1, 0.017);
        },
        { far: "candidate", club: "excluded" },
      ],
      [
        "that answer is deleted: nb1's centre again (geocode_cache delete)",
        () => void run(db, "DELETE FROM geocode_cache WHERE key = 'k-club-edge'"),
        { far: "candidate", club: "candidate" },
      ],
    ];
    await prepareCandidateReach(db);
    const done: string[] = [];
    for (const [label, write, expected] of steps) {
      run(db, "UPDATE neighbourhoods SET lat = lat WHERE id = ?", nb0);
      suggestForNeed(db, farNeed, 10, { now: NOW });
      expect(candidateReachStatus(db)).toMatchObject({ ready: true, changedOffers: 0 });
      write();
      done.push(label);
      expect(verdicts(), done.join(" → ")).toEqual(expected);
      expectSameSuggestions(db, done.join(" → "), { whyNot: true });
    }
  });

  it("checks changed offers afresh until the next rebuild, and rebuilds when a neighbourhood moves", async () => {
    const world = buildWorld(temp.db);
    await prepareCandidateReach(temp.db);
    const [needId] = ids<number>(temp.db, "SELECT id FROM needs ORDER BY id");
    suggestForNeed(temp.db, needId!, 10, { now: NOW });
    expect(candidateReachStatus(temp.db)).toMatchObject({ ready: true, changedOffers: 0, offers: 12 });
    const offerId = insertOffer(temp.db, world, {
      owner: 0,
      category: 0,
      capacity: 1,
      radiusKm: 0,
      languages: ["ar"],
      places: [0],
      slots: [[1, 600, 1200]],
    });
    suggestForNeed(temp.db, needId!, 10, { now: NOW });
    expect(candidateReachStatus(temp.db).changedOffers).toBe(1);
    expect(
      temp.db.$client
        .prepare("SELECT count(*) FROM matching_changes WHERE offer_id = ?")
        .pluck()
        .get(offerId),
    ).toBeGreaterThan(0);
    run(temp.db, "UPDATE neighbourhoods SET lon = lon + 0.01 WHERE id = ?", world.neighbourhoods[0]);
    suggestForNeed(temp.db, needId!, 10, { now: NOW });
    // A small database is rebuilt inline: ready again, nothing pending.
    expect(candidateReachStatus(temp.db)).toMatchObject({ ready: true, changedOffers: 0, offers: 13 });
  });
});
