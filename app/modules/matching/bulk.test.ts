import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { solveBulk } from "./bulk";
import { buildCandidateGraph, graphFromPlain, type Assignment, type CandidateGraph } from "./candidate-graph";
import { buildCandidateIndex } from "./candidate-index";
import { failedConstraints } from "./constraints";
import { verifyCertificate } from "./certificate";
import { solveGreedy } from "./greedy";
import { solveExact } from "./min-cost-flow";
import { createContext, prepareNeed, prepareOffer } from "./prepare";
import { bruteForceTotal, graphArb, instanceArb } from "./test-fixtures";

function expectWithinCapacities(graph: CandidateGraph, assignment: Assignment) {
  const needUsed = new Array<number>(graph.needIds.length).fill(0);
  const offerUsed = new Array<number>(graph.offerIds.length).fill(0);
  const pairs = new Set<string>();
  let total = 0;
  for (const e of assignment.edges) {
    needUsed[graph.edgeNeed[e]!]!++;
    offerUsed[graph.edgeOffer[e]!]!++;
    pairs.add(`${graph.edgeNeed[e]}:${graph.edgeOffer[e]}`);
    total += graph.edgeScore[e]!;
  }
  expect(pairs.size).toBe(assignment.edges.length);
  needUsed.forEach((used, i) => expect(used).toBeLessThanOrEqual(graph.needCapacity[i]!));
  offerUsed.forEach((used, j) => expect(used).toBeLessThanOrEqual(graph.offerCapacity[j]!));
  expect(total).toBe(assignment.total);
}

describe("bulk assignment", () => {
  it("beats greedy where taking the best pair first blocks a better whole", () => {
    // Greedy takes A–X (90) and leaves B without anyone; the optimum is A–Y + B–X.
    const graph = graphFromPlain({
      needs: [
        { id: 1, capacity: 1 },
        { id: 2, capacity: 1 },
      ],
      offers: [
        { id: 10, capacity: 1 },
        { id: 11, capacity: 1 },
      ],
      edges: [
        { needId: 1, offerId: 10, score: 90 },
        { needId: 1, offerId: 11, score: 80 },
        { needId: 2, offerId: 10, score: 85 },
      ],
    });
    expect(solveGreedy(graph).total).toBe(90);
    const exact = solveExact(graph);
    expect(exact.assignment.total).toBe(165);
    expect(verifyCertificate(graph, exact.assignment, exact.certificate)).toMatchObject({
      valid: true,
      primal: 165,
      dual: 165,
    });
  });

  it("leaves a slot empty rather than lowering the total, and handles empty graphs", () => {
    const empty = graphFromPlain({ needs: [{ id: 1, capacity: 2 }], offers: [], edges: [] });
    const exact = solveExact(empty);
    expect(exact.assignment.total).toBe(0);
    expect(verifyCertificate(empty, exact.assignment, exact.certificate).valid).toBe(true);
  });

  it("the checker rejects a suboptimal assignment, a wrong certificate and an over-full offer", () => {
    const graph = graphFromPlain({
      needs: [
        { id: 1, capacity: 1 },
        { id: 2, capacity: 1 },
      ],
      offers: [
        { id: 10, capacity: 1 },
        { id: 11, capacity: 1 },
      ],
      edges: [
        { needId: 1, offerId: 10, score: 90 },
        { needId: 1, offerId: 11, score: 80 },
        { needId: 2, offerId: 10, score: 85 },
      ],
    });
    const exact = solveExact(graph);
    const greedy = solveGreedy(graph);
    expect(verifyCertificate(graph, greedy, exact.certificate).valid).toBe(false);
    const zero = { needPrice: new Int32Array(2), offerPrice: new Int32Array(2) };
    expect(verifyCertificate(graph, exact.assignment, zero).valid).toBe(false);
    const overfull = { edges: Int32Array.from([0, 2]), total: 175 };
    const check = verifyCertificate(graph, overfull, exact.certificate);
    expect(check.valid).toBe(false);
    expect(check.violations.join("\n")).toContain("offer 10 gets 2 needs but has capacity 1");
  });

  it("on small random graphs: exact equals brute force, ≥ greedy, within capacities, certified", () => {
    const graphs = fc.oneof(
      graphArb(6, 6),
      // Capacity 1 and close scores: greedy goes wrong often, the exact solver must reroute.
      graphArb(6, 6, 1, fc.integer({ min: 40, max: 60 })),
      graphArb(6, 6, 2, fc.integer({ min: 40, max: 60 })),
    );
    fc.assert(
      fc.property(graphs, (graph) => {
        const exact = solveExact(graph);
        const greedy = solveGreedy(graph);
        expectWithinCapacities(graph, exact.assignment);
        expectWithinCapacities(graph, greedy);
        expect(exact.assignment.total).toBe(bruteForceTotal(graph));
        expect(exact.assignment.total).toBeGreaterThanOrEqual(greedy.total);
        const check = verifyCertificate(graph, exact.assignment, exact.certificate);
        expect(check.violations).toEqual([]);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it("on larger random graphs: within capacities, ≥ greedy, certified", () => {
    fc.assert(
      fc.property(graphArb(40, 40, 5), (graph) => {
        const exact = solveExact(graph);
        const greedy = solveGreedy(graph);
        expectWithinCapacities(graph, exact.assignment);
        expectWithinCapacities(graph, greedy);
        expect(exact.assignment.total).toBeGreaterThanOrEqual(greedy.total);
        expect(verifyCertificate(graph, exact.assignment, exact.certificate).violations).toEqual([]);
      }),
      { seed: 4242, numRuns: 60 },
    );
  });

  it("end to end on random needs and offers: only candidate pairs, brute-force optimal, certified", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          instanceArb(6, 6),
          instanceArb(6, 6, { dense: true }),
          instanceArb(6, 6, { dense: true, sharedOwners: true }),
        ),
        (instance) => {
          const result = solveBulk(instance);
          const context = createContext(instance);
          const needs = new Map(instance.needs.map((n) => [n.id, n]));
          const offers = new Map(instance.offers.map((o) => [o.id, o]));
          for (const side of [result.exact, result.greedy]) {
            // Never the same person twice for one need, through two of their offers.
            const people = side.pairs.map((pair) => `${pair.needId}:${offers.get(pair.offerId)!.ownerId}`);
            expect(new Set(people).size).toBe(people.length);
            for (const pair of side.pairs) {
              const failures = failedConstraints(
                prepareNeed(needs.get(pair.needId)!, context),
                prepareOffer(offers.get(pair.offerId)!),
                context,
              );
              expect(failures).toEqual([]);
            }
          }
          expect(result.certified).toBe(true);
          expect(result.gap).toBeGreaterThanOrEqual(0);
          const graph = buildCandidateGraph(buildCandidateIndex(instance), instance.needs);
          expect(result.exact.total).toBe(bruteForceTotal(graph));
        },
      ),
      { seed: 1989, numRuns: 300 },
    );
  });
});
