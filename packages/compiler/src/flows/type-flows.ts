// Flow typing (LANGUAGE.md §2.5, LAWS.md §A1, §A4, §A6): a flow expression as written becomes a
// term over OpIds with its inferred signature. Mismatches are errors that name both operands
// and both types. A part that failed to resolve has no type and raises nothing further.

import type { FlowExpr, Span } from "@archc/dsl";
import { joinSpans } from "@archc/dsl";
import type { CompileContext } from "../context.js";
import type { FlowTerm } from "../model/schema.js";
import { resolveOpRefAst } from "../names/api-table.js";
import { compatible, productOf, showType } from "../types/type-expr.js";
import { type FlowSig, showSig } from "./flow-term.js";
import { showOperand } from "./show-flow-expr.js";

export interface TypedFlow {
  /** The term as written (not normalised); undefined when an op did not resolve. */
  readonly term?: FlowTerm;
  /** The inferred signature; undefined when unknown (an unresolved part) or ill typed. */
  readonly sig?: FlowSig;
  /** False when a composition inside was ill typed (already reported). */
  readonly ok: boolean;
}

export interface FlowTyping {
  readonly ctx: CompileContext;
  /** Every resolved op occurrence, in source order. */
  readonly opRefs: { op: string; span: Span }[];
}

export function typeFlow(env: FlowTyping, e: FlowExpr | undefined): TypedFlow {
  if (e === undefined) return { ok: true };
  const { ctx } = env;
  switch (e.kind) {
    case "FlowOp": {
      const id = resolveOpRefAst(ctx.symbols, ctx.apis, ctx.sink, e.ref);
      if (id === undefined) return { ok: true };
      env.opRefs.push({ op: id, span: e.span });
      const op = ctx.model.ops[id];
      return {
        term: { kind: "op", op: id, span: e.span },
        sig: { domain: op.domain, codomain: op.codomain },
        ok: true,
      };
    }
    case "FlowId": {
      const type = ctx.types.resolve(e.type);
      return { term: { kind: "id", type }, sig: { domain: type, codomain: type }, ok: true };
    }
    case "FlowSeq":
      return typeSeq(env, e.parts ?? []);
    case "FlowFanout":
    case "FlowPar":
      return typeBranches(env, e.kind, e.parts ?? []);
  }
}

function typeSeq(env: FlowTyping, parts: readonly FlowExpr[]): TypedFlow {
  const typed = parts.map((p) => typeFlow(env, p));
  let ok = typed.every((t) => t.ok);
  for (let i = 0; i + 1 < typed.length; i++) {
    const f = typed[i].sig;
    const g = typed[i + 1].sig;
    if (f === undefined || g === undefined || compatible(f.codomain, g.domain)) continue;
    ok = false;
    const left = showOperand(parts[i]);
    const right = showOperand(parts[i + 1]);
    env.ctx.sink.error(
      "E0301",
      joinSpans(parts[i].span, parts[i + 1].span),
      `cannot compose ${left} (${showSig(f)}) with ${right} (${showSig(g)}): ${showType(f.codomain)} is not ${showType(g.domain)}`,
      {
        help: `\`f ; g\` needs the codomain of f to equal the domain of g; insert an op from ${showType(f.codomain)} to ${showType(g.domain)}, or change a signature`,
      },
    );
  }
  const first = typed[0]?.sig;
  const last = typed[typed.length - 1]?.sig;
  const terms = typed.map((t) => t.term);
  return {
    term: terms.every((t) => t !== undefined) ? { kind: "seq", parts: terms as FlowTerm[] } : undefined,
    sig:
      ok && first && last && typed.every((t) => t.sig)
        ? { domain: first.domain, codomain: last.codomain }
        : undefined,
    ok,
  };
}

function typeBranches(
  env: FlowTyping,
  kind: "FlowFanout" | "FlowPar",
  parts: readonly FlowExpr[],
): TypedFlow {
  const typed = parts.map((p) => typeFlow(env, p));
  let ok = typed.every((t) => t.ok);
  if (kind === "FlowFanout") {
    const firstIndex = typed.findIndex((t) => t.sig !== undefined);
    const first = typed[firstIndex]?.sig;
    for (let i = firstIndex + 1; first !== undefined && i < typed.length; i++) {
      const other = typed[i].sig;
      if (other === undefined || compatible(first.domain, other.domain)) continue;
      ok = false;
      env.ctx.sink.error(
        "E0302",
        parts[i].span,
        `cannot fan out ${showOperand(parts[firstIndex])} (${showSig(first)}) and ${showOperand(parts[i])} (${showSig(other)}): ${showType(other.domain)} is not ${showType(first.domain)}`,
        {
          related: [{ span: parts[firstIndex].span, message: `this branch takes ${showType(first.domain)}` }],
          help: "every branch of `&` receives the same input; to run ops on different inputs side by side use `*`",
        },
      );
    }
  }
  const sigs = typed.map((t) => t.sig);
  const terms = typed.map((t) => t.term);
  const known = sigs.every((s) => s !== undefined) ? (sigs as FlowSig[]) : undefined;
  return {
    term: terms.every((t) => t !== undefined)
      ? { kind: kind === "FlowFanout" ? "fanout" : "par", parts: terms as FlowTerm[] }
      : undefined,
    sig:
      ok && known
        ? {
            domain: kind === "FlowFanout" ? known[0].domain : productOf(known.map((s) => s.domain)),
            codomain: productOf(known.map((s) => s.codomain)),
          }
        : undefined,
    ok,
  };
}
