// The formatter keeps every comment: each style, in odd places, trailing, before a closing
// brace and at the end of the file; and random comments sprinkled between the tokens of random
// files survive formatting, which stays idempotent.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SourceFileAst } from "../src/ast.js";
import { formatAst, formatSource } from "../src/format/index.js";
import { archLexer } from "../src/lexer.js";
import { parseSource } from "../src/parse.js";
import { sourceFile, stripSpans } from "./format-arbitrary.js";

function format(text: string): string {
  const result = formatSource("test.arch", text);
  expect(result.diagnostics).toEqual([]);
  return result.text;
}

/** Formats, and checks idempotence and that the tree and the comments are unchanged. */
function formatChecked(text: string): string {
  const out = format(text);
  expect(format(out)).toBe(out);
  const before = parseSource("test.arch", text).ast;
  const after = parseSource("test.arch", out).ast;
  expect(treeOf(after)).toEqual(treeOf(before));
  expect(commentTexts(after)).toEqual(commentTexts(before));
  return out;
}

function treeOf(ast: SourceFileAst): unknown {
  const { comments: _, ...rest } = ast;
  return stripSpans(rest);
}

function commentTexts(ast: SourceFileAst): string[] {
  return ast.comments.map((c) => c.text.trimEnd()).sort();
}

describe("comments", () => {
  it("keeps leading, trailing and doc comments in place", () => {
    const text = [
      "// header",
      "",
      "/// Money as written on invoices",
      "type Money { amount: decimal, currency: string }   // trailing",
      '/* before the store */ store db: postgres { version "16" }',
      "",
    ].join("\n");
    expect(formatChecked(text)).toBe(
      [
        "// header",
        "",
        "/// Money as written on invoices",
        "type Money { amount: decimal, currency: string } // trailing",
        "",
        '/* before the store */ store db: postgres { version "16" }',
        "",
      ].join("\n"),
    );
  });

  it("prints a doc comment once and keeps it the declaration's doc", () => {
    const text = "/// Orders\n/// and more\nservice orders { port 80 }\n";
    const out = formatChecked(text);
    expect(out.match(/\/\/\/ Orders/g)).toHaveLength(1);
    const decl = parseSource("t.arch", out).ast.decls[0];
    expect(decl.doc).toBe("Orders\nand more");
  });

  it("keeps a comment before a closing brace and in an empty block", () => {
    const text =
      "service s {\n  port 80\n  // last words\n}\nservice t { /* nothing yet */ }\nrules {\n// todo\n}\n";
    expect(formatChecked(text)).toBe(
      [
        "service s {",
        "  port 80",
        "  // last words",
        "}",
        "",
        "service t {",
        "  /* nothing yet */",
        "}",
        "",
        "rules {",
        "  // todo",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("keeps comments at the end of the file, with one blank line where there were several", () => {
    const text = "enum E { a, b }\n\n\n\n// the end\n/* really */";
    expect(formatChecked(text)).toBe("enum E { a, b }\n\n// the end\n/* really */\n");
  });

  it("breaks a small block that holds a line comment", () => {
    const text = 'store db: postgres { version "16" // pinned\n size 20Gi }\n';
    expect(formatChecked(text)).toBe('store db: postgres {\n  version "16" // pinned\n  size 20Gi\n}\n');
  });

  it("moves a comment from inside a member to just before it", () => {
    const text = [
      "service s {",
      "  api v1 { op f: A /* why */ -> B ! E // errors",
      "    | F }",
      "  port /* odd */ 80",
      "}",
    ].join("\n");
    expect(formatChecked(text)).toBe(
      [
        "service s {",
        "  api v1 {",
        "    /* why */ // errors",
        "    op f: A -> B ! E | F",
        "  }",
        "  /* odd */ port 80",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("never turns a stray /// into documentation", () => {
    const text =
      "service s {\n  api v1 {\n    op f: A /// stray\n      -> B\n  }\n}\nflow x = a.b ; /// odd\n  c.d\n";
    const out = formatChecked(text);
    const ast = parseSource("t.arch", out).ast;
    expect(ast.decls.every((d) => d.doc === undefined)).toBe(true);
    expect(out).toContain("/// stray");
    expect(out).toContain("/// odd");
  });

  it("keeps comments in flows, sagas, gateways and deploys", () => {
    const text = [
      "flow f = a.b ; // first",
      "  c.d { by edge /* driver */ }",
      "saga s(A) {",
      "  step one: x.y compensate x.z // undo",
      "  parallel { /* together */ step two: x.y(one) }",
      "}",
      'gateway g { cors { origins "a" /* main */ credentials } route "/x" -> s.v1 { rate 5/s // cap',
      "} }",
      'deploy d { target kubernetes { namespace "n" } // cluster',
      "}",
    ].join("\n");
    formatChecked(text);
  });

  it("keeps one blank line between members where the author left any", () => {
    const text = "service s {\n  port 80\n\n\n  public\n  uses db\n}\n";
    expect(formatChecked(text)).toBe("service s {\n  port 80\n\n  public\n  uses db\n}\n");
  });

  it("reads CRLF files and writes LF", () => {
    const text = "type A {\r\n  x: int // crlf   \r\n  /* b\r\n  c */\r\n}\r\n";
    expect(format(text)).toBe("type A {\n  x: int // crlf\n  /* b\n  c */\n}\n");
  });

  it("keeps a one-line item under an archc-allow comment on one line, so the allow still applies", () => {
    const text = [
      "// archc-allow sync-cycle: broken at runtime by a feature flag",
      "service a { api v1 { op f: unit -> unit } calls b.g }",
      "// an ordinary comment",
      "service b { api v1 { op g: unit -> unit } calls a.f }",
      "",
    ].join("\n");
    expect(formatChecked(text)).toBe(
      [
        "// archc-allow sync-cycle: broken at runtime by a feature flag",
        "service a { api v1 { op f: unit -> unit } calls b.g }",
        "",
        "// an ordinary comment",
        "service b {",
        "  api v1 {",
        "    op g: unit -> unit",
        "  }",
        "  calls a.f",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("formats a file of comments only, and an empty file", () => {
    expect(formatChecked("  // one\n\n\n/* two */  ")).toBe("// one\n\n/* two */\n");
    expect(format("")).toBe("");
    expect(format("\n\n  \n")).toBe("");
  });
});

/** Puts a numbered comment of a random style before some tokens of `text`. */
function sprinkle(text: string, picks: readonly { at: number; style: number }[]): string {
  const starts = archLexer.tokenize(text).tokens.map((t) => t.startOffset);
  const points = [...starts, text.length];
  const inserts = new Map<number, string>();
  picks.forEach((p, n) => {
    const offset = points[p.at % points.length];
    // Indented after each newline: a declaration keyword in column 1 would start a declaration.
    const styles = [
      ` /* c${n} */ `,
      ` // c${n}\n  `,
      `\n/// c${n}\n  `,
      ` /* c${n}\n  more ${n} */ `,
      `\n// archc-allow r${n}: why\n  `,
    ];
    inserts.set(offset, (inserts.get(offset) ?? "") + styles[p.style % styles.length]);
  });
  let out = "";
  let last = 0;
  for (const offset of [...inserts.keys()].sort((a, b) => a - b)) {
    out += text.slice(last, offset) + inserts.get(offset);
    last = offset;
  }
  return out + text.slice(last);
}

describe("comments sprinkled over generated files", () => {
  const picks = fc.array(fc.record({ at: fc.nat(), style: fc.nat(4) }), { minLength: 1, maxLength: 8 });

  it("survive formatting, which keeps the tree and is idempotent", () => {
    fc.assert(
      fc.property(sourceFile, picks, (ast, where) => {
        const text = sprinkle(formatAst(ast), where);
        expect(parseSource("test.arch", text).diagnostics, text).toEqual([]);
        const first = formatSource("test.arch", text);
        expect(first.diagnostics, text).toEqual([]);
        const before = parseSource("test.arch", text).ast;
        const after = parseSource("test.arch", first.text).ast;
        expect(commentTexts(after)).toEqual(commentTexts(before));
        expect(treeOf(after)).toEqual(treeOf(before));
        expect(formatSource("test.arch", first.text).text, `${text}\n=====\n${first.text}`).toBe(first.text);
      }),
      { numRuns: Number(process.env.FORMAT_RUNS ?? 200) },
    );
  });
});
