// Collecting the declarations again after an edit: when every re-parsed file declares the same
// kinds and names in the same order as before, and the previous collection reported nothing,
// the namespace is the previous one with the re-parsed files' symbols replaced
// (SymbolTable.replacing) — the same names win, nothing is newly duplicated or misnamed —
// and nothing is looked at outside the re-parsed files.

import type { Workspace } from "@archc/dsl";
import type { DiagnosticSink } from "../diagnostics.js";
import { type CollectedDecls, collectDecls, type DeclSymbol, fileDecls } from "../names/collect-decls.js";
import { SymbolTable } from "../names/symbol-table.js";

/** The previous compilation's files and declarations, and whether collecting them reported nothing. */
export interface SymbolsBase {
  readonly workspace: Workspace;
  readonly collected: CollectedDecls;
  readonly collectedClean: boolean;
}

/** The declarations of `ws`, and whether collecting them reported nothing. */
export function collectAgain(
  before: SymbolsBase | undefined,
  ws: Workspace,
  sink: DiagnosticSink,
): { collected: CollectedDecls; clean: boolean } {
  const reused = recollect(before, ws);
  if (reused !== undefined) return { collected: reused, clean: true };
  const from = sink.list.length;
  const collected = collectDecls(ws, sink);
  return { collected, clean: sink.list.length === from };
}

/** The declarations of `ws` made from `before`'s, or undefined when they must be collected afresh. */
function recollect(before: SymbolsBase | undefined, ws: Workspace): CollectedDecls | undefined {
  if (before === undefined || !before.collectedClean) return undefined;
  const was = before.workspace.files;
  const now = ws.files;
  if (was.length !== now.length) return undefined;
  const previous = before.collected.symbols;
  const replaced: [DeclSymbol, DeclSymbol][] = [];
  for (let i = 0; i < now.length; i++) {
    if (was[i].file !== now[i].file) return undefined;
    if (was[i].ast === now[i].ast) continue;
    const a = fileDecls(was[i].ast);
    const b = fileDecls(now[i].ast);
    if (a.items.length !== b.items.length || b.primitives.size > 0) return undefined;
    for (let j = 0; j < a.items.length; j++) {
      const x = a.items[j];
      const y = b.items[j];
      if (x.kind !== y.kind) return undefined;
      if (x.kind === "System" || x.kind === "Rules") continue;
      if (x.name !== (y as DeclSymbol).name) return undefined;
      if (previous.peek(x.name) === x) replaced.push([x, y as DeclSymbol]);
    }
  }
  const symbols = SymbolTable.replacing(previous, replaced);
  if (symbols === undefined) return undefined;
  const files = now.map((f) => fileDecls(f.ast));
  return {
    symbols,
    system: files.find((f) => f.systems.length > 0)?.systems[0],
    rules: files.flatMap((f) => f.rules),
    comments: now.map((f) => f.ast.comments),
  };
}
