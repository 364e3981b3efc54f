// The document algebra and its printer: groups fit or break as a whole, nested groups break
// from the outside in, forced breaks propagate, trailing blanks never reach the output.

import { describe, expect, it } from "vitest";
import {
  breakParent,
  type Doc,
  flatten,
  group,
  hardline,
  ifBreak,
  indent,
  join,
  line,
  softline,
} from "../src/format/doc.js";
import { printDoc } from "../src/format/print-doc.js";

/** `{ a, b, c }` on one line, or one item per line without commas. */
function record(items: readonly Doc[]): Doc {
  return group(["{", indent([line, join([ifBreak("", ","), line], items)]), line, "}"]);
}

describe("printDoc", () => {
  it("prints a group flat when it fits", () => {
    expect(printDoc(record(["a", "b", "c"]), 20)).toBe("{ a, b, c }");
  });

  it("breaks a group that does not fit, every line of it", () => {
    expect(printDoc(record(["alpha", "beta", "gamma"]), 12)).toBe("{\n  alpha\n  beta\n  gamma\n}");
  });

  it("fits at exactly the width and breaks one column over", () => {
    const doc = record(["abc", "def"]); // "{ abc, def }" is 12 columns
    expect(printDoc(doc, 12)).toBe("{ abc, def }");
    expect(printDoc(doc, 11)).toBe("{\n  abc\n  def\n}");
  });

  it("breaks outer groups first and keeps inner ones flat when they fit", () => {
    const doc = record([
      ["x: ", record(["1", "2"])],
      ["y: ", record(["3", "4"])],
    ]);
    expect(printDoc(doc, 16)).toBe("{\n  x: { 1, 2 }\n  y: { 3, 4 }\n}");
  });

  it("counts the text after a group up to the next possible break", () => {
    const doc = [group(["a", line, "b"]), " tail-that-is-long"];
    expect(printDoc(doc, 10)).toBe("a\nb tail-that-is-long");
    expect(printDoc(doc, 30)).toBe("a b tail-that-is-long");
  });

  it("propagates a hard line to every enclosing group", () => {
    const doc = group(["(", group(["a", line, "b", hardline, "c"]), line, ")"]);
    expect(printDoc(doc, 80)).toBe("(a\nb\nc\n)");
  });

  it("lets a break-parent force a group without printing anything", () => {
    expect(printDoc(group(["a", line, "b", breakParent]), 80)).toBe("a\nb");
    expect(printDoc(group(["a", line, "b"], true), 80)).toBe("a\nb");
  });

  it("drops soft lines when flat", () => {
    expect(printDoc(group(["f(", softline, "x", softline, ")"]), 80)).toBe("f(x)");
    expect(printDoc(group(["f(", indent([softline, "x"]), softline, ")"]), 3)).toBe("f(\n  x\n)");
  });

  it("indents by two spaces per level and never leaves trailing blanks", () => {
    const doc = group(["a", indent([hardline, "b", indent([hardline, "", hardline, "c   "])])]);
    expect(printDoc(doc, 80)).toBe("a\n  b\n\n    c");
  });

  it("measures multi-line text up to its first line break", () => {
    const doc = group(["x", line, "/* 1\n  2 */"]);
    expect(printDoc(doc, 6)).toBe("x /* 1\n  2 */");
  });

  it("measures width in code points, not UTF-16 units", () => {
    expect(printDoc(group(["😀😀", line, "x"]), 4)).toBe("😀😀 x");
  });

  it("flattens a document onto one line whatever the width", () => {
    const doc = group([record(["alpha", "beta"]), hardline, "x", softline, "y"], true);
    expect(printDoc(flatten(doc), 4)).toBe("{ alpha, beta } xy");
  });
});
