import { describe, expect, it } from "vitest";
import { explainOrganisationCover } from "./organisation-cover";
import { makeInstance, makeNeed, makeOffer } from "./test-fixtures";

const club = (overrides: Parameters<typeof makeOffer>[0] = {}) =>
  makeOffer({
    kind: "organisation",
    ownerId: "org:7",
    languages: ["de"],
    neighbourhoodIds: [4],
    home: null,
    radiusKm: 0,
    availability: [{ weekday: 5, startMinute: 10 * 60, endMinute: 12 * 60 }],
    certificateValidUntil: null,
    hoursCapPerWeek: null,
    gender: null,
    ...overrides,
  });

describe("explainOrganisationCover", () => {
  it("lets an organisation cover a need beyond language, place, time and certificate, with the engine's score", () => {
    const instance = makeInstance();
    const need = makeNeed({ languages: ["prs"], requiresCertificate: true });
    const cover = explainOrganisationCover(instance, need, club());
    expect(cover.status).toBe("candidate");
    if (cover.status !== "candidate") return;
    expect(cover.candidate.offerId).toBe(100);
    expect(cover.candidate.score).toBeGreaterThanOrEqual(0);
    expect(cover.candidate.components.map((c) => c.key)).toContain("language");
  });

  it("still needs the right kind of help, room, a valid offer and no earlier answer", () => {
    const instance = makeInstance({ declinedPairs: [[1, 101]], matchedPairs: [[1, 102]] });
    const need = makeNeed();
    const codes = (offer: ReturnType<typeof club>) => {
      const cover = explainOrganisationCover(instance, need, offer);
      return cover.status === "excluded" ? cover.exclusions.map((e) => e.code) : [];
    };
    expect(codes(club({ categoryId: 2 }))).toEqual(["category"]);
    expect(codes(club({ capacity: 1, activeMatches: 1 }))).toEqual(["capacity"]);
    expect(codes(club({ active: false }))).toEqual(["inactive"]);
    expect(codes(club({ validUntil: "2025-01-01" }))).toEqual(["offer_expired"]);
    expect(codes(club({ id: 101 }))).toEqual(["declined"]);
    expect(codes(club({ id: 102 }))).toEqual(["already_matched"]);
  });

  it("is not a way around the rules for a volunteer's offer", () => {
    const cover = explainOrganisationCover(makeInstance(), makeNeed({ languages: ["prs"] }), makeOffer());
    expect(cover.status).toBe("excluded");
  });
});
