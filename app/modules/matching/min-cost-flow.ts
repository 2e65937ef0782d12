import type { Assignment, CandidateGraph } from "./candidate-graph";

/**
 * Dual prices proving an assignment optimal (LP duality for bipartite b-matching):
 * needPrice[i] ≥ 0 is the marginal worth of one more helper slot of need i, offerPrice[j] ≥ 0 of one
 * more unit of capacity of offer j. See verifyCertificate for the conditions they satisfy.
 */
export interface OptimalityCertificate {
  needPrice: Int32Array;
  offerPrice: Int32Array;
}

export interface ExactResult {
  assignment: Assignment;
  certificate: OptimalityCertificate;
  stats: { components: number; largestComponentEdges: number; phases: number; maxPhasesInComponent: number };
}

const INF = 0x3fffffff;

/**
 * Exact maximum-total-score assignment: min-cost flow on the sparse candidate graph, one connected
 * component at a time. docs/decisions/030-matching-min-cost-flow.md says why this method.
 */
export function solveExact(graph: CandidateGraph): ExactResult {
  const needCount = graph.needIds.length;
  const offerCount = graph.offerIds.length;
  const edgeCount = graph.edgeScore.length;

  // Union-find over needs [0, n) and offers [n, n + m).
  const parent = new Int32Array(needCount + offerCount);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      const up = parent[parent[x] as number] as number;
      parent[x] = up;
      x = up;
    }
    return x;
  };
  for (let e = 0; e < edgeCount; e++) {
    const a = find(graph.edgeNeed[e] as number);
    const b = find(needCount + (graph.edgeOffer[e] as number));
    if (a !== b) parent[a] = b;
  }

  // Group edges by component (counting sort on the root), keeping their (need, offer) order.
  const componentOf = new Int32Array(needCount + offerCount).fill(-1);
  let components = 0;
  const edgeComponent = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const root = find(graph.edgeNeed[e] as number);
    if (componentOf[root] === -1) componentOf[root] = components++;
    edgeComponent[e] = componentOf[root] as number;
  }
  const start = new Int32Array(components + 1);
  for (let e = 0; e < edgeCount; e++) start[(edgeComponent[e] as number) + 1]! += 1;
  for (let c = 0; c < components; c++) start[c + 1]! += start[c] as number;
  const fill = start.slice(0, components);
  const ordered = new Int32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) ordered[fill[edgeComponent[e] as number]!++] = e;

  const needPrice = new Int32Array(needCount);
  const offerPrice = new Int32Array(offerCount);
  const chosen = new Uint8Array(edgeCount);
  let phases = 0;
  let maxPhases = 0;
  let largest = 0;
  const solver = new ComponentSolver();
  for (let c = 0; c < components; c++) {
    const edges = ordered.subarray(start[c] as number, start[c + 1] as number);
    largest = Math.max(largest, edges.length);
    const used = solver.solve(graph, edges, chosen, needPrice, offerPrice);
    phases += used;
    maxPhases = Math.max(maxPhases, used);
  }

  let total = 0;
  let assigned = 0;
  for (let e = 0; e < edgeCount; e++) {
    if (!chosen[e]) continue;
    total += graph.edgeScore[e] as number;
    assigned++;
  }
  const picked = new Int32Array(assigned);
  for (let e = 0, k = 0; e < edgeCount; e++) if (chosen[e]) picked[k++] = e;
  return {
    assignment: { edges: picked, total },
    certificate: { needPrice, offerPrice },
    stats: { components, largestComponentEdges: largest, phases, maxPhasesInComponent: maxPhases },
  };
}

/**
 * Primal-dual min-cost flow on one component. Network: S → need (cap = helpers needed), need → offer
 * (cap 1, cost −score), offer → T (cap = capacity left), and a dummy D with need → D → T at cost 0 so
 * leaving a slot empty is always possible; then min-cost MAX flow = max-score assignment, and every
 * augmenting path costs between −100 and 0.
 *
 * Each phase: Dijkstra on reduced costs (Dial's buckets: they are small integers), potentials +=
 * min(dist, dist(T)), then a maximal flow (Dinic) on the zero-reduced-cost arcs. The shortest path's
 * cost rises by ≥ 1 per phase, so there are at most ~101 phases whatever the component's size.
 */
class ComponentSolver {
  // Buffers grow to the largest component and are reused.
  private head = new Int32Array(0);
  private next = new Int32Array(0);
  private to = new Int32Array(0);
  private cap = new Int32Array(0);
  private cost = new Int32Array(0);
  private potential = new Int32Array(0);
  private dist = new Int32Array(0);
  private level = new Int32Array(0);
  private current = new Int32Array(0);
  private queue = new Int32Array(0);
  private stackNode = new Int32Array(0);
  private stackArc = new Int32Array(0);
  private localOf = new Map<number, number>();

  private ensure(nodes: number, arcs: number) {
    if (this.head.length < nodes) {
      const size = Math.max(nodes, this.head.length * 2);
      this.head = new Int32Array(size);
      this.potential = new Int32Array(size);
      this.dist = new Int32Array(size);
      this.level = new Int32Array(size);
      this.current = new Int32Array(size);
      this.queue = new Int32Array(size);
      this.stackNode = new Int32Array(size + 1);
      this.stackArc = new Int32Array(size + 1);
    }
    if (this.next.length < arcs) {
      const size = Math.max(arcs, this.next.length * 2);
      this.next = new Int32Array(size);
      this.to = new Int32Array(size);
      this.cap = new Int32Array(size);
      this.cost = new Int32Array(size);
    }
  }

  /** Solves the component; marks chosen edges and writes the prices of its nodes. Returns phases. */
  solve(
    graph: CandidateGraph,
    edges: Int32Array,
    chosen: Uint8Array,
    needPrice: Int32Array,
    offerPrice: Int32Array,
  ): number {
    // Local numbering: S = 0, needs 1..n, offers n+1..n+m, D = n+m+1, T = n+m+2.
    const localOf = this.localOf;
    localOf.clear();
    const needs: number[] = [];
    const offers: number[] = [];
    for (const e of edges) {
      const need = graph.edgeNeed[e] as number;
      if (localOf.has(need)) continue;
      localOf.set(need, needs.length);
      needs.push(need);
    }
    const n = needs.length;
    const offerLocal = new Map<number, number>();
    for (const e of edges) {
      const offer = graph.edgeOffer[e] as number;
      if (offerLocal.has(offer)) continue;
      offerLocal.set(offer, offers.length);
      offers.push(offer);
    }
    const m = offers.length;
    const S = 0;
    const D = n + m + 1;
    const T = n + m + 2;
    const nodes = n + m + 3;
    const arcs = 2 * (edges.length + 2 * n + m + 1);
    this.ensure(nodes, arcs);
    const { head, next, to, cap, cost, potential } = this;
    head.fill(-1, 0, nodes);
    let arcCount = 0;
    const addArc = (u: number, v: number, capacity: number, c: number) => {
      to[arcCount] = v;
      cap[arcCount] = capacity;
      cost[arcCount] = c;
      next[arcCount] = head[u] as number;
      head[u] = arcCount++;
      to[arcCount] = u;
      cap[arcCount] = 0;
      cost[arcCount] = -c;
      next[arcCount] = head[v] as number;
      head[v] = arcCount++;
    };

    let totalDemand = 0;
    for (let i = 0; i < n; i++) {
      const demand = graph.needCapacity[needs[i] as number] as number;
      totalDemand += demand;
      addArc(S, 1 + i, demand, 0);
      // One more than the demand keeps need → D always residual: it pins the need's price ≥ 0.
      addArc(1 + i, D, demand + 1, 0);
    }
    addArc(D, T, totalDemand + 1, 0);
    for (let j = 0; j < m; j++) addArc(n + 1 + j, T, graph.offerCapacity[offers[j] as number] as number, 0);
    const edgeArc = new Int32Array(edges.length);
    potential.fill(0, 0, nodes);
    for (let k = 0; k < edges.length; k++) {
      const e = edges[k] as number;
      const u = 1 + (localOf.get(graph.edgeNeed[e] as number) as number);
      const v = n + 1 + (offerLocal.get(graph.edgeOffer[e] as number) as number);
      const score = graph.edgeScore[e] as number;
      edgeArc[k] = arcCount;
      addArc(u, v, 1, -score);
      // Initial potentials making every arc's reduced cost ≥ 0 on the DAG S → needs → offers → T.
      if (-score < (potential[v] as number)) potential[v] = -score;
    }
    let minOffer = 0;
    for (let j = 0; j < m; j++) minOffer = Math.min(minOffer, potential[n + 1 + j] as number);
    potential[T] = minOffer;

    let phases = 0;
    while (this.shortestPaths(S, T, nodes)) {
      phases++;
      this.maxFlowOnAdmissible(S, T, nodes);
    }

    for (let k = 0; k < edges.length; k++)
      if (cap[edgeArc[k] as number] === 0) chosen[edges[k] as number] = 1;
    const pT = potential[T] as number;
    for (let i = 0; i < n; i++) needPrice[needs[i] as number] = (potential[1 + i] as number) - pT;
    for (let j = 0; j < m; j++)
      offerPrice[offers[j] as number] = Math.max(0, pT - (potential[n + 1 + j] as number));
    return phases;
  }

  /**
   * Dijkstra from S on reduced costs with a bucket queue, stopping when T is settled; then
   * potential += min(dist, dist(T)), which keeps every residual reduced cost ≥ 0 (nodes beyond T are
   * no closer than T). Returns false when T is unreachable: the flow is maximum.
   */
  private shortestPaths(S: number, T: number, nodes: number): boolean {
    const { head, next, to, cap, cost, potential, dist } = this;
    dist.fill(INF, 0, nodes);
    dist[S] = 0;
    const buckets: number[][] = [[S]];
    let found = false;
    let bound = INF;
    for (let d = 0; d < buckets.length && d <= bound; d++) {
      const bucket = buckets[d];
      if (!bucket) continue;
      for (let b = 0; b < bucket.length; b++) {
        const u = bucket[b] as number;
        if (dist[u] !== d) continue;
        if (u === T) {
          found = true;
          break;
        }
        const pu = potential[u] as number;
        for (let a = head[u] as number; a !== -1; a = next[a] as number) {
          if ((cap[a] as number) <= 0) continue;
          const v = to[a] as number;
          const nd = d + (cost[a] as number) + pu - (potential[v] as number);
          if (nd < (dist[v] as number) && nd <= bound) {
            dist[v] = nd;
            if (v === T) bound = nd;
            (buckets[nd] ??= []).push(v);
          }
        }
      }
      if (found) break;
    }
    if (!found) return false;
    const dT = dist[T] as number;
    for (let v = 0; v < nodes; v++) {
      const d = dist[v] as number;
      potential[v] = (potential[v] as number) + (d < dT ? d : dT);
    }
    return true;
  }

  /** Dinic restricted to residual arcs of reduced cost 0: after it no such S–T path is left. */
  private maxFlowOnAdmissible(S: number, T: number, nodes: number) {
    const { head, next, to, cap, cost, potential, level, current, queue, stackNode, stackArc } = this;
    for (;;) {
      // BFS levels over admissible arcs, stopping at T's level: deeper nodes can't be on a shortest path.
      level.fill(-1, 0, nodes);
      level[S] = 0;
      let qHead = 0;
      let qTail = 0;
      queue[qTail++] = S;
      let levelT = INF;
      while (qHead < qTail) {
        const u = queue[qHead++] as number;
        const lu = level[u] as number;
        if (lu >= levelT) break;
        const pu = potential[u] as number;
        for (let a = head[u] as number; a !== -1; a = next[a] as number) {
          const v = to[a] as number;
          if (
            level[v] !== -1 ||
            (cap[a] as number) <= 0 ||
            (cost[a] as number) + pu !== (potential[v] as number)
          )
            continue;
          level[v] = lu + 1;
          if (v === T) levelT = lu + 1;
          queue[qTail++] = v;
        }
      }
      if (level[T] === -1) return;
      for (let q = 0; q < qTail; q++) {
        const v = queue[q] as number;
        current[v] = head[v] as number;
      }

      // Iterative DFS along the level graph, one augmenting path at a time.
      let top = 0;
      stackNode[0] = S;
      while (top >= 0) {
        const u = stackNode[top] as number;
        if (u === T) {
          let push = INF;
          for (let k = 0; k < top; k++) push = Math.min(push, cap[stackArc[k] as number] as number);
          for (let k = 0; k < top; k++) {
            const a = stackArc[k] as number;
            cap[a] = (cap[a] as number) - push;
            cap[a ^ 1] = (cap[a ^ 1] as number) + push;
          }
          top = 0;
          continue;
        }
        const nextLevel = (level[u] as number) + 1;
        const pu = potential[u] as number;
        let a = current[u] as number;
        while (a !== -1) {
          const v = to[a] as number;
          if (
            level[v] === nextLevel &&
            (cap[a] as number) > 0 &&
            (cost[a] as number) + pu === (potential[v] as number) &&
            (v === T || nextLevel < levelT)
          ) {
            break;
          }
          a = next[a] as number;
        }
        current[u] = a;
        if (a === -1) {
          // Dead end: no path to T through u in this level graph.
          level[u] = -1;
          top--;
          if (top >= 0) {
            const parentNode = stackNode[top] as number;
            current[parentNode] = next[current[parentNode] as number] as number;
          }
          continue;
        }
        stackArc[top] = a;
        stackNode[++top] = to[a] as number;
      }
    }
  }
}
