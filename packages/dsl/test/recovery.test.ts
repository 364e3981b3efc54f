// Error recovery: one file with several mistakes yields one diagnostic per mistake, each with a
// stable code and an "expected … found …" message, and the declarations around them still parse.

import { describe, expect, it } from "vitest";
import { frontEndCodes } from "../src/codes.js";
import { declSummary, findDecl, listDiagnostics, parse, readFixture } from "./helpers.js";

describe("a file with five mistakes on five lines", () => {
  const { ast, diagnostics } = parse(readFixture("recovery/five-errors.arch"), "five-errors.arch");
  // 1: missing `:`  5: bare number for a duration  9: misspelt property  11: missing `}`
  // 14: stray character
  const errorLines = [1, 5, 9, 11, 14];

  it("reports each mistake on its own line", () => {
    const lines = new Set(diagnostics.map((d) => d.span.line));
    for (const line of errorLines)
      expect(lines.has(line), `a diagnostic on line ${line}\n${listDiagnostics(diagnostics)}`).toBe(true);
    // Nothing on the lines that are correct.
    for (const d of diagnostics) expect(errorLines).toContain(d.span.line);
  });

  it("gives every diagnostic a catalogued code and an expected/found message", () => {
    for (const d of diagnostics) {
      expect(Object.keys(frontEndCodes)).toContain(d.code);
      expect(d.severity).toBe("error");
      expect(d.message).toMatch(/expected .+, found .+/);
      expect(d.span.file).toBe("five-errors.arch");
    }
  });

  it("says what each mistake is", () => {
    const byLine = (line: number) => diagnostics.filter((d) => d.span.line === line);
    expect(byLine(1).map((d) => [d.code, d.message])).toEqual([
      ["E0110", "expected `:`, found `uuid` in a record field"],
    ]);
    expect(byLine(5).map((d) => [d.code, d.message])).toEqual([
      ["E0111", "expected a duration such as 500ms after `timeout`, found `500`"],
    ]);
    expect(byLine(9).map((d) => [d.code, d.message])).toEqual([
      ["E0114", "expected a property of a service block, found `replicsa` (did you mean `replicas`?)"],
    ]);
    const unclosed = byLine(11);
    expect(unclosed.map((d) => d.code)).toEqual(["E0110"]);
    expect(unclosed[0].message).toBe(
      "expected `}` to close the `{` on line 11, found `service` (the start of the next declaration)",
    );
    expect(unclosed[0].related.map((r) => [r.span.line, r.span.col, r.message])).toEqual([
      [11, 27, "this `{` is never closed"],
    ]);
    expect(byLine(14).map((d) => d.code)).toEqual(["E0101"]);
  });

  it("still parses every declaration, including those right after a mistake", () => {
    expect(declSummary(ast)).toEqual([
      "Type:Order",
      "Type:Payment",
      "Service:orders",
      "Service:payments",
      "Store:ledger-db",
      "Service:ledger",
      "Flow:checkout",
      "Type:Refund",
      "Enum:Status",
    ]);
    expect(findDecl(ast, "Type", "Payment").fields.map((f) => f.name.kind === "Name" && f.name.text)).toEqual(
      ["id", "amount"],
    );
    expect(findDecl(ast, "Service", "orders").members.map((m) => m.kind)).toEqual(["Api", "Calls"]);
    expect(findDecl(ast, "Store", "ledger-db").props).toHaveLength(1);
    expect(findDecl(ast, "Service", "ledger").members.map((m) => m.kind)).toEqual(["Uses"]);
    expect(findDecl(ast, "Enum", "Status").members.map((m) => m.text)).toEqual(["open", "closed"]);
  });
});

interface Mistake {
  readonly name: string;
  readonly text: string;
  readonly code: string;
  /** Where the diagnostic goes: [line, column]. */
  readonly at: readonly [number, number];
  readonly message: RegExp;
  /** Declarations that must still be in the AST. */
  readonly decls: readonly string[];
}

const mistakes: readonly Mistake[] = [
  {
    name: "missing `:` in an op",
    text: "service a { api v1 { op f A -> B  op g: A -> B } }\ntype T { }",
    code: "E0110",
    at: [1, 27],
    message: /^expected `:`, found `A` in an op declaration$/,
    decls: ["Service:a", "Type:T"],
  },
  {
    name: "missing `->` in an op",
    text: "service a { api v1 { op f: A B } }\ntype T { }",
    code: "E0110",
    at: [1, 30],
    message: /^expected `->`, found `B`/,
    decls: ["Service:a", "Type:T"],
  },
  {
    name: "missing `}` at the end of a service",
    text: "service a {\n  port 80\n\nservice b { port 81 }\ntype T { x: int }\n",
    code: "E0110",
    at: [2, 8],
    message: /^expected `}` to close the `\{` on line 1, found `service`/,
    decls: ["Service:a", "Service:b", "Type:T"],
  },
  {
    name: "missing `}` at the end of the file",
    text: "type T { x: int }\nservice a {\n  api v1 {\n    op f: T -> T\n",
    code: "E0110",
    at: [4, 16],
    message: /^expected `\} \}` to close the brackets opened on lines 3, 2, found the end of the file$/,
    decls: ["Type:T", "Service:a"],
  },
  {
    name: "missing `)` in a flow",
    text: "flow f = (a.b ; c.d\nservice s { }",
    code: "E0110",
    at: [1, 19],
    message: /^expected `\)` to close the `\(` on line 1/,
    decls: ["Flow:f", "Service:s"],
  },
  {
    name: "missing `=` in a flow",
    text: "flow f a.b ; c.d\nservice b { }",
    code: "E0110",
    at: [1, 8],
    message: /^expected `=`, found `a` in a flow$/,
    decls: ["Flow:f", "Service:b"],
  },
  {
    name: "a bare number where a duration is expected",
    text: "service a { calls b.c { timeout 5  retries 2 } }\nservice b { }",
    code: "E0111",
    at: [1, 33],
    message: /^expected a duration such as 500ms after `timeout`, found `5`$/,
    decls: ["Service:a", "Service:b"],
  },
  {
    name: "a word where a number is expected",
    text: "service a { calls b.c { retries many  timeout 1s } }",
    code: "E0111",
    at: [1, 33],
    message: /^expected an integer such as 3 after `retries`, found `many`$/,
    decls: ["Service:a"],
  },
  {
    name: "a misspelt policy key, with the rest of its line",
    text: "service a { calls b.c { breakr 5 in 30s } }",
    code: "E0114",
    at: [1, 25],
    message: /^expected a property of a call policy, found `breakr` \(did you mean `breaker`\?\)$/,
    decls: ["Service:a"],
  },
  {
    name: "a misspelt gateway member",
    text: 'gateway g { rout "/x" -> a.v1\n port 443 }',
    code: "E0114",
    at: [1, 13],
    message: /did you mean `route`\?/,
    decls: ["Gateway:g"],
  },
  {
    name: "a value after a flag",
    text: "service a { public yes }",
    code: "E0111",
    at: [1, 20],
    message: /^`public` is a flag: expected nothing after it, found `yes`$/,
    decls: ["Service:a"],
  },
  {
    name: "an unknown store kind",
    text: "store db: postgress\nservice a { }",
    code: "E0115",
    at: [1, 11],
    message:
      /^expected a store kind \(postgres, mysql, .*\), found `postgress` \(did you mean `postgres`\?\)$/,
    decls: ["Store:db", "Service:a"],
  },
  {
    name: "`&` and `*` mixed without parentheses",
    text: "flow f = a.b & c.d * e.f",
    code: "E0113",
    at: [1, 20],
    message: /^expected parentheses where `&` and `\*` meet, found them mixed/,
    decls: ["Flow:f"],
  },
  {
    name: "a port out of range",
    text: "service a { port 70000 }",
    code: "E0117",
    at: [1, 18],
    message: /^expected a port in 1\.\.65535, found 70000$/,
    decls: ["Service:a"],
  },
  {
    name: "garbage between declarations",
    text: "service a { }\n42 ;;\nservice b { }",
    code: "E0110",
    at: [2, 1],
    message: /^expected a declaration \(`service`, `type`, `flow`, `saga`, …\), found `42`/,
    decls: ["Service:a", "Service:b"],
  },
  {
    name: "a stray closing brace",
    text: "type A { x: int } }\ntype B { y: int }",
    code: "E0110",
    at: [1, 19],
    message: /^expected a declaration .*, found `\}`/,
    decls: ["Type:A", "Type:B"],
  },
  {
    name: "a step without its `:`",
    text: "saga s(T) { step a x.y compensate x.z\n step b: x.w }\nservice q { }",
    code: "E0110",
    at: [1, 20],
    message: /^expected `:`, found `x` in a saga step$/,
    decls: ["Saga:s", "Service:q"],
  },
];

describe("realistic mistakes", () => {
  for (const m of mistakes) {
    it(m.name, () => {
      const { ast, diagnostics } = parse(m.text);
      const hit = diagnostics.find(
        (d) => d.code === m.code && d.span.line === m.at[0] && d.span.col === m.at[1],
      );
      expect(hit, listDiagnostics(diagnostics)).toBeDefined();
      expect(hit?.message).toMatch(m.message);
      for (const d of m.decls) expect(declSummary(ast)).toContain(d);
    });
  }

  it("gives one diagnostic per mistake, not one per leftover token", () => {
    const { diagnostics } = parse("service a { calls b.c { retries x breakr 5 in 30s  timeout 5 } }");
    expect(diagnostics.map((d) => d.code)).toEqual(["E0111", "E0114", "E0111"]);
  });

  it("does not mistake a member named like a declaration keyword for a new declaration", () => {
    const text = "enum Kind {\nservice\ntype\nstore\n}\ntype T {\nservice: string\nflow: int\n}";
    const { ast, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(findDecl(ast, "Enum", "Kind").members.map((m) => m.text)).toEqual(["service", "type", "store"]);
    expect(findDecl(ast, "Type", "T").fields).toHaveLength(2);
  });
});
