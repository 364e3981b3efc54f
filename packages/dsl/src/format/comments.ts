// Re-attaching comments to the syntax tree by position, so the printer can put each one back.
//
// Every block is a container of items (declarations, members, fields, ops, steps, enum
// members, env entries, routes, rules items, properties). A comment between items is
//   - trailing of the item before it when it starts on that item's last line (a block comment
//     followed on its own line by the next item is leading of that item instead),
//   - else leading of the item after it,
//   - else dangling: printed before the container's closing brace (or at the end of the file).
// A comment inside an item that no inner container claims (`op x: A /* why */ -> B`) is moved
// in front of the item. A `///` documents the token right after it; one that documents nothing
// where it stands (inside an item, or cut off from the next item by a `,`) must not come to
// stand before an item that takes documentation, so it goes to the end of the block instead.

import type * as A from "../ast.js";
import type { Comment, Node, SourceFileAst } from "../ast.js";

export interface PlacedComment {
  readonly comment: Comment;
  /** The author left a blank line before it (kept, at most one). */
  readonly blankBefore: boolean;
  /** A block comment that shares its line with what follows it (`/* x *\/ port 80`). */
  readonly inline: boolean;
}

export interface CommentPlacement {
  leading(node: object): readonly PlacedComment[];
  trailing(node: object): readonly PlacedComment[];
  /** Comments after a container's last item, or in an empty container. */
  dangling(container: object): readonly PlacedComment[];
  /** The author left a blank line between the previous thing in the block and this item. */
  blankBefore(node: object): boolean;
}

/** Where a container's items start, and the items (any order). */
interface ContainerShape {
  readonly headerEnd: number;
  readonly items: readonly Node[];
}

const NONE: readonly PlacedComment[] = [];

class Placement implements CommentPlacement {
  readonly leadingOf = new Map<object, PlacedComment[]>();
  readonly trailingOf = new Map<object, PlacedComment[]>();
  readonly danglingOf = new Map<object, PlacedComment[]>();
  readonly blank = new Set<object>();

  leading(node: object): readonly PlacedComment[] {
    return this.leadingOf.get(node) ?? NONE;
  }
  trailing(node: object): readonly PlacedComment[] {
    return this.trailingOf.get(node) ?? NONE;
  }
  dangling(container: object): readonly PlacedComment[] {
    return this.danglingOf.get(container) ?? NONE;
  }
  blankBefore(node: object): boolean {
    return this.blank.has(node);
  }

  add(map: Map<object, PlacedComment[]>, key: object, c: PlacedComment): void {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  }
}

/**
 * Places every comment of `file`. `text`, the source the tree was parsed from, tells a `///`
 * that documents the item after it from one that a separator (`,`) cuts off from it.
 */
export function placeComments(file: SourceFileAst, text?: string): CommentPlacement {
  const comments = [...file.comments].sort((a, b) => a.span.start - b.span.start);
  const ctx: Context = { placement: new Placement(), text, comments };
  const items: Node[] = [...file.imports, ...file.decls];
  const orphans = distribute(ctx, file, { headerEnd: -1, items }, comments);
  // The file has no header, so nothing is left over; kept for symmetry with blocks.
  for (const c of orphans) ctx.placement.add(ctx.placement.danglingOf, file, placed(c, false, false));
  return ctx.placement;
}

interface Context {
  readonly placement: Placement;
  readonly text: string | undefined;
  /** All comments of the file, sorted by offset. */
  readonly comments: readonly Comment[];
}

/**
 * Places `comments` (all inside `owner`, sorted) among the owner's items and returns those that
 * lie in the owner's header, which the caller moves in front of the owner.
 */
function distribute(
  ctx: Context,
  owner: object,
  shape: ContainerShape,
  comments: readonly Comment[],
): Comment[] {
  const { placement } = ctx;
  const items = [...shape.items].sort((a, b) => a.span.start - b.span.start);
  const inside = new Map<Node, Comment[]>();
  const between: Comment[] = [];
  const orphans: Comment[] = [];
  let k = 0;
  for (const c of comments) {
    while (k < items.length && items[k].span.end <= c.span.start) k++;
    const host = items[k];
    if (host && host.span.start <= c.span.start && c.span.end <= host.span.end) {
      const list = inside.get(host);
      if (list) list.push(c);
      else inside.set(host, [c]);
    } else if (c.span.end <= shape.headerEnd) orphans.push(c);
    else between.push(c);
  }

  placeBetween(ctx, owner, items, between);

  for (const item of items) {
    const own = inside.get(item) ?? [];
    const inner = containerShape(item);
    const moved = inner ? distribute(ctx, item, inner, own) : own;
    for (const c of moved) {
      if (c.style === "doc" && takesDoc(item)) {
        placement.add(placement.danglingOf, owner, placed(c, false, false));
      } else {
        placement.add(placement.leadingOf, item, placed(c, false, c.style === "block"));
      }
    }
  }
  return orphans;
}

type Thing = { node: Node; role: "item" | "leading" | "trailing" | "dangling"; of?: Node };

/** Classifies the comments between items and records where the author left blank lines. */
function placeBetween(
  ctx: Context,
  owner: object,
  items: readonly Node[],
  between: readonly Comment[],
): void {
  const { placement } = ctx;
  const things: Thing[] = [];
  const stray: Comment[] = [];
  let ci = 0;
  let prev: Node | undefined;
  const flushComments = (next: Node | undefined) => {
    while (ci < between.length && (next === undefined || between[ci].span.end <= next.span.start)) {
      const c = between[ci++];
      if (c.style === "doc" && next && takesDoc(next) && tokenBetween(ctx, c.span.end, next.span.start)) {
        // A `///` cut off from the next item by a separator documents nothing; printed just
        // before that item it would start documenting it, so it goes to the end of the block.
        stray.push(c);
        continue;
      }
      const sameLineAsPrev = prev !== undefined && c.span.line === prev.span.endLine;
      const nextOnCommentLine = next !== undefined && next.span.line === c.span.endLine;
      const isTrailing = sameLineAsPrev && !(c.style === "block" && nextOnCommentLine);
      if (isTrailing && prev) things.push({ node: c, role: "trailing", of: prev });
      else if (next) things.push({ node: c, role: "leading", of: next });
      else things.push({ node: c, role: "dangling" });
    }
  };
  for (const item of items) {
    flushComments(item);
    things.push({ node: item, role: "item" });
    prev = item;
  }
  flushComments(undefined);

  for (let i = 0; i < things.length; i++) {
    const t = things[i];
    const before = things[i - 1];
    const blank = before !== undefined && t.node.span.line - before.node.span.endLine >= 2;
    if (t.role === "item") {
      if (blank) placement.blank.add(t.node);
      continue;
    }
    const c = t.node as Comment;
    const after = things[i + 1];
    const inline =
      t.role === "leading" &&
      c.style === "block" &&
      after !== undefined &&
      after.node.span.line === c.span.endLine;
    const p = placed(c, blank, inline);
    if (t.role === "leading") placement.add(placement.leadingOf, t.of!, p);
    else if (t.role === "trailing") placement.add(placement.trailingOf, t.of!, p);
    else placement.add(placement.danglingOf, owner, p);
  }
  for (const c of stray) placement.add(placement.danglingOf, owner, placed(c, false, false));
}

/** Whether source text other than blanks and comments lies in [from, to). */
function tokenBetween(ctx: Context, from: number, to: number): boolean {
  const { text, comments } = ctx;
  if (text === undefined) return false;
  let k = firstCommentAtOrAfter(comments, from);
  let i = from;
  while (i < to) {
    if (k < comments.length && comments[k].span.start === i) {
      i = comments[k++].span.end;
      continue;
    }
    if (!/[ \t\r\n\f\uFEFF]/.test(text[i])) return true;
    i++;
  }
  return false;
}

function firstCommentAtOrAfter(comments: readonly Comment[], offset: number): number {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid].span.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function placed(comment: Comment, blankBefore: boolean, inline: boolean): PlacedComment {
  return { comment, blankBefore, inline };
}

/** Whether the parser reads `///` comments before this node into its `doc`. */
function takesDoc(node: Node): boolean {
  const kind = (node as Node & { readonly kind?: unknown }).kind;
  return typeof kind === "string" && DOC_TAKERS.has(kind);
}

const DOC_TAKERS = new Set([
  "System",
  "Type",
  "Alias",
  "Enum",
  "Store",
  "Broker",
  "Topic",
  "Event",
  "Service",
  "Flow",
  "Saga",
  "Gateway",
  "Deploy",
  "Rules",
  "Field",
  "Api",
  "Op",
  "Step",
]);

/** The block inside a node that holds items, if it has one (spans end at the closing brace). */
function containerShape(node: Node): ContainerShape | undefined {
  const n = node as A.Decl | A.ServiceMember | A.GatewayMember | A.DeployMember | A.SagaItem | A.Field;
  const end = (x: { span: { end: number } } | undefined) => x?.span.end ?? -1;
  switch (n.kind) {
    case "System":
      return { headerEnd: Math.max(end(n.name), end(n.title)), items: n.props };
    case "Type":
      return { headerEnd: end(n.name), items: n.fields };
    case "Enum":
      return { headerEnd: end(n.name), items: n.members };
    case "Store":
      return { headerEnd: end(n.storeKind), items: n.props };
    case "Broker":
      return { headerEnd: end(n.brokerKind), items: n.props };
    case "Topic":
      return { headerEnd: Math.max(end(n.name), end(n.broker)), items: n.props };
    case "Service":
      return { headerEnd: Math.max(end(n.name), end(n.title)), items: n.members };
    case "Flow":
      if (!n.hasBlock) return undefined;
      return {
        headerEnd: end(n.body),
        items: [n.by, n.slo].filter((x): x is A.Name | A.FlowSlo => x !== undefined),
      };
    case "Saga":
      return { headerEnd: Math.max(end(n.input), end(n.by)), items: n.items };
    case "Gateway":
      return { headerEnd: end(n.name), items: n.members };
    case "Deploy":
      return { headerEnd: end(n.name), items: n.members };
    case "Rules":
      return { headerEnd: n.span.start + "rules".length, items: n.items };
    case "Env":
      return { headerEnd: n.span.start + "env".length, items: n.entries };
    case "Api":
      return { headerEnd: Math.max(end(n.name), end(n.protocol)), items: n.ops };
    case "Calls":
      return n.hasBlock ? { headerEnd: end(n.target), items: n.policy } : undefined;
    case "Auth":
      return { headerEnd: end(n.scheme), items: n.props };
    case "Cors":
      return { headerEnd: n.span.start + "cors".length, items: n.props };
    case "Route":
      return n.hasBlock ? { headerEnd: Math.max(end(n.service), end(n.api)), items: n.props } : undefined;
    case "DeployBlock":
      return n.hasBlock ? { headerEnd: end(n.value), items: n.props } : undefined;
    case "Parallel":
      return { headerEnd: n.span.start + "parallel".length, items: n.steps };
    default:
      return undefined;
  }
}
