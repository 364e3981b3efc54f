// A small document algebra in the manner of Prettier's `src/document/`: the AST printer says
// what may break and how (groups, indentation, optional line breaks) and leaves the choice of
// where lines actually break to one printer (print-doc.ts) that fits groups into a width.

/** Plain text (never holds a line break, except verbatim multi-line block comments). */
export type Text = string;

/** A list of documents printed one after the other. */
export type Concat = readonly Doc[];

/**
 * A possible line break. In a group printed flat, `line` is one space and `softline` nothing;
 * in a broken group both start a new line at the current indentation. `hard` always breaks.
 */
export interface Line {
  readonly kind: "line";
  readonly hard: boolean;
  readonly soft: boolean;
}

/** Printed flat when it fits in the remaining width and holds no forced break, else broken. */
export interface Group {
  readonly kind: "group";
  readonly contents: Doc;
  readonly shouldBreak: boolean;
}

/** Lines broken inside `contents` start one indentation level deeper. */
export interface Indent {
  readonly kind: "indent";
  readonly contents: Doc;
}

/** `broken` when the enclosing group breaks, `flat` when it does not (e.g. a separator). */
export interface IfBreak {
  readonly kind: "if-break";
  readonly broken: Doc;
  readonly flat: Doc;
}

/** Forces every enclosing group to break (what a `// comment` needs after it). */
export interface BreakParent {
  readonly kind: "break-parent";
}

export type Doc = Text | Concat | Line | Group | Indent | IfBreak | BreakParent;

export const line: Line = { kind: "line", hard: false, soft: false };
export const softline: Line = { kind: "line", hard: false, soft: true };
export const breakParent: BreakParent = { kind: "break-parent" };
/** A line break that always happens, and breaks the groups around it. */
export const hardline: Doc = [{ kind: "line", hard: true, soft: false }, breakParent];

export function group(contents: Doc, shouldBreak = false): Group {
  return { kind: "group", contents, shouldBreak };
}

export function indent(contents: Doc): Indent {
  return { kind: "indent", contents };
}

export function ifBreak(broken: Doc, flat: Doc = ""): IfBreak {
  return { kind: "if-break", broken, flat };
}

export function concat(...docs: Doc[]): Concat {
  return docs;
}

/** `docs` with `separator` between each pair. */
export function join(separator: Doc, docs: readonly Doc[]): Concat {
  const out: Doc[] = [];
  docs.forEach((d, i) => {
    if (i > 0) out.push(separator);
    out.push(d);
  });
  return out;
}

/** `doc` laid out on one line whatever the width: every group flat, every line a space. */
export function flatten(doc: Doc): Doc {
  if (typeof doc === "string") return doc;
  if (Array.isArray(doc)) return doc.map(flatten);
  const d = doc as Line | Group | Indent | IfBreak | BreakParent;
  switch (d.kind) {
    case "line":
      return d.soft ? "" : " ";
    case "group":
    case "indent":
      return flatten(d.contents);
    case "if-break":
      return flatten(d.flat);
    case "break-parent":
      return "";
  }
}
