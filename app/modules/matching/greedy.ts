import type { Assignment, CandidateGraph } from "./candidate-graph";

/**
 * The comparison baseline: take edges by score descending (ties: need id, then offer id ascending)
 * while both ends have capacity. Scores are 0–100, so a counting sort keeps it linear; the graph's
 * edges are already in (need, offer) order, which the stable sort preserves within a score.
 */
export function solveGreedy(graph: CandidateGraph): Assignment {
  const edgeCount = graph.edgeScore.length;
  let maxScore = 0;
  for (let e = 0; e < edgeCount; e++) maxScore = Math.max(maxScore, graph.edgeScore[e] as number);
  const start = new Int32Array(maxScore + 2);
  for (let e = 0; e < edgeCount; e++) start[maxScore - (graph.edgeScore[e] as number) + 1]! += 1;
  for (let s = 0; s <= maxScore; s++) start[s + 1]! += start[s] as number;
  const order = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) order[start[maxScore - (graph.edgeScore[e] as number)]!++] = e;

  const needLeft = Int32Array.from(graph.needCapacity);
  const offerLeft = Int32Array.from(graph.offerCapacity);
  const chosen = new Uint8Array(edgeCount);
  let total = 0;
  let count = 0;
  for (const e of order) {
    const score = graph.edgeScore[e] as number;
    if (score <= 0) break;
    const need = graph.edgeNeed[e] as number;
    const offer = graph.edgeOffer[e] as number;
    if ((needLeft[need] as number) <= 0 || (offerLeft[offer] as number) <= 0) continue;
    needLeft[need]! -= 1;
    offerLeft[offer]! -= 1;
    chosen[e] = 1;
    total += score;
    count++;
  }
  const edges = new Int32Array(count);
  for (let e = 0, k = 0; e < edgeCount; e++) if (chosen[e]) edges[k++] = e;
  return { edges, total };
}
