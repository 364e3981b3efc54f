// Pathological inputs: each gives one clear diagnostic, never a crash, a stack overflow or a hang.

import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_NESTING } from "../src/parse.js";
import { decodeSource, MAX_FILE_BYTES } from "../src/source-text.js";
import { loadWorkspace, workspaceDiagnostics } from "../src/workspace.js";
import { declSummary, listDiagnostics, parse } from "./helpers.js";

const base = mkdtempSync(path.join(tmpdir(), "archc-pathological-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...utf8(p)] : p)));

describe("deep nesting", () => {
  it("refuses 10,000 nested parentheses in a flow (E0112) and parses the rest", () => {
    const text = `type A { }\nflow f = ${"(".repeat(10_000)}a.b${")".repeat(10_000)}\nservice s { }\n`;
    const { ast, diagnostics } = parse(text);
    expect(diagnostics.map((d) => [d.code, d.span.line])).toEqual([["E0112", 2]]);
    expect(diagnostics[0].message).toBe(
      `expected at most ${MAX_NESTING} levels of nesting, found more; this declaration is skipped`,
    );
    expect(diagnostics[0].span.col).toBe(10 + MAX_NESTING);
    expect(declSummary(ast)).toEqual(["Type:A", "Service:s"]);
  });

  it("refuses 10,000 unclosed parentheses without hanging", () => {
    const { ast, diagnostics } = parse(`flow f = ${"(".repeat(10_000)}\nservice s { }\n`);
    expect(diagnostics.map((d) => d.code)).toContain("E0112");
    expect(declSummary(ast)).toEqual(["Service:s"]);
  });

  it("refuses deeply nested braces and angle brackets in types (E0112)", () => {
    const braces = parse(`type T ${"{".repeat(5_000)}${"}".repeat(5_000)}\ntype U { }`);
    expect(braces.diagnostics.map((d) => d.code)).toEqual(["E0112"]);
    expect(declSummary(braces.ast)).toEqual(["Type:U"]);
    const lists = parse(`type T = ${"list<".repeat(5_000)}int${">".repeat(5_000)}\ntype U { }`);
    expect(lists.diagnostics.map((d) => d.code)).toEqual(["E0112"]);
    const maps = parse(`event E: ${"map<string, ".repeat(3_000)}int${">".repeat(3_000)}\ntype U { }`);
    expect(maps.diagnostics.map((d) => d.code)).toEqual(["E0112"]);
    expect(declSummary(maps.ast)).toEqual(["Type:U"]);
  });

  it("accepts nesting right up to the limit", () => {
    const depth = MAX_NESTING;
    const lists = parse(`type T = ${"list<".repeat(depth)}int${">".repeat(depth)}`);
    expect(listDiagnostics(lists.diagnostics)).toBe("");
    const parens = parse(`flow f = ${"(".repeat(depth)}a.b ; c.d${")".repeat(depth)}`);
    expect(listDiagnostics(parens.diagnostics)).toBe("");
  });
});

describe("large, binary and badly encoded files", () => {
  it("refuses a 50 MB buffer before decoding it (E0003)", () => {
    const result = decodeSource("big.arch", new Uint8Array(50 * 1024 * 1024));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.diagnostic).toMatchObject({ code: "E0003", span: { file: "big.arch", line: 1, col: 1 } });
    expect(result.diagnostic.message).toBe("file is too large (50.0 MiB; archc reads at most 8.0 MiB)");
  });

  it("accepts a file of exactly the limit and refuses one byte more", () => {
    const exact = new Uint8Array(MAX_FILE_BYTES).fill(0x20);
    expect(decodeSource("edge.arch", exact).ok).toBe(true);
    const over = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x20);
    const result = decodeSource("edge.arch", over);
    expect(result.ok ? "ok" : result.diagnostic.code).toBe("E0003");
  });

  it("refuses a 50 MB file on disk (E0003) through the loader", () => {
    const dir = path.join(base, "big");
    mkdirSync(dir, { recursive: true });
    const big = path.join(dir, "big.arch");
    const fd = openSync(big, "w");
    ftruncateSync(fd, 50 * 1024 * 1024); // sparse: no 50 MB write needed
    closeSync(fd);
    writeFileSync(path.join(dir, "main.arch"), 'import "./big.arch"\nservice s { }');
    const ws = loadWorkspace([path.join(dir, "main.arch")]);
    expect(workspaceDiagnostics(ws).map((d) => [d.code, d.span.file])).toEqual([["E0003", "big.arch"]]);
    expect(ws.files.map((f) => f.file)).toEqual(["main.arch"]);
  });

  it("refuses a binary file at its first NUL byte (E0004)", () => {
    const result = decodeSource("bin.arch", concat("type A { }\n  ", [0x00, 0x01, 0xff]));
    expect(result.ok ? "ok" : result.diagnostic).toMatchObject({
      code: "E0004",
      span: { line: 2, col: 3, start: 13 },
    });
  });

  it("refuses invalid UTF-8 and points at the right line and column (E0005)", () => {
    const text = concat('service a {\n  owner "caf', [0xc3, 0x28], '"\n}');
    const result = decodeSource("bad.arch", text);
    expect(result.ok ? "ok" : result.diagnostic).toMatchObject({
      code: "E0005",
      message: "invalid UTF-8 at byte 24 (0xc3)",
      span: { line: 2, col: 13, endLine: 2, endCol: 14 },
    });
  });

  it("counts columns in characters, not bytes, before invalid UTF-8", () => {
    const result = decodeSource("bad.arch", concat("type \u00e9\u{1F600} ", [0xff]));
    // "type " (5) + "é" (1 code unit) + "😀" (2 code units) + " " → the bad byte is column 10.
    expect(result.ok ? "ok" : result.diagnostic).toMatchObject({ code: "E0005", span: { line: 1, col: 10 } });
  });

  it("refuses overlong encodings, surrogates, code points above U+10FFFF and truncated sequences", () => {
    const cases: number[][] = [
      [0xc0, 0xaf], // overlong "/"
      [0xe0, 0x80, 0xaf], // overlong
      [0xed, 0xa0, 0x80], // UTF-16 surrogate
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xe2, 0x82], // truncated at the end of the file
      [0x80], // a lone continuation byte
    ];
    for (const bytes of cases) {
      const result = decodeSource("x.arch", concat("type A { }\n", bytes));
      expect(
        result.ok ? "ok" : [result.diagnostic.code, result.diagnostic.span.line],
        bytes.join(","),
      ).toEqual(["E0005", 2]);
    }
  });

  it("accepts valid multi-byte UTF-8, and drops a byte-order mark as editors do", () => {
    const result = decodeSource("ok.arch", concat([0xef, 0xbb, 0xbf], 'service s "\u00e9\u{1F600}" { }'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).toBe('service s "\u00e9\u{1F600}" { }');
    const { ast, diagnostics } = parse(result.text);
    expect(diagnostics).toEqual([]);
    expect(ast.decls[0].span).toMatchObject({ start: 0, col: 1 });
  });

  it("reports a folder given as a file (E0006)", () => {
    const dir = path.join(base, "folder");
    mkdirSync(path.join(dir, "sub.arch"), { recursive: true });
    writeFileSync(path.join(dir, "main.arch"), 'import "./sub.arch"');
    const ws = loadWorkspace([path.join(dir, "main.arch")]);
    expect(workspaceDiagnostics(ws).map((d) => d.code)).toEqual(["E0006"]);
  });
});

describe("long inputs", () => {
  it("handles a 1 MB string, a 1 MB name and a 1 MB digit run", () => {
    const mb = 1024 * 1024;
    for (const text of [
      `service s { owner "${"x".repeat(mb)}" }`,
      `service ${"a".repeat(mb)} { }`,
      `service s { port ${"9".repeat(mb)} }`,
      `service s { owner "${"x".repeat(mb)}`,
      `/* ${"*".repeat(mb)}`,
    ]) {
      const { diagnostics } = parse(text);
      for (const d of diagnostics) expect(d.span.end).toBeLessThanOrEqual(text.length);
    }
  });

  it("reports many garbage lines without hanging, one diagnostic each at most a few", () => {
    const lines = Array.from({ length: 2_000 }, (_, i) =>
      i % 2 === 0 ? `service s${i} { port 80 }` : "} ) ] ;;",
    );
    const { ast, diagnostics } = parse(lines.join("\n"));
    expect(ast.decls).toHaveLength(1_000);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.length).toBeLessThan(5 * 1_000);
  });
});
