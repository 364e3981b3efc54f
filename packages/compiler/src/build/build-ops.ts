// An op declaration into the Model: resolved signature, business errors (records or enums),
// modifiers, and its HTTP binding — written, or the default `POST "/<op>"` for rest APIs.

import type { Name, OpDecl } from "@archc/dsl";
import type { CompileContext } from "../context.js";
import { present } from "../diagnostics.js";
import { type HttpBinding, HttpBindingSchema, type Op } from "../model/schema.js";
import { kindWord, TYPE_KINDS } from "../names/collect-decls.js";
import { parsePath } from "../check/http-paths.js";
import { isPrimitiveName, showType } from "../types/type-expr.js";
import { type Mutable, PropReader } from "./read-props.js";

const METHODS = new Set<string>(HttpBindingSchema.shape.method.options);

export function buildOp(
  ctx: CompileContext,
  service: string,
  api: string,
  protocol: string,
  d: OpDecl,
): Op | undefined {
  if (!present(d.name)) return undefined;
  const name = d.name.text;
  const modifiers = d.modifiers ?? [];
  const mods = modifiers.length === 0 ? undefined : new PropReader(modifiers, ctx.sink);
  const readonly = mods?.flag("readonly") ?? false;
  // Built field by field rather than through `defined`: a 10k-service system has 100k ops.
  // Key order is the Model's (JSON output depends on it).
  const op: Mutable<Op> = {
    id: `${service}.${api}.${name}`,
    service,
    api,
    name,
    domain: ctx.types.resolve(d.domain),
    codomain: ctx.types.resolve(d.codomain),
    errors: d.errors === undefined || d.errors.length === 0 ? [] : errorTypes(ctx, d.errors),
  } as Mutable<Op>;
  const http = httpBinding(d, protocol);
  if (http !== undefined) op.http = http;
  op.idempotent = readonly || (mods?.flag("idempotent") ?? false);
  op.readonly = readonly;
  op.toleratesAbsent = mods?.flag("tolerates-absent") ?? false;
  const latencyMs = mods?.durationMs("latency");
  if (latencyMs !== undefined) op.latencyMs = latencyMs;
  if (d.doc !== undefined) op.doc = d.doc;
  op.span = d.span;
  op.nameSpan = d.name.span;
  return op;
}

function httpBinding(d: OpDecl, protocol: string): HttpBinding | undefined {
  const written = d.http;
  if (written !== undefined && present(written.method) && METHODS.has(written.method.text) && written.path) {
    return {
      method: written.method.text as HttpBinding["method"],
      path: written.path.value,
      implicit: false,
      params: parsePath(written.path.value).params.map((p) => p.name),
    };
  }
  if (protocol !== "rest") return undefined;
  return { method: "POST", path: `/${d.name.text}`, implicit: true, params: [] };
}

/** Error types must be records or enums (or aliases of one); stored by the record/enum name. */
function errorTypes(ctx: CompileContext, names: readonly Name[]): string[] {
  const out: string[] = [];
  // The name each entry of `out` was listed as; lists are short, so scanned rather than hashed.
  const listedAs: Name[] = [];
  for (const n of names) {
    if (!present(n)) continue;
    const resolved = errorType(ctx, n);
    if (resolved === undefined) continue;
    const at = out.indexOf(resolved);
    const first = at < 0 ? undefined : listedAs[at];
    if (first) {
      ctx.sink.error("E0206", n.span, `error type \`${n.text}\` is listed twice`, {
        related: [{ span: first.span, message: "first listed here" }],
      });
      continue;
    }
    listedAs.push(n);
    out.push(resolved);
  }
  return out;
}

function errorType(ctx: CompileContext, n: Name): string | undefined {
  const help =
    "declare the failure as a record or an enum, e.g. `enum OutOfStock { sold-out, discontinued }`";
  if (isPrimitiveName(n.text)) {
    ctx.sink.error(
      "E0305",
      n.span,
      `error type \`${n.text}\` is a primitive; an op's errors are records or enums`,
      {
        help,
      },
    );
    return undefined;
  }
  const sym = ctx.symbols.get(n.text);
  if (sym === undefined) {
    ctx.sink.unknown("E0202", "error type", n, () => ctx.symbols.names(TYPE_KINDS));
    return undefined;
  }
  if (sym.kind === "record" || sym.kind === "enum") return sym.name;
  if (sym.kind === "alias") {
    const t = ctx.types.aliasTarget(sym);
    if (t.kind === "ref") return t.name;
    if (t.kind !== "error")
      ctx.sink.error(
        "E0305",
        n.span,
        `error type \`${n.text}\` stands for \`${showType(t)}\`; an op's errors are records or enums`,
        { help },
      );
    return undefined;
  }
  ctx.sink.error("E0205", n.span, `\`${n.text}\` is ${kindWord(sym.kind)}, not a type`, {
    related: [{ span: sym.decl.name.span, message: `\`${n.text}\` is declared here` }],
  });
  return undefined;
}
