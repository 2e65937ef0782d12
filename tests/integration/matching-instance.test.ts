import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@db/client";
import {
  appSettings,
  categories,
  hoursLog,
  matches,
  needLanguages,
  needs,
  needSlots,
  neighbourhoods,
  offerAvailability,
  offerLanguages,
  offerNeighbourhoods,
  offers,
  organisationNeighbourhoods,
  organisations,
  users,
  volunteerAvailability,
  volunteerLanguages,
  volunteerNeighbourhoods,
  volunteerProfiles,
} from "@db/schema";
import type { Language } from "@db/schema/enums";
import {
  IN_THREAD_MAX_NEEDS,
  runBulkAssignment,
  solvesInThread,
} from "~/modules/matches/bulk-assignment.server";
import { loadMatchingInstance } from "~/modules/matches/matching-instance.server";
import { explainCandidate, suggestForNeed } from "~/modules/matches/matching.server";
import { buildCandidateIndex, failedConstraints, type MatchingInstance } from "~/modules/matching";
import { createContext, prepareNeed, prepareOffer } from "~/modules/matching/prepare";
import { createTempDb, type TempDb } from "../helpers/db";
import { workerThreadActivity } from "~/utils/worker-thread.server";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2 March 2026, 09:00 UTC (10:00 in Berlin). */
const NOW = Date.UTC(2026, 2, 2, 9, 0);
/** Tuesday 3 March 2026, 15:00 in Berlin. */
const TUESDAY_15H = Date.UTC(2026, 2, 3, 14, 0);
const TUESDAY_14_TO_18 = { weekday: 1, startMinute: 14 * 60, endMinute: 18 * 60 };

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

let userCounter = 0;
function volunteer(
  db: Db,
  values: {
    gender: "female" | "male";
    home: number;
    radiusKm?: number;
    certificate?: string | null;
    languages?: Language[];
  },
) {
  const id = `vol-${++userCounter}`;
  db.insert(users)
    .values({
      id,
      email: `${id}@beispiel.test`,
      passwordHash: "x",
      displayName: `Helferin ${userCounter}`,
      gender: values.gender,
    })
    .run();
  db.insert(volunteerProfiles)
    .values({
      userId: id,
      homeNeighbourhoodId: values.home,
      radiusKm: values.radiusKm ?? 3,
      hoursCapPerWeek: 6,
      certificateValidUntil: values.certificate ?? null,
      certificateVerifiedAt: values.certificate ? new Date(NOW - 30 * DAY) : null,
    })
    .run();
  for (const language of values.languages ?? [])
    db.insert(volunteerLanguages).values({ userId: id, language, level: "fluent" }).run();
  return id;
}

function offer(
  db: Db,
  values: {
    categoryId: number;
    volunteerId?: string;
    organisationId?: number;
    capacity?: number;
    radiusKm?: number;
    languages?: Language[];
    neighbourhoodIds?: number[];
    slots?: Array<{ weekday: number; startMinute: number; endMinute: number }>;
    status?: "active" | "paused" | "ended";
    validUntil?: string | null;
  },
) {
  const row = db
    .insert(offers)
    .values({
      categoryId: values.categoryId,
      volunteerId: values.volunteerId ?? null,
      organisationId: values.organisationId ?? null,
      title: "Begleitung",
      capacity: values.capacity ?? 1,
      radiusKm: values.radiusKm ?? 0,
      status: values.status ?? "active",
      validUntil: values.validUntil ?? null,
    })
    .returning()
    .get();
  for (const language of values.languages ?? [])
    db.insert(offerLanguages).values({ offerId: row.id, language }).run();
  for (const neighbourhoodId of values.neighbourhoodIds ?? [])
    db.insert(offerNeighbourhoods).values({ offerId: row.id, neighbourhoodId }).run();
  for (const slot of values.slots ?? [])
    db.insert(offerAvailability)
      .values({ offerId: row.id, ...slot })
      .run();
  return row.id;
}

function need(
  db: Db,
  values: {
    categoryId: number;
    neighbourhoodId: number;
    languages: Language[];
    helpersNeeded?: number;
    status?: "open" | "partly_matched" | "matched" | "closed";
    startsAt?: number;
    endsAt?: number;
    slots?: Array<{ weekday: number; startMinute: number; endMinute: number }>;
  },
) {
  const startsAt = values.startsAt ?? TUESDAY_15H;
  const closed = values.status === "closed";
  const row = db
    .insert(needs)
    .values({
      categoryId: values.categoryId,
      neighbourhoodId: values.neighbourhoodId,
      title: "Begleitung zum Amt",
      description: "Eine Familie braucht Begleitung.",
      helpersNeeded: values.helpersNeeded ?? 1,
      schedule: values.slots ? "recurring" : "one_off",
      startsAt: new Date(startsAt),
      endsAt: new Date(values.endsAt ?? startsAt + 2 * HOUR),
      status: values.status ?? "open",
      closedAt: closed ? new Date(NOW - DAY) : null,
    })
    .returning()
    .get();
  for (const language of values.languages)
    db.insert(needLanguages).values({ needId: row.id, language }).run();
  for (const slot of values.slots ?? [])
    db.insert(needSlots)
      .values({ needId: row.id, ...slot })
      .run();
  return row.id;
}

function match(
  db: Db,
  needId: number,
  offerId: number,
  status: "proposed" | "declined" | "completed",
  proposedAt = NOW - DAY,
) {
  return db
    .insert(matches)
    .values({
      needId,
      offerId,
      status,
      score: 70,
      proposedAt: new Date(proposedAt),
      respondedAt: status === "proposed" ? null : new Date(proposedAt + HOUR),
    })
    .returning()
    .get().id;
}

/** A small city: three neighbourhoods, two volunteers, an organisation, needs in every state. */
function buildWorld(db: Db) {
  const [nbA, nbB, nbC] = [
    { slug: "altstadt", name: "Altstadt", lat: 51.5075, lon: 7.0966 },
    { slug: "schalke", name: "Schalke", lat: 51.5195, lon: 7.0786 },
    { slug: "buer", name: "Buer", lat: 51.5769, lon: 7.0587 },
  ].map(
    (n) =>
      db
        .insert(neighbourhoods)
        .values({ ...n, municipality: "Gelsenkirchen" })
        .returning()
        .get().id,
  ) as [number, number, number];
  const cat = db.insert(categories).values({ slug: "begleitung", name: "Begleitung" }).returning().get().id;
  db.update(appSettings).set({ weightLanguage: 40, weightDistance: 10 }).run();

  // Amira: certificate, Arabic and German, Tuesday afternoons, two offers.
  const amira = volunteer(db, {
    gender: "female",
    home: nbA,
    radiusKm: 3,
    certificate: "2027-01-01",
    languages: ["ar", "de"],
  });
  db.insert(volunteerAvailability)
    .values({ userId: amira, ...TUESDAY_14_TO_18 })
    .run();
  db.insert(volunteerNeighbourhoods).values({ userId: amira, neighbourhoodId: nbC }).run();
  // Own languages and place, times from the profile, radius from the profile (the offer says 0).
  const o1 = offer(db, {
    categoryId: cat,
    volunteerId: amira,
    capacity: 2,
    languages: ["ar", "de"],
    neighbourhoodIds: [nbA],
  });
  // Everything but the times from the profile; already full.
  const o2 = offer(db, {
    categoryId: cat,
    volunteerId: amira,
    capacity: 1,
    slots: [{ weekday: 2, startMinute: 540, endMinute: 720 }],
  });

  // Bogdan: Ukrainian, no certificate.
  const bogdan = volunteer(db, { gender: "male", home: nbB, languages: ["uk", "de"] });
  const o3 = offer(db, {
    categoryId: cat,
    volunteerId: bogdan,
    languages: ["uk", "de"],
    neighbourhoodIds: [nbB],
    slots: [TUESDAY_14_TO_18],
  });
  const o5 = offer(db, {
    categoryId: cat,
    volunteerId: bogdan,
    status: "paused",
    languages: ["ar"],
    neighbourhoodIds: [nbA],
    slots: [TUESDAY_14_TO_18],
  });
  const o6 = offer(db, {
    categoryId: cat,
    volunteerId: bogdan,
    validUntil: "2026-01-31",
    languages: ["ar"],
    neighbourhoodIds: [nbA],
    slots: [TUESDAY_14_TO_18],
  });

  // A club in Schalke and Buer: radius measured from its first neighbourhood (Schalke).
  const club = db
    .insert(organisations)
    .values({ slug: "sv-schalke", name: "SV Schalke-Nord", kind: "sports_club", verifiedAt: new Date(0) })
    .returning()
    .get().id;
  db.insert(organisationNeighbourhoods)
    .values([
      { organisationId: club, neighbourhoodId: nbC },
      { organisationId: club, neighbourhoodId: nbB },
    ])
    .run();
  const o4 = offer(db, {
    categoryId: cat,
    organisationId: club,
    capacity: 10,
    radiusKm: 2,
    languages: ["ar", "tr"],
    neighbourhoodIds: [nbC],
    slots: [{ weekday: 1, startMinute: 600, endMinute: 1200 }],
  });

  const n1 = need(db, { categoryId: cat, neighbourhoodId: nbA, languages: ["ar"], helpersNeeded: 2 });
  const n2 = need(db, {
    categoryId: cat,
    neighbourhoodId: nbB,
    languages: ["uk"],
    helpersNeeded: 2,
    status: "partly_matched",
    startsAt: NOW - 7 * DAY,
    endsAt: NOW + 90 * DAY,
    slots: [{ weekday: 1, startMinute: 900, endMinute: 1020 }],
  });
  const n3 = need(db, {
    categoryId: cat,
    neighbourhoodId: nbA,
    languages: ["ar"],
    status: "closed",
    startsAt: NOW - 20 * DAY,
  });
  const n4 = need(db, { categoryId: cat, neighbourhoodId: nbC, languages: ["ar"], startsAt: NOW - 3 * DAY });

  match(db, n1, o3, "declined");
  match(db, n2, o1, "proposed");
  const completed = match(db, n3, o1, "completed", NOW - 20 * DAY);
  match(db, n3, o2, "proposed", NOW - 10 * DAY); // unanswered for ten days
  db.insert(hoursLog)
    .values([
      {
        volunteerId: amira,
        date: "2026-02-10",
        hours: 3.5,
        source: "match",
        matchId: completed,
        categoryId: cat,
        confirmedAt: new Date(NOW - 15 * DAY),
      },
      {
        volunteerId: amira,
        date: "2026-02-11",
        hours: 2,
        source: "match",
        matchId: completed,
        categoryId: cat,
      },
    ])
    .run();

  return { nbA, nbB, nbC, cat, amira, bogdan, club, o1, o2, o3, o4, o5, o6, n1, n2, n3, n4 };
}

/** Counts the statements the loader runs. */
function countStatements(db: Db, fn: () => unknown): number {
  const client = db.$client;
  const original = client.prepare.bind(client);
  let count = 0;
  client.prepare = ((source: string) => {
    count++;
    return original(source);
  }) as typeof client.prepare;
  try {
    fn();
  } finally {
    client.prepare = original;
  }
  return count;
}

function expectNoViolations(instance: MatchingInstance, needId: number, offerIds: number[]) {
  const context = createContext(instance);
  const prepared = prepareNeed(instance.needs.find((n) => n.id === needId)!, context);
  for (const offerId of offerIds) {
    const offer = instance.offers.find((o) => o.id === offerId)!;
    expect(failedConstraints(prepared, prepareOffer(offer), context), `offer ${offerId}`).toEqual([]);
  }
}

describe("loadMatchingInstance", () => {
  it("loads open needs with languages, slots and free helper slots", () => {
    const w = buildWorld(temp.db);
    const instance = loadMatchingInstance(temp.db, {}, { now: NOW });
    expect(instance.needs.map((n) => n.id)).toEqual([w.n1, w.n2]);
    const [n1, n2] = instance.needs;
    expect(n1).toMatchObject({
      categoryId: w.cat,
      neighbourhoodId: w.nbA,
      lat: 51.5075,
      lon: 7.0966,
      languages: ["ar"],
      requireSharedLanguage: true,
      helpersNeeded: 2,
      schedule: { kind: "one_off", startsAt: TUESDAY_15H, endsAt: TUESDAY_15H + 2 * HOUR },
    });
    // One of two slots is held by the pending proposal.
    expect(n2).toMatchObject({
      languages: ["uk"],
      helpersNeeded: 1,
      schedule: { kind: "recurring", slots: [{ weekday: 1, startMinute: 900, endMinute: 1020 }] },
    });
  });

  it("loads active, valid offers with profile fallbacks, load, experience and acceptance history", () => {
    const w = buildWorld(temp.db);
    const instance = loadMatchingInstance(temp.db, {}, { now: NOW });
    expect(instance.offers.map((o) => o.id)).toEqual([w.o1, w.o2, w.o3, w.o4]);
    const byId = new Map(instance.offers.map((o) => [o.id, o]));
    expect(byId.get(w.o1)).toEqual({
      id: w.o1,
      kind: "volunteer",
      ownerId: w.amira,
      categoryId: w.cat,
      languages: ["ar", "de"],
      neighbourhoodIds: [w.nbA],
      home: { lat: 51.5075, lon: 7.0966 },
      radiusKm: 3,
      availability: [TUESDAY_14_TO_18],
      active: true,
      capacity: 2,
      activeMatches: 1,
      // Over both of her offers: the proposals for n2 (o1) and n3 (o2) are live; capacities 2 + 1.
      ownerLoad: { activeMatches: 2, capacity: 3 },
      validUntil: null,
      certificateValidUntil: "2027-01-01",
      gender: "female",
      hoursCapPerWeek: 6,
      // Completed matches and confirmed hours of the owner in the category; the unconfirmed 2 h don't count.
      experienceInCategory: { completedMatches: 1, hours: 3.5 },
      // The completed match was accepted; the ten-day-old proposal of her other offer went unanswered.
      acceptanceHistory: { accepted: 1, declined: 0, noResponse: 1 },
    });
    expect(byId.get(w.o2)).toMatchObject({
      languages: ["ar", "de"],
      neighbourhoodIds: [w.nbA, w.nbC],
      availability: [{ weekday: 2, startMinute: 540, endMinute: 720 }],
      activeMatches: 1,
    });
    expect(byId.get(w.o3)).toMatchObject({
      gender: "male",
      certificateValidUntil: null,
      acceptanceHistory: { accepted: 0, declined: 1, noResponse: 0 },
    });
    expect(byId.get(w.o4)).toMatchObject({
      kind: "organisation",
      ownerId: `org:${w.club}`,
      home: { lat: 51.5195, lon: 7.0786 },
      radiusKm: 2,
      gender: null,
      hoursCapPerWeek: null,
      certificateValidUntil: null,
    });
  });

  it("loads the weights and the declined and matched pairs of the loaded needs", () => {
    const w = buildWorld(temp.db);
    const instance = loadMatchingInstance(temp.db, {}, { now: NOW });
    expect(instance.weights).toEqual({
      language: 40,
      distance: 10,
      availability: 20,
      load: 15,
      experience: 10,
      responsiveness: 10,
    });
    expect(instance.declinedPairs).toEqual([[w.n1, w.o3]]);
    // Amira is proposed for n2 through o1: her other offer o2 does not make her a candidate again.
    expect(instance.matchedPairs).toEqual([
      [w.n2, w.o1],
      [w.n2, w.o2],
    ]);
    expect(instance.referenceTime).toBe(NOW);
  });

  it("limits needs to a coordinator's neighbourhoods and offers to a category, plus asked-for offers", () => {
    const w = buildWorld(temp.db);
    expect(
      loadMatchingInstance(temp.db, { neighbourhoodIds: [w.nbB] }, { now: NOW }).needs.map((n) => n.id),
    ).toEqual([w.n2]);
    const one = loadMatchingInstance(
      temp.db,
      { needIds: [w.n1], offerCategoryIds: [w.cat], includeOfferIds: [w.o5] },
      { now: NOW },
    );
    expect(one.needs.map((n) => n.id)).toEqual([w.n1]);
    expect(one.offers.find((o) => o.id === w.o5)).toMatchObject({ active: false });
  });

  it("runs the same number of statements whatever the size (no N+1)", () => {
    const w = buildWorld(temp.db);
    const small = countStatements(temp.db, () => loadMatchingInstance(temp.db, {}, { now: NOW }));
    for (let i = 0; i < 15; i++) {
      const id = volunteer(temp.db, { gender: "female", home: w.nbB, languages: ["ar"] });
      offer(temp.db, {
        categoryId: w.cat,
        volunteerId: id,
        languages: ["ar"],
        neighbourhoodIds: [w.nbA],
        slots: [TUESDAY_14_TO_18],
      });
      need(temp.db, { categoryId: w.cat, neighbourhoodId: w.nbA, languages: ["ar", "de"] });
    }
    const large = countStatements(temp.db, () => loadMatchingInstance(temp.db, {}, { now: NOW }));
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(20);
  });
});

describe("suggestions and explanations from the database", () => {
  it("suggests only offers that pass every hard constraint", () => {
    const w = buildWorld(temp.db);
    const result = suggestForNeed(temp.db, w.n1, 10, { now: NOW });
    // o2 is full, o3 declined this need and speaks no Arabic, o5 is paused, o6 expired.
    expect(result?.suggestions.map((s) => s.offerId).sort()).toEqual([w.o1, w.o4].sort());
    expect(result).toMatchObject({ needId: w.n1, candidateCount: 2, helpersNeeded: 2 });
    expect(result?.suggestions[0]?.offer).toMatchObject({ title: "Begleitung" });
    const instance = loadMatchingInstance(temp.db, {}, { now: NOW });
    expectNoViolations(
      instance,
      w.n1,
      result!.suggestions.map((s) => s.offerId),
    );
    // The full index agrees with the category-only one used by the page.
    expect(buildCandidateIndex(instance).stats.bucketEntries).toBeGreaterThan(0);
  });

  it("says why an offer is not suggested, or where it ranks", () => {
    const w = buildWorld(temp.db);
    const declined = explainCandidate(temp.db, w.n1, w.o3, { now: NOW });
    expect(declined?.status).toBe("excluded");
    if (declined?.status === "excluded") {
      // Bogdan lives 1.8 km away and travels 3 (his profile's radius): the place is not the reason.
      expect(declined.exclusions.map((e) => e.code)).toEqual(["language", "declined"]);
    }
    // Bogdan declined n1 (through o3): that holds for his other offers too.
    const paused = explainCandidate(temp.db, w.n1, w.o5, { now: NOW });
    expect(paused?.status === "excluded" && paused.exclusions.map((e) => e.code)).toEqual([
      "inactive",
      "declined",
    ]);
    expect(explainCandidate(temp.db, w.n1, w.o1, { now: NOW })).toMatchObject({
      status: "candidate",
      candidateCount: 2,
    });
    expect(explainCandidate(temp.db, w.n3, w.o1, { now: NOW })).toBeNull();
  });

  it("assigns in bulk in a worker thread, within capacities, with a verified certificate", async () => {
    const w = buildWorld(temp.db);
    const result = await runBulkAssignment(temp.db, {}, { now: NOW });
    expect(result.certified).toBe(true);
    expect(result.exact.pairs.map((p) => [p.needId, p.offerId])).toEqual([
      [w.n1, w.o1],
      [w.n1, w.o4],
      [w.n2, w.o3],
    ]);
    expect(result.exact.total).toBeGreaterThanOrEqual(result.greedy.total);
    const scoped = await runBulkAssignment(temp.db, { neighbourhoodIds: [w.nbB] }, { now: NOW });
    expect(scoped.exact.pairs.map((p) => p.needId)).toEqual([w.n2]);
  });

  it("solves a few needs with their named candidates in the request's thread, as the worker would", async () => {
    const w = buildWorld(temp.db);
    const bulkRuns = () => workerThreadActivity().find((a) => a.kind === "bulk-assignment")!.succeeded;
    const needIds = [w.n1, w.n2];
    const offerIds = [w.o1, w.o2, w.o3, w.o4, w.o5, w.o6];
    const before = bulkRuns();
    const inWorker = await runBulkAssignment(temp.db, { needIds }, { now: NOW });
    expect(bulkRuns()).toBe(before + 1);
    const inThread = await runBulkAssignment(temp.db, { needIds, offerIds }, { now: NOW });
    expect(bulkRuns()).toBe(before + 1);
    expect(inThread.certified).toBe(true);
    expect(inThread.exact.pairs).toEqual(inWorker.exact.pairs);
    expect(inThread.exact.total).toBe(inWorker.exact.total);
    // Without named candidates, or with more needs than the bound, the worker takes it.
    expect(solvesInThread({ needIds })).toBe(false);
    expect(
      solvesInThread({ needIds: Array.from({ length: IN_THREAD_MAX_NEEDS + 1 }, (_, i) => i + 1), offerIds }),
    ).toBe(false);
    expect(solvesInThread({ neighbourhoodIds: [w.nbA], offerIds })).toBe(false);
  });
});
