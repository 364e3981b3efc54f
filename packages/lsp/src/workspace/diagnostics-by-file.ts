// Diagnostics per file across compilations, computed so that a re-check costs in proportion to
// what changed: a compilation's grouping is kept while its diagnostics list is the same array,
// and a file whose diagnostics are equal to the previous round's keeps the previous array, so
// the next stage (served-diagnostics.ts, the form the client sees) can tell a changed file by
// identity instead of comparing every file's list on every keystroke.

import * as path from "node:path";
import { sameValue } from "@archc/compiler";
import { compareDiagnostics, type Diagnostic } from "@archc/dsl";

export interface CompilationDiagnostics {
  readonly folder: string;
  /** The compilation's files (absolute); each gets an entry, possibly empty. */
  readonly files: ReadonlySet<string>;
  /** Deduplicated within the compilation. */
  readonly diagnostics: readonly Diagnostic[];
}

type Grouped = ReadonlyMap<string, readonly Diagnostic[]>;

export class DiagnosticsByFile {
  /** Per compilation diagnostics array: its grouping by absolute path. */
  private grouped = new WeakMap<readonly Diagnostic[], Grouped>();
  private previous: ReadonlyMap<string, readonly Diagnostic[]> = new Map();

  /**
   * Every known file and every file of a compilation gets an entry; a diagnostic reported by
   * two compilations (a file imported by both) is listed once, from the first.
   */
  collect(
    knownFiles: readonly string[],
    compilations: readonly CompilationDiagnostics[],
  ): ReadonlyMap<string, readonly Diagnostic[]> {
    const groups = compilations.map((c) => this.groupOf(c));
    const sources = new Map<string, (readonly Diagnostic[])[]>();
    const order: string[] = [];
    const note = (abs: string) => {
      if (!sources.has(abs)) {
        sources.set(abs, []);
        order.push(abs);
      }
    };
    for (const f of knownFiles) note(f);
    compilations.forEach((c, i) => {
      for (const f of c.files) note(f);
      for (const [abs, list] of groups[i]) {
        note(abs);
        sources.get(abs)!.push(list);
      }
    });
    const byFile = new Map<string, readonly Diagnostic[]>();
    for (const abs of order) {
      const lists = sources.get(abs)!;
      const next = lists.length === 0 ? EMPTY : lists.length === 1 ? lists[0] : merge(abs, lists);
      const prior = this.previous.get(abs);
      byFile.set(abs, prior !== undefined && sameDiagnostics(prior, next) ? prior : next);
    }
    this.previous = byFile;
    return byFile;
  }

  private groupOf(c: CompilationDiagnostics): Grouped {
    const known = this.grouped.get(c.diagnostics);
    if (known) return known;
    const out = new Map<string, Diagnostic[]>();
    const absolute = new Map<string, string>();
    for (const d of c.diagnostics) {
      let abs = absolute.get(d.span.file);
      if (abs === undefined) {
        abs = path.resolve(c.folder, d.span.file);
        absolute.set(d.span.file, abs);
      }
      const list = out.get(abs);
      if (list) list.push(d);
      else out.set(abs, [d]);
    }
    for (const list of out.values()) if (!isSorted(list)) list.sort(compareDiagnostics);
    this.grouped.set(c.diagnostics, out);
    return out;
  }
}

const EMPTY: readonly Diagnostic[] = Object.freeze([]);

function merge(abs: string, lists: readonly (readonly Diagnostic[])[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const list of lists)
    for (const d of list) {
      const id = `${abs}\0${d.code}\0${d.span.start}\0${d.span.end}\0${d.message}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(d);
    }
  return out.sort(compareDiagnostics);
}

function isSorted(list: readonly Diagnostic[]): boolean {
  for (let i = 1; i < list.length; i++) if (compareDiagnostics(list[i - 1], list[i]) > 0) return false;
  return true;
}

/** Equal lists of diagnostics: the same data, field by field (identical objects short-cut). */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  return sameValue(a, b);
}
