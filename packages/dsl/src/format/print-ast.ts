// The syntax tree as a Doc, in the one canonical .arch style:
//
// - 2-space indentation; lines fit in 100 columns where the language allows a break.
// - A blank line between top-level declarations; imports sit together, followed by a blank
//   line. Inside blocks, a blank line the author left between members is kept (at most one).
// - service, gateway, deploy, rules, saga, parallel and api blocks: one member per line.
// - Small blocks stay on one line when they fit, properties separated by two spaces:
//   `store db: postgres { version "16"  size 20Gi }`, `calls a.b { timeout 1s  retries 2 }`.
//   Records, enums and env blocks use commas on one line (`type Money { amount: decimal,
//   currency: string }`) and one entry per line, without commas, when they do not fit.
// - Within one member single spaces: `replicas 2..10 cpu 70%`, `slo latency 800ms availability
//   99.9%`, `op get: Id -> Order GET "/orders/{id}" readonly latency 20ms`. A long op or saga
//   step continues on indented lines (errors, binding and each modifier; `compensate`).
// - Flows print as `a ; b ; c`; a long chain breaks before each `;` (or `&`, `*`).
// - Empty blocks print as `{}`; a block that the tree does not remember (a store without
//   properties) is left out.
// - Strings are re-escaped canonically; numbers keep the spelling the author used (`raw`).
// - Every comment is kept, next to the item it was written by (see comments.ts). An item
//   written on one line under an `// archc-allow` comment stays on one line: the comment
//   silences findings on the line after it, wherever in the item they point.

import type * as A from "../ast.js";
import type { CommentPlacement } from "./comments.js";
import { type Doc, hardline } from "./doc.js";
import {
  blankBeforeItem,
  block,
  COMMA_LIST,
  commentLines,
  MEMBER_LINES,
  PROPERTY_LIST,
  withComments,
} from "./print-block.js";
import {
  printDeployMember,
  printGatewayMember,
  printRulesItem,
  printSagaItem,
  printServiceMember,
  printSimple,
} from "./print-members.js";
import { flowDoc, literalText, quoteString, typeText } from "./print-terms.js";

export function printFileDoc(file: A.SourceFileAst, ctx: CommentPlacement): Doc {
  // Imports and declarations interleave as written (a stable sort keeps equal offsets in order).
  const items: (A.ImportDecl | A.Decl)[] = [...file.imports, ...file.decls].sort(
    (a, b) => a.span.start - b.span.start,
  );
  const out: Doc[] = [];
  items.forEach((item, i) => {
    if (i > 0) {
      const prev = items[i - 1];
      const blank = prev.kind !== "Import" || item.kind !== "Import" || blankBeforeItem(ctx, item);
      out.push(hardline, blank ? hardline : "");
    }
    out.push(withComments(ctx, item, item.kind === "Import" ? importDoc(item) : printDecl(ctx, item)));
  });
  const dangling = ctx.dangling(file);
  if (dangling.length > 0) {
    if (out.length > 0) out.push(hardline, dangling[0].blankBefore ? hardline : "");
    out.push(commentLines(dangling));
  }
  if (out.length > 0) out.push(hardline);
  return out;
}

function importDoc(d: A.ImportDecl): Doc {
  return ["import ", quoteString(d.path.value)];
}

/** `{ … }` of simple properties, or nothing when there are none to print. */
function optionalProps(ctx: CommentPlacement, container: object, props: readonly A.SimpleMember[]): Doc {
  if (props.length === 0 && ctx.dangling(container).length === 0) return "";
  return [" ", block(ctx, container, props, printSimple, PROPERTY_LIST)];
}

export function printDecl(ctx: CommentPlacement, d: A.Decl): Doc {
  switch (d.kind) {
    case "System":
      return [
        "system ",
        d.name.text,
        d.title ? [" ", quoteString(d.title.value)] : "",
        optionalProps(ctx, d, d.props),
      ];
    case "Type":
      return ["type ", d.name.text, " ", block(ctx, d, d.fields, printField, COMMA_LIST)];
    case "Alias":
      return ["type ", d.name.text, " = ", typeText(d.target)];
    case "Enum":
      return ["enum ", d.name.text, " ", block(ctx, d, d.members, (m) => m.text, COMMA_LIST)];
    case "Store":
      return ["store ", d.name.text, ": ", d.storeKind.text, optionalProps(ctx, d, d.props)];
    case "Broker":
      return ["broker ", d.name.text, ": ", d.brokerKind.text, optionalProps(ctx, d, d.props)];
    case "Topic":
      return ["topic ", d.name.text, d.broker ? [" on ", d.broker.text] : "", optionalProps(ctx, d, d.props)];
    case "Event":
      return ["event ", d.name.text, ": ", typeText(d.payload), d.topic ? [" on ", d.topic.text] : ""];
    case "Service":
      return [
        "service ",
        d.name.text,
        d.title ? [" ", quoteString(d.title.value)] : "",
        " ",
        block(ctx, d, d.members, (m) => printServiceMember(ctx, m), MEMBER_LINES),
      ];
    case "Flow":
      return printFlow(ctx, d);
    case "Saga":
      return [
        "saga ",
        d.name.text,
        "(",
        typeText(d.input),
        ")",
        d.by ? [" by ", d.by.text] : "",
        " ",
        block(ctx, d, d.items, (item) => printSagaItem(ctx, item), MEMBER_LINES),
      ];
    case "Gateway":
      return [
        "gateway ",
        d.name.text,
        " ",
        block(ctx, d, d.members, (m) => printGatewayMember(ctx, m), MEMBER_LINES),
      ];
    case "Deploy":
      return [
        "deploy ",
        d.name.text,
        " ",
        block(ctx, d, d.members, (m) => printDeployMember(ctx, m), MEMBER_LINES),
      ];
    case "Rules":
      return ["rules ", block(ctx, d, d.items, printRulesItem, MEMBER_LINES)];
  }
}

function printField(f: A.Field): Doc {
  const name = f.name.kind === "String" ? quoteString(f.name.value) : f.name.text;
  return [name, f.optional ? "?" : "", ": ", typeText(f.type)];
}

function printFlow(ctx: CommentPlacement, d: A.FlowDecl): Doc {
  const head: Doc[] = ["flow ", d.name.text];
  if (d.signature) head.push(": ", typeText(d.signature.domain), " -> ", typeText(d.signature.codomain));
  head.push(" = ", flowDoc(d.body));
  if (!d.hasBlock) return head;
  const items = [d.by, d.slo].filter((x): x is A.Name | A.FlowSlo => x !== undefined);
  return [...head, " ", block(ctx, d, items, printFlowProp, PROPERTY_LIST)];
}

function printFlowProp(p: A.Name | A.FlowSlo): Doc {
  if (p.kind === "Name") return ["by ", p.text];
  return [
    "slo",
    p.latency ? [" latency ", literalText(p.latency)] : "",
    p.availability ? [" availability ", literalText(p.availability)] : "",
  ];
}
