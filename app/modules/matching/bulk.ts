import { buildCandidateGraph, assignmentPairs, type CandidateGraph } from "./candidate-graph";
import { buildCandidateIndex, type CandidateIndex } from "./candidate-index";
import { verifyCertificate } from "./certificate";
import { solveGreedy } from "./greedy";
import { solveExact } from "./min-cost-flow";
import type { MatchingInstance } from "./types";

export interface BulkPair {
  needId: number;
  offerId: number;
  score: number;
}

export interface BulkSide {
  total: number;
  assigned: number;
  pairs: BulkPair[];
  ms: number;
}

/** Everything the bulk page shows; plain data, so it crosses the worker boundary as it is. */
export interface BulkResult {
  needs: number;
  offers: number;
  /** Candidate pairs (edges of the sparse graph). */
  edges: number;
  components: number;
  largestComponentEdges: number;
  phases: number;
  exact: BulkSide;
  greedy: BulkSide;
  /** exact.total − greedy.total (≥ 0). */
  gap: number;
  /** The gap as a share of the exact total, in percent, one decimal. */
  gapPercent: number;
  certified: boolean;
  certificateViolations: string[];
  timings: { indexMs: number; graphMs: number; exactMs: number; greedyMs: number; verifyMs: number };
}

const elapsed = (since: number) => Math.round((performance.now() - since) * 10) / 10;

/**
 * Bulk assignment of all needs of the instance: candidate graph from the index, the exact optimum
 * with its certificate checked by the independent verifier, and greedy for comparison.
 */
export function solveBulk(instance: MatchingInstance, prebuilt?: CandidateIndex): BulkResult {
  let t = performance.now();
  const index = prebuilt ?? buildCandidateIndex(instance);
  const indexMs = elapsed(t);
  t = performance.now();
  const graph: CandidateGraph = buildCandidateGraph(index, instance.needs);
  const graphMs = elapsed(t);

  t = performance.now();
  const exact = solveExact(graph);
  const exactMs = elapsed(t);
  t = performance.now();
  const greedy = solveGreedy(graph);
  const greedyMs = elapsed(t);
  t = performance.now();
  const check = verifyCertificate(graph, exact.assignment, exact.certificate);
  const verifyMs = elapsed(t);

  const gap = exact.assignment.total - greedy.total;
  return {
    needs: graph.needIds.length,
    offers: instance.offers.length,
    edges: graph.edgeScore.length,
    components: exact.stats.components,
    largestComponentEdges: exact.stats.largestComponentEdges,
    phases: exact.stats.phases,
    exact: {
      total: exact.assignment.total,
      assigned: exact.assignment.edges.length,
      pairs: assignmentPairs(graph, exact.assignment),
      ms: exactMs,
    },
    greedy: {
      total: greedy.total,
      assigned: greedy.edges.length,
      pairs: assignmentPairs(graph, greedy),
      ms: greedyMs,
    },
    gap,
    gapPercent: exact.assignment.total > 0 ? Math.round((gap / exact.assignment.total) * 1000) / 10 : 0,
    certified: check.valid,
    certificateViolations: check.violations,
    timings: { indexMs, graphMs, exactMs, greedyMs, verifyMs },
  };
}
