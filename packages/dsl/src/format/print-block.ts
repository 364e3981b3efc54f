// Laying out a `{ … }` block of items with their comments: the one place that decides how items
// are separated, when a block may stay on one line, and where blank lines and comments go.

import type { Comment } from "../ast.js";
import type { CommentPlacement, PlacedComment } from "./comments.js";
import { breakParent, type Doc, flatten, group, hardline, ifBreak, indent, line } from "./doc.js";

export interface BlockStyle {
  /** What separates items when the block fits on one line; unused when it always breaks. */
  readonly flatSeparator: string;
  /** One item per line, always (service, gateway, deploy, rules, saga, api, parallel). */
  readonly alwaysBreak: boolean;
}

/** `service x {\n  port 80\n  public\n}` */
export const MEMBER_LINES: BlockStyle = { flatSeparator: "", alwaysBreak: true };
/** `{ version "16"  size 20Gi }`: two spaces between properties on one line. */
export const PROPERTY_LIST: BlockStyle = { flatSeparator: " ", alwaysBreak: false };
/** `{ amount: decimal, currency: string }`: commas on one line, none when broken. */
export const COMMA_LIST: BlockStyle = { flatSeparator: ",", alwaysBreak: false };

/** Comment text as printed: line comments lose trailing blanks, CRLF becomes LF. */
export function canonicalCommentText(c: Comment): string {
  return c.style === "block" ? c.text.replace(/\r\n/g, "\n") : c.text.trimEnd();
}

/** A comment; one that must end its line (a line comment, a multi-line block) breaks its groups. */
export function commentDoc(c: Comment): Doc {
  const text = canonicalCommentText(c);
  return c.style === "block" && !text.includes("\n") ? text : [text, breakParent];
}

/** Whether a blank line goes before the first thing printed for `item`. */
export function blankBeforeItem(ctx: CommentPlacement, item: object): boolean {
  const leading = ctx.leading(item);
  return leading.length > 0 ? leading[0].blankBefore : ctx.blankBefore(item);
}

/** `// archc-allow <rule>: reason` silences findings that start on the line after it. */
const SUPPRESSION = /^\/\/\s*archc-allow\b/;

/**
 * An item written on one line right under an `archc-allow` comment stays on one line, so the
 * comment keeps applying to everything in it (a finding may point at any member inside).
 */
function keepsItsLine(item: object, leading: readonly PlacedComment[]): boolean {
  const last = leading[leading.length - 1];
  const span = (item as { span?: { line: number; endLine: number } }).span;
  return (
    last !== undefined &&
    span !== undefined &&
    span.line === span.endLine &&
    last.comment.span.endLine === span.line - 1 &&
    SUPPRESSION.test(last.comment.text)
  );
}

/** `doc` with the comments attached to `item`: leading ones before it, trailing after it. */
export function withComments(ctx: CommentPlacement, item: object, itemDoc: Doc): Doc {
  const leading = ctx.leading(item);
  const trailing = ctx.trailing(item);
  if (leading.length === 0 && trailing.length === 0) return itemDoc;
  const doc = keepsItsLine(item, leading) ? flatten(itemDoc) : itemDoc;
  const parts: Doc[] = [];
  leading.forEach((p, i) => {
    if (i > 0 && p.blankBefore) parts.push(hardline);
    parts.push(commentDoc(p.comment), p.inline ? " " : hardline);
  });
  const last = leading[leading.length - 1];
  if (last && !last.inline && ctx.blankBefore(item)) parts.push(hardline);
  parts.push(doc);
  // A trailing comment keeps its line: the block breaks so nothing else joins that line.
  for (const t of trailing) parts.push(" ", commentDoc(t.comment), breakParent);
  return parts;
}

/** One entry of a block that carries no comments of its own (e.g. `origins "a" "b"` in cors). */
export interface PlainEntry {
  readonly doc: Doc;
}

/**
 * `{ items }`, on one line when the style allows and it fits, else one item per line.
 * `prefix` entries come first; dangling comments of `container` come last.
 */
export function block<T extends object>(
  ctx: CommentPlacement,
  container: object,
  items: readonly T[],
  print: (item: T) => Doc,
  style: BlockStyle,
  prefix: readonly PlainEntry[] = [],
): Doc {
  const body: Doc[] = [];
  const separator = (blank: boolean): Doc => [ifBreak("", style.flatSeparator), blank ? hardline : "", line];
  for (const entry of prefix) {
    if (body.length > 0) body.push(separator(false));
    body.push(entry.doc);
  }
  for (const item of items) {
    if (body.length > 0) body.push(separator(blankBeforeItem(ctx, item)));
    body.push(withComments(ctx, item, print(item)));
  }
  const dangling = ctx.dangling(container);
  if (body.length > 0) {
    // After the last item each leftover comment gets its own line.
    for (const d of dangling) body.push(hardline, d.blankBefore ? hardline : "", commentDoc(d.comment));
  } else {
    dangling.forEach((d, i) => {
      if (i > 0) body.push(d.blankBefore ? hardline : "", line);
      body.push(commentDoc(d.comment));
    });
  }
  if (body.length === 0) return "{}";
  return group(["{", indent([line, body]), line, "}"], style.alwaysBreak);
}

/** The comments of `list`, each on its own line, blank lines kept (for the end of a file). */
export function commentLines(list: readonly PlacedComment[]): Doc[] {
  const out: Doc[] = [];
  list.forEach((d, i) => {
    if (i > 0) out.push(hardline, d.blankBefore ? hardline : "");
    out.push(commentDoc(d.comment));
  });
  return out;
}

/** `head` then each of `tail`, on one line if it fits, else the tail on indented lines. */
export function hangingTail(head: Doc, tail: readonly Doc[]): Doc {
  if (tail.length === 0) return head;
  return group([head, indent(tail.map((t) => [line, t]))]);
}
