// Reading emitted diagrams back with real parsers: the SVG with fast-xml-parser, the DOT with
// @ts-graphviz/ast (and Graphviz's own `dot` when installed).

import { spawnSync } from "node:child_process";
import { parse as parseDot } from "@ts-graphviz/ast";
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface SvgElement {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: SvgElement[];
  readonly text: string;
}

/** The SVG as a tree; throws when it is not well-formed XML. */
export function parseSvg(svg: string): SvgElement {
  const valid = XMLValidator.validate(svg);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
  });
  const nodes = parser.parse(svg) as Record<string, unknown>[];
  const root = nodes.map(toElement).find((e) => e.name === "svg");
  if (!root) throw new Error("no <svg> root element");
  return root;
}

function toElement(node: Record<string, unknown>): SvgElement {
  const name = Object.keys(node).find((k) => k !== ":@") ?? "";
  const attrs = (node[":@"] as Record<string, string> | undefined) ?? {};
  const content = node[name];
  if (name === "#text") return { name, attrs, children: [], text: String(content) };
  const children = Array.isArray(content) ? (content as Record<string, unknown>[]).map(toElement) : [];
  return { name, attrs, children, text: children.map((c) => c.text).join("") };
}

export function allElements(root: SvgElement): SvgElement[] {
  return [root, ...root.children.flatMap(allElements)];
}

/** `<g>` elements whose class list has `cls`. */
export function groupsOfClass(root: SvgElement, cls: string): SvgElement[] {
  return allElements(root).filter((e) => e.name === "g" && (e.attrs.class ?? "").split(" ").includes(cls));
}

export interface DotGraph {
  readonly nodes: string[];
  readonly edges: { from: string; to: string; attrs: Record<string, string> }[];
  readonly clusters: string[];
}

interface DotAst {
  type: string;
  id?: { value: string };
  key?: { value: string };
  value?: { value: string };
  targets?: { id: { value: string } }[];
  children?: DotAst[];
}

/** Node ids, edges and cluster names of a DOT file; throws DotSyntaxError when it does not parse. */
export function readDot(text: string): DotGraph {
  const graph: DotGraph = { nodes: [], edges: [], clusters: [] };
  const walk = (n: DotAst) => {
    if (n.type === "Node" && n.id) graph.nodes.push(n.id.value);
    if (n.type === "Subgraph" && n.id) graph.clusters.push(n.id.value);
    if (n.type === "Edge" && n.targets) {
      const attrs: Record<string, string> = {};
      for (const a of n.children ?? [])
        if (a.type === "Attribute" && a.key && a.value) attrs[a.key.value] = a.value.value;
      graph.edges.push({ from: n.targets[0].id.value, to: n.targets[1].id.value, attrs });
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(parseDot(text) as unknown as DotAst);
  return graph;
}

export const graphvizAvailable = spawnSync("dot", ["-V"], { stdio: "ignore" }).status === 0;

/** Graphviz's own verdict: exit code and warnings of `dot -Tsvg`. */
export function runGraphviz(text: string): { code: number; stderr: string; svg: string } {
  const r = spawnSync("dot", ["-Tsvg"], { input: text, encoding: "utf8" });
  return { code: r.status ?? 1, stderr: r.stderr, svg: r.stdout };
}
