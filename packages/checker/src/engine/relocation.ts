// Where the text of the previous check now is: between two workspaces, each edited file differs
// in one stretch of text (the common prefix and suffix of its old and new text are kept), so a
// position before the stretch stays where it was and one after it moves by the length the
// stretch gained — and by the lines it gained, and on the line the stretch ends on, by the
// columns it gained. A span is relocated when both its ends are outside the stretch; one that
// touches it is not (its element may have changed), nor is one in a file no longer loaded.
//
// Relocation is what lets a re-check reuse findings computed on the previous Model: when what
// a rule read is equal to before, its spans relocated (`sameRelocated`), its findings are the
// previous ones with their spans relocated (`finding`).

import type { Shift } from "@archc/compiler";
import { type Diagnostic, isSpan, type Span, sameSpan, type Workspace } from "@archc/dsl";
import type { Finding } from "./suppressions.js";

/** One file's edited stretch: old text [start, oldEnd) became new text [start, newEnd). */
interface TextEdit {
  readonly start: number;
  readonly oldEnd: number;
  /** newEnd - oldEnd: how far positions after the stretch move. */
  readonly offset: number;
  readonly lines: number;
  /** The first newline at or after oldEnd in the old text (the end of the stretch's last line). */
  readonly lineEnd: number;
  /** How far columns on the stretch's last line, after it, move. */
  readonly cols: number;
}

export class Relocation {
  /** Per file of the new workspace: its edit, or "same" when its text did not change. */
  private constructor(private readonly files: ReadonlyMap<string, TextEdit | "same">) {}

  /** Positions do not move (the Model's spans may still differ: nothing is relocated then). */
  static readonly none = new Relocation(new Map());

  /** How the text of `before` moved in `now`; files only in one of them are not relocated. */
  static between(before: Workspace, now: Workspace): Relocation {
    const old = new Map(before.files.map((f) => [f.file, f.text]));
    const files = new Map<string, TextEdit | "same">();
    for (const f of now.files) {
      const was = old.get(f.file);
      if (was === undefined) continue;
      files.set(f.file, was === f.text ? "same" : textEdit(was, f.text));
    }
    return new Relocation(files);
  }

  /** Whether no span of any file moves: every file was left alone or none is known. */
  get isNone(): boolean {
    for (const e of this.files.values()) if (e !== "same") return false;
    return true;
  }

  /**
   * `s` where its text now is: the same object when it did not move, undefined when it cannot
   * be relocated. Without a known workspace every span stays.
   */
  span(s: Span): Span | undefined {
    if (this === Relocation.none) return s;
    const e = this.files.get(s.file);
    if (e === "same") return s;
    if (e === undefined) return undefined;
    if (s.end < e.start) return s;
    if (s.start <= e.oldEnd) return undefined;
    const startCols = s.start <= e.lineEnd ? e.cols : 0;
    const endCols = s.end <= e.lineEnd ? e.cols : 0;
    return {
      file: s.file,
      start: s.start + e.offset,
      end: s.end + e.offset,
      line: s.line + e.lines,
      col: s.col + startCols,
      endLine: s.endLine + e.lines,
      endCol: s.endCol + endCols,
    };
  }

  /**
   * Whether the compiler's move of an entry is this relocation on every span inside the moved
   * declaration: then the moved copy is the previous entry relocated.
   */
  agrees(shift: Shift): boolean {
    const e = this.files.get(shift.file);
    if (e === undefined || e === "same") return false;
    // The declaration lies after the stretch's last line, so columns do not move.
    return shift.from > e.lineEnd && shift.offset === e.offset && shift.lines === e.lines;
  }

  /**
   * Deep equality of JSON-like values, key order included, where each span of `was` is compared
   * relocated. Identical objects are equal (an incremental compile keeps an entry's object only
   * while its spans are right).
   */
  sameRelocated(was: unknown, now: unknown): boolean {
    if (was === now) return true;
    if (typeof was !== "object" || typeof now !== "object" || was === null || now === null) return false;
    if (Array.isArray(was)) {
      if (!Array.isArray(now) || was.length !== now.length) return false;
      for (let i = 0; i < was.length; i++) if (!this.sameRelocated(was[i], now[i])) return false;
      return true;
    }
    if (Array.isArray(now)) return false;
    if (isSpan(was)) {
      const moved = this.span(was);
      return moved !== undefined && isSpan(now) && sameSpan(moved, now);
    }
    const ka = Object.keys(was);
    const kb = Object.keys(now);
    if (ka.length !== kb.length) return false;
    const ra = was as Record<string, unknown>;
    const rb = now as Record<string, unknown>;
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] !== kb[i] || !this.sameRelocated(ra[ka[i]], rb[kb[i]])) return false;
    }
    return true;
  }

  /** A finding with its spans relocated (the same object if none moved); undefined if one cannot be. */
  finding(f: Finding): Finding | undefined {
    if (this === Relocation.none) return f;
    const d = f.diagnostic;
    const span = this.span(d.span);
    if (span === undefined) return undefined;
    let related = d.related;
    for (let i = 0; i < d.related.length; i++) {
      const r = d.related[i];
      const moved = this.span(r.span);
      if (moved === undefined) return undefined;
      if (moved === r.span) continue;
      if (related === d.related) related = [...d.related];
      (related as Diagnostic["related"][number][])[i] = { ...r, span: moved };
    }
    let fixes = d.fixes;
    if (fixes !== undefined) {
      const out = [];
      let changed = false;
      for (const fix of fixes) {
        const edits = [];
        for (const edit of fix.edits) {
          const moved = this.span(edit.span);
          if (moved === undefined) return undefined;
          changed ||= moved !== edit.span;
          edits.push(moved === edit.span ? edit : { ...edit, span: moved });
        }
        out.push({ ...fix, edits });
      }
      if (changed) fixes = out;
    }
    if (span === d.span && related === d.related && fixes === d.fixes) return f;
    return {
      diagnostic: { ...d, span, related, ...(fixes === undefined ? {} : { fixes }) },
      elements: f.elements,
    };
  }
}

/** The one stretch in which `was` and `now` differ: their common prefix and suffix kept. */
function textEdit(was: string, now: string): TextEdit {
  const shorter = Math.min(was.length, now.length);
  let start = 0;
  while (start < shorter && was.charCodeAt(start) === now.charCodeAt(start)) start++;
  // The longest common suffix that does not reach into the prefix. One slice comparison
  // settles the common case (an insertion or a deletion); otherwise walk back.
  let suffix = shorter - start;
  if (was.slice(was.length - suffix) !== now.slice(now.length - suffix)) {
    suffix = 0;
    while (
      suffix < shorter - start &&
      was.charCodeAt(was.length - 1 - suffix) === now.charCodeAt(now.length - 1 - suffix)
    )
      suffix++;
  }
  const oldEnd = was.length - suffix;
  const newEnd = now.length - suffix;
  const lines = newlines(now, start, newEnd) - newlines(was, start, oldEnd);
  const lineEnd = was.indexOf("\n", oldEnd);
  const colOf = (text: string, at: number) => at - (text.lastIndexOf("\n", at - 1) + 1);
  return {
    start,
    oldEnd,
    offset: newEnd - oldEnd,
    lines,
    lineEnd: lineEnd === -1 ? was.length : lineEnd,
    cols: colOf(now, newEnd) - colOf(was, oldEnd),
  };
}

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
