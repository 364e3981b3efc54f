// The small pieces: names, literals, type expressions, op references and flow expressions.

import type * as A from "../ast.js";
import { type Doc, group, indent, line } from "./doc.js";

/** A string literal with the canonical escapes: `\"`, `\\`, `\n`, `\t`, `\u{…}` for controls. */
export function quoteString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (cp < 0x20 || cp === 0x7f) out += `\\u{${cp.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Quantities and ranges print exactly as written (`250m`, `1.50`, `100ms..2s`). */
export function literalText(v: A.Literal | A.Name): string {
  switch (v.kind) {
    case "Name":
      return v.text;
    case "String":
      return quoteString(v.value);
    case "Quantity":
      return v.raw;
    case "Range":
      return `${v.low.raw}..${v.high.raw}`;
  }
}

export function typeText(t: A.TypeRef): string {
  switch (t.kind) {
    case "NamedType":
      return t.name.text;
    case "ListType":
      return `list<${typeText(t.element)}>`;
    case "MapType":
      return `map<${typeText(t.key)}, ${typeText(t.value)}>`;
    case "ProductType":
      // A product written inside a product keeps its parentheses (the tree keeps it nested).
      return t.parts.map((p) => (p.kind === "ProductType" ? `(${typeText(p)})` : typeText(p))).join(" * ");
  }
}

export function opRefText(r: A.OpRef): string {
  return r.api ? `${r.service.text}.${r.api.text}.${r.op.text}` : `${r.service.text}.${r.op.text}`;
}

/** `a ; b ; c`, breaking before each `;` (and `&`, `*`) when the chain is too long. */
export function flowDoc(e: A.FlowExpr): Doc {
  switch (e.kind) {
    case "FlowOp":
      return opRefText(e.ref);
    case "FlowId":
      return `id<${typeText(e.type)}>`;
    case "FlowSeq":
      return chain(e.parts, "; ", (p) => p.kind === "FlowSeq");
    case "FlowFanout":
      return chain(e.parts, "& ", isComposite);
    case "FlowPar":
      return chain(e.parts, "* ", isComposite);
  }
}

function isComposite(e: A.FlowExpr): boolean {
  return e.kind === "FlowSeq" || e.kind === "FlowFanout" || e.kind === "FlowPar";
}

function chain(parts: readonly A.FlowExpr[], operator: string, needsParens: (e: A.FlowExpr) => boolean): Doc {
  const part = (p: A.FlowExpr): Doc => (needsParens(p) ? ["(", flowDoc(p), ")"] : flowDoc(p));
  const [first, ...rest] = parts;
  return group([part(first), indent(rest.map((p) => [line, operator, part(p)]))]);
}
