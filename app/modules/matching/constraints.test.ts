import { describe, expect, it } from "vitest";
import {
  checkActive,
  checkAvailability,
  checkCapacity,
  checkCategory,
  checkCertificate,
  checkGender,
  checkHoursCap,
  checkNeighbourhood,
  checkNotAlreadyMatched,
  checkNotDeclined,
  checkOfferValid,
  checkSharedLanguage,
  failedConstraints,
  isCandidate,
  type HardConstraint,
} from "./constraints";
import { createContext, prepareNeed, prepareOffer } from "./prepare";
import {
  centroid,
  makeInstance,
  makeNeed,
  makeOffer,
  REFERENCE_TIME,
  TUESDAY_15H_SUMMER,
  TUESDAY_15H_WINTER,
} from "./test-fixtures";
import type { MatchingInstance, MatchNeed, MatchOffer } from "./types";

const HOUR = 3_600_000;

function run(
  check: HardConstraint,
  need: Partial<MatchNeed> = {},
  offer: Partial<MatchOffer> = {},
  instance: Partial<MatchingInstance> = {},
) {
  const context = createContext(makeInstance(instance));
  return check(prepareNeed(makeNeed(need), context), prepareOffer(makeOffer(offer)), context);
}

describe("hard constraints", () => {
  it("the fixture pair passes every constraint", () => {
    const context = createContext(makeInstance());
    const need = prepareNeed(makeNeed(), context);
    const offer = prepareOffer(makeOffer());
    expect(failedConstraints(need, offer, context)).toEqual([]);
    expect(isCandidate(need, offer, context)).toBe(true);
  });

  it("active: paused or ended offers are never candidates", () => {
    expect(run(checkActive)).toBeNull();
    expect(run(checkActive, {}, { active: false })).toMatchObject({
      code: "inactive",
      key: "exclusion.inactive",
    });
  });

  it("category: the offer must give the kind of help needed", () => {
    expect(run(checkCategory)).toBeNull();
    expect(run(checkCategory, {}, { categoryId: 2 })).toMatchObject({
      code: "category",
      key: "exclusion.category",
    });
  });

  it("language: at least one shared where required; nothing asked when not required or none listed", () => {
    expect(run(checkSharedLanguage, { languages: ["ar"] }, { languages: ["de", "ar"] })).toBeNull();
    expect(run(checkSharedLanguage, { languages: ["uk"] }, { languages: ["de", "ar"] })).toMatchObject({
      code: "language",
      params: { needLanguages: ["uk"] },
    });
    expect(
      run(checkSharedLanguage, { languages: ["uk"], requireSharedLanguage: false }, { languages: ["de"] }),
    ).toBeNull();
    expect(run(checkSharedLanguage, { languages: [] }, { languages: ["de"] })).toBeNull();
  });

  it("neighbourhood: served explicitly, or the centroid within the radius of home", () => {
    // Explicitly served, although home is far away.
    expect(
      run(checkNeighbourhood, { neighbourhoodId: 4, ...centroid(4) }, { neighbourhoodIds: [4], radiusKm: 0 }),
    ).toBeNull();
    // Schalke (2) is ~1.8 km from Altstadt (1): within 3 km, not within 1 km.
    expect(
      run(checkNeighbourhood, { neighbourhoodId: 2, ...centroid(2) }, { neighbourhoodIds: [], radiusKm: 3 }),
    ).toBeNull();
    expect(
      run(checkNeighbourhood, { neighbourhoodId: 2, ...centroid(2) }, { neighbourhoodIds: [], radiusKm: 1 }),
    ).toMatchObject({
      code: "neighbourhood",
      key: "exclusion.neighbourhood.tooFar",
      params: { km: 1.8, radiusKm: 1 },
    });
    expect(
      run(checkNeighbourhood, { neighbourhoodId: 2, ...centroid(2) }, { neighbourhoodIds: [1], home: null }),
    ).toMatchObject({
      key: "exclusion.neighbourhood.notServed",
    });
  });

  it("availability (one-off): the Berlin weekday and time of the start must lie in a slot, in winter and summer", () => {
    const oneOff = (startsAt: number) => ({
      schedule: { kind: "one_off" as const, startsAt, endsAt: startsAt + HOUR },
    });
    expect(run(checkAvailability, oneOff(TUESDAY_15H_WINTER))).toBeNull();
    expect(run(checkAvailability, oneOff(TUESDAY_15H_SUMMER))).toBeNull();
    // 18:00 is the end of the 14–18 slot: not inside.
    expect(run(checkAvailability, oneOff(TUESDAY_15H_WINTER + 3 * HOUR))).toMatchObject({
      code: "availability",
      params: { when: "1_evening" },
    });
    // Same time on Wednesday.
    expect(run(checkAvailability, oneOff(TUESDAY_15H_WINTER + 24 * HOUR))).toMatchObject({
      code: "availability",
    });
  });

  it("availability (recurring): some weekly overlap", () => {
    const recurring = (
      slots: MatchNeed["schedule"] extends infer S ? (S extends { slots: infer X } ? X : never) : never,
    ) => ({
      schedule: {
        kind: "recurring" as const,
        startsAt: TUESDAY_15H_WINTER,
        endsAt: TUESDAY_15H_WINTER + 90 * 24 * HOUR,
        slots,
      },
    });
    expect(
      run(checkAvailability, recurring([{ weekday: 1, startMinute: 17 * 60, endMinute: 19 * 60 }])),
    ).toBeNull();
    expect(
      run(checkAvailability, recurring([{ weekday: 1, startMinute: 18 * 60, endMinute: 19 * 60 }])),
    ).toMatchObject({
      key: "exclusion.availability.recurring",
    });
  });

  it("capacity: some left", () => {
    expect(run(checkCapacity, {}, { capacity: 2, activeMatches: 1 })).toBeNull();
    expect(run(checkCapacity, {}, { capacity: 2, activeMatches: 2 })).toMatchObject({
      code: "capacity",
      params: { capacity: 2, count: 2 },
    });
  });

  it("certificate: verified and valid on the need's date where required", () => {
    expect(run(checkCertificate, { requiresCertificate: false }, { certificateValidUntil: null })).toBeNull();
    expect(
      run(checkCertificate, { requiresCertificate: true }, { certificateValidUntil: "2025-03-11" }),
    ).toBeNull();
    expect(
      run(checkCertificate, { requiresCertificate: true }, { certificateValidUntil: "2025-03-10" }),
    ).toMatchObject({
      key: "exclusion.certificate.expired",
      params: { validUntil: "2025-03-10", date: "2025-03-11" },
    });
    expect(
      run(checkCertificate, { requiresCertificate: true }, { certificateValidUntil: null }),
    ).toMatchObject({
      key: "exclusion.certificate.missing",
    });
  });

  it("certificate of a recurring need is judged on today when the need began earlier", () => {
    const started = {
      kind: "recurring" as const,
      startsAt: REFERENCE_TIME - 30 * 24 * HOUR,
      endsAt: REFERENCE_TIME + 60 * 24 * HOUR,
      slots: [],
    };
    expect(
      run(
        checkCertificate,
        { requiresCertificate: true, schedule: started },
        { certificateValidUntil: "2025-03-02" },
      ),
    ).toMatchObject({
      params: { date: "2025-03-03" },
    });
  });

  it("offer validity: valid until at least the need's date", () => {
    expect(run(checkOfferValid, {}, { validUntil: "2025-03-11" })).toBeNull();
    expect(run(checkOfferValid, {}, { validUntil: "2025-03-10" })).toMatchObject({ code: "offer_expired" });
  });

  it("gender preference: only where asked, and organisations have no gender", () => {
    expect(run(checkGender, { genderPreference: "female" }, { gender: "female" })).toBeNull();
    expect(run(checkGender, { genderPreference: "none" }, { gender: null })).toBeNull();
    expect(run(checkGender, { genderPreference: "male" }, { gender: "female" })).toMatchObject({
      key: "exclusion.gender.male",
    });
    expect(
      run(checkGender, { genderPreference: "female" }, { gender: null, kind: "organisation" }),
    ).toMatchObject({ code: "gender" });
  });

  it("hours cap: one need may not ask more hours a week than the volunteer gives", () => {
    const slots = [
      { weekday: 1, startMinute: 14 * 60, endMinute: 17 * 60 },
      { weekday: 3, startMinute: 14 * 60, endMinute: 17 * 60 },
    ];
    const recurring = {
      kind: "recurring" as const,
      startsAt: TUESDAY_15H_WINTER,
      endsAt: TUESDAY_15H_WINTER + 1e9,
      slots,
    };
    expect(run(checkHoursCap, { schedule: recurring }, { hoursCapPerWeek: 6 })).toBeNull();
    expect(run(checkHoursCap, { schedule: recurring }, { hoursCapPerWeek: 5 })).toMatchObject({
      params: { hours: 6, cap: 5 },
    });
    expect(run(checkHoursCap, { schedule: recurring }, { hoursCapPerWeek: null })).toBeNull();
  });

  it("declined and already matched pairs are out, for that need only", () => {
    expect(run(checkNotDeclined, { id: 1 }, { id: 100 }, { declinedPairs: [[1, 100]] })).toMatchObject({
      code: "declined",
    });
    expect(run(checkNotDeclined, { id: 2 }, { id: 100 }, { declinedPairs: [[1, 100]] })).toBeNull();
    expect(run(checkNotAlreadyMatched, { id: 1 }, { id: 100 }, { matchedPairs: [[1, 100]] })).toMatchObject({
      code: "already_matched",
    });
  });

  it("lists every failed constraint in reading order", () => {
    const context = createContext(makeInstance({ declinedPairs: [[1, 100]] }));
    const failures = failedConstraints(
      prepareNeed(makeNeed({ requiresCertificate: true }), context),
      prepareOffer(makeOffer({ categoryId: 9, languages: ["fr"], capacity: 1, activeMatches: 1 })),
      context,
    );
    expect(failures.map((f) => f.code)).toEqual([
      "category",
      "language",
      "capacity",
      "certificate",
      "declined",
    ]);
  });
});
