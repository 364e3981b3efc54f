// One visual vocabulary for every format: the colour and line of each kind of box and arrow,
// so the SVG, the Mermaid and the DOT files of one system read alike. Colours are from a
// colour-blind-safe set and differ in lightness too, so a grey-scale print still separates them.

import type { DiagramEdgeKind, DiagramNodeKind } from "./graph.js";

export interface NodeStyle {
  readonly fill: string;
  readonly stroke: string;
  /** What the legend calls it. */
  readonly caption: string;
}

export const NODE_STYLES: Readonly<Record<DiagramNodeKind, NodeStyle>> = {
  gateway: { fill: "#ede2f6", stroke: "#6a3d9a", caption: "gateway" },
  service: { fill: "#dbe9f6", stroke: "#1f5a96", caption: "service" },
  store: { fill: "#ddf0dc", stroke: "#2e7d32", caption: "store" },
  broker: { fill: "#fbf6ee", stroke: "#a6611a", caption: "broker" },
  topic: { fill: "#fde3c8", stroke: "#c45a00", caption: "topic" },
};

export interface EdgeStyle {
  readonly stroke: string;
  readonly width: number;
  /** SVG stroke-dasharray; absent for a solid line. */
  readonly dash: string | undefined;
  readonly caption: string;
}

export const EDGE_STYLES: Readonly<Record<DiagramEdgeKind, EdgeStyle>> = {
  call: { stroke: "#1f3b5a", width: 1.5, dash: undefined, caption: "sync call (op · timeout · retries)" },
  route: { stroke: "#6a3d9a", width: 1.5, dash: undefined, caption: "gateway route" },
  publish: { stroke: "#c45a00", width: 1.5, dash: "6 4", caption: "publishes event (async)" },
  consume: { stroke: "#c45a00", width: 1.5, dash: "6 4", caption: "consumes event (async)" },
  owner: { stroke: "#2e7d32", width: 2.5, dash: undefined, caption: "writes store (owner)" },
  read: { stroke: "#2e7d32", width: 1.2, dash: "2 3", caption: "reads store" },
};

/** Node kinds and edge kinds in legend order. */
export const NODE_KINDS: readonly DiagramNodeKind[] = ["gateway", "service", "store", "broker", "topic"];
export const EDGE_KINDS: readonly DiagramEdgeKind[] = [
  "route",
  "call",
  "publish",
  "consume",
  "owner",
  "read",
];
