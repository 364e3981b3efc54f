// Re-parsing after an edit (src/fast/reparse-edit.ts) against parsing the new text in full: for
// random edits of real and generated files, `reparseSource` gives exactly the full parse (tree,
// spans, comments, docs, field order, diagnostics), keeps the declarations before the edited
// one as the same objects when it resumes, and resumes for typing inside a declaration.

import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateSystem } from "../../../bench/generate.js";
import { reparseEdit } from "../src/fast/reparse-edit.js";
import { MAX_NESTING, parseSource, reparseSource } from "../src/parse.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const seed = Number(process.env.FUZZ_SEED ?? 20_261_122);
const runs = Number(process.env.FUZZ_RUNS ?? 300);

function archFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".arch"))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Clean files to edit: the examples and part of a generated system. */
const SOURCES: readonly { file: string; text: string }[] = [
  ...archFiles(path.join(repoRoot, "examples")).map((abs) => ({
    file: path.relative(repoRoot, abs),
    text: readFileSync(abs, "utf8"),
  })),
  ...[...generateSystem({ services: 30, seed: 5 }).files].map(([file, text]) => ({ file, text })),
].filter((s) => parseSource(s.file, s.text).diagnostics.length === 0);

const PIECES = ["x", "7", " ", "\n", '"', "}", "{", "-", "//", "/// doc\n", "ms", ":", "->", "a b"];

const edit = fc.record({
  source: fc.nat({ max: SOURCES.length - 1 }),
  at: fc.nat({ max: 1_000_000 }),
  remove: fc.nat({ max: 3 }),
  insert: fc.constantFrom(...PIECES, ""),
});

function apply(text: string, at: number, remove: number, insert: string): string {
  const i = at % (text.length + 1);
  return text.slice(0, i) + insert + text.slice(Math.min(text.length, i + remove));
}

describe("reparseSource", () => {
  it("gives exactly the full parse of the edited text", () => {
    let shortcuts = 0;
    fc.assert(
      fc.property(edit, ({ source, at, remove, insert }) => {
        const before = SOURCES[source];
        const text = apply(before.text, at, remove, insert);
        const previous = { ...before, ast: parseSource(before.file, before.text).ast };
        const full = parseSource(before.file, text);
        const again = reparseSource(previous, text);
        expect(again).toStrictEqual(full);
        expect(JSON.stringify(again)).toBe(JSON.stringify(full));
        const shortcut = reparseEdit(previous, text, MAX_NESTING);
        if (shortcut === undefined) return;
        shortcuts++;
        // Declarations that end before the edit are the previous objects.
        const start = commonPrefix(before.text, text);
        previous.ast.decls.forEach((d, i) => {
          if (d.span.end < start) expect(shortcut.decls[i]).toBe(d);
        });
      }),
      { seed, numRuns: runs },
    );
    expect(shortcuts).toBeGreaterThan(runs / 10);
  });

  it("resumes for typing inside a declaration, and keeps what comes before", () => {
    const { text } = SOURCES.find((s) => s.file.startsWith("services/"))!;
    const file = "services/s.arch";
    const previous = { file, text, ast: parseSource(file, text).ast };
    const second = previous.ast.decls[1];
    const owner = text.indexOf('owner "', second.span.start) + 'owner "'.length;
    for (const edited of [
      `${text.slice(0, owner)}x${text.slice(owner)}`,
      `${text.slice(0, text.indexOf("\n", owner))}\n  tech "y" // typed${text.slice(text.indexOf("\n", owner))}`,
      text.replace(/timeout (\d+)/, "timeout 9$1"),
    ]) {
      const shortcut = reparseEdit(previous, edited, MAX_NESTING);
      expect(shortcut, "it did not resume").toBeDefined();
      expect(shortcut).toStrictEqual(parseSource(file, edited).ast);
      expect(shortcut!.decls[0]).toBe(previous.ast.decls[0]);
    }
  });

  it("parses in full when the edit does not start inside a declaration", () => {
    const { file, text } = SOURCES.find((s) => s.file.startsWith("services/"))!;
    const previous = { file, text, ast: parseSource(file, text).ast };
    const between = previous.ast.decls[1].span.start - 1;
    for (const edited of [
      `\n${text}`,
      `${text.slice(0, between)}\n${text.slice(between)}`,
      text.replace('owner "', 'owner "unterminated\n'),
    ]) {
      expect(reparseEdit(previous, edited, MAX_NESTING)).toBeUndefined();
      expect(reparseSource(previous, edited)).toStrictEqual(parseSource(file, edited));
    }
  });
});

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
