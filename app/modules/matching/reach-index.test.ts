import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildCandidateIndex } from "./candidate-index";
import { suggest } from "./candidate-search";
import { buildReachIndex, reachableOfferIds } from "./reach-index";
import { centroid, instanceArb, makeInstance, makeNeed, makeOffer, NEIGHBOURHOODS } from "./test-fixtures";

describe("reach index", () => {
  it("finds every candidate of every need, whatever the offers' load (never misses)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          instanceArb(6, 12),
          instanceArb(6, 12, { dense: true }),
          instanceArb(6, 12, { dense: true, sharedOwners: true }),
        ),
        (instance) => {
          const reach = buildReachIndex(instance.offers, instance.neighbourhoods);
          const index = buildCandidateIndex(instance);
          for (const need of instance.needs) {
            const reachable = new Set(reachableOfferIds(reach, need, instance.referenceTime));
            for (const candidate of suggest(index, need, 1000))
              expect(reachable).toContain(candidate.offerId);
            // Suggestions from only the reachable offers are the suggestions from all of them.
            const narrow = buildCandidateIndex({
              ...instance,
              offers: instance.offers.filter((offer) => reachable.has(offer.id)),
            });
            expect(suggest(narrow, need, 10)).toEqual(suggest(index, need, 10));
          }
        },
      ),
      { seed: 19, numRuns: 200 },
    );
  });

  it("keeps full offers in (capacity changes with every match) and inactive ones out", () => {
    const offers = [
      makeOffer({ id: 1, capacity: 1, activeMatches: 1 }),
      makeOffer({ id: 2, active: false }),
      makeOffer({ id: 3, categoryId: 2 }),
    ];
    const reach = buildReachIndex(offers, NEIGHBOURHOODS);
    expect(reachableOfferIds(reach, makeNeed(), makeInstance().referenceTime)).toEqual([1]);
  });

  it("reaches by radius from the owner's home, and answers null for a neighbourhood it does not know", () => {
    const offer = makeOffer({ id: 500, neighbourhoodIds: [], home: centroid(1), radiusKm: 3 });
    const reach = buildReachIndex([offer], NEIGHBOURHOODS);
    const at = (neighbourhoodId: number) =>
      reachableOfferIds(reach, makeNeed({ neighbourhoodId, ...centroid(neighbourhoodId) }), 0);
    expect(at(2)).toEqual([500]); // Schalke, 1.8 km
    expect(at(4)).toEqual([]); // Buer, 8 km
    expect(reachableOfferIds(reach, { ...makeNeed(), neighbourhoodId: 999 }, 0)).toBeNull();
  });
});
