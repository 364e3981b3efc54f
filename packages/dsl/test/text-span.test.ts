// TextSpan: the parser's compact span (offsets and a line table shared by every span of one
// parse) denotes exactly what a plain span of seven fields would, and serialises as one.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSource } from "../src/parse.js";
import { isSpan, LineIndex, LineStarts, plainSpan, sameSpan, TextSpan } from "../src/span.js";

/** Lines and columns counted character by character, the plain way. */
function counted(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return { line, col };
}

function spansIn(node: unknown, out: object[] = []): object[] {
  if (typeof node !== "object" || node === null) return out;
  if (isSpan(node)) out.push(node);
  else for (const v of Object.values(node)) spansIn(v, out);
  return out;
}

describe("TextSpan", () => {
  it("has the lines and columns of its offsets, counted character by character", () => {
    const texts = fc
      .array(fc.constantFrom("a", "b", " ", "\n", "\r\n", "é", "😀"), { maxLength: 60 })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), (text, i, j) => {
        const a = i % (text.length + 1);
        const b = j % (text.length + 1);
        const [start, end] = a <= b ? [a, b] : [b, a];
        const span = new LineIndex(text).span("f.arch", start, end);
        expect(span).toBeInstanceOf(TextSpan);
        const s = counted(text, start);
        const e = counted(text, end);
        expect(plainSpan(span)).toStrictEqual({
          file: "f.arch",
          start,
          end,
          line: s.line,
          col: s.col,
          endLine: e.line,
          endCol: e.col,
        });
      }),
    );
  });

  it("writes its seven fields to JSON and compares equal to a plain span with them", () => {
    const span = new TextSpan(new LineStarts("f.arch", [0, 4]), 5, 7);
    const plain = { file: "f.arch", start: 5, end: 7, line: 2, col: 2, endLine: 2, endCol: 4 };
    expect(JSON.parse(JSON.stringify({ span }))).toStrictEqual({ span: plain });
    expect(sameSpan(span, plain)).toBe(true);
    expect(sameSpan(span, { ...plain, col: 3 })).toBe(false);
  });

  it("is what both parsers make, one line table per parse", () => {
    const text =
      "service s {\n  port 8000\n  api v1 { op get: uuid -> Order }\n}\n/* a\n b */ type Order { id: uuid }\n";
    const fast = parseSource("a.arch", text);
    const recovering = parseSource("a.arch", `${text}}`); // a stray brace: the chevrotain path
    expect(fast.diagnostics).toEqual([]);
    expect(recovering.diagnostics.length).toBeGreaterThan(0);
    for (const { ast } of [fast, recovering]) {
      const spans = spansIn(ast);
      expect(spans.length).toBeGreaterThan(20);
      const tables = new Set(spans.map((s) => (s instanceof TextSpan ? s.lines : s)));
      expect(tables.size).toBe(1);
    }
  });
});
