// The catalogue of emitter diagnostics: one place for every code, its title and the page
// `archc explain` prints (same shape as the front end's catalogue).

export interface CodeInfo {
  readonly title: string;
  readonly explanation: string;
}

export const emitterCodes = {
  E0901: {
    title: "unknown deployment",
    explanation:
      "`archc emit --deploy NAME` names a deployment the model does not declare.\n\nFix: declare `deploy NAME { … }`, or pass the name of an existing one.",
  },
  W0902: {
    title: "two names map to one platform name",
    explanation:
      "Kubernetes and compose names are lowercase DNS labels. Two model names (e.g. `Orders` and `orders`) become the same label, so the second one gets a numeric suffix.\n\nFix: rename one of them.",
  },
  W0903: {
    title: "callers disagree on a per-destination policy",
    explanation:
      "Istio applies outlier detection (`breaker`) and connection pools (`bulkhead`) per destination, not per caller. When callers declare different values, the DestinationRule takes the strictest (fewest failures, shortest window, smallest pool).\n\nFix: declare the same breaker and bulkhead on every call to the service.",
  },
  W0904: {
    title: "API without an OpenAPI document",
    explanation:
      "OpenAPI describes HTTP APIs. An `api` declared `grpc` or `graphql` gets no OpenAPI document.\n\nFix: none needed; describe gRPC APIs with their .proto files.",
  },
  W0905: {
    title: "system diagram drawn with the fast layout",
    explanation:
      "ELK's layered layout takes seconds to minutes on large graphs, so a system whose diagram has more boxes and arrows than the limit is laid out by archc's linear-time layered layout: same layers left to right, fewer crossings removed, edge labels only in tooltips.\n\nFix: none needed. To draw the whole graph with another engine, render system.dot with Graphviz or system.mmd with Mermaid.",
  },
} as const satisfies Record<string, CodeInfo>;

export type EmitterCode = keyof typeof emitterCodes;
