// The SVG shape of each kind of box: a rounded rectangle for a service, a hexagon for a
// gateway, a cylinder for a store, a slanted box for a topic, a titled container for a broker.
// Each returns SVG markup for the box at `b`; text is drawn by the caller.

import type { DiagramNodeKind } from "./graph.js";
import type { Box } from "./layout.js";
import { NODE_STYLES } from "./style.js";
import { num } from "./svg-text.js";

/** Height of a store's lid (the ellipse at the top of the cylinder). */
export const LID = 7;
const SLANT = 10;
const POINT = 14;

export function shapeMarkup(kind: DiagramNodeKind, b: Box, external: boolean): string {
  const s = NODE_STYLES[kind];
  const dash = external ? ' stroke-dasharray="5 3"' : "";
  const paint = `fill="${s.fill}" stroke="${s.stroke}" stroke-width="1.5"${dash}`;
  const { x, y, width: w, height: h } = b;
  switch (kind) {
    case "service":
      return `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" rx="8" ${paint}/>`;
    case "broker":
      return `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" rx="4" ${paint}/>`;
    case "gateway":
      return polygon(
        [
          [x + POINT, y],
          [x + w - POINT, y],
          [x + w, y + h / 2],
          [x + w - POINT, y + h],
          [x + POINT, y + h],
          [x, y + h / 2],
        ],
        paint,
      );
    case "topic":
      return polygon(
        [
          [x + SLANT, y],
          [x + w, y],
          [x + w - SLANT, y + h],
          [x, y + h],
        ],
        paint,
      );
    case "store": {
      const rx = w / 2;
      const body =
        `M${num(x)},${num(y + LID)} V${num(y + h - LID)} A${num(rx)},${LID} 0 0 0 ${num(x + w)},${num(y + h - LID)}` +
        ` V${num(y + LID)} A${num(rx)},${LID} 0 0 0 ${num(x)},${num(y + LID)} Z`;
      return (
        `<path d="${body}" ${paint}/>` +
        `<ellipse cx="${num(x + rx)}" cy="${num(y + LID)}" rx="${num(rx)}" ry="${LID}" ${paint}/>`
      );
    }
  }
}

function polygon(points: [number, number][], paint: string): string {
  return `<polygon points="${points.map(([px, py]) => `${num(px)},${num(py)}`).join(" ")}" ${paint}/>`;
}
