// Which files compile together. A compilation is an entry file plus everything it imports
// (LANGUAGE.md §1), so the entries of a folder are the files no other file imports; files that
// only import each other in a cycle get the first of them as their entry. Every .arch file of the
// folder lands in at least one compilation, and each compilation's Workspace is exactly what
// `loadWorkspace([entry], { root: folder })` returns — `archc check <entry> --root <folder>` —
// derived from one load of the whole folder, so an edit costs one pass over the files.

import * as path from "node:path";
import { loadWorkspace, type ParsedFile, type SourceHost, type Workspace } from "@archc/dsl";

export interface LoadedCompilation {
  readonly folder: string;
  readonly entry: string;
  readonly workspace: Workspace;
}

export function loadCompilations(
  folder: string,
  files: readonly string[],
  host: SourceHost,
  cache: Map<string, ParsedFile>,
): LoadedCompilation[] {
  if (files.length === 0) return [];
  const sorted = [...files].sort();
  const everything = loadWorkspace(sorted, { root: folder, host, cache });
  const byFile = new Map(everything.files.map((f) => [f.file, asIfLoadedOnce(f)]));
  const imported = new Set<string>();
  for (const f of everything.files) for (const i of f.imports) imported.add(i);

  const out: LoadedCompilation[] = [];
  const covered = new Set<string>();
  const compile = (entry: ParsedFile) => {
    const workspace = closureOf(folder, entry, byFile);
    for (const f of workspace.files) covered.add(f.file);
    out.push({ folder, entry: entry.absolutePath, workspace });
  };
  const loaded = sorted.map((abs) => byFile.get(relative(folder, abs))).filter((f) => f !== undefined);
  for (const f of loaded) if (!imported.has(f.file)) compile(f);
  for (const f of loaded) if (!covered.has(f.file)) compile(f);
  // A file that could not be read still gets its read diagnostic, through a load of its own.
  for (const abs of sorted)
    if (!byFile.has(relative(folder, abs)))
      out.push({ folder, entry: abs, workspace: loadWorkspace([abs], { root: folder, host, cache }) });
  return out;
}

/**
 * A file loaded both as an import and as an entry of the same load can come back with its
 * imports (and their diagnostics) listed twice; a compilation sees each once, as a load from its
 * own entry does.
 */
function asIfLoadedOnce(f: ParsedFile): ParsedFile {
  const imports = [...new Set(f.imports)];
  const seen = new Set<string>();
  const diagnostics = f.diagnostics.filter((d) => {
    const id = `${d.code}\0${d.span.start}\0${d.span.end}\0${d.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  if (imports.length === f.imports.length && diagnostics.length === f.diagnostics.length) return f;
  return { ...f, imports, diagnostics };
}

function relative(folder: string, abs: string): string {
  return path.relative(folder, abs).split(path.sep).join("/");
}

/** The entry and its imports, depth first in import order: loadWorkspace's load order. */
function closureOf(folder: string, entry: ParsedFile, byFile: ReadonlyMap<string, ParsedFile>): Workspace {
  const order: ParsedFile[] = [];
  const seen = new Set<string>();
  const visit = (f: ParsedFile) => {
    if (seen.has(f.file)) return;
    seen.add(f.file);
    order.push(f);
    for (const i of f.imports) {
      const child = byFile.get(i);
      if (child) visit(child);
    }
  };
  visit(entry);
  return { root: folder, entries: [entry.file], files: order, diagnostics: [] };
}
