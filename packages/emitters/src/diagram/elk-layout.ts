// Layout by elkjs's layered (Sugiyama) algorithm: left to right in the direction of calls and
// events, orthogonal edge routes, labels placed by ELK. Topics are children of their broker
// (`INCLUDE_CHILDREN` lays out the whole hierarchy in one pass, so edges into a topic are
// routed properly). ELK is deterministic for a given input (fixed random seed).

import type ELK from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk.bundled.js";
import type { DiagramGraph } from "./graph.js";
import {
  BROKER_HEADER,
  BROKER_PADDING,
  type Box,
  type EdgeRoute,
  type Layout,
  labelSize,
  nodeSize,
  type Point,
} from "./layout.js";

const ROOT_OPTIONS = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.hierarchyHandling": "INCLUDE_CHILDREN",
  "elk.randomSeed": "1",
  "elk.padding": "[top=20,left=20,bottom=20,right=20]",
  "elk.spacing.nodeNode": "28",
  "elk.spacing.edgeEdge": "12",
  "elk.spacing.edgeNode": "16",
  "elk.spacing.edgeLabel": "4",
  "elk.layered.spacing.nodeNodeBetweenLayers": "56",
  "elk.layered.spacing.edgeNodeBetweenLayers": "20",
  "elk.layered.spacing.edgeEdgeBetweenLayers": "12",
  // Brandes-Köpf placement without model-order constraints: 3-5x faster than network simplex
  // with them on our graphs, and as readable.
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.edgeLabels.placement": "CENTER",
};

const BROKER_OPTIONS = {
  "elk.padding": `[top=${BROKER_HEADER},left=${BROKER_PADDING},bottom=${BROKER_PADDING},right=${BROKER_PADDING}]`,
  "elk.nodeSize.constraints": "MINIMUM_SIZE",
};

let elk: InstanceType<typeof ELK> | undefined;

export async function layoutWithElk(graph: DiagramGraph): Promise<Layout> {
  const children = new Map<string, ElkNode>();
  const top: ElkNode[] = [];
  for (const node of graph.nodes) {
    const size = nodeSize(node);
    const elkNode: ElkNode = { id: node.id, ...size };
    if (node.kind === "broker")
      Object.assign(elkNode, {
        children: [],
        layoutOptions: { ...BROKER_OPTIONS, "elk.nodeSize.minimum": `(${size.width},${size.height})` },
      });
    children.set(node.id, elkNode);
    const parent = node.parent ? children.get(node.parent) : undefined;
    if (parent) parent.children?.push(elkNode);
    else top.push(elkNode);
  }
  const edges: ElkExtendedEdge[] = graph.edges.map((e) => ({
    id: e.id,
    sources: [e.source],
    targets: [e.target],
    labels: [{ id: `${e.id}-label`, text: e.label, ...labelSize(e) }],
  }));
  // Loaded on first use: elkjs is 3.4 MB of JavaScript that every other command (and every
  // other emit target) would otherwise parse at start-up.
  elk ??= new (await import("elkjs/lib/elk.bundled.js")).default();
  const input: ElkNode = { id: "root", layoutOptions: ROOT_OPTIONS, children: top, edges };
  const root: ElkNode = await elk.layout(input);

  const nodes = new Map<string, Box>();
  const offsets = new Map<string, Point>([["root", { x: 0, y: 0 }]]);
  const place = (list: ElkNode[] | undefined, origin: Point) => {
    for (const n of list ?? []) {
      const box = {
        x: origin.x + (n.x ?? 0),
        y: origin.y + (n.y ?? 0),
        width: n.width ?? 0,
        height: n.height ?? 0,
      };
      nodes.set(n.id, box);
      offsets.set(n.id, box);
      place(n.children, box);
    }
  };
  place(root.children, { x: 0, y: 0 });

  const routes = new Map<string, EdgeRoute>();
  for (const e of root.edges ?? []) {
    // ELK gives edge coordinates relative to the edge's container (the lowest common ancestor).
    const origin = offsets.get(e.container ?? "root") ?? { x: 0, y: 0 };
    const at = (p: Point): Point => ({ x: origin.x + p.x, y: origin.y + p.y });
    const points: Point[] = [];
    for (const s of e.sections ?? [])
      points.push(at(s.startPoint), ...(s.bendPoints ?? []).map(at), at(s.endPoint));
    const l = e.labels?.[0];
    const label =
      l && l.x !== undefined && l.y !== undefined
        ? { x: origin.x + l.x, y: origin.y + l.y, width: l.width ?? 0, height: l.height ?? 0 }
        : undefined;
    routes.set(e.id, { points, label });
  }
  return { width: root.width ?? 0, height: root.height ?? 0, nodes, edges: routes };
}
