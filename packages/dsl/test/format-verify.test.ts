// The formatter's safety net refuses output that does not parse, means another tree, or lost
// a comment; formatSource hands syntax errors back untouched.

import { describe, expect, it } from "vitest";
import { formatSource } from "../src/format/index.js";
import { firstDifference, formattingProblem } from "../src/format/verify.js";
import { parseSource } from "../src/parse.js";

const original = (text: string) => parseSource("t.arch", text).ast;

describe("formattingProblem", () => {
  it("accepts the same file laid out differently", () => {
    expect(formattingProblem(original("type A {x:int}// c"), "type A { x: int } // c\n")).toBeUndefined();
  });

  it("refuses output that does not parse", () => {
    expect(formattingProblem(original("type A { x: int }"), "type A { x int }")).toMatch(/does not parse/);
  });

  it("refuses output that means another tree, and says where", () => {
    const problem = formattingProblem(original("type A { x: int }"), "type A { y: int }");
    expect(problem).toMatch(/different tree/);
    expect(problem).toContain("fields[0](Field).name(Name).text");
  });

  it("refuses output that changes documentation", () => {
    expect(formattingProblem(original("type A {}\n"), "/// doc\ntype A {}\n")).toMatch(/different tree/);
  });

  it("refuses output that lost or changed a comment", () => {
    expect(formattingProblem(original("type A {} // note"), "type A {}\n")).toMatch(/comment "\/\/ note"/);
    expect(formattingProblem(original("type A {} // a"), "type A {} // b\n")).toMatch(/comment/);
    expect(formattingProblem(original("// x\n// x\ntype A {}"), "// x\ntype A {}\n")).toMatch(/comment/);
  });
});

describe("firstDifference", () => {
  it("ignores spans and absent optional fields", () => {
    const a = { kind: "X", span: { start: 1 }, doc: undefined, items: [1, 2] };
    const b = { kind: "X", span: { start: 9 }, items: [1, 2] };
    expect(firstDifference(a, b, "root")).toBeUndefined();
    expect(firstDifference(a, { ...b, items: [1] }, "root")).toBe("root(X).items");
  });
});

describe("formatSource", () => {
  it("hands a file with syntax errors back untouched, with its diagnostics", () => {
    const text = "type A { x int }\nservice   s {}\n";
    const result = formatSource("t.arch", text);
    expect(result.text).toBe(text);
    expect(result.changed).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toContain("E0110");
  });

  it("reports whether anything changed", () => {
    expect(formatSource("t.arch", "type A {x:int}").changed).toBe(true);
    expect(formatSource("t.arch", "type A { x: int }\n").changed).toBe(false);
  });

  it("is deterministic", () => {
    const text = "service s { port 80 api v1 { op f: A -> B } calls x.y { timeout 1s } }";
    expect(formatSource("t.arch", text).text).toBe(formatSource("t.arch", text).text);
  });
});
