// Diagnostics in the form the server thread keeps and the client sees. A diagnostic's own span
// stays a Span (hover and code actions find findings by offset in the file they belong to); its
// related locations and fix edits, which point into other files, become absolute paths with
// LSP ranges. Typing one character near the top of a file moves the offsets of every later span
// in it, but not the lines and columns of the lines below: in this form the findings of other
// files that point there stay equal, so they are neither sent between threads nor republished.

import * as path from "node:path";
import { sameValue } from "@archc/compiler";
import { type Diagnostic, plainSpan, type Severity, type Span } from "@archc/dsl";
import type { Range } from "vscode-languageserver";
import { isUsableSpan, spanToRange } from "../text/positions.js";
import type { Project } from "./project.js";

export interface ServedLocation {
  /** Absolute path. */
  readonly file: string;
  readonly range: Range;
}

export interface ServedDiagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly help?: string;
  /** In the file the diagnostic is listed under (relative to its folder, as archc reports it). */
  readonly span: Span;
  /** Only the related spans a client can show (recovered nodes can carry NaN offsets). */
  readonly related: readonly (ServedLocation & { readonly message: string })[];
  readonly fixes?: readonly {
    readonly title: string;
    readonly edits: readonly (ServedLocation & { readonly newText: string })[];
  }[];
}

/** `resolve` turns a span's file (relative to the diagnostic's folder) into an absolute path. */
export function serveDiagnostic(d: Diagnostic, resolve: (file: string) => string): ServedDiagnostic {
  const related = [];
  for (const r of d.related)
    if (isUsableSpan(r.span))
      related.push({ file: resolve(r.span.file), range: spanToRange(r.span), message: r.message });
  const served: { -readonly [K in keyof ServedDiagnostic]: ServedDiagnostic[K] } = {
    code: d.code,
    severity: d.severity,
    message: d.message,
    // Plain: a parser's span would lose its lines in the structured clone to the main thread.
    span: plainSpan(d.span),
    related,
  };
  if (d.help !== undefined) served.help = d.help;
  if (d.fixes !== undefined)
    served.fixes = d.fixes.map((f) => ({
      title: f.title,
      edits: f.edits.map((e) => ({
        file: resolve(e.span.file),
        range: spanToRange(e.span),
        newText: e.newText,
      })),
    }));
  return served;
}

/**
 * True only if `a` and `b`, diagnostics of the same folder, have equal served forms; cheap (no
 * conversion, no allocation) and sound, not complete: false says nothing. Offsets outside the
 * diagnostic's own span are what it ignores — the served form has none.
 */
export function servedAlike(a: Diagnostic, b: Diagnostic): boolean {
  if (a === b) return true;
  if (a.code !== b.code || a.severity !== b.severity || a.message !== b.message || a.help !== b.help)
    return false;
  if (!sameSpan(a.span, b.span) || a.related.length !== b.related.length) return false;
  for (let i = 0; i < a.related.length; i++) {
    const ra = a.related[i];
    const rb = b.related[i];
    if (ra.message !== rb.message || !samePlace(ra.span, rb.span)) return false;
  }
  if (a.fixes === b.fixes) return true;
  if (a.fixes === undefined || b.fixes === undefined || a.fixes.length !== b.fixes.length) return false;
  for (let i = 0; i < a.fixes.length; i++) {
    const fa = a.fixes[i];
    const fb = b.fixes[i];
    if (fa.title !== fb.title || fa.edits.length !== fb.edits.length) return false;
    for (let j = 0; j < fa.edits.length; j++)
      if (fa.edits[j].newText !== fb.edits[j].newText || !samePlace(fa.edits[j].span, fb.edits[j].span))
        return false;
  }
  return true;
}

function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end && samePlace(a, b);
}

/** The same file, lines and columns (and both usable or both not): the same served location. */
function samePlace(a: Span, b: Span): boolean {
  return (
    a.file === b.file &&
    a.line === b.line &&
    a.col === b.col &&
    a.endLine === b.endLine &&
    a.endCol === b.endCol &&
    isUsableSpan(a) === isUsableSpan(b)
  );
}

/** path.resolve against one folder, remembered per file name (a round resolves thousands). */
function resolverOf(folder: string): (file: string) => string {
  const known = new Map<string, string>();
  return (file) => {
    let abs = known.get(file);
    if (abs === undefined) {
      abs = path.resolve(folder, file);
      known.set(file, abs);
    }
    return abs;
  };
}

interface FileState {
  readonly folder: string;
  readonly raw: readonly Diagnostic[];
  readonly served: readonly ServedDiagnostic[];
}

/**
 * Per file, the served diagnostics of the latest round. A file keeps its previous array while
 * its served diagnostics are equal, so whoever holds the arrays (the checker thread's sender, the
 * publisher) tells a change by identity. A round converts only the diagnostics that are not
 * served alike to the previous round's at the same place in the file's list.
 */
export class ServedDiagnosticsByFile {
  private files = new Map<string, FileState>();
  private readonly resolvers = new Map<string, (file: string) => string>();

  /** `byFile` keeps a file's array while its diagnostics are unchanged (DiagnosticsByFile). */
  update(
    byFile: ReadonlyMap<string, readonly Diagnostic[]>,
    folderOf: (abs: string) => string,
  ): ReadonlyMap<string, readonly ServedDiagnostic[]> {
    const files = new Map<string, FileState>();
    const served = new Map<string, readonly ServedDiagnostic[]>();
    for (const [abs, raw] of byFile) {
      const folder = folderOf(abs);
      const prior = this.files.get(abs);
      const next =
        prior?.raw === raw && prior.folder === folder
          ? prior.served
          : this.serveFile(raw, folder, prior?.folder === folder ? prior : undefined);
      files.set(abs, { folder, raw, served: next });
      served.set(abs, next);
    }
    this.files = files;
    return served;
  }

  /** The served list of `raw`, reusing `prior`'s entries (and its array when all are reused). */
  private serveFile(
    raw: readonly Diagnostic[],
    folder: string,
    prior: FileState | undefined,
  ): readonly ServedDiagnostic[] {
    let resolve = this.resolvers.get(folder);
    if (!resolve) {
      resolve = resolverOf(folder);
      this.resolvers.set(folder, resolve);
    }
    // Compared place by place: an edit that adds or removes a finding converts the whole file.
    const aligned = prior !== undefined && prior.raw.length === raw.length ? prior : undefined;
    let reusedAll = aligned !== undefined;
    const out: ServedDiagnostic[] = [];
    for (let i = 0; i < raw.length; i++) {
      const before = aligned?.served[i];
      if (aligned !== undefined && before !== undefined && servedAlike(aligned.raw[i], raw[i])) {
        out.push(before);
        continue;
      }
      const fresh = serveDiagnostic(raw[i], resolve);
      if (before !== undefined && sameValue(before, fresh)) out.push(before);
      else {
        out.push(fresh);
        reusedAll = false;
      }
    }
    return reusedAll && aligned !== undefined ? aligned.served : out;
  }
}

/**
 * The project's diagnostics as of now (checked if need be) in served form, with the time each
 * phase took, `serve` being the conversion; `served` is the caller's, kept across rounds.
 */
export function checkAndServe(
  project: Project,
  served: ServedDiagnosticsByFile,
): { byFile: ReadonlyMap<string, readonly ServedDiagnostic[]>; phases: Record<string, number> } {
  const { byFile } = project.checkedSnapshot();
  const started = performance.now();
  const result = served.update(byFile, (abs) => project.folderOf(abs) ?? path.dirname(abs));
  return { byFile: result, phases: { ...project.phases, serve: performance.now() - started } };
}
