// A standalone SVG of a laid-out system: no scripts, no external fonts or styles, attributes
// rather than CSS (so every viewer, rsvg and VS Code webviews alike, draws the same thing).
// Each box and arrow is a <g> with a <title> (a tooltip in browsers) and `data-id`, so tools
// can find an element by its model name.

import type { DiagramEdge, DiagramGraph, DiagramNode } from "./graph.js";
import { DETAIL_FONT, LABEL_FONT, type Layout, NAME_FONT } from "./layout.js";
import { legendMarkup } from "./svg-legend.js";
import { LID, shapeMarkup } from "./svg-shapes.js";
import { num, xmlEscape } from "./svg-text.js";
import { EDGE_KINDS, EDGE_STYLES } from "./style.js";

const FONT = "Helvetica, Arial, 'DejaVu Sans', sans-serif";
const TITLE_HEIGHT = 34;
const MARGIN = 20;

export function renderSvg(graph: DiagramGraph, layout: Layout, header: string): string {
  const top = TITLE_HEIGHT;
  const legend = legendMarkup(MARGIN, top + layout.height + 8);
  const width = Math.ceil(Math.max(layout.width, legend.width + 2 * MARGIN));
  const height = Math.ceil(top + layout.height + 8 + legend.height + MARGIN);
  const out: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<!--${xmlComment(header)}-->`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" role="img" aria-labelledby="diagram-title">`,
    `<title id="diagram-title">${xmlEscape(graph.title)}: services, stores, events and calls</title>`,
    `<defs>`,
    ...EDGE_KINDS.map(
      (k) =>
        `<marker id="arrow-${k}" viewBox="0 0 10 8" refX="9" refY="4" markerWidth="10" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,4 L0,8 Z" fill="${EDGE_STYLES[k].stroke}"/></marker>`,
    ),
    `</defs>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="24" font-size="16" font-weight="bold" fill="#222">${xmlEscape(graph.title)}</text>`,
    `<g transform="translate(0,${top})">`,
  ];
  const nodes = graph.nodes;
  // Brokers are containers: drawn first, so their topics, and edges into them, sit on top.
  out.push(`<g class="containers">`);
  for (const n of nodes) if (n.kind === "broker") out.push(nodeMarkup(n, layout));
  out.push(`</g>`, `<g class="edges">`);
  for (const e of graph.edges) out.push(edgeMarkup(e, layout));
  out.push(`</g>`, `<g class="nodes">`);
  for (const n of nodes) if (n.kind !== "broker") out.push(nodeMarkup(n, layout));
  out.push(`</g>`, `<g class="edge-labels">`);
  for (const e of graph.edges) out.push(labelMarkup(e, layout));
  out.push(`</g>`, `</g>`, `<g class="legend">`, legend.markup, `</g>`, `</svg>`, "");
  return out.filter((line) => line !== "").join("\n") + "\n";
}

function nodeMarkup(n: DiagramNode, layout: Layout): string {
  const b = layout.nodes.get(n.id);
  if (!b) return "";
  const cx = b.x + b.width / 2;
  const lines: string[] = [];
  const name = (x: number, y: number, anchor: string) =>
    `<text x="${num(x)}" y="${num(y)}" text-anchor="${anchor}" font-size="${NAME_FONT}" font-weight="bold" fill="#1a1a1a">${xmlEscape(n.name)}</text>`;
  const detail = (x: number, y: number, anchor: string) =>
    n.detail
      ? `<text x="${num(x)}" y="${num(y)}" text-anchor="${anchor}" font-size="${DETAIL_FONT}" fill="#444">${xmlEscape(n.detail)}</text>`
      : "";
  if (n.kind === "broker") {
    lines.push(name(b.x + 10, b.y + 17, "start"), detail(b.x + 10, b.y + 31, "start"));
  } else {
    const cy = b.y + b.height / 2 + (n.kind === "store" ? LID / 2 : 0);
    if (n.detail) lines.push(name(cx, cy - 3, "middle"), detail(cx, cy + 12, "middle"));
    else lines.push(name(cx, cy + 4.5, "middle"));
  }
  const tooltip = `${n.kind} ${n.name}${n.detail ? ` (${n.detail})` : ""}`;
  return [
    `<g class="node ${n.kind}" data-id="${xmlEscape(n.id)}">`,
    `<title>${xmlEscape(tooltip)}</title>`,
    shapeMarkup(n.kind, b, n.external),
    ...lines.filter(Boolean),
    `</g>`,
  ].join("");
}

function edgeMarkup(e: DiagramEdge, layout: Layout): string {
  const route = layout.edges.get(e.id);
  if (!route || route.points.length < 2) return "";
  const s = EDGE_STYLES[e.kind];
  const [first, ...rest] = route.points;
  const d = `M${num(first.x)},${num(first.y)} ${rest.map((p) => `L${num(p.x)},${num(p.y)}`).join(" ")}`;
  const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : "";
  return (
    `<g class="edge ${e.kind}" data-id="${e.id}" data-source="${xmlEscape(e.source)}" data-target="${xmlEscape(e.target)}">` +
    `<title>${xmlEscape(e.tooltip)}</title>` +
    `<path d="${d}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}"${dash} marker-end="url(#arrow-${e.kind})"/>` +
    `</g>`
  );
}

function labelMarkup(e: DiagramEdge, layout: Layout): string {
  const box = layout.edges.get(e.id)?.label;
  if (!box || !e.label) return "";
  return (
    `<g class="edge-label ${e.kind}" data-id="${e.id}">` +
    `<rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" height="${num(box.height)}" rx="3" fill="#ffffff" fill-opacity="0.9"/>` +
    `<text x="${num(box.x + box.width / 2)}" y="${num(box.y + box.height - 3.5)}" text-anchor="middle" font-size="${LABEL_FONT}" fill="${EDGE_STYLES[e.kind].stroke}">${xmlEscape(e.label)}</text>` +
    `</g>`
  );
}

/** A comment may not contain `--` nor end in `-`. */
function xmlComment(text: string): string {
  return text.replace(/-(?=-)/g, "- ").replace(/-$/, "- ");
}
