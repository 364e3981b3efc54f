// The diagram target: a node per element and an edge per call, event hop and store use; SVG
// that parses as XML with orthogonal routes and no overlapping boxes; DOT that Graphviz's
// grammar accepts; Mermaid in the flowchart subset we write; byte-identical on every run.

import type { Model } from "@archc/compiler";
import { describe, expect, it } from "vitest";
import { buildDiagramGraph } from "../src/diagram/graph.js";
import { ELK_SIZE_LIMIT, emit, emitAsync, emitDiagram } from "../src/index.js";
import { addGateway, addService, addStore, emptyModel, span } from "./support/build-model.js";
import {
  allElements,
  graphvizAvailable,
  groupsOfClass,
  parseSvg,
  readDot,
  runGraphviz,
  type SvgElement,
} from "./support/diagram-files.js";
import { compileExample } from "./support/examples.js";
import { sampleShop } from "./support/sample-shop.js";

const shop = compileExample("shop");

/** A system with one of everything and `n` extra services in a chain (to pass the ELK limit). */
function chainSystem(n: number): Model {
  const m = emptyModel("chain");
  for (let i = 0; i < n; i++)
    addService(m, `s${i}`, {
      apis: [{ name: "v1", ops: [{ name: "get" }] }],
      calls: i > 0 ? [{ op: `s${i - 1}.v1.get`, policy: { timeoutMs: 500, retries: 2 } }] : [],
    });
  return m;
}

function calls(model: Model): { from: string; to: string }[] {
  return Object.values(model.services).flatMap((s) =>
    s.calls
      .filter((c) => Object.hasOwn(model.services, c.toService))
      .map((c) => ({ from: s.name, to: c.toService })),
  );
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Bounding box of a node's shape: its rect, polygon or cylinder path. */
function shapeBox(g: SvgElement): Box {
  const shape = g.children.find((c) => ["rect", "polygon", "path"].includes(c.name));
  if (!shape) throw new Error("node without a shape");
  if (shape.name === "rect")
    return { x: +shape.attrs.x, y: +shape.attrs.y, w: +shape.attrs.width, h: +shape.attrs.height };
  const nums = (shape.attrs.points ?? shape.attrs.d)
    .replace(/[A-Za-z]/g, " ")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
  // Polygons list x,y pairs; the cylinder path starts with M x,y and ends with its arcs.
  const pts: [number, number][] = [];
  if (shape.name === "polygon") for (let i = 0; i < nums.length; i += 2) pts.push([nums[i], nums[i + 1]]);
  else {
    const d = shape.attrs.d;
    const m = /^M([\d.-]+),([\d.-]+) V([\d.-]+) A[\d.-]+,[\d.-]+ 0 0 0 ([\d.-]+),/.exec(d);
    if (!m) throw new Error(`unexpected cylinder ${d}`);
    pts.push([+m[1], +m[2] - 7], [+m[4], +m[3] + 7]);
  }
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return {
    x: Math.min(...xs),
    y: Math.min(...ys),
    w: Math.max(...xs) - Math.min(...xs),
    h: Math.max(...ys) - Math.min(...ys),
  };
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function pathPoints(d: string): [number, number][] {
  return [...d.matchAll(/[ML]([\d.-]+),([\d.-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** What every SVG we write must satisfy, whichever engine laid it out. */
function checkSvg(model: Model, svg: string): SvgElement {
  const root = parseSvg(svg);
  const ids = (cls: string) => groupsOfClass(root, cls).map((g) => g.attrs["data-id"]);
  expect(ids("service")).toEqual(Object.keys(model.services).map((n) => `service:${n}`));
  expect(ids("store")).toEqual(Object.keys(model.stores).map((n) => `store:${n}`));
  expect(ids("topic").sort()).toEqual(
    Object.keys(model.topics)
      .map((n) => `topic:${n}`)
      .sort(),
  );
  expect(ids("broker").sort()).toEqual(
    Object.keys(model.brokers)
      .map((n) => `broker:${n}`)
      .sort(),
  );
  expect(ids("gateway")).toEqual(Object.keys(model.gateways).map((n) => `gateway:${n}`));
  const callEdges = groupsOfClass(root, "edge").filter((g) => g.attrs.class === "edge call");
  expect(callEdges.map((g) => [g.attrs["data-source"], g.attrs["data-target"]])).toEqual(
    calls(model).map((c) => [`service:${c.from}`, `service:${c.to}`]),
  );
  for (const g of groupsOfClass(root, "edge")) {
    const path = g.children.find((c) => c.name === "path");
    const pts = pathPoints(path?.attrs.d ?? "");
    expect(pts.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < pts.length; i++)
      expect(
        pts[i][0] === pts[i - 1][0] || pts[i][1] === pts[i - 1][1],
        `${g.attrs["data-id"]} not orthogonal`,
      ).toBe(true);
    expect(path?.attrs["marker-end"]).toMatch(/^url\(#arrow-[a-z]+\)$/);
  }
  // Top-level boxes never overlap (topics sit inside their broker, which is checked separately).
  const top = allElements(root).filter(
    (e) => e.name === "g" && /^node (service|store|gateway|broker)$/.test(e.attrs.class ?? ""),
  );
  const boxes = top.map((g) => ({ id: g.attrs["data-id"], box: shapeBox(g) }));
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      expect(overlaps(boxes[i].box, boxes[j].box), `${boxes[i].id} overlaps ${boxes[j].id}`).toBe(false);
  const brokerBox = new Map(boxes.map((b) => [b.id, b.box]));
  for (const g of groupsOfClass(root, "topic")) {
    const broker = model.topics[g.attrs["data-id"].slice("topic:".length)].broker;
    const outer = brokerBox.get(`broker:${broker}`);
    if (!outer) continue;
    const inner = shapeBox(g);
    expect(inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w).toBe(true);
    expect(inner.y + inner.h <= outer.y + outer.h).toBe(true);
  }
  return root;
}

describe("diagram graph", () => {
  it("has an edge per call, per event hop (publisher → topic → consumer), per store use and per route", () => {
    const g = buildDiagramGraph(shop);
    const of = (kind: string) =>
      g.edges.filter((e) => e.kind === kind).map((e) => `${e.source} > ${e.target}`);
    expect(of("call")).toHaveLength(7);
    expect(of("call")).toContain("service:orders > service:inventory");
    expect(of("publish")).toEqual([
      "service:orders > topic:order-events",
      "service:orders > topic:order-events",
      "service:inventory > topic:inventory-events",
      "service:payments > topic:payment-events",
    ]);
    expect(of("consume")).toEqual([
      "topic:payment-events > service:orders",
      "topic:order-events > service:notifications",
      "topic:order-events > service:notifications",
      "topic:inventory-events > service:notifications",
    ]);
    expect(of("owner")).toHaveLength(4);
    expect(of("route")).toEqual(["gateway:edge > service:orders", "gateway:edge > service:inventory"]);
  });

  it("labels calls with the op, timeout and retries, and says when there is no timeout", () => {
    const g = buildDiagramGraph(shop);
    const reserve = g.edges.find((e) => e.kind === "call" && e.label.startsWith("reserve"));
    expect(reserve?.label).toBe("reserve · 2s · 1 retry");
    expect(reserve?.tooltip).toBe(
      "orders calls inventory.v1.reserve: timeout 2s, per-try 800ms, 1 retry, backoff 50ms..200ms, breaker 5 in 30s",
    );
    const bare = buildDiagramGraph(chainSystem(2)).edges[0];
    expect(bare.label).toBe("get · 500ms · 2 retries");
    const m = chainSystem(2);
    m.services.s1.calls[0].policy = { retries: 0 };
    expect(buildDiagramGraph(m).edges[0].label).toBe("get · no timeout");
  });

  it("tells reads from owners", () => {
    const m = emptyModel();
    addStore(m, "db", "postgres");
    addService(m, "writer", { uses: [{ store: "db", mode: "readwrite", span }] });
    addService(m, "reader", { uses: [{ store: "db", mode: "read", span }] });
    const kinds = buildDiagramGraph(m).edges.map((e) => [e.source, e.kind, e.label]);
    expect(kinds).toEqual([
      ["service:writer", "owner", "read/write"],
      ["service:reader", "read", "read"],
    ]);
  });
});

describe("diagram SVG (elkjs layered)", () => {
  it("is well-formed XML with a box per element, an edge per call, orthogonal routes, no overlaps", async () => {
    const svg = await emitDiagram(shop, { format: "svg" });
    const root = checkSvg(shop, svg);
    expect(root.attrs.xmlns).toBe("http://www.w3.org/2000/svg");
    const labels = groupsOfClass(root, "edge-label").map((g) => g.text);
    expect(labels).toContain("reserve · 2s · 1 retry");
    expect(labels).toContain("OrderPlaced");
    // A legend for every kind of box and arrow.
    const legend = groupsOfClass(root, "legend")[0];
    for (const caption of [
      "service",
      "store",
      "topic",
      "gateway",
      "broker",
      "reads store",
      "writes store (owner)",
    ])
      expect(legend.text).toContain(caption);
  });

  it("escapes what XML would misread, in text and attributes", async () => {
    const m = sampleShop();
    m.gateways.edge.host = `a&b<c>"d'\u0001`;
    m.gateways.edge.routes[0].path = "/x?a=1&b=<2>";
    const svg = await emitDiagram(m, { format: "svg" });
    const root = parseSvg(svg);
    const gw = groupsOfClass(root, "gateway")[0];
    expect(gw.text).toContain(`a&b<c>"d'\ufffd`);
    expect(groupsOfClass(root, "edge-label").map((g) => g.text)).toContain("/x?a=1&b=<2>");
  });

  it("is byte-identical across runs", async () => {
    const a = await emitAsync(shop, "diagram");
    const b = await emitAsync(compileExample("shop"), "diagram");
    expect([...b.files]).toEqual([...a.files]);
    expect([...a.files.keys()]).toEqual(["system.dot", "system.mmd", "system.svg"]);
    expect(a.diagnostics).toEqual([]);
  });
});

describe("diagram SVG (fast layered, large systems)", () => {
  const big = chainSystem(ELK_SIZE_LIMIT);

  it("is used beyond the ELK limit, with an info diagnostic", async () => {
    const r = await emitAsync(big, "diagram");
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["W0905", "info"]]);
    checkSvg(big, r.files.get("system.svg") ?? "");
  });

  it("draws the examples readably too (orthogonal routes, no overlaps), byte-identically", async () => {
    for (const model of [shop, sampleShop()]) {
      const a = await emitDiagram(model, { format: "svg", layout: "fast" });
      checkSvg(model, a);
      expect(await emitDiagram(model, { format: "svg", layout: "fast" })).toBe(a);
    }
  });
});

describe("diagram DOT", () => {
  it("parses as DOT with a node per element and an edge per call, topics in their broker's cluster", async () => {
    const dot = readDot(await emitDiagram(shop, { format: "dot" }));
    const expected = [
      ...Object.keys(shop.gateways).map((n) => `gateway:${n}`),
      ...Object.keys(shop.services).map((n) => `service:${n}`),
      ...Object.keys(shop.stores).map((n) => `store:${n}`),
      ...Object.keys(shop.topics).map((n) => `topic:${n}`),
    ];
    expect([...dot.nodes].sort()).toEqual(expected.sort());
    expect(dot.clusters).toEqual(["cluster_broker:bus"]);
    const callEdges = dot.edges.filter((e) => e.attrs.style === "solid" && e.from.startsWith("service:"));
    expect(callEdges.map((e) => [e.from, e.to])).toEqual(
      calls(shop).map((c) => [`service:${c.from}`, `service:${c.to}`]),
    );
    expect(dot.edges.filter((e) => e.attrs.style === "dashed")).toHaveLength(8);
  });

  it("escapes quotes, backslashes and line breaks", async () => {
    const m = sampleShop();
    m.gateways.edge.host = 'say "hi" \\ bye\nnow';
    const dot = readDot(await emitDiagram(m, { format: "dot" }));
    expect(dot.nodes).toContain("gateway:edge");
  });

  it.skipIf(!graphvizAvailable)("is accepted by Graphviz without warnings", async () => {
    for (const model of [shop, sampleShop(), chainSystem(5)]) {
      const r = runGraphviz(await emitDiagram(model, { format: "dot" }));
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
      expect(() => parseSvg(r.svg)).not.toThrow();
    }
  });
});

// @mermaid-js/parser has no flowchart grammar (and needs Node 22), so the Mermaid file is held
// to the subset of flowchart syntax we write, statement by statement.
const MERMAID_ID = "[A-Za-z][A-Za-z0-9_]*";
const QUOTED = '"[^"]*"';
const STATEMENTS: [string, RegExp][] = [
  ["comment", /^ {2}%%.*$/],
  [
    "node",
    new RegExp(
      `^ {2,4}(${MERMAID_ID})(?:\\(${QUOTED}\\)|\\{\\{${QUOTED}\\}\\}|\\[\\(${QUOTED}\\)\\]|\\[/${QUOTED}/\\]|\\[\\[${QUOTED}\\]\\])$`,
    ),
  ],
  ["subgraph", new RegExp(`^ {2}subgraph (${MERMAID_ID})\\[${QUOTED}\\]$`)],
  ["direction", /^ {4}direction TB$/],
  ["end", /^ {2}end$/],
  ["link", new RegExp(`^ {2}(${MERMAID_ID}) (?:-->|-\\.->|==>)\\|${QUOTED}\\| (${MERMAID_ID})$`)],
  ["classDef", /^ {2}classDef [a-z]+ [a-z-]+:[^,]+(?:,[a-z-]+:[^,]+)*$/],
  ["class", new RegExp(`^ {2}class ${MERMAID_ID}(?:,${MERMAID_ID})* [a-z]+$`)],
  [
    "linkStyle",
    /^ {2}linkStyle (\d+(?:,\d+)*) stroke:#[0-9a-f]{6},stroke-width:[\d.]+px(?:,stroke-dasharray:[\d ]+)?$/,
  ],
];

function checkMermaid(text: string): { nodes: string[]; links: [string, string][] } {
  const lines = text.trimEnd().split("\n");
  expect(lines[0]).toBe("flowchart LR");
  const nodes: string[] = [];
  const links: [string, string][] = [];
  const styled = new Set<number>();
  let depth = 0;
  for (const line of lines.slice(1)) {
    const match = STATEMENTS.map(([kind, re]) => [kind, re.exec(line)] as const).find(([, m]) => m);
    expect(match, `not in the flowchart subset: ${line}`).toBeDefined();
    const [kind, m] = match ?? ["", null];
    if (!m) continue;
    if (kind === "node") nodes.push(m[1]);
    if (kind === "subgraph") {
      nodes.push(m[1]);
      depth++;
    }
    if (kind === "end") depth--;
    if (kind === "link") {
      expect(nodes, `link before its nodes: ${line}`).toEqual(expect.arrayContaining([m[1], m[2]]));
      links.push([m[1], m[2]]);
    }
    if (kind === "linkStyle") for (const i of m[1].split(",")) styled.add(Number(i));
  }
  expect(depth).toBe(0);
  expect(new Set(nodes).size).toBe(nodes.length);
  expect([...styled].sort((a, b) => a - b)).toEqual(links.map((_, i) => i));
  return { nodes, links };
}

describe("diagram Mermaid", () => {
  it("is a flowchart with a node per element and a link per edge, all styled", async () => {
    const { nodes, links } = checkMermaid(await emitDiagram(shop, { format: "mermaid" }));
    expect(nodes).toContain("service_orders");
    expect(nodes).toContain("store_orders_db");
    expect(nodes).toContain("broker_bus");
    expect(links.filter(([a, b]) => a.startsWith("service_") && b.startsWith("service_"))).toHaveLength(7);
    expect(links).toHaveLength(buildDiagramGraph(shop).edges.length);
  });

  it("escapes label text and keeps ids unique and clear of keywords", async () => {
    const m = emptyModel();
    addService(m, "end");
    addService(m, "a-b");
    addService(m, "a_b");
    addGateway(m, { name: "gw", host: 'x "y" #1 <b>', routes: [] });
    const text = await emitDiagram(m, { format: "mermaid" });
    const { nodes } = checkMermaid(text);
    expect(nodes).toEqual(["gateway_gw", "service_end", "service_a_b", "service_a_b_2"]);
    expect(text).toContain('gateway_gw{{"gw<br/>x #quot;y#quot; #35;1 #lt;b#gt;"}}');
  });
});

describe("diagram in emit", () => {
  it("`all` from emitAsync includes diagram/, the synchronous `all` does not", async () => {
    const model = sampleShop();
    const all = await emitAsync(model, "all");
    expect([...all.files.keys()].filter((p) => p.startsWith("diagram/"))).toEqual([
      "diagram/system.dot",
      "diagram/system.mmd",
      "diagram/system.svg",
    ]);
    const sync = emit(model, "all");
    expect([...all.files].filter(([p]) => !p.startsWith("diagram/"))).toEqual([...sync.files]);
  });
});
