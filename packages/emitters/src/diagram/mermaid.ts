// The system as a Mermaid flowchart (`flowchart LR`), for Markdown renderers (GitHub, GitLab,
// docs sites) that draw Mermaid themselves. Same boxes and arrows as the SVG: shapes per kind,
// brokers as subgraphs holding their topics, dashed arrows for events, thick ones for store
// owners, colours by `classDef` and `linkStyle`.

import type { DiagramEdgeKind, DiagramGraph, DiagramNode, DiagramNodeKind } from "./graph.js";
import { groupBy } from "./group-by.js";
import { EDGE_KINDS, EDGE_STYLES, NODE_KINDS, NODE_STYLES } from "./style.js";

const ARROW: Readonly<Record<DiagramEdgeKind, string>> = {
  call: "-->",
  route: "-->",
  publish: "-.->",
  consume: "-.->",
  owner: "==>",
  read: "-.->",
};

export function renderMermaid(graph: DiagramGraph, header: string): string {
  const ids = mermaidIds(graph.nodes);
  const out = ["flowchart LR", `  %%${header}`];
  const byParent = groupBy(graph.nodes, (n) => n.parent);
  for (const n of graph.nodes) {
    if (n.parent) continue;
    const inside = byParent.get(n.id);
    if (n.kind === "broker" && inside) {
      out.push(`  subgraph ${ids.get(n.id)}["${text(n)}"]`, "    direction TB");
      for (const t of inside) out.push(`    ${shape(ids.get(t.id) ?? "", t)}`);
      out.push("  end");
    } else out.push(`  ${shape(ids.get(n.id) ?? "", n)}`);
  }
  for (const e of graph.edges)
    out.push(`  ${ids.get(e.source)} ${ARROW[e.kind]}|"${mermaidText(e.label)}"| ${ids.get(e.target)}`);
  // linkStyle addresses links by their position in the file.
  const linksOf = groupBy(
    graph.edges.map((e, i) => ({ kind: e.kind, i })),
    (l) => l.kind,
  );
  for (const kind of NODE_KINDS) {
    const s = NODE_STYLES[kind];
    out.push(`  classDef ${kind} fill:${s.fill},stroke:${s.stroke},color:#1a1a1a`);
  }
  out.push("  classDef external stroke-dasharray:5 3");
  for (const kind of NODE_KINDS) {
    const members = graph.nodes.filter((n) => n.kind === kind).map((n) => ids.get(n.id));
    if (members.length) out.push(`  class ${members.join(",")} ${kind}`);
  }
  const external = graph.nodes.filter((n) => n.external).map((n) => ids.get(n.id));
  if (external.length) out.push(`  class ${external.join(",")} external`);
  for (const kind of EDGE_KINDS) {
    const links = linksOf.get(kind)?.map((l) => l.i);
    if (!links) continue;
    const s = EDGE_STYLES[kind];
    const dash = s.dash ? `,stroke-dasharray:${s.dash}` : "";
    out.push(`  linkStyle ${links.join(",")} stroke:${s.stroke},stroke-width:${s.width}px${dash}`);
  }
  return `${out.join("\n")}\n`;
}

function shape(id: string, n: DiagramNode): string {
  const label = `"${text(n)}"`;
  const open: Record<DiagramNodeKind, [string, string]> = {
    service: ["(", ")"],
    gateway: ["{{", "}}"],
    store: ["[(", ")]"],
    topic: ["[/", "/]"],
    broker: ["[[", "]]"], // a broker without topics
  };
  const [l, r] = open[n.kind];
  return `${id}${l}${label}${r}`;
}

function text(n: DiagramNode): string {
  return n.detail ? `${mermaidText(n.name)}<br/>${mermaidText(n.detail)}` : mermaidText(n.name);
}

/** Mermaid entity codes: a quoted label may hold anything but `"`; `#…;`, `<` and `>` mean markup. */
function mermaidText(s: string): string {
  return s
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/[\r\n]+/g, " ");
}

/** Mermaid ids are `[A-Za-z0-9_]`; a kind prefix keeps them clear of keywords (`end`, `graph`). */
function mermaidIds(nodes: readonly DiagramNode[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const n of nodes) {
    const base = `${n.kind}_${n.name.replace(/[^A-Za-z0-9_]/g, "_")}`;
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}_${i}`;
    taken.add(id);
    ids.set(n.id, id);
  }
  return ids;
}
