import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketSize, buildCandidateIndex } from "./candidate-index";
import { compareCandidates, explainExclusion, suggest } from "./candidate-search";
import { failedConstraints } from "./constraints";
import { createContext, prepareNeed, prepareOffer } from "./prepare";
import { scoreValue } from "./score";
import { centroid, instanceArb, makeInstance, makeNeed, makeOffer } from "./test-fixtures";
import type { MatchingInstance, MatchNeed } from "./types";

describe("candidate index and suggestions", () => {
  it("ranks by score, then by offer id, and returns at most k", () => {
    const offers = [
      makeOffer({ id: 300, activeMatches: 1 }), // lower load score
      makeOffer({ id: 200 }),
      makeOffer({ id: 150 }), // same score as 200: the lower id comes first
      makeOffer({ id: 120, languages: ["tr"] }), // no shared language
    ];
    const index = buildCandidateIndex(makeInstance({ offers }));
    const result = suggest(index, makeNeed(), 10);
    expect(result.map((c) => c.offerId)).toEqual([150, 200, 300]);
    expect(result[0]?.score).toBe(result[1]?.score);
    expect(result[0]!.score).toBeGreaterThan(result[2]!.score);
    expect(suggest(index, makeNeed(), 2).map((c) => c.offerId)).toEqual([150, 200]);
  });

  it("indexes radius offers into every neighbourhood whose centroid is within reach", () => {
    const offer = makeOffer({ id: 500, neighbourhoodIds: [], home: centroid(1), radiusKm: 3 });
    const index = buildCandidateIndex(makeInstance({ offers: [offer] }));
    const need = (neighbourhoodId: number) => makeNeed({ neighbourhoodId, ...centroid(neighbourhoodId) });
    expect(suggest(index, need(2)).map((c) => c.offerId)).toEqual([500]); // Schalke, 1.8 km
    expect(suggest(index, need(4))).toEqual([]); // Buer, 8 km
    expect(bucketSize(index, 1, 2, "ar")).toBe(1);
    expect(bucketSize(index, 1, 2, null)).toBe(1);
    expect(bucketSize(index, 1, 4, "ar")).toBe(0);
  });

  it("keeps full offers out of the buckets", () => {
    const index = buildCandidateIndex(
      makeInstance({ offers: [makeOffer({ capacity: 1, activeMatches: 1 })] }),
    );
    expect(index.stats.bucketEntries).toBe(0);
  });

  it("explains why an offer is not a candidate, or where it ranks", () => {
    const offers = [
      makeOffer({ id: 100 }),
      makeOffer({ id: 101, activeMatches: 1 }),
      makeOffer({ id: 102, categoryId: 2, languages: ["tr"] }),
    ];
    const index = buildCandidateIndex(makeInstance({ offers }));
    const need = makeNeed();
    expect(explainExclusion(index, need, offers[2]!)).toMatchObject({
      status: "excluded",
      exclusions: [{ code: "category" }, { code: "language" }],
    });
    const second = explainExclusion(index, need, offers[1]!);
    expect(second).toMatchObject({ status: "candidate", rank: 2, candidateCount: 2 });
    if (second.status === "candidate") expect(second.candidate.components).toHaveLength(6);
  });

  it("explanation carries the reasons a coordinator reads", () => {
    const index = buildCandidateIndex(makeInstance({ offers: [makeOffer({ activeMatches: 1 })] }));
    const [top] = suggest(index, makeNeed({ neighbourhoodId: 2, ...centroid(2) }));
    expect(top?.reasons).toEqual([
      { key: "language.shared", params: { languages: ["ar", "de"] } },
      { key: "distance.km", params: { km: 1.8 } },
      { key: "availability.when", params: { when: ["1_afternoon"] } },
      { key: "load.active", params: { count: 1 } },
      { key: "experience.none", params: {} },
      { key: "responsiveness.new", params: {} },
    ]);
  });
});

/** Brute force: every offer, every constraint, sorted — what the index must reproduce. */
function bruteForceSuggestions(instance: MatchingInstance, need: MatchNeed) {
  const context = createContext(instance);
  const prepared = prepareNeed(need, context);
  return (
    instance.offers
      .map(prepareOffer)
      .filter((offer) => failedConstraints(prepared, offer, context).length === 0)
      .map((offer) => ({
        offerId: offer.offer.id,
        ownerId: offer.offer.ownerId,
        score: scoreValue(prepared, offer, context),
      }))
      .sort(compareCandidates)
      // One person once: their best offer (score, then lower id).
      .filter((candidate, i, all) => all.findIndex((other) => other.ownerId === candidate.ownerId) === i)
      .map(({ offerId, score }) => ({ offerId, score }))
  );
}

describe("candidate index properties", () => {
  it("returns exactly the offers that pass every hard constraint, in score order (never misses, never adds)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          instanceArb(6, 12),
          instanceArb(6, 12, { dense: true }),
          instanceArb(6, 12, { dense: true, sharedOwners: true }),
        ),
        (instance) => {
          const index = buildCandidateIndex(instance);
          const context = createContext(instance);
          for (const need of instance.needs) {
            const suggestions = suggest(index, need, 1000);
            const expected = bruteForceSuggestions(instance, need);
            expect(suggestions.map(({ offerId, score }) => ({ offerId, score }))).toEqual(expected);
            for (const candidate of suggestions) {
              const offer = instance.offers.find((o) => o.id === candidate.offerId)!;
              expect(failedConstraints(prepareNeed(need, context), prepareOffer(offer), context)).toEqual([]);
              expect(candidate.score).toBe(Math.round(candidate.score));
              expect(candidate.score).toBeGreaterThanOrEqual(0);
              expect(candidate.score).toBeLessThanOrEqual(100);
            }
            suggestions.forEach((candidate, i) => {
              const offer = instance.offers.find((o) => o.id === candidate.offerId)!;
              expect(explainExclusion(index, need, offer)).toMatchObject({
                status: "candidate",
                rank: i + 1,
              });
            });
            // The person's other fitting offers are explained as "suggested through a better offer".
            const suggested = new Map(
              suggestions.map((c) => [instance.offers.find((o) => o.id === c.offerId)!.ownerId, c.offerId]),
            );
            for (const offer of instance.offers) {
              const through = suggested.get(offer.ownerId);
              if (through === undefined || through === offer.id) continue;
              if (failedConstraints(prepareNeed(need, context), prepareOffer(offer), context).length > 0)
                continue;
              expect(explainExclusion(index, need, offer)).toEqual({
                offerId: offer.id,
                status: "excluded",
                exclusions: [
                  { code: "same_owner", key: "exclusion.same_owner", params: { offerId: through } },
                ],
              });
            }
          }
        },
      ),
      { seed: 20250311, numRuns: 200 },
    );
  });

  it("is deterministic: the same instance in another order gives the same suggestions", () => {
    fc.assert(
      fc.property(instanceArb(4, 10), (instance) => {
        const reversed = { ...instance, offers: [...instance.offers].reverse() };
        const a = buildCandidateIndex(instance);
        const b = buildCandidateIndex(reversed);
        for (const need of instance.needs) expect(suggest(a, need)).toEqual(suggest(b, need));
      }),
      { seed: 7, numRuns: 50 },
    );
  });
});
