// Stage: sagas — steps flattened in order (parallel members tagged with their group), each
// step's op and source typed (LANGUAGE.md §2.6), compensations typed against the step's result
// or their declared source (LAWS.md §A9), kinds assigned, and the shape checked.

import type { Name, SagaCall as SagaCallAst, SagaDecl, SagaStep as SagaStepAst, Span } from "@archc/dsl";
import { suggestNames } from "@archc/dsl";
import { buildEntry, type CompileContext } from "../context.js";
import { present, replaceName } from "../diagnostics.js";
import type { Saga, SagaCall, SagaStep, TypeExpr } from "../model/schema.js";
import { resolveOpRefAst } from "../names/api-table.js";
import { lookup, type SymbolOf } from "../names/collect-decls.js";
import { defined } from "../build/read-props.js";
import { compatible, showType } from "../types/type-expr.js";
import { checkSagaShape } from "./check-saga-shape.js";

interface FlatStep {
  readonly ast: SagaStepAst;
  readonly group?: number;
  readonly index: number;
}

/** What a step's source resolves to: its name and the type it delivers (if known). */
interface Source {
  readonly name: string;
  readonly type?: TypeExpr;
  /** How to describe it in a message. */
  readonly describe: string;
}

export function buildSagas(ctx: CompileContext): void {
  const sagas = ctx.symbols.ofKind("saga");
  for (let i = 0; i < sagas.length; i++)
    ctx.model.sagas[sagas[i].name] = buildEntry(ctx, "sagas", sagas[i], buildCheckedSaga);
}

function buildCheckedSaga(ctx: CompileContext, sym: SymbolOf<"saga">): Saga {
  const saga = buildSaga(ctx, sym.name, sym.decl);
  checkSagaShape(ctx, saga);
  return saga;
}

function flatten(d: SagaDecl): FlatStep[] {
  const out: FlatStep[] = [];
  let group = 0;
  for (const item of d.items ?? []) {
    if (item.kind === "Step") out.push({ ast: item, index: out.length });
    else {
      for (const s of item.steps ?? []) out.push({ ast: s, group, index: out.length });
      group++;
    }
  }
  return out.filter((s) => present(s.ast.name));
}

function buildSaga(ctx: CompileContext, name: string, d: SagaDecl): Saga {
  const input = ctx.types.resolve(d.input);
  const by = lookup(ctx.symbols, ctx.sink, d.by, ["service"], "service");
  const flat = flatten(d);

  // Positions of every step (first declaration wins), to tell a later step from an unknown one.
  const position = new Map<string, FlatStep>();
  for (const s of flat) {
    const first = position.get(s.ast.name.text);
    if (first)
      ctx.sink.error("E0206", s.ast.name.span, `saga step \`${s.ast.name.text}\` is declared twice`, {
        related: [{ span: first.ast.name.span, message: "first declared here" }],
      });
    else position.set(s.ast.name.text, s);
  }
  const results = new Map<string, TypeExpr | undefined>();
  const steps: SagaStep[] = [];
  for (const s of flat) {
    if (position.get(s.ast.name.text) !== s) continue;
    const step = buildStep(ctx, s, input, position, results);
    steps.push(step);
    const op = step.action.op === undefined ? undefined : ctx.model.ops[step.action.op];
    results.set(step.name, op?.codomain);
  }
  return defined({
    name,
    input,
    by: by?.name,
    bySpan: by ? d.by?.span : undefined,
    steps,
    pivot: steps.find((s) => s.kind === "pivot")?.name,
    doc: d.doc,
    span: d.span,
    nameSpan: d.name.span,
  });
}

function buildStep(
  ctx: CompileContext,
  s: FlatStep,
  input: TypeExpr,
  position: ReadonlyMap<string, FlatStep>,
  results: ReadonlyMap<string, TypeExpr | undefined>,
): SagaStep {
  const ast = s.ast;
  const stepName = ast.name.text;
  const resolveSource = (src: Name | undefined, allowSelf: boolean, self?: TypeExpr): Source | undefined => {
    if (src === undefined || src.text === "input")
      return { name: "input", type: input, describe: "the saga's input" };
    if (!present(src)) return undefined;
    if (allowSelf && src.text === stepName)
      return { name: stepName, type: self, describe: `step \`${stepName}\`` };
    const target = position.get(src.text);
    const earlier = target !== undefined && target.index < s.index && results.has(src.text);
    if (earlier && (s.group === undefined || target.group !== s.group))
      return { name: src.text, type: results.get(src.text), describe: `step \`${src.text}\`` };
    const candidates = ["input", ...results.keys()];
    const best = target === undefined ? suggestNames(src.text, candidates)[0] : undefined;
    const why =
      target === undefined
        ? `unknown step \`${src.text}\`${best ? ` (did you mean \`${best}\`?)` : ""}`
        : target === s
          ? `step \`${stepName}\` cannot take its own result as its input`
          : target.index > s.index
            ? `step \`${src.text}\` runs after \`${stepName}\`, so its result is not available yet`
            : `step \`${src.text}\` runs in parallel with \`${stepName}\`, so its result is not available`;
    ctx.sink.error("E0402", src.span, why, {
      related:
        target !== undefined && target !== s
          ? [{ span: target.ast.name.span, message: `\`${src.text}\` is declared here` }]
          : [],
      help: "a source is `input` (the saga's parameter) or a step that runs earlier",
      fixes: best ? [replaceName(src.span, best)] : [],
    });
    return undefined;
  };

  const action = ast.action;
  const actionOp = resolveOpRefAst(ctx.symbols, ctx.apis, ctx.sink, action?.ref);
  const actionSource = action ? resolveSource(action.source, false) : undefined;
  const op = actionOp === undefined ? undefined : ctx.model.ops[actionOp];
  if (op && actionSource?.type && !compatible(op.domain, actionSource.type))
    ctx.sink.error(
      "E0401",
      action.span,
      `step \`${stepName}\` calls \`${op.id}\`, which takes ${showType(op.domain)}, but its source, ${actionSource.describe}, gives ${showType(actionSource.type)}`,
      { help: "pass the step a source of the op's domain: `svc.op(step)` names an earlier step's result" },
    );

  let compensation: SagaCall | undefined;
  const comp = ast.compensation;
  if (comp !== undefined) {
    const compOp = resolveOpRefAst(ctx.symbols, ctx.apis, ctx.sink, comp.ref);
    const source: Source | undefined =
      comp.source === undefined
        ? {
            name: stepName,
            type: op?.codomain,
            describe: `step \`${stepName}\`${op ? ` (${op.id})` : ""} returns`,
          }
        : resolveSource(comp.source, true, op?.codomain);
    const c = compOp === undefined ? undefined : ctx.model.ops[compOp];
    if (c && source?.type && !compatible(c.domain, source.type)) {
      const gives =
        comp.source === undefined
          ? `${source.describe} ${showType(source.type)}`
          : `its source, ${source.describe}, gives ${showType(source.type)}`;
      ctx.sink.error(
        "E0403",
        comp.span,
        `compensation \`${c.id}\` takes ${showType(c.domain)}, but ${gives}`,
        {
          related: [{ span: c.nameSpan, message: `\`${c.name}\` takes ${showType(c.domain)}` }],
          help: "a compensation receives the step's result unless a source is named: `compensate svc.op(source)`",
        },
      );
    }
    compensation = sagaCall(comp, compOp, source?.name ?? stepName, ast.span);
  }

  const kind: SagaStep["kind"] =
    ast.role === "pivot"
      ? "pivot"
      : ast.retriable
        ? "retriable"
        : compensation !== undefined
          ? "compensatable"
          : op?.readonly
            ? "readonly"
            : "uncompensated";
  return defined({
    name: stepName,
    kind,
    action: sagaCall(action, actionOp, actionSource?.name ?? action?.source?.text ?? "input", ast.span),
    compensation,
    group: s.group,
    doc: ast.doc,
    span: ast.span,
    nameSpan: ast.name.span,
  });
}

function sagaCall(
  call: SagaCallAst | undefined,
  op: string | undefined,
  source: string,
  fallback: Span,
): SagaCall {
  return defined({ op, source, span: call?.span ?? fallback });
}
