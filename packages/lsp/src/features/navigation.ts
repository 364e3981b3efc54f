// Go to definition and find references, across every file of the compilations that hold the
// current file. An `import "…"` string leads to the imported file.

import * as path from "node:path";
import type { Span } from "@archc/dsl";
import type { Location } from "vscode-languageserver";
import { spanContains, spanToRange } from "../text/positions.js";
import type { Compilation } from "../workspace/project.js";
import type { Located } from "./locate.js";

export function definition(at: Located, uriOf: (abs: string) => string): Location[] {
  for (const imp of at.parsed.ast.imports ?? []) {
    if (!imp?.path || !spanContains(imp.path.span, at.offset)) continue;
    const target = path.resolve(path.dirname(at.abs), imp.path.value);
    return [
      { uri: uriOf(target), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    ];
  }
  const out: Location[] = [];
  const seen = new Set<string>();
  for (const c of at.compilations) {
    const hit = c.table.symbolAt(at.file, at.offset);
    if (!hit) continue;
    // Duplicates are errors, but jumping to every site helps resolve them.
    for (const d of c.table.declarationsOf(hit.decl.key)) push(out, seen, c, d.file, d.nameSpan, uriOf);
  }
  return out;
}

export function references(
  at: Located,
  includeDeclaration: boolean,
  uriOf: (abs: string) => string,
): Location[] {
  const out: Location[] = [];
  const seen = new Set<string>();
  for (const c of at.compilations) {
    const hit = c.table.symbolAt(at.file, at.offset);
    if (!hit) continue;
    if (includeDeclaration)
      for (const d of c.table.declarationsOf(hit.decl.key)) push(out, seen, c, d.file, d.nameSpan, uriOf);
    for (const r of c.table.referencesTo(hit.decl.key)) push(out, seen, c, r.file, r.span, uriOf);
  }
  return out;
}

function push(
  out: Location[],
  seen: Set<string>,
  c: Compilation,
  file: string,
  span: Span,
  uriOf: (abs: string) => string,
): void {
  const abs = path.resolve(c.folder, file);
  const id = `${abs}:${span.start}`;
  if (seen.has(id)) return;
  seen.add(id);
  out.push({ uri: uriOf(abs), range: spanToRange(span) });
}
