// A linear-time layered layout for systems too large for ELK's layered algorithm (which needs
// minutes for a thousand services). Same idea, fewer refinements: cycles broken by a DFS in
// declaration order, longest-path layers, two barycentre sweeps to untangle each layer, and
// three-segment orthogonal routes (back edges run along a channel under the drawing). Edge
// labels are not placed (they stay in the tooltips): at this size they would cover the drawing.

import type { DiagramGraph } from "./graph.js";
import {
  BROKER_HEADER,
  BROKER_PADDING,
  type Box,
  type EdgeRoute,
  type Layout,
  nodeSize,
  type Point,
} from "./layout.js";

const MARGIN = 20;
const LAYER_GAP = 90;
const NODE_GAP = 18;
const TOPIC_GAP = 10;
const CHANNEL_GAP = 4;

interface Unit {
  readonly id: string;
  readonly index: number;
  width: number;
  height: number;
  /** Topics inside a broker, with their offsets in it. */
  readonly members: { id: string; dy: number; width: number; height: number }[];
}

export function layoutFast(graph: DiagramGraph): Layout {
  // Units are what gets a place in a layer: top-level nodes (a broker together with its topics).
  const units: Unit[] = [];
  const unitOf = new Map<string, Unit>();
  for (const n of graph.nodes) {
    const size = nodeSize(n);
    const parent = n.parent ? unitOf.get(n.parent) : undefined;
    if (parent) {
      const dy = parent.members.length ? parent.height + TOPIC_GAP - BROKER_PADDING : BROKER_HEADER;
      parent.members.push({ id: n.id, dy, ...size });
      parent.height = dy + size.height + BROKER_PADDING;
      parent.width = Math.max(parent.width, size.width + 2 * BROKER_PADDING);
      unitOf.set(n.id, parent);
      continue;
    }
    const unit: Unit = { id: n.id, index: units.length, ...size, members: [] };
    units.push(unit);
    unitOf.set(n.id, unit);
  }
  const out: number[][] = units.map(() => []);
  const into: number[][] = units.map(() => []);
  for (const e of graph.edges) {
    const s = unitOf.get(e.source);
    const t = unitOf.get(e.target);
    if (!s || !t || s === t) continue;
    out[s.index].push(t.index);
    into[t.index].push(s.index);
  }
  const layerOf = longestPathLayers(units.length, out);
  const layers: number[][] = Array.from({ length: Math.max(0, ...layerOf) + 1 }, () => []);
  for (let i = 0; i < units.length; i++) layers[layerOf[i]].push(i);
  orderByBarycentre(layers, into, out);

  const nodes = new Map<string, Box>();
  const height = Math.max(
    0,
    ...layers.map((l) => l.reduce((h, i) => h + units[i].height + NODE_GAP, -NODE_GAP)),
  );
  const layerX: number[] = [];
  let x = MARGIN;
  for (const layer of layers) {
    layerX.push(x);
    const layerHeight = layer.reduce((h, i) => h + units[i].height + NODE_GAP, -NODE_GAP);
    let y = MARGIN + (height - layerHeight) / 2;
    const width = Math.max(...layer.map((i) => units[i].width));
    for (const i of layer) {
      const u = units[i];
      nodes.set(u.id, { x, y, width: u.width, height: u.height });
      for (const m of u.members)
        nodes.set(m.id, { x: x + (u.width - m.width) / 2, y: y + m.dy, width: m.width, height: m.height });
      y += u.height + NODE_GAP;
    }
    x += width + LAYER_GAP;
  }
  const drawingBottom = MARGIN + height;
  let channel = 0;
  const edges = new Map<string, EdgeRoute>();
  graph.edges.forEach((e, i) => {
    const s = nodes.get(e.source);
    const t = nodes.get(e.target);
    if (!s || !t) return;
    const start: Point = { x: s.x + s.width, y: s.y + s.height / 2 };
    const end: Point = { x: t.x, y: t.y + t.height / 2 };
    const spread = ((i % 7) - 3) * 3; // keeps parallel vertical runs apart
    if (end.x > start.x + 20) {
      const midX = Math.min(start.x + LAYER_GAP / 2 + spread, end.x - 10);
      edges.set(e.id, {
        points: [start, { x: midX, y: start.y }, { x: midX, y: end.y }, end],
        label: undefined,
      });
    } else {
      const below = drawingBottom + 12 + channel++ * CHANNEL_GAP;
      const outX = start.x + LAYER_GAP / 4 + spread;
      const inX = end.x - LAYER_GAP / 4 + spread;
      edges.set(e.id, {
        points: [
          start,
          { x: outX, y: start.y },
          { x: outX, y: below },
          { x: inX, y: below },
          { x: inX, y: end.y },
          end,
        ],
        label: undefined,
      });
    }
  });
  return {
    width: x - LAYER_GAP + MARGIN,
    height: drawingBottom + (channel ? 12 + channel * CHANNEL_GAP : 0) + MARGIN,
    nodes,
    edges,
  };
}

/** Layers by longest path over the edges a DFS (in declaration order) does not find closing a cycle. */
function longestPathLayers(count: number, out: number[][]): number[] {
  const state = new Uint8Array(count); // 0 new, 1 on the stack, 2 done
  const order: number[] = [];
  const forward: number[][] = out.map(() => []);
  for (let root = 0; root < count; root++) {
    if (state[root]) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [v, next] = top;
      if (next < out[v].length) {
        top[1]++;
        const w = out[v][next];
        if (state[w] === 1) continue; // a back edge: drawn against the flow
        forward[v].push(w);
        if (state[w] === 0) {
          state[w] = 1;
          stack.push([w, 0]);
        }
      } else {
        state[v] = 2;
        order.push(v);
        stack.pop();
      }
    }
  }
  const layer = new Array<number>(count).fill(0);
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k];
    for (const w of forward[v]) if (layer[w] < layer[v] + 1) layer[w] = layer[v] + 1;
  }
  return layer;
}

/** Two sweeps: left to right by predecessors' positions, then right to left by successors'. */
function orderByBarycentre(layers: number[][], into: number[][], out: number[][]): void {
  const position = new Map<number, number>();
  const record = (layer: number[]) => {
    layer.forEach((v, i) => {
      position.set(v, i);
    });
  };
  const sortBy = (layer: number[], neighbours: number[][]) => {
    const key = new Map<number, number>();
    for (const v of layer) {
      const placed = neighbours[v].map((w) => position.get(w)).filter((p): p is number => p !== undefined);
      key.set(v, placed.length ? placed.reduce((a, b) => a + b, 0) / placed.length : (position.get(v) ?? 0));
    }
    // Stable: ties keep declaration order.
    layer.sort((a, b) => (key.get(a) ?? 0) - (key.get(b) ?? 0) || a - b);
    record(layer);
  };
  for (const layer of layers) record(layer);
  for (let i = 1; i < layers.length; i++) sortBy(layers[i], into);
  for (let i = layers.length - 2; i >= 0; i--) sortBy(layers[i], out);
}
