// What a layout engine hands the SVG writer: absolute boxes for nodes, orthogonal routes for
// edges, and the size of the drawing. Also the box sizes both engines start from, derived
// from the text each box carries.

import type { DiagramEdge, DiagramNode } from "./graph.js";
import { textWidth } from "./text-width.js";

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface EdgeRoute {
  /** Start, bend points, end; consecutive points differ in x or in y only. */
  readonly points: readonly Point[];
  /** Where the label goes; absent when the engine does not place labels. */
  readonly label: Box | undefined;
}

export interface Layout {
  readonly width: number;
  readonly height: number;
  /** Node id → box, in absolute coordinates. */
  readonly nodes: ReadonlyMap<string, Box>;
  /** Edge id → route, in absolute coordinates. */
  readonly edges: ReadonlyMap<string, EdgeRoute>;
}

export const NAME_FONT = 13;
export const DETAIL_FONT = 11;
export const LABEL_FONT = 10;
export const LABEL_HEIGHT = 14;
/** Room for a broker's name above the topics drawn inside it. */
export const BROKER_HEADER = 40;
export const BROKER_PADDING = 14;

const PADDING_X = 16;
const MIN_WIDTH = 110;

/** The size a node needs for its name and detail (brokers: when they hold no topic). */
export function nodeSize(node: DiagramNode): { width: number; height: number } {
  const text = Math.max(textWidth(node.name, NAME_FONT, true), textWidth(node.detail ?? "", DETAIL_FONT));
  const extra = node.kind === "gateway" ? 28 : node.kind === "topic" ? 20 : 0; // slanted or pointed sides
  const width = Math.max(MIN_WIDTH, text + 2 * PADDING_X + extra);
  const lines = node.detail ? 2 : 1;
  const height = node.kind === "store" ? 64 : node.kind === "topic" ? 24 + 14 * lines : 20 + 16 * lines;
  return { width, height: node.kind === "broker" ? BROKER_HEADER + BROKER_PADDING : height };
}

export function labelSize(edge: DiagramEdge): { width: number; height: number } {
  return { width: textWidth(edge.label, LABEL_FONT) + 6, height: LABEL_HEIGHT };
}
