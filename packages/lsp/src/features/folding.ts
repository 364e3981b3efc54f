// Folding ranges from the tokens, not the tree: every `{ … }` spanning lines folds, and so do
// runs of line comments, block comments and the imports at the top. Tokens survive syntax
// errors that would cut a tree short, so folding keeps working in a half-typed file.

import { archLexer } from "@archc/dsl";
import { type FoldingRange, FoldingRangeKind } from "vscode-languageserver";
import type { Located } from "./locate.js";

export function foldingRanges(at: Located): FoldingRange[] {
  const out: FoldingRange[] = [];
  const lexed = archLexer.tokenize(at.parsed.text);
  const open: number[] = [];
  for (const t of lexed.tokens) {
    if (t.image === "{") open.push(t.startLine ?? 1);
    else if (t.image === "}") {
      const start = open.pop();
      const end = t.startLine ?? 1;
      // The closing line stays visible, as editors expect.
      if (start !== undefined && end - 1 > start) out.push({ startLine: start - 1, endLine: end - 2 });
    }
  }

  let run: { start: number; end: number } | undefined;
  const flush = () => {
    if (run && run.end > run.start)
      out.push({ startLine: run.start - 1, endLine: run.end - 1, kind: FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const c of at.parsed.ast.comments ?? []) {
    if (!c || !Number.isFinite(c.span.line)) continue;
    if (c.style === "block") {
      flush();
      if (c.span.endLine > c.span.line)
        out.push({ startLine: c.span.line - 1, endLine: c.span.endLine - 1, kind: FoldingRangeKind.Comment });
      continue;
    }
    if (run && c.span.line === run.end + 1) run.end = c.span.line;
    else {
      flush();
      run = { start: c.span.line, end: c.span.line };
    }
  }
  flush();

  const imports = (at.parsed.ast.imports ?? []).filter((i) => i && Number.isFinite(i.span.line));
  if (imports.length > 1) {
    const first = imports[0].span.line;
    const last = imports[imports.length - 1].span.endLine;
    if (last > first) out.push({ startLine: first - 1, endLine: last - 1, kind: FoldingRangeKind.Imports });
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
