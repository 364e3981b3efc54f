// Graph views of the Model that several rules share (the synchronous call graph, its strongly
// connected components, the service-level event graph), each built once on first use.

import type { Call, Model } from "@archc/compiler";
import { modelLists } from "./model-lists.js";
import { type Adjacency, type Components, stronglyConnectedComponents } from "./scc.js";

/** One `calls` edge between two declared services. */
export interface CallEdge {
  readonly from: number;
  readonly to: number;
  readonly call: Call;
}

export interface CallGraph {
  /** Service names by node number, in declaration order. */
  readonly names: readonly string[];
  readonly node: ReadonlyMap<string, number>;
  /** Every call edge of each service, in declaration order (self-calls included). */
  readonly edges: readonly (readonly CallEdge[])[];
  /** The first edge to each distinct callee (self-calls excluded), in declaration order. */
  readonly firstEdges: readonly (readonly CallEdge[])[];
  /** Distinct callees (self excluded): the adjacency for graph algorithms. */
  readonly adj: Adjacency;
  /** Distinct callers (self excluded), in declaration order of the callers. */
  readonly callersOf: readonly (readonly number[])[];
}

/** An edge of the event graph: `from` publishes events that `to` consumes. */
export interface EventEdge {
  readonly from: number;
  readonly to: number;
  /** The events carrying the edge, in declaration order of the publisher's `publishes`. */
  readonly events: readonly string[];
}

export interface EventGraph {
  readonly names: readonly string[];
  readonly node: ReadonlyMap<string, number>;
  readonly edges: readonly (readonly EventEdge[])[];
  /** Distinct successors, self-loops included (a service consuming its own event). */
  readonly adj: Adjacency;
}

export interface Analyses {
  readonly callGraph: CallGraph;
  readonly callComponents: Components;
  readonly eventGraph: EventGraph;
  readonly eventComponents: Components;
}

export function createAnalyses(model: Model): Analyses {
  const cache: Partial<Record<keyof Analyses, unknown>> = {};
  const memo = <K extends keyof Analyses>(key: K, build: () => Analyses[K]): Analyses[K] => {
    if (!(key in cache)) cache[key] = build();
    return cache[key] as Analyses[K];
  };
  const analyses: Analyses = {
    get callGraph() {
      return memo("callGraph", () => buildCallGraph(model));
    },
    get callComponents() {
      return memo("callComponents", () => stronglyConnectedComponents(analyses.callGraph.adj));
    },
    get eventGraph() {
      return memo("eventGraph", () => buildEventGraph(model));
    },
    get eventComponents() {
      return memo("eventComponents", () => stronglyConnectedComponents(analyses.eventGraph.adj));
    },
  };
  return analyses;
}

function serviceNodes(model: Model): { names: readonly string[]; node: ReadonlyMap<string, number> } {
  const lists = modelLists(model);
  return { names: lists.serviceNames, node: lists.serviceNode };
}

export function buildCallGraph(model: Model): CallGraph {
  const { names, node } = serviceNodes(model);
  const edges: CallEdge[][] = names.map(() => []);
  const firstEdges: CallEdge[][] = names.map(() => []);
  const adj: number[][] = names.map(() => []);
  const callersOf: number[][] = names.map(() => []);
  const services = modelLists(model).services;
  names.forEach((_, from) => {
    const seen = new Set<number>();
    for (const call of services[from].calls) {
      const to = node.get(call.toService);
      if (to === undefined) continue;
      const edge = { from, to, call };
      edges[from].push(edge);
      if (to === from || seen.has(to)) continue;
      seen.add(to);
      firstEdges[from].push(edge);
      adj[from].push(to);
      callersOf[to].push(from);
    }
  });
  return { names, node, edges, firstEdges, adj, callersOf };
}

export function buildEventGraph(model: Model): EventGraph {
  const { names, node } = serviceNodes(model);
  const edges: { from: number; to: number; events: string[] }[][] = names.map(() => []);
  const adj: number[][] = names.map(() => []);
  const services = modelLists(model).services;
  // Per target: the publisher it was last seen from and its edge's position in that list, so
  // each service's edges come out in order of first consumer without a Map per service.
  const seenFrom = new Int32Array(names.length).fill(-1);
  const edgeAt = new Int32Array(names.length);
  names.forEach((_, from) => {
    for (const p of services[from].publishes) {
      for (const c of model.index.consumers[p.event] ?? []) {
        const to = node.get(c.service);
        if (to === undefined) continue;
        if (seenFrom[to] !== from) {
          seenFrom[to] = from;
          edgeAt[to] = edges[from].length;
          edges[from].push({ from, to, events: [p.event] });
          adj[from].push(to);
          continue;
        }
        const events = edges[from][edgeAt[to]].events;
        if (!events.includes(p.event)) events.push(p.event);
      }
    }
  });
  return { names, node, edges, adj };
}
