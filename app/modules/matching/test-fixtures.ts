import fc from "fast-check";
import { graphFromPlain, type CandidateGraph } from "./candidate-graph";
import type { MatchingInstance, MatchNeed, MatchNeighbourhood, MatchOffer, WeeklySlot } from "./types";
import { DEFAULT_WEIGHTS } from "./weights";

// Only for tests of the engine (imported by *.test.ts files).

/** Four neighbourhoods of Gelsenkirchen, roughly: Altstadt, Schalke, Bismarck, Buer (further north). */
export const NEIGHBOURHOODS: MatchNeighbourhood[] = [
  { id: 1, lat: 51.5075, lon: 7.0966 },
  { id: 2, lat: 51.5195, lon: 7.0786 },
  { id: 3, lat: 51.5296, lon: 7.1062 },
  { id: 4, lat: 51.5769, lon: 7.0587 },
];

export function centroid(id: number): { lat: number; lon: number } {
  const n = NEIGHBOURHOODS.find((x) => x.id === id);
  if (!n) throw new Error(`unknown neighbourhood ${id}`);
  return { lat: n.lat, lon: n.lon };
}

/** Tuesday 11 March 2025, 15:00 in Berlin (CET, UTC+1). */
export const TUESDAY_15H_WINTER = Date.UTC(2025, 2, 11, 14, 0);
/** Tuesday 8 July 2025, 15:00 in Berlin (CEST, UTC+2). */
export const TUESDAY_15H_SUMMER = Date.UTC(2025, 6, 8, 13, 0);
/** "Now" in tests: Monday 3 March 2025, 09:00 UTC. */
export const REFERENCE_TIME = Date.UTC(2025, 2, 3, 9, 0);
const HOUR = 3_600_000;

export function makeNeed(overrides: Partial<MatchNeed> = {}): MatchNeed {
  const neighbourhoodId = overrides.neighbourhoodId ?? 1;
  return {
    id: 1,
    categoryId: 1,
    neighbourhoodId,
    ...centroid(neighbourhoodId),
    languages: ["ar", "de"],
    requireSharedLanguage: true,
    schedule: { kind: "one_off", startsAt: TUESDAY_15H_WINTER, endsAt: TUESDAY_15H_WINTER + 2 * HOUR },
    helpersNeeded: 1,
    requiresCertificate: false,
    genderPreference: "none",
    ...overrides,
  };
}

/** Free on Tuesday afternoons (14–18). */
export const TUESDAY_AFTERNOON: WeeklySlot = { weekday: 1, startMinute: 14 * 60, endMinute: 18 * 60 };

export function makeOffer(overrides: Partial<MatchOffer> = {}): MatchOffer {
  return {
    id: 100,
    kind: "volunteer",
    ownerId: `user-${overrides.id ?? 100}`,
    categoryId: 1,
    languages: ["ar", "de"],
    neighbourhoodIds: [1],
    home: centroid(1),
    radiusKm: 3,
    availability: [TUESDAY_AFTERNOON],
    active: true,
    capacity: 2,
    activeMatches: 0,
    validUntil: null,
    certificateValidUntil: null,
    gender: "female",
    hoursCapPerWeek: 4,
    experienceInCategory: { completedMatches: 0, hours: 0 },
    acceptanceHistory: { accepted: 0, declined: 0, noResponse: 0 },
    ...overrides,
  };
}

export function makeInstance(overrides: Partial<MatchingInstance> = {}): MatchingInstance {
  return {
    needs: [],
    offers: [],
    neighbourhoods: NEIGHBOURHOODS,
    weights: DEFAULT_WEIGHTS,
    declinedPairs: [],
    matchedPairs: [],
    referenceTime: REFERENCE_TIME,
    ...overrides,
  };
}

// ---- Random instances (fast-check) --------------------------------------------------------------

const LANGS = ["de", "ar", "uk", "tr"] as const;
const DAY = 24 * HOUR;

const slotArb: fc.Arbitrary<WeeklySlot> = fc
  .record({
    weekday: fc.integer({ min: 0, max: 6 }),
    start: fc.constantFrom(8, 9, 14, 15, 17),
    length: fc.integer({ min: 1, max: 6 }),
  })
  .map(({ weekday, start, length }) => ({
    weekday,
    startMinute: start * 60,
    endMinute: Math.min(24, start + length) * 60,
  }));

/** Many helpers say "weekdays 8 to 20": makes overlaps common enough for the pair properties. */
const WEEKDAYS_8_TO_20: WeeklySlot[] = [0, 1, 2, 3, 4].map((weekday) => ({
  weekday,
  startMinute: 480,
  endMinute: 1200,
}));

const needArb = (id: number): fc.Arbitrary<MatchNeed> =>
  fc
    .record({
      categoryId: fc.constantFrom(1, 1, 1, 2),
      neighbourhoodId: fc.integer({ min: 1, max: 4 }),
      languages: fc.subarray([...LANGS], { minLength: 0, maxLength: 3 }),
      requireSharedLanguage: fc.constantFrom(true, true, false),
      recurring: fc.boolean(),
      // A start within four weeks after the reference time (the DST switch of 30 March inside), at hours
      // when appointments happen.
      startDay: fc.integer({ min: 0, max: 27 }),
      startHour: fc.constantFrom(9, 10, 15, 16, 18),
      durationHours: fc.integer({ min: 1, max: 5 }),
      slots: fc.array(slotArb, { minLength: 1, maxLength: 3 }),
      helpersNeeded: fc.integer({ min: 1, max: 3 }),
      requiresCertificate: fc.constantFrom(false, false, false, true),
      genderPreference: fc.constantFrom("none", "none", "none", "none", "none", "female", "male" as const),
    })
    .map((r) => {
      // REFERENCE_TIME is 09:00 UTC = 10:00 Berlin in winter.
      const startsAt = REFERENCE_TIME + r.startDay * DAY + (r.startHour - 10) * HOUR;
      return makeNeed({
        id,
        categoryId: r.categoryId,
        neighbourhoodId: r.neighbourhoodId,
        ...centroid(r.neighbourhoodId),
        languages: r.languages,
        requireSharedLanguage: r.requireSharedLanguage,
        schedule: r.recurring
          ? { kind: "recurring", startsAt, endsAt: startsAt + 60 * DAY, slots: r.slots }
          : { kind: "one_off", startsAt, endsAt: startsAt + r.durationHours * HOUR },
        helpersNeeded: r.helpersNeeded,
        requiresCertificate: r.requiresCertificate,
        genderPreference: r.genderPreference as MatchNeed["genderPreference"],
      });
    });

const isoDateArb = fc
  .integer({ min: -10, max: 60 })
  .map((days) => new Date(REFERENCE_TIME + days * DAY).toISOString().slice(0, 10));

const offerArb = (id: number): fc.Arbitrary<MatchOffer> =>
  fc
    .record({
      kind: fc.constantFrom("volunteer", "volunteer", "organisation" as const),
      categoryId: fc.constantFrom(1, 1, 1, 2),
      languages: fc.subarray([...LANGS], { minLength: 1, maxLength: 3 }),
      neighbourhoodIds: fc.subarray([1, 2, 3, 4], { maxLength: 2 }),
      homeId: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null, freq: 4 }),
      radiusKm: fc.constantFrom(0, 1, 3, 8, 8),
      availability: fc.oneof(
        fc.constant(WEEKDAYS_8_TO_20),
        fc.array(slotArb, { minLength: 0, maxLength: 5 }),
      ),
      active: fc.constantFrom(true, true, true, true, false),
      capacity: fc.integer({ min: 1, max: 3 }),
      activeMatches: fc.constantFrom(0, 0, 0, 1, 2),
      validUntil: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: isoDateArb, weight: 1 }),
      certificateValidUntil: fc.option(isoDateArb, { nil: null }),
      gender: fc.constantFrom("female", "male", "diverse", "unspecified" as const),
      hoursCapPerWeek: fc.option(fc.integer({ min: 2, max: 12 }), { nil: null }),
      completedMatches: fc.integer({ min: 0, max: 8 }),
      hours: fc.integer({ min: 0, max: 40 }),
      accepted: fc.nat(6),
      declined: fc.nat(6),
      noResponse: fc.nat(3),
    })
    .map((r) =>
      makeOffer({
        id,
        kind: r.kind as MatchOffer["kind"],
        ownerId: `owner-${id}`,
        categoryId: r.categoryId,
        languages: r.languages,
        neighbourhoodIds: r.neighbourhoodIds,
        home: r.homeId === null ? null : centroid(r.homeId),
        radiusKm: r.radiusKm,
        availability: r.availability,
        active: r.active,
        capacity: r.capacity,
        activeMatches: r.activeMatches,
        validUntil: r.validUntil,
        certificateValidUntil: r.kind === "organisation" ? null : r.certificateValidUntil,
        gender: r.kind === "organisation" ? null : (r.gender as MatchOffer["gender"]),
        hoursCapPerWeek: r.kind === "organisation" ? null : r.hoursCapPerWeek,
        experienceInCategory: { completedMatches: r.completedMatches, hours: r.hours },
        acceptanceHistory: { accepted: r.accepted, declined: r.declined, noResponse: r.noResponse },
      }),
    );

const weightsArb = fc
  .record({
    language: fc.integer({ min: 0, max: 100 }),
    distance: fc.integer({ min: 0, max: 100 }),
    availability: fc.integer({ min: 0, max: 100 }),
    load: fc.integer({ min: 0, max: 100 }),
    experience: fc.integer({ min: 0, max: 100 }),
    responsiveness: fc.integer({ min: 0, max: 100 }),
  })
  .filter((w) => Object.values(w).some((x) => x > 0));

/**
 * Random instances over the four neighbourhoods; ids are distinct, needs 1.., offers 101...
 * `dense` makes most pairs candidates (one category, German shared, weekday availability, no expiry)
 * so the assignment properties see real contention; distance, capacity, gender, certificate and
 * declines still cut edges. `sharedOwners` gives offers to three owners, so one person often has
 * several offers that fit the same need.
 */
export function instanceArb(
  maxNeeds: number,
  maxOffers: number,
  options: { dense?: boolean; sharedOwners?: boolean } = {},
): fc.Arbitrary<MatchingInstance> {
  const densify = (instance: MatchingInstance): MatchingInstance =>
    options.dense
      ? {
          ...instance,
          needs: instance.needs.map((need) => ({
            ...need,
            categoryId: 1,
            languages: need.languages.includes("de") ? need.languages : [...need.languages, "de"],
          })),
          offers: instance.offers.map((offer) => ({
            ...offer,
            categoryId: 1,
            languages: offer.languages.includes("de") ? offer.languages : ["de", ...offer.languages],
            availability: [...WEEKDAYS_8_TO_20, ...offer.availability],
            home: offer.home ?? centroid(1 + (offer.id % 3)),
            radiusKm: Math.max(offer.radiusKm, 3),
            validUntil: null,
            hoursCapPerWeek: null,
          })),
        }
      : instance;
  return fc
    .record({
      needCount: fc.integer({ min: 1, max: maxNeeds }),
      offerCount: fc.integer({ min: 1, max: maxOffers }),
    })
    .chain(({ needCount, offerCount }) =>
      fc.record({
        needs: fc.tuple(...Array.from({ length: needCount }, (_, i) => needArb(i + 1))),
        offers: fc.tuple(...Array.from({ length: offerCount }, (_, i) => offerArb(101 + i))),
        weights: weightsArb,
        declinedSeeds: fc.array(fc.tuple(fc.nat(needCount - 1), fc.nat(offerCount - 1)), { maxLength: 3 }),
      }),
    )
    .map(({ needs, offers, weights, declinedSeeds }) =>
      makeInstance({
        needs,
        offers,
        weights,
        declinedPairs: declinedSeeds.map(([n, o]) => [needs[n]!.id, offers[o]!.id] as [number, number]),
      }),
    )
    .map(densify)
    .map((instance) =>
      options.sharedOwners
        ? {
            ...instance,
            offers: instance.offers.map((offer) => ({
              ...offer,
              kind: "volunteer" as const,
              ownerId: `owner-${offer.id % 3}`,
            })),
          }
        : instance,
    );
}

/**
 * Random sparse bipartite graphs at the level of the solver. The default scores mix 1–100 with a few
 * repeated values (ties, the hard case for tie handling); narrow scores with capacity 1 make greedy
 * go wrong often, which is what the exact solver must fix.
 */
export function graphArb(
  maxNeeds: number,
  maxOffers: number,
  maxCapacity = 3,
  scoreArb: fc.Arbitrary<number> = fc.oneof(fc.integer({ min: 1, max: 100 }), fc.constantFrom(10, 50, 90)),
): fc.Arbitrary<CandidateGraph> {
  return fc
    .record({
      needCount: fc.integer({ min: 1, max: maxNeeds }),
      offerCount: fc.integer({ min: 1, max: maxOffers }),
      // Each pair is an edge with probability 1 − 1/sparsity: from dense (2 → ½) to sparse-ish.
      sparsity: fc.integer({ min: 2, max: 5 }),
    })
    .chain(({ needCount, offerCount, sparsity }) =>
      fc.record({
        needCaps: fc.array(fc.integer({ min: 1, max: maxCapacity }), {
          minLength: needCount,
          maxLength: needCount,
        }),
        offerCaps: fc.array(fc.integer({ min: 1, max: maxCapacity }), {
          minLength: offerCount,
          maxLength: offerCount,
        }),
        scores: fc.array(fc.option(scoreArb, { nil: null, freq: sparsity }), {
          minLength: needCount * offerCount,
          maxLength: needCount * offerCount,
        }),
      }),
    )
    .map(({ needCaps, offerCaps, scores }) =>
      graphFromPlain({
        needs: needCaps.map((capacity, i) => ({ id: i + 1, capacity })),
        offers: offerCaps.map((capacity, j) => ({ id: 101 + j, capacity })),
        edges: scores.flatMap((score, k) =>
          score === null
            ? []
            : [
                {
                  needId: Math.floor(k / offerCaps.length) + 1,
                  offerId: 101 + (k % offerCaps.length),
                  score,
                },
              ],
        ),
      }),
    );
}

/**
 * Exhaustive optimum for tiny graphs: include or skip each edge in turn, with a bound (the remaining
 * edges' scores) only to cut branches that cannot win — never a heuristic.
 */
export function bruteForceTotal(graph: CandidateGraph): number {
  const edgeCount = graph.edgeScore.length;
  const needLeft = Array.from(graph.needCapacity);
  const offerLeft = Array.from(graph.offerCapacity);
  const suffix = new Array<number>(edgeCount + 1).fill(0);
  for (let e = edgeCount - 1; e >= 0; e--) suffix[e] = suffix[e + 1]! + Math.max(0, graph.edgeScore[e]!);
  let best = 0;
  const visit = (e: number, total: number) => {
    if (total > best) best = total;
    if (e === edgeCount || total + suffix[e]! <= best) return;
    const n = graph.edgeNeed[e]!;
    const o = graph.edgeOffer[e]!;
    if (needLeft[n]! > 0 && offerLeft[o]! > 0) {
      needLeft[n]!--;
      offerLeft[o]!--;
      visit(e + 1, total + graph.edgeScore[e]!);
      needLeft[n]!++;
      offerLeft[o]!++;
    }
    visit(e + 1, total);
  };
  visit(0, 0);
  return best;
}
