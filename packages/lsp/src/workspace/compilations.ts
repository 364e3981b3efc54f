// Which files compile together. A compilation is an entry file plus everything it imports
// (LANGUAGE.md §1), so the entries of a folder are the files no other file imports; files that
// only import each other in a cycle get the first of them as their entry. Every .arch file of the
// folder lands in at least one compilation, and each compilation is loaded exactly as
// `archc check <entry> --root <folder>` loads it.

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
  const imported = new Set<string>();
  for (const f of everything.files) for (const i of f.imports) imported.add(path.resolve(folder, i));

  const loaded = new Set(everything.files.map((f) => f.absolutePath));
  const out: LoadedCompilation[] = [];
  const covered = new Set<string>();
  const compile = (entry: string) => {
    const workspace = loadWorkspace([entry], { root: folder, host, cache });
    for (const f of workspace.files) covered.add(f.absolutePath);
    out.push({ folder, entry, workspace });
  };
  for (const f of sorted) if (loaded.has(f) && !imported.has(f)) compile(f);
  for (const f of sorted) if (loaded.has(f) && !covered.has(f)) compile(f);
  // Unreadable files still get their read diagnostic through a compilation of their own.
  for (const f of sorted) if (!loaded.has(f)) compile(f);
  return out;
}
