// Lexing: every literal kind, string escapes, comments, and numbers glued to unknown units.

import { describe, expect, it } from "vitest";
import type { Property, Quantity, Range } from "../src/ast.js";
import { archLexer } from "../src/lexer.js";
import { cpuMillis, durationMs, percentFraction, ratePerSecond, sizeBytes } from "../src/units.js";
import { findDecl, listDiagnostics, parse } from "./helpers.js";

function tokens(text: string): string[] {
  return archLexer.tokenize(text).tokens.map((t) => `${t.tokenType.name}(${t.image})`);
}

/** The value of property `key` in the first block member list of the named service. */
function serviceProperty(text: string, key: string): Property["value"] {
  const { ast } = parse(text);
  const svc = findDecl(ast, "Service", "s");
  const prop = svc.members.find((m) => m.kind === "Property" && m.key.text === key);
  if (prop?.kind !== "Property") throw new Error(`no property ${key}`);
  return prop.value;
}

describe("number literals", () => {
  it("lexes each literal kind as one token", () => {
    expect(
      tokens(
        "42 0.25 500ms 2s 5m 1h 7d 512Mi 20Gi 1Ki 3Ti 100M 2K 4G 1T 250m 70% 99.95% 1000/hour 5/s 3/min 2/day",
      ),
    ).toEqual([
      "QuantityLiteral(42)",
      "QuantityLiteral(0.25)",
      "QuantityLiteral(500ms)",
      "QuantityLiteral(2s)",
      "QuantityLiteral(5m)",
      "QuantityLiteral(1h)",
      "QuantityLiteral(7d)",
      "QuantityLiteral(512Mi)",
      "QuantityLiteral(20Gi)",
      "QuantityLiteral(1Ki)",
      "QuantityLiteral(3Ti)",
      "QuantityLiteral(100M)",
      "QuantityLiteral(2K)",
      "QuantityLiteral(4G)",
      "QuantityLiteral(1T)",
      "QuantityLiteral(250m)",
      "QuantityLiteral(70%)",
      "QuantityLiteral(99.95%)",
      "QuantityLiteral(1000/hour)",
      "QuantityLiteral(5/s)",
      "QuantityLiteral(3/min)",
      "QuantityLiteral(2/day)",
    ]);
  });

  it("lexes ranges as one token, and a space around `..` breaks them", () => {
    expect(tokens("2..10 250m..500m 100ms..2s 256Mi..512Mi")).toEqual([
      "RangeLiteral(2..10)",
      "RangeLiteral(250m..500m)",
      "RangeLiteral(100ms..2s)",
      "RangeLiteral(256Mi..512Mi)",
    ]);
    expect(tokens("2 ..10")).toEqual(["QuantityLiteral(2)", "Dot(.)", "Dot(.)", "QuantityLiteral(10)"]);
  });

  it("reads values and units, with `m` as millicores under cpu and minutes elsewhere", () => {
    const text = `service s {
      replicas 2..10 cpu 70%
      resources { cpu 250m..500m  memory 256Mi..512Mi }
      availability 99.95%
      calls a.b { timeout 5m  backoff 100ms..2s }
    }`;
    const { ast, diagnostics } = parse(text);
    expect(listDiagnostics(diagnostics)).toBe("");
    const svc = findDecl(ast, "Service", "s");
    const replicas = svc.members.find((m) => m.kind === "Replicas");
    const resources = svc.members.find((m) => m.kind === "Resources");
    const calls = svc.members.find((m) => m.kind === "Calls");
    if (replicas?.kind !== "Replicas" || resources?.kind !== "Resources" || calls?.kind !== "Calls")
      throw new Error("members missing");
    const count = replicas.count as Range;
    expect([count.low.value, count.high.value]).toEqual([2, 10]);
    expect(percentFraction(replicas.cpuTarget as Quantity)).toBe(0.7);
    const cpu = resources.cpu as Range;
    expect([cpuMillis(cpu.low), cpuMillis(cpu.high)]).toEqual([250, 500]);
    const memory = resources.memory as Range;
    expect([sizeBytes(memory.low), sizeBytes(memory.high)]).toEqual([256 * 2 ** 20, 512 * 2 ** 20]);
    const [timeout, backoff] = calls.policy as Property[];
    expect(durationMs(timeout.value as Quantity)).toBe(300_000);
    const b = backoff.value as Range;
    expect([durationMs(b.low), durationMs(b.high)]).toEqual([100, 2000]);
  });

  it("converts sizes (binary and decimal), rates and plain cpu cores", () => {
    const q = (raw: string): Quantity => {
      const m = /^(\d+(?:\.\d+)?)(.*)$/.exec(raw)!;
      const span = { file: "", start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 };
      return { kind: "Quantity", value: Number(m[1]), unit: m[2], raw, span };
    };
    expect(sizeBytes(q("100M"))).toBe(1e8);
    expect(sizeBytes(q("1Ki"))).toBe(1024);
    expect(ratePerSecond(q("1000/hour"))).toBeCloseTo(1000 / 3600);
    expect(ratePerSecond(q("60/min"))).toBe(1);
    expect(cpuMillis(q("0.5"))).toBe(500);
    expect(cpuMillis(q("2"))).toBe(2000);
  });

  it("reports a number glued to an unknown unit (E0105) and keeps parsing", () => {
    const { ast, diagnostics } = parse("service s { calls a.b { timeout 5min } }\ntype T { }");
    expect(diagnostics.map((d) => [d.code, d.span.col, d.span.endCol])).toEqual([["E0105", 33, 37]]);
    expect(diagnostics[0].message).toBe("expected a number with a known unit, found `5min`");
    expect(ast.decls).toHaveLength(2);
  });

  it("rejects a bare number where a duration is expected (E0111)", () => {
    const { diagnostics } = parse("service s { calls a.b { timeout 500 } }");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: "E0111",
      message: "expected a duration such as 500ms after `timeout`, found `500`",
      help: "add a unit: `500ms` or `500s`",
      span: { line: 1, col: 33, endCol: 36 },
    });
  });

  it("rejects a range whose ends are in the wrong order or of different kinds", () => {
    const reversed = parse("service s { calls a.b { backoff 2s..100ms } }").diagnostics;
    expect(reversed.map((d) => d.code)).toEqual(["E0117"]);
    const mixed = parse("service s { calls a.b { backoff 2s..100Mi } }").diagnostics;
    expect(mixed.map((d) => d.code)).toEqual(["E0111"]);
  });
});

describe("strings", () => {
  it("decodes every escape, including \\u{…} beyond the BMP", () => {
    const value = serviceProperty(String.raw`service s { owner "a\"b\\c\nd\te\u{1F600}\u{41}" }`, "owner");
    expect(value).toMatchObject({ kind: "String", value: 'a"b\\c\nd\te\u{1F600}A' });
  });

  it("reports an invalid escape at the escape itself (E0103)", () => {
    const { diagnostics } = parse(String.raw`service s { owner "bad \q here" }`);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "E0103", span: { line: 1, col: 24, endCol: 26 } });
    expect(diagnostics[0].message).toBe('expected an escape (\\" \\\\ \\n \\t \\u{HEX}), found `\\q`');
  });

  it("reports out-of-range and malformed unicode escapes (E0103)", () => {
    for (const bad of [String.raw`\u{110000}`, String.raw`\u{D800}`, String.raw`\u1234`, String.raw`\u{}`]) {
      const { diagnostics } = parse(`service s { owner "${bad}" }`);
      expect(
        diagnostics.map((d) => d.code),
        bad,
      ).toEqual(["E0103"]);
    }
  });

  it("reports a string left open on its line (E0102) and parses the next line", () => {
    const { ast, diagnostics } = parse('service s { owner "oops\n  port 80 }\ntype T { }');
    expect(diagnostics.map((d) => [d.code, d.span.line])).toEqual([["E0102", 1]]);
    expect(ast.decls.map((d) => d.kind)).toEqual(["Service", "Type"]);
  });
});

describe("comments", () => {
  it("skips line and block comments and keeps them, in order, on the file", () => {
    const text = "// line\ntype A { } /* block\nspanning */ type B { }\n/// doc\ntype C { }";
    const { ast, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(ast.decls).toHaveLength(3);
    expect(ast.comments.map((c) => [c.style, c.text])).toEqual([
      ["line", "// line"],
      ["block", "/* block\nspanning */"],
      ["doc", "/// doc"],
    ]);
  });

  it("reports an unterminated block comment once, at its start (E0104)", () => {
    const { diagnostics } = parse("type A { }\n/* never closed\ntype B { }");
    expect(diagnostics.map((d) => [d.code, d.span.line, d.span.col, d.span.endCol])).toEqual([
      ["E0104", 2, 1, 3],
    ]);
  });

  it("reports a stray character with what was expected and keeps going (E0101)", () => {
    const { ast, diagnostics } = parse("type A { } @\ntype B { }");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "E0101", span: { line: 1, col: 12, endCol: 13 } });
    expect(diagnostics[0].message).toMatch(/^expected .*, found .*`@`/);
    expect(ast.decls).toHaveLength(2);
  });
});

describe("line ends", () => {
  it("ends lines at \\n and \\r\\n; a lone \\r is whitespace", () => {
    const { ast } = parse("type A { }\r\ntype B { }\rtype C { }\ntype D { }");
    expect(ast.decls.map((d) => [d.kind === "Type" && d.name.text, d.span.line, d.span.col])).toEqual([
      ["A", 1, 1],
      ["B", 2, 1],
      ["C", 2, 12],
      ["D", 3, 1],
    ]);
  });
});
