import type { Assignment, CandidateGraph } from "./candidate-graph";
import type { OptimalityCertificate } from "./min-cost-flow";

export interface CertificateCheck {
  valid: boolean;
  /** Total score of the assignment (the primal objective). */
  primal: number;
  /** Σ needCap·needPrice + Σ offerCap·offerPrice + Σ max(0, score − prices): an upper bound on any total. */
  dual: number;
  /** What failed, at most 20 messages. */
  violations: string[];
}

/**
 * Checks, independently of the solver, that an assignment is feasible and optimal.
 *
 * Feasibility: every chosen edge exists once, no need gets more helpers than it needs, no offer more
 * needs than its capacity left. Optimality by LP duality for bipartite b-matching (the constraint
 * matrix is totally unimodular, so the LP optimum is the integer optimum): prices u (needs) and
 * v (offers) are ≥ 0, and in residual-graph terms every reduced cost is ≥ 0:
 *   - an unchosen edge could be added:  u + v − score ≥ 0
 *   - a chosen edge could be removed:   score − u − v ≥ 0
 *   - a need (offer) with a free slot has price 0.
 * These are complementary slackness; then primal = dual, and since every feasible assignment totals
 * at most the dual (weak duality), none beats this one. Both sums are recomputed and compared.
 */
export function verifyCertificate(
  graph: CandidateGraph,
  assignment: Assignment,
  certificate: OptimalityCertificate,
): CertificateCheck {
  const violations: string[] = [];
  const fail = (message: string) => {
    if (violations.length < 20) violations.push(message);
  };
  const needCount = graph.needIds.length;
  const offerCount = graph.offerIds.length;
  const edgeCount = graph.edgeScore.length;
  const needName = (i: number) => `need ${graph.needIds[i]}`;
  const offerName = (j: number) => `offer ${graph.offerIds[j]}`;

  if (certificate.needPrice.length !== needCount || certificate.offerPrice.length !== offerCount) {
    return {
      valid: false,
      primal: NaN,
      dual: NaN,
      violations: ["certificate size does not match the graph"],
    };
  }

  // Feasibility.
  const chosen = new Uint8Array(edgeCount);
  const needUsed = new Int32Array(needCount);
  const offerUsed = new Int32Array(offerCount);
  const pairs = new Set<string>();
  let primal = 0;
  for (const e of assignment.edges) {
    if (!Number.isInteger(e) || e < 0 || e >= edgeCount) {
      fail(`edge ${e} is not in the graph`);
      continue;
    }
    if (chosen[e]) {
      fail(`edge ${e} chosen twice`);
      continue;
    }
    chosen[e] = 1;
    const i = graph.edgeNeed[e] as number;
    const j = graph.edgeOffer[e] as number;
    const pair = `${i}:${j}`;
    if (pairs.has(pair)) fail(`${needName(i)} is paired with ${offerName(j)} twice`);
    pairs.add(pair);
    needUsed[i]! += 1;
    offerUsed[j]! += 1;
    primal += graph.edgeScore[e] as number;
  }
  for (let i = 0; i < needCount; i++) {
    if ((needUsed[i] as number) > (graph.needCapacity[i] as number)) {
      fail(`${needName(i)} gets ${needUsed[i]} helpers but needs ${graph.needCapacity[i]}`);
    }
  }
  for (let j = 0; j < offerCount; j++) {
    if ((offerUsed[j] as number) > (graph.offerCapacity[j] as number)) {
      fail(`${offerName(j)} gets ${offerUsed[j]} needs but has capacity ${graph.offerCapacity[j]}`);
    }
  }
  if (primal !== assignment.total) fail(`assignment total ${assignment.total} ≠ sum of its scores ${primal}`);

  // Dual feasibility and complementary slackness.
  let dual = 0;
  for (let i = 0; i < needCount; i++) {
    const u = certificate.needPrice[i] as number;
    if (!Number.isFinite(u) || u < 0) fail(`${needName(i)} has a negative price ${u}`);
    if (u > 0 && needUsed[i] !== graph.needCapacity[i]) fail(`${needName(i)} has a free slot but price ${u}`);
    dual += (graph.needCapacity[i] as number) * u;
  }
  for (let j = 0; j < offerCount; j++) {
    const v = certificate.offerPrice[j] as number;
    if (!Number.isFinite(v) || v < 0) fail(`${offerName(j)} has a negative price ${v}`);
    if (v > 0 && offerUsed[j] !== graph.offerCapacity[j])
      fail(`${offerName(j)} has free capacity but price ${v}`);
    dual += (graph.offerCapacity[j] as number) * v;
  }
  for (let e = 0; e < edgeCount; e++) {
    const i = graph.edgeNeed[e] as number;
    const j = graph.edgeOffer[e] as number;
    const reduced =
      (certificate.needPrice[i] as number) +
      (certificate.offerPrice[j] as number) -
      (graph.edgeScore[e] as number);
    if (chosen[e]) {
      if (reduced > 0) fail(`chosen ${needName(i)}–${offerName(j)}: prices exceed the score by ${reduced}`);
      dual += -reduced > 0 ? -reduced : 0;
    } else if (reduced < 0) {
      fail(`unchosen ${needName(i)}–${offerName(j)} would gain ${-reduced}`);
      dual += -reduced;
    }
  }
  if (dual !== primal) fail(`dual bound ${dual} ≠ assignment total ${primal}`);
  return { valid: violations.length === 0, primal, dual, violations };
}
