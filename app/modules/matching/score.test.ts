import { describe, expect, it } from "vitest";
import { createContext, prepareNeed, prepareOffer } from "./prepare";
import {
  availabilityFit,
  distanceFit,
  experienceFit,
  languageFit,
  loadFit,
  responsivenessFit,
  scoreCandidate,
  scoreValue,
} from "./score";
import { centroid, makeInstance, makeNeed, makeOffer, TUESDAY_15H_WINTER } from "./test-fixtures";
import type { MatchNeed, MatchOffer, Weights } from "./types";

const HOUR = 3_600_000;
const context = createContext(makeInstance());
const pair = (need: Partial<MatchNeed> = {}, offer: Partial<MatchOffer> = {}) =>
  [prepareNeed(makeNeed(need), context), prepareOffer(makeOffer(offer))] as const;

describe("score components", () => {
  it("language: own language 1, only German 0.5, German-only need served in German 1", () => {
    expect(languageFit(...pair({ languages: ["ar", "de"] }, { languages: ["ar", "de"] }))).toEqual({
      value: 1,
      reason: { key: "language.shared", params: { languages: ["ar", "de"] } },
    });
    expect(languageFit(...pair({ languages: ["ar", "de"] }, { languages: ["de"] })).value).toBe(0.5);
    expect(languageFit(...pair({ languages: ["de"] }, { languages: ["de", "tr"] })).value).toBe(1);
    expect(
      languageFit(...pair({ languages: ["uk"], requireSharedLanguage: false }, { languages: ["de"] })),
    ).toEqual({
      value: 0,
      reason: { key: "language.none", params: {} },
    });
    expect(languageFit(...pair({ languages: [] })).reason.key).toBe("language.any");
  });

  it("distance: 1 at the same centroid, falling linearly to 0 at 10 km; served without a home counts as near", () => {
    expect(distanceFit(...pair())).toMatchObject({
      value: 1,
      km: 0,
      reason: { key: "distance.sameNeighbourhood" },
    });
    const schalke = distanceFit(...pair({ neighbourhoodId: 2, ...centroid(2) }));
    expect(schalke.value).toBeCloseTo(1 - (schalke.km as number) / 10, 12);
    expect(schalke.reason).toEqual({ key: "distance.km", params: { km: 1.8 } });
    // ~10.3 km north of the Altstadt centroid.
    expect(distanceFit(...pair({}, { neighbourhoodIds: [1], home: { lat: 51.6, lon: 7.0966 } })).value).toBe(
      0,
    );
    expect(distanceFit(...pair({}, { home: null }))).toMatchObject({
      value: 1,
      km: null,
      reason: { key: "distance.served" },
    });
  });

  it("availability: the share of the appointment the helper is free for, and when", () => {
    // 15–17 within 14–18.
    expect(availabilityFit(...pair())).toEqual({
      value: 1,
      reason: { key: "availability.when", params: { when: ["1_afternoon"] } },
    });
    // 17–19 against 14–18: half.
    const late = {
      kind: "one_off" as const,
      startsAt: TUESDAY_15H_WINTER + 2 * HOUR,
      endsAt: TUESDAY_15H_WINTER + 4 * HOUR,
    };
    expect(availabilityFit(...pair({ schedule: late })).value).toBe(0.5);
  });

  it("load: free capacity share", () => {
    expect(loadFit(...pair({}, { capacity: 4, activeMatches: 1 }))).toEqual({
      value: 0.75,
      reason: { key: "load.active", params: { count: 1 } },
    });
  });

  it("experience: saturates at 5 completed matches or 20 hours", () => {
    expect(
      experienceFit(...pair({}, { experienceInCategory: { completedMatches: 2, hours: 0 } })).value,
    ).toBeCloseTo(0.4, 12);
    expect(
      experienceFit(...pair({}, { experienceInCategory: { completedMatches: 1, hours: 20 } })).value,
    ).toBe(1);
    expect(
      experienceFit(...pair({}, { experienceInCategory: { completedMatches: 0, hours: 5 } })).reason,
    ).toEqual({
      key: "experience.hours",
      params: { count: 5 },
    });
    expect(experienceFit(...pair()).reason.key).toBe("experience.none");
  });

  it("responsiveness: acceptance rate with a Laplace prior (newcomers at 0.5)", () => {
    expect(responsivenessFit(...pair()).value).toBe(0.5);
    expect(
      responsivenessFit(...pair({}, { acceptanceHistory: { accepted: 8, declined: 1, noResponse: 1 } })),
    ).toEqual({
      value: 0.75,
      reason: { key: "responsiveness.rate", params: { percent: 80, count: 10 } },
    });
  });
});

describe("scoreCandidate", () => {
  it("returns each component with value, weight and contribution; the score is their rounded sum", () => {
    const [need, offer] = pair({}, { capacity: 4, activeMatches: 1 });
    const result = scoreCandidate(need, offer, context);
    expect(result.components.map((c) => c.key)).toEqual([
      "language",
      "distance",
      "availability",
      "load",
      "experience",
      "responsiveness",
    ]);
    // 25·1 + 20·1 + 20·1 + 15·0.75 + 10·0 + 10·0.5 = 81.25
    expect(result.score).toBe(81);
    expect(result.components.reduce((sum, c) => sum + c.contribution, 0)).toBeCloseTo(81.25, 1);
    expect(result.components.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(1, 2);
    expect(scoreValue(need, offer, context)).toBe(result.score);
  });

  it("is an integer in 0–100 and ignores components weighted 0", () => {
    const weights: Weights = {
      language: 0,
      distance: 0,
      availability: 0,
      load: 1,
      experience: 0,
      responsiveness: 0,
    };
    const onlyLoad = createContext(makeInstance({ weights }));
    const [need, offer] = pair({}, { capacity: 3, activeMatches: 1 });
    expect(scoreCandidate(need, offer, onlyLoad).score).toBe(67);
    expect(scoreValue(need, offer, onlyLoad)).toBe(67);
  });
});
