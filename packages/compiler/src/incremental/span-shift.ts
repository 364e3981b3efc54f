// Declarations that moved: re-parsing an edited file gives every declaration a new syntax tree,
// but a declaration whose text did not change differs from its previous tree only in where it
// is — every offset moved by the same amount, every line by the same count, columns the same
// when it starts in the same column. Its Model entry is then the previous entry with the same
// move applied to each span (move-entries.ts), since a build copies the declaration's spans
// into the entry and reads nothing else positional (diagnostics do, but only entries that
// raised none are reused).
//
// Same text means same tree only where the parse of a declaration depends on its own text
// alone: in files parsed without any diagnostic (the fast path, or the chevrotain path without
// recovery), a declaration's tree is built from its tokens, its position and its doc comment
// (written before it, so compared separately). Files with syntax errors are left out: recovery
// may look past a declaration.

import { type ParsedFile, plainSpan, type Span, type Workspace } from "@archc/dsl";
import type { DeclSymbol, SymbolTable } from "../names/collect-decls.js";

/** How one declaration moved between two parses of its file. */
export interface Shift {
  readonly file: string;
  readonly offset: number;
  readonly lines: number;
  /** The declaration's previous range: every span moved is inside it. */
  readonly from: number;
  readonly to: number;
}

/** A top-level declaration as the parser gives it. */
interface Declaration {
  readonly span: Span;
  readonly doc?: string;
}

/** The files whose syntax tree changed between two workspaces, both parses free of diagnostics. */
export class ReparsedFiles {
  private readonly files = new Map<string, { readonly was: ParsedFile; readonly now: ParsedFile }>();

  constructor(before: Workspace, now: Workspace) {
    const old = new Map(before.files.map((f) => [f.file, f]));
    for (const f of now.files) {
      const was = old.get(f.file);
      if (was === undefined || was.ast === f.ast) continue;
      if (was.diagnostics.length === 0 && f.diagnostics.length === 0) this.files.set(f.file, { was, now: f });
    }
  }

  /**
   * How `now` moved from `was` (a declaration of the previous workspace), when both have the
   * same text, start in the same column and have the same doc comment; undefined otherwise.
   */
  shift(was: Declaration, now: Declaration): Shift | undefined {
    const a = was.span;
    const b = now.span;
    const pair = this.files.get(b.file);
    if (pair === undefined || a.file !== b.file || a.col !== b.col || was.doc !== now.doc) return undefined;
    if (b.end - b.start !== a.end - a.start) return undefined;
    // Two slices compared with `===` (startsWith compares character by character: 40x slower).
    if (pair.now.text.slice(b.start, b.end) !== pair.was.text.slice(a.start, a.end)) return undefined;
    return { file: a.file, offset: b.start - a.start, lines: b.line - a.line, from: a.start, to: a.end };
  }
}

/**
 * The previous compilation's memo for the declaration `sym` (of a re-parsed file) declares,
 * when the previous declaration of its name has the same text at the same place: written
 * before the edit, its entry is the previous one as is. Memos are kept by declaration, so it
 * is filed under `sym`'s declaration too.
 */
export function unmovedMemo<T>(
  sym: DeclSymbol,
  symbolsBefore: SymbolTable | undefined,
  reparsed: ReparsedFiles | undefined,
  memos: WeakMap<object, T>,
): T | undefined {
  const old = symbolsBefore?.peek(sym.name);
  if (old === undefined || old.kind !== sym.kind || old.decl === sym.decl) return undefined;
  const shift = reparsed?.shift(old.decl, sym.decl);
  if (shift === undefined || !isStill(shift)) return undefined;
  const memo = memos.get(old.decl);
  if (memo !== undefined) memos.set(sym.decl, memo);
  return memo;
}

/** Whether the move changes no position (the entry is the previous one as is). */
export function isStill(shift: Shift): boolean {
  return shift.offset === 0 && shift.lines === 0;
}

/** `s` moved by `shift`, or undefined when it lies outside the declaration (it came from elsewhere). */
export function moveSpan(s: Span, shift: Shift): Span | undefined {
  if (s.file !== shift.file || s.start < shift.from || s.end > shift.to) return undefined;
  // A plain copy (a parser's span computes its lines from its file's old line table).
  const out = plainSpan(s) as { -readonly [K in keyof Span]: Span[K] };
  out.start += shift.offset;
  out.end += shift.offset;
  out.line += shift.lines;
  out.endLine += shift.lines;
  return out;
}
