// Rename: the declaration and every reference to it, in every file of every compilation that
// holds the current file. Refuses names that are not identifiers and names already taken in
// the same scope, so a rename never silently merges two things.

import * as path from "node:path";
import type { Span } from "@archc/dsl";
import { type Range, ResponseError, type TextEdit, type WorkspaceEdit } from "vscode-languageserver";
import type { SymbolDecl } from "../symbols/types.js";
import { spanToRange } from "../text/positions.js";
import type { Compilation } from "../workspace/project.js";
import type { Located } from "./locate.js";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*$/;
/** JSON-RPC InvalidRequest: clients show the message to the user. */
const REFUSED = -32600;

export function prepareRename(at: Located): { range: Range; placeholder: string } | null {
  for (const c of at.compilations) {
    const hit = c.table.symbolAt(at.file, at.offset);
    if (hit) return { range: spanToRange(hit.span), placeholder: hit.decl.name };
  }
  return null;
}

export function rename(
  at: Located,
  newName: string,
  uriOf: (abs: string) => string,
): WorkspaceEdit | ResponseError {
  if (!IDENTIFIER.test(newName))
    return new ResponseError(
      REFUSED,
      `\`${newName}\` is not a name: use letters, digits, \`_\` and inner \`-\``,
    );
  const changes: Record<string, TextEdit[]> = {};
  const seen = new Set<string>();
  let found = false;
  for (const c of at.compilations) {
    const hit = c.table.symbolAt(at.file, at.offset);
    if (!hit) continue;
    found = true;
    if (hit.decl.name === newName) return { changes: {} };
    const clash = conflict(c, hit.decl, newName);
    if (clash) return new ResponseError(REFUSED, clash);
    const edit = (file: string, span: Span) => {
      const abs = path.resolve(c.folder, file);
      const id = `${abs}:${span.start}`;
      if (seen.has(id)) return;
      seen.add(id);
      const uri = uriOf(abs);
      const list = changes[uri] ?? [];
      list.push({ range: spanToRange(span), newText: newName });
      changes[uri] = list;
    };
    for (const d of c.table.declarationsOf(hit.decl.key)) edit(d.file, d.nameSpan);
    for (const r of c.table.referencesTo(hit.decl.key)) edit(r.file, r.span);
  }
  if (!found) return new ResponseError(REFUSED, "there is no symbol to rename here");
  return { changes };
}

/** Why `newName` cannot be used for this declaration, or undefined when it can. */
function conflict(c: Compilation, decl: SymbolDecl, newName: string): string | undefined {
  const t = c.table;
  switch (decl.kind) {
    case "api":
      return t.apisOf(decl.container ?? "").some((a) => a.name === newName)
        ? `service \`${decl.container}\` already has an api \`${newName}\``
        : undefined;
    case "op":
      return t.opsOf(decl.container ?? "", decl.api).some((o) => o.name === newName)
        ? `api \`${decl.container}.${decl.api}\` already has an op \`${newName}\``
        : undefined;
    case "step":
      if (newName === "input") return "a saga step may not be named `input`";
      return t.stepsOf(decl.container ?? "").some((s) => s.name === newName)
        ? `saga \`${decl.container}\` already has a step \`${newName}\``
        : undefined;
    default: {
      const other = t.topDecl(newName);
      return other
        ? `\`${newName}\` is already declared (${other.kind} at ${other.file}:${other.nameSpan.line})`
        : undefined;
    }
  }
}
