// The system as Graphviz DOT (`dot -Tsvg system.dot`), for those who lay out with Graphviz or
// feed the graph to other tools. Same vocabulary as the SVG: shapes and colours per kind,
// brokers as clusters holding their topics, dashed event arrows, dotted store reads.

import type { DiagramEdgeKind, DiagramGraph, DiagramNode, DiagramNodeKind } from "./graph.js";
import { groupBy } from "./group-by.js";
import { EDGE_STYLES, NODE_STYLES } from "./style.js";

const FONT = "Helvetica,Arial,sans-serif";

const SHAPE: Readonly<Record<DiagramNodeKind, string>> = {
  service: 'shape=box, style="rounded,filled"',
  gateway: 'shape=hexagon, style="filled"',
  store: 'shape=cylinder, style="filled"',
  topic: 'shape=parallelogram, style="filled"',
  broker: 'shape=box, style="filled"', // a broker without topics
};

const LINE: Readonly<Record<DiagramEdgeKind, string>> = {
  call: "solid",
  route: "solid",
  publish: "dashed",
  consume: "dashed",
  owner: "bold",
  read: "dotted",
};

export function renderDot(graph: DiagramGraph, header: string): string {
  const out = [
    `//${header}`,
    `digraph ${quote(graph.title)} {`,
    `  graph [rankdir=LR, fontname=${quote(FONT)}, fontsize=14, label=${quote(graph.title)}, labelloc=t, labeljust=l, nodesep=0.35, ranksep=0.9];`,
    `  node [fontname=${quote(FONT)}, fontsize=11, penwidth=1.5];`,
    `  edge [fontname=${quote(FONT)}, fontsize=9];`,
  ];
  const inside = groupBy(graph.nodes, (n) => n.parent);
  for (const n of graph.nodes) {
    if (n.parent) continue;
    const topics = inside.get(n.id);
    if (n.kind === "broker" && topics) {
      const s = NODE_STYLES.broker;
      const style = n.external ? "rounded,filled,dashed" : "rounded,filled";
      out.push(
        `  subgraph ${quote(`cluster_${n.id}`)} {`,
        `    label=${quote(label(n))}; style=${quote(style)}; fillcolor=${quote(s.fill)}; color=${quote(s.stroke)}; fontsize=12;`,
        ...topics.map((t) => `    ${nodeStatement(t)}`),
        "  }",
      );
    } else out.push(`  ${nodeStatement(n)}`);
  }
  for (const e of graph.edges) {
    const s = EDGE_STYLES[e.kind];
    out.push(
      `  ${quote(e.source)} -> ${quote(e.target)} [label=${quote(e.label)}, tooltip=${quote(e.tooltip)}, style=${LINE[e.kind]}, color=${quote(s.stroke)}, fontcolor=${quote(s.stroke)}, penwidth=${s.width}];`,
    );
  }
  out.push("}");
  return `${out.join("\n")}\n`;
}

function nodeStatement(n: DiagramNode): string {
  const s = NODE_STYLES[n.kind];
  let shape = SHAPE[n.kind];
  if (n.external) shape = shape.replace(/style="([^"]*)"/, 'style="$1,dashed"');
  return `${quote(n.id)} [label=${quote(label(n))}, ${shape}, fillcolor=${quote(s.fill)}, color=${quote(s.stroke)}];`;
}

function label(n: DiagramNode): string {
  return n.detail ? `${n.name}\n${n.detail}` : n.name;
}

/** A DOT quoted string: `"` and `\` escaped, line breaks as DOT's centred `\n`. */
function quote(s: string): string {
  if (!/[\\"\r\n]/.test(s)) return `"${s}"`;
  return `"${s
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, "\\n")}"`;
}
