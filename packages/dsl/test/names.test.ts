// Contextual keywords (no word is reserved where a name is expected) and doc comments.

import { describe, expect, it } from "vitest";
import { archLexer } from "../src/lexer.js";
import { declSummary, findDecl, listDiagnostics, parse, readFixture } from "./helpers.js";

describe("keywords as names", () => {
  const { ast, diagnostics } = parse(readFixture("lexing/contextual-names.arch"));

  it("parses a file where every name is a keyword, with zero diagnostics", () => {
    expect(listDiagnostics(diagnostics)).toBe("");
    expect(declSummary(ast)).toEqual([
      "Type:store",
      "Alias:event",
      "Enum:service",
      "Store:from",
      "Broker:on",
      "Topic:by",
      "Event:flow",
      "Service:from",
      "Service:service-api",
      "Flow:api",
      "Saga:step",
    ]);
  });

  it("accepts keywords and a quoted string as field names", () => {
    const type = findDecl(ast, "Type", "store");
    expect(
      type.fields.map((f) => [f.name.kind, f.name.kind === "Name" ? f.name.text : f.name.value, f.optional]),
    ).toEqual([
      ["Name", "to", false],
      ["Name", "from", false],
      ["String", "content-type", false],
      ["Name", "type", true],
    ]);
  });

  it("reads keywords in every name position", () => {
    expect(findDecl(ast, "Enum", "service").members.map((m) => m.text)).toEqual([
      "read",
      "write",
      "from",
      "to",
    ]);
    const topic = findDecl(ast, "Topic", "by");
    expect(topic.broker?.text).toBe("on");
    const event = findDecl(ast, "Event", "flow");
    expect(event.topic?.text).toBe("by");
    const svc = findDecl(ast, "Service", "from");
    const uses = svc.members.find((m) => m.kind === "Uses");
    expect(uses).toMatchObject({ store: { text: "from" }, mode: { text: "read" } });
    const calls = svc.members.find((m) => m.kind === "Calls");
    expect(calls).toMatchObject({ target: { service: { text: "service-api" }, op: { text: "store" } } });
    const flow = findDecl(ast, "Flow", "api");
    expect(flow.body.kind).toBe("FlowSeq");
    const saga = findDecl(ast, "Saga", "step");
    expect(saga.by?.text).toBe("from");
    expect(saga.items.map((i) => (i.kind === "Step" ? `${i.role}:${i.name.text}` : "parallel"))).toEqual([
      "step:store",
      "step:pivot",
    ]);
  });

  it("does not split kebab-case names or words that start with a keyword", () => {
    const names = archLexer.tokenize("service-api ready servicex flows type_ x-1").tokens;
    expect(names.map((t) => t.tokenType.name)).toEqual([
      "Ident",
      "Ident",
      "Ident",
      "Ident",
      "Ident",
      "Ident",
    ]);
    expect(names.map((t) => t.image)).toEqual(["service-api", "ready", "servicex", "flows", "type_", "x-1"]);
    const keywords = archLexer.tokenize("service ready read").tokens;
    expect(keywords.map((t) => t.tokenType.name)).toEqual(["Kw_service", "Ident", "Ident"]);
  });

  it("refuses a saga step named `input` (E0116)", () => {
    const { diagnostics } = parse("saga s(T) { step input: a.b }");
    expect(diagnostics.map((d) => [d.code, d.span.col, d.span.endCol])).toEqual([["E0116", 18, 23]]);
  });
});

describe("doc comments", () => {
  const { ast, diagnostics } = parse(readFixture("lexing/docs.arch"));

  it("attach to the next declaration, joining consecutive lines", () => {
    expect(diagnostics).toEqual([]);
    expect(findDecl(ast, "Type", "Order").doc).toBe("An order.\nTwo lines of doc.");
    expect(findDecl(ast, "Service", "orders").doc).toBe("The order service.");
    expect(findDecl(ast, "Saga", "place").doc).toBe("Places an order, compensating on failure.");
  });

  it("attach to fields, apis, ops and steps, and not across a plain comment's line", () => {
    const order = findDecl(ast, "Type", "Order");
    expect(order.fields.map((f) => f.doc)).toEqual(["The order's id.", undefined]);
    const api = findDecl(ast, "Service", "orders").members[0];
    if (api.kind !== "Api") throw new Error("expected an api");
    expect(api.doc).toBe("Version one.");
    expect(api.ops.map((o) => o.doc)).toEqual(["Places an order.", undefined]);
    const step = findDecl(ast, "Saga", "place").items[0];
    expect(step.kind === "Step" && step.doc).toBe("Create it first.");
  });

  it("a doc comment that documents nothing is kept as a comment and does not leak", () => {
    expect(ast.comments.at(-1)).toMatchObject({ style: "doc", text: "/// dangling at the end of the file" });
    const docs = ast.decls.map((d) => d.doc);
    expect(docs).not.toContain("dangling at the end of the file");
  });

  it("a doc run interrupted by a declaration starts a new run", () => {
    const { ast: two } = parse("/// first\ntype A { }\n/// second\ntype B { }");
    expect(two.decls.map((d) => d.doc)).toEqual(["first", "second"]);
  });
});
