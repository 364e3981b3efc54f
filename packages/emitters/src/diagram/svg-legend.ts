// The legend under the drawing: one sample of every kind of box and every kind of arrow, with
// what it means. Laid out in two rows; returns its markup and the size it takes.

import type { Box } from "./layout.js";
import { DETAIL_FONT } from "./layout.js";
import { shapeMarkup } from "./svg-shapes.js";
import { num, xmlEscape } from "./svg-text.js";
import { EDGE_KINDS, EDGE_STYLES, NODE_KINDS, NODE_STYLES } from "./style.js";
import { textWidth } from "./text-width.js";

const SAMPLE_W = 38;
const SAMPLE_H = 24;
const LINE_W = 42;
const GAP = 22;
const ROW = 36;

export function legendMarkup(x: number, y: number): { markup: string; width: number; height: number } {
  const parts: string[] = [];
  const caption = (cx: number, cy: number, text: string) =>
    `<text x="${num(cx)}" y="${num(cy)}" font-size="${DETAIL_FONT}" fill="#333">${xmlEscape(text)}</text>`;
  parts.push(
    `<text x="${num(x)}" y="${num(y + 12)}" font-size="12" font-weight="bold" fill="#333">Legend</text>`,
  );
  let cx = x;
  let rowY = y + 22;
  for (const kind of NODE_KINDS) {
    const box: Box = { x: cx, y: rowY, width: SAMPLE_W, height: SAMPLE_H };
    parts.push(shapeMarkup(kind, box, false));
    const text = NODE_STYLES[kind].caption;
    parts.push(caption(cx + SAMPLE_W + 6, rowY + SAMPLE_H / 2 + 4, text));
    cx += SAMPLE_W + 6 + textWidth(text, DETAIL_FONT) + GAP;
  }
  const external: Box = { x: cx, y: rowY, width: SAMPLE_W, height: SAMPLE_H };
  parts.push(shapeMarkup("store", external, true));
  parts.push(caption(cx + SAMPLE_W + 6, rowY + SAMPLE_H / 2 + 4, "external (not run by us)"));
  let width = cx + SAMPLE_W + 6 + textWidth("external (not run by us)", DETAIL_FONT) - x;

  cx = x;
  rowY += ROW;
  for (const kind of EDGE_KINDS) {
    const s = EDGE_STYLES[kind];
    const ly = rowY + SAMPLE_H / 2;
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : "";
    parts.push(
      `<path d="M${num(cx)},${num(ly)} H${num(cx + LINE_W)}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}"${dash} marker-end="url(#arrow-${kind})"/>`,
    );
    parts.push(caption(cx + LINE_W + 8, ly + 4, s.caption));
    cx += LINE_W + 8 + textWidth(s.caption, DETAIL_FONT) + GAP;
  }
  width = Math.max(width, cx - GAP - x);
  return { markup: parts.join("\n"), width, height: rowY + SAMPLE_H - y };
}
