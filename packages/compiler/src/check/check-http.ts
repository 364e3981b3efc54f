// HTTP binding checks for one API version: each path parameter is read from the op's input
// (a field of the domain record, or the whole input when the domain is a primitive or an enum),
// and no two ops share a method and path.

import type { OpDecl, Span } from "@archc/dsl";
import { plainSpan, suggestNames } from "@archc/dsl";
import type { CompileContext } from "../context.js";
import { replaceName } from "../diagnostics.js";
import type { Op } from "../model/schema.js";
import { showType } from "../types/type-expr.js";
import { parsePath } from "./http-paths.js";

export interface BoundOp {
  readonly op: Op;
  readonly decl: OpDecl;
}

export function checkApiHttp(
  ctx: CompileContext,
  service: string,
  apiName: string,
  ops: readonly BoundOp[],
): void {
  const routes = new Map<string, BoundOp>();
  for (const bound of ops) {
    const http = bound.op.http;
    if (http === undefined) continue;
    const written = bound.decl.http?.path;
    const parsed = parsePath(http.path);
    for (const problem of parsed.problems)
      ctx.sink.error(
        "E0503",
        spanAt(bound, problem.offset, 1),
        `malformed HTTP path "${http.path}": ${problem.message}`,
        {
          help: "path parameters are written `{name}`",
        },
      );
    if (parsed.params.length > 0) checkParams(ctx, bound, parsed.params);

    const route = `${http.method} ${parsed.shape}`;
    const first = routes.get(route);
    if (first === undefined) {
      routes.set(route, bound);
      continue;
    }
    const firstHttp = first.op.http;
    ctx.sink.error(
      "E0504",
      written?.span ?? bound.op.nameSpan,
      `\`${bound.op.name}\` and \`${first.op.name}\` are both bound to ${http.method} "${http.path}" in API \`${service}.${apiName}\``,
      {
        related: [
          {
            span: first.decl.http?.path.span ?? first.op.nameSpan,
            message: `\`${first.op.name}\` is bound here${firstHttp?.implicit ? ` (by default: POST "/${first.op.name}")` : ""}`,
          },
        ],
        help: 'give each op its own method and path; an op without a binding is bound to `POST "/<op-name>"`',
      },
    );
  }
}

/** The span of `length` characters at `offset` in the op's written path (its name when implicit). */
function spanAt(bound: BoundOp, offset: number, length: number): Span {
  const written = bound.decl.http?.path;
  return written ? within(written.span, written.value, offset, length) : bound.op.nameSpan;
}

function checkParams(
  ctx: CompileContext,
  bound: BoundOp,
  params: readonly { name: string; offset: number }[],
): void {
  const op = bound.op;
  const at = (offset: number, length: number): Span => spanAt(bound, offset, length);
  const dom = op.domain;
  if (dom.kind === "error") return;
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.name))
      ctx.sink.error(
        "E0503",
        at(p.offset, p.name.length + 2),
        `path parameter \`{${p.name}}\` appears twice`,
      );
    seen.add(p.name);
  }
  const def = dom.kind === "ref" ? ctx.model.types[dom.name] : undefined;
  if (def?.kind === "record") {
    const fields = def.fields;
    for (const p of params) {
      if (fields.some((f) => f.name === p.name)) continue;
      const names = fields.map((f) => f.name);
      const span = at(p.offset + 1, p.name.length);
      const best = suggestNames(p.name, names)[0];
      ctx.sink.error(
        "E0503",
        span,
        `path parameter \`{${p.name}}\` is not a field of \`${def.name}\`, the input of \`${op.id}\`${best ? ` (did you mean \`${best}\`?)` : ""}`,
        {
          related: [
            {
              span: def.nameSpan,
              message: `\`${def.name}\` has fields ${names.map((f) => `\`${f}\``).join(", ") || "none"}`,
            },
          ],
          help: "a path parameter names a field of the op's domain record",
          fixes: best ? [replaceName(span, best)] : [],
        },
      );
    }
    return;
  }
  const scalar = dom.kind === "prim" ? dom.name !== "unit" : def?.kind === "enum";
  if (scalar) {
    if (params.length > 1)
      ctx.sink.error(
        "E0503",
        at(params[1].offset, params[1].name.length + 2),
        `\`${op.id}\` takes a single ${showType(dom)}, so its path can bind only one parameter; found ${params.length}`,
        { help: "to bind several parameters, make the op's domain a record with one field per parameter" },
      );
    return;
  }
  ctx.sink.error(
    "E0503",
    at(params[0].offset, params[0].name.length + 2),
    `\`${op.id}\` takes ${showType(dom)}, which has no field to bind path parameter \`{${params[0].name}}\``,
    {
      help: "path parameters bind fields of a record domain, or the whole input when it is a primitive or an enum",
    },
  );
}

/** The span of `length` characters at `offset` inside a string literal (when it has no escapes). */
function within(literal: Span, value: string, offset: number, length: number): Span {
  const plain = literal.end - literal.start === value.length + 2 && literal.line === literal.endLine;
  if (!plain) return literal;
  const start = literal.start + 1 + offset;
  const col = literal.col + 1 + offset;
  return { ...plainSpan(literal), start, end: start + length, col, endCol: col + length };
}
