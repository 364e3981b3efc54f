// The `diagram` target: system.svg (laid out by elkjs), system.mmd (Mermaid) and system.dot
// (Graphviz) from one graph of the model. Asynchronous because elkjs is. `emitDiagram` gives
// one format as text, for tools that show the diagram (the language server's webview).

import type { Model } from "@archc/compiler";
import { GENERATED_HEADER } from "../common/yaml.js";
import { type EmitContext, report } from "../context.js";
import { renderDot } from "./dot.js";
import { layoutWithElk } from "./elk-layout.js";
import { layoutFast } from "./fast-layout.js";
import { buildDiagramGraph, type DiagramGraph } from "./graph.js";
import type { Layout } from "./layout.js";
import { renderMermaid } from "./mermaid.js";
import { renderSvg } from "./svg.js";

export type DiagramFormat = "svg" | "mermaid" | "dot";

/**
 * Beyond this many boxes and arrows ELK's layered layout takes seconds to minutes (measured on
 * generated systems: ~0.7 s for 46 boxes and 96 arrows, ~2.5 s for 90 and 198, ~80 s for 2,200
 * and 4,600), so larger systems are drawn by the linear-time layered layout instead.
 */
export const ELK_SIZE_LIMIT = 160;

export interface DiagramOptions {
  readonly format: DiagramFormat;
  /** `auto` (default): ELK up to ELK_SIZE_LIMIT boxes + arrows, the fast layout beyond. */
  readonly layout?: "auto" | "elk" | "fast";
}

/** One diagram of the system as text (SVG markup, Mermaid or DOT source). */
export async function emitDiagram(model: Model, options: DiagramOptions): Promise<string> {
  const graph = buildDiagramGraph(model);
  if (options.format === "mermaid") return renderMermaid(graph, GENERATED_HEADER);
  if (options.format === "dot") return renderDot(graph, GENERATED_HEADER);
  return renderSvg(graph, await layOut(graph, options.layout ?? "auto"), GENERATED_HEADER);
}

export async function emitDiagramFiles(ctx: EmitContext): Promise<Map<string, string>> {
  const graph = buildDiagramGraph(ctx.model);
  if (!fitsElk(graph))
    report(
      ctx,
      "W0905",
      "info",
      `the system diagram has ${graph.nodes.length} boxes and ${graph.edges.length} arrows; system.svg uses the fast layered layout (edge labels in tooltips only)`,
      undefined,
      `ELK's layered layout is used up to ${ELK_SIZE_LIMIT} boxes and arrows; system.dot and system.mmd hold the whole graph for other renderers`,
    );
  return new Map([
    ["system.dot", renderDot(graph, GENERATED_HEADER)],
    ["system.mmd", renderMermaid(graph, GENERATED_HEADER)],
    ["system.svg", renderSvg(graph, await layOut(graph, "auto"), GENERATED_HEADER)],
  ]);
}

function fitsElk(graph: DiagramGraph): boolean {
  return graph.nodes.length + graph.edges.length <= ELK_SIZE_LIMIT;
}

function layOut(graph: DiagramGraph, layout: "auto" | "elk" | "fast"): Promise<Layout> | Layout {
  if (layout === "elk" || (layout === "auto" && fitsElk(graph))) return layoutWithElk(graph);
  return layoutFast(graph);
}
