// Spans: file, offsets (end exclusive), 1-based lines and columns, on declarations and inner nodes.

import { describe, expect, it } from "vitest";
import type { Span } from "../src/span.js";
import { findDecl, parse } from "./helpers.js";

const text = "service orders {\n  port 8000\n  api v1 { op get: uuid -> Order }\n}\nflow f = a.b ; c.d\n";
const { ast } = parse(text, "shop/orders.arch");

function at(
  file: string,
  start: number,
  end: number,
  line: number,
  col: number,
  endLine: number,
  endCol: number,
): Span {
  return { file, start, end, line, col, endLine, endCol };
}

describe("spans", () => {
  it("cover a whole declaration across lines", () => {
    const svc = findDecl(ast, "Service", "orders");
    expect(svc.span).toEqual(at("shop/orders.arch", 0, 65, 1, 1, 4, 2));
    expect(text.slice(svc.span.start, svc.span.end)).toMatch(/^service orders \{[\s\S]*\}$/);
  });

  it("cover names, properties and quantities exactly", () => {
    const svc = findDecl(ast, "Service", "orders");
    expect(svc.name.span).toEqual(at("shop/orders.arch", 8, 14, 1, 9, 1, 15));
    const port = svc.members[0];
    if (port.kind !== "Property") throw new Error("expected the port property");
    expect(port.span).toEqual(at("shop/orders.arch", 19, 28, 2, 3, 2, 12));
    expect(port.value.span).toEqual(at("shop/orders.arch", 24, 28, 2, 8, 2, 12));
  });

  it("cover an op from its keyword to the end of its codomain", () => {
    const api = findDecl(ast, "Service", "orders").members[1];
    if (api.kind !== "Api") throw new Error("expected the api");
    const op = api.ops[0];
    expect(op.span).toEqual(at("shop/orders.arch", 40, 61, 3, 12, 3, 33));
    expect(op.name.span).toEqual(at("shop/orders.arch", 43, 46, 3, 15, 3, 18));
    expect(op.domain.span).toEqual(at("shop/orders.arch", 48, 52, 3, 20, 3, 24));
    expect(op.codomain.span).toEqual(at("shop/orders.arch", 56, 61, 3, 28, 3, 33));
    expect(api.span).toEqual(at("shop/orders.arch", 31, 63, 3, 3, 3, 35));
  });

  it("cover flow expressions and their parts", () => {
    const flow = findDecl(ast, "Flow", "f");
    expect(flow.span).toEqual(at("shop/orders.arch", 66, 84, 5, 1, 5, 19));
    if (flow.body.kind !== "FlowSeq") throw new Error("expected a sequence");
    expect(flow.body.span).toEqual(at("shop/orders.arch", 75, 84, 5, 10, 5, 19));
    expect(flow.body.parts.map((p) => text.slice(p.span.start, p.span.end))).toEqual(["a.b", "c.d"]);
  });

  it("split a range token into spans for its two ends", () => {
    const { ast: r } = parse("service s { replicas 2..10 }");
    const replicas = findDecl(r, "Service", "s").members[0];
    if (replicas.kind !== "Replicas" || replicas.count.kind !== "Range") throw new Error("expected a range");
    expect(replicas.count.span).toMatchObject({ start: 21, end: 26, col: 22, endCol: 27 });
    expect(replicas.count.low.span).toMatchObject({ start: 21, end: 22, col: 22, endCol: 23 });
    expect(replicas.count.high.span).toMatchObject({ start: 24, end: 26, col: 25, endCol: 27 });
  });

  it("count columns in UTF-16 code units after non-ASCII text", () => {
    const { ast: u } = parse('service s "caf\u00e9 \u{1F600}" { port 1 }');
    const svc = findDecl(u, "Service", "s");
    const port = svc.members[0];
    // `"café 😀"` is 9 UTF-16 code units (the emoji is a surrogate pair) starting at offset 10,
    // so `port` starts at offset 22, column 23.
    expect(port.span).toMatchObject({ start: 22, col: 23, line: 1 });
  });

  it("span the whole file on the file node", () => {
    expect(ast.span).toEqual(at("shop/orders.arch", 0, text.length, 1, 1, 6, 1));
  });
});
