// Code actions: the fixes diagnostics carry ("did you mean"), a timeout and a breaker for an
// unprotected call, a compensation skeleton for a saga step without one, and an `archc-allow`
// comment (with a reason) for a finding the team accepts.

import * as path from "node:path";
import type * as A from "@archc/dsl";
import { plainSpan } from "@archc/dsl";
import {
  type CodeAction,
  CodeActionKind,
  type Command,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver";
import { sourceReader } from "../symbols/describe.js";
import { isUsableSpan, lineIndexOf, offsetAt, spanToRange } from "../text/positions.js";
import type { Checker } from "../workspace/checker.js";
import type { Compilation } from "../workspace/project.js";
import type { ServedDiagnostic, ServedLocation } from "../workspace/served-diagnostics.js";
import { toLspDiagnostic } from "./diagnostics.js";
import type { Located } from "./locate.js";

export const ALLOW_COMMAND = "archc.allowFinding";
const DEFAULT_POLICY = { timeout: "timeout 1s", breaker: "breaker 5 in 30s" };

/** Arguments of the allow command: where the finding is and which rule it is. */
export interface AllowArgs {
  readonly uri: string;
  /** 0-based line of the finding; the comment goes on the line before it. */
  readonly line: number;
  readonly rule: string;
  /** The reason; clients that can prompt (the VS Code extension) fill it in. */
  readonly reason?: string;
}

export async function codeActions(
  checker: Checker,
  stateKey: string,
  at: Located,
  range: Range,
  uriOf: (abs: string) => string,
): Promise<(CodeAction | Command)[]> {
  const from = offsetAt(at.lines, range.start);
  const to = offsetAt(at.lines, range.end);
  const c = at.compilations[0];
  if (!c) return [];
  const folder = c.folder;
  // Fixes edit by range and findings are matched by offset, so they must come from a check of
  // exactly this text: wait for it.
  const result = await checker.current();
  const fileDiags = result.key === stateKey ? (result.byFile.get(at.abs) ?? []) : [];
  // Diagnostics on the lines of the cursor or selection: a fix is offered anywhere on its line.
  const lineFrom = at.lines.offsetOf(range.start.line + 1, 1);
  const lineTo = at.lines.offsetOf(range.end.line + 2, 1);
  const diags = fileDiags.filter((d) => overlaps(d.span, Math.min(from, lineFrom), Math.max(to, lineTo - 1)));
  const actions: CodeAction[] = [];

  for (const d of diags) {
    for (const fix of d.fixes ?? []) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toLspDiagnostic(d, uriOf)],
        isPreferred: (d.fixes?.length ?? 0) === 1,
        edit: workspaceEdit(fix.edits, uriOf),
      });
    }
  }

  for (const call of callsIn(at.parsed.ast, from, to)) {
    const action = protectCall(at, call, folder, uriOf);
    if (!action) continue;
    const finding = fileDiags.find(
      (d) => d.code === "unprotected-call" && overlaps(d.span, call.span.start, call.span.end),
    );
    actions.push(withFinding(action, finding, uriOf));
  }

  for (const step of stepsIn(at.parsed.ast, from, to)) {
    const action = compensationSkeleton(c, step, uriOf);
    if (!action) continue;
    const finding = fileDiags.find(
      (d) => d.code === "saga-missing-compensation" && overlaps(d.span, step.span.start, step.span.end),
    );
    actions.push(withFinding(action, finding, uriOf));
  }

  for (const d of diags) {
    if (!/^[a-z]/.test(d.code) || !isUsableSpan(d.span)) continue; // rule findings only
    const args: AllowArgs = { uri: uriOf(at.abs), line: d.span.line - 1, rule: d.code };
    actions.push({
      title: `Allow \`${d.code}\` here (archc-allow with a reason)…`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [toLspDiagnostic(d, uriOf)],
      command: { title: "Allow finding", command: ALLOW_COMMAND, arguments: [args] },
    });
  }
  return actions;
}

/** The edit of the allow command: `// archc-allow rule: reason` above the finding's line. */
export function allowEdit(text: string, args: AllowArgs): WorkspaceEdit {
  const lines = text.split("\n");
  const target = lines[args.line] ?? "";
  const indent = /^\s*/.exec(target)?.[0] ?? "";
  const reason = args.reason?.trim() || "TODO: say why this finding is acceptable";
  const newText = `${indent}// archc-allow ${args.rule}: ${reason.replace(/\n/g, " ")}\n`;
  const at = { line: args.line, character: 0 };
  return { changes: { [args.uri]: [{ range: { start: at, end: at }, newText }] } };
}

function overlaps(span: A.Span, from: number, to: number): boolean {
  return isUsableSpan(span) && span.start <= to && from <= span.end;
}

function withFinding(
  action: CodeAction,
  finding: ServedDiagnostic | undefined,
  uriOf: (abs: string) => string,
): CodeAction {
  if (!finding) return { ...action, kind: CodeActionKind.RefactorRewrite };
  return {
    ...action,
    kind: CodeActionKind.QuickFix,
    isPreferred: true,
    diagnostics: [toLspDiagnostic(finding, uriOf)],
  };
}

type FileEdit = ServedLocation & { readonly newText: string };

function workspaceEdit(edits: readonly FileEdit[], uriOf: (abs: string) => string): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of edits) {
    const uri = uriOf(e.file);
    const list = changes[uri] ?? [];
    list.push({ range: e.range, newText: e.newText });
    changes[uri] = list;
  }
  return { changes };
}

/** Edits of spans in a compilation's files (`span.file` is relative to `folder`). */
function spanEdits(edits: readonly A.TextEdit[], folder: string): FileEdit[] {
  return edits.map((e) => ({
    file: path.resolve(folder, e.span.file),
    range: spanToRange(e.span),
    newText: e.newText,
  }));
}

function callsIn(ast: A.SourceFileAst, from: number, to: number): A.CallsMember[] {
  const out: A.CallsMember[] = [];
  for (const d of ast.decls ?? [])
    if (d?.kind === "Service")
      for (const m of d.members ?? []) if (m?.kind === "Calls" && overlaps(m.span, from, to)) out.push(m);
  return out;
}

function stepsIn(ast: A.SourceFileAst, from: number, to: number): A.SagaStep[] {
  const out: A.SagaStep[] = [];
  for (const d of ast.decls ?? []) {
    if (d?.kind !== "Saga") continue;
    for (const item of d.items ?? []) {
      const steps = item?.kind === "Parallel" ? (item.steps ?? []) : item ? [item] : [];
      for (const s of steps) if (s && overlaps(s.span, from, to)) out.push(s);
    }
  }
  return out;
}

/** `calls x.y` → `calls x.y { timeout 1s  breaker 5 in 30s }` (only what is missing). */
function protectCall(
  at: Located,
  call: A.CallsMember,
  folder: string,
  uriOf: (abs: string) => string,
): CodeAction | undefined {
  const keys = new Set(
    (call.policy ?? []).map((p) =>
      p?.kind === "Breaker" ? "breaker" : p?.kind === "Property" ? p.key?.text : p?.name?.text,
    ),
  );
  if (keys.has("timeout") || keys.has("breaker")) return undefined;
  if (!isUsableSpan(call.span) || !isUsableSpan(call.target?.span)) return undefined;
  const policy = `${DEFAULT_POLICY.timeout}  ${DEFAULT_POLICY.breaker}`;
  const text = at.parsed.text;
  let edit: A.TextEdit;
  if (!call.hasBlock) {
    const end = call.target.span.end;
    edit = { span: at.lines.span(at.file, end, end), newText: ` { ${policy} }` };
  } else {
    const close = text.lastIndexOf("}", call.span.end - 1);
    const open = text.indexOf("{", call.target.span.end);
    if (close < 0 || open < 0 || close < open) return undefined;
    const inside = text.slice(open + 1, close);
    edit =
      inside.trim() === ""
        ? { span: at.lines.span(at.file, open, close + 1), newText: `{ ${policy} }` }
        : {
            span: at.lines.span(at.file, close, close),
            newText: `${/\s$/.test(inside) ? "" : " "}${policy} `,
          };
  }
  return {
    title: `Add a timeout and a circuit breaker to \`calls ${textOf(text, call.target.span)}\``,
    edit: workspaceEdit(spanEdits([edit], folder), uriOf),
  };
}

/**
 * `step charge: payments.charge` → `… compensate payments.undo-charge`, plus, when the service
 * has no op that takes the step's result, the op itself (`op undo-charge: Payment -> unit
 * idempotent`) in the API that declares `charge` — a skeleton that type-checks.
 */
function compensationSkeleton(
  c: Compilation,
  step: A.SagaStep,
  uriOf: (abs: string) => string,
): CodeAction | undefined {
  if (step.compensation || step.role === "pivot" || step.retriable) return undefined;
  const ref = step.action?.ref;
  if (!ref || !isUsableSpan(step.action.span) || !ref.service?.text || !ref.op?.text) return undefined;
  const opDecl = c.table.opsOf(ref.service.text, ref.api?.text).find((o) => o.name === ref.op.text);
  if (opDecl?.node.kind !== "Op") return undefined;
  const op = opDecl.node;
  if ((op.modifiers ?? []).some((m) => m?.kind === "Flag" && m.name?.text === "readonly")) return undefined;
  const src = sourceReader(c.workspace.files);
  const result = src(op.codomain?.span);
  const service = ref.service.text;
  const api = opDecl.api ?? "";
  const siblings = c.table.opsOf(service, api);
  const existing = siblings.find(
    (o) =>
      o.node.kind === "Op" &&
      o.name !== op.name?.text &&
      src(o.node.domain?.span) === result &&
      /undo|cancel|refund|release|compensat|revert|reject/.test(o.name),
  );
  const newest = c.table.apisOf(service)[0]?.name;
  const address = (name: string) => (api === newest ? `${service}.${name}` : `${service}.${api}.${name}`);
  const edits: A.TextEdit[] = [];
  let compensation: string;
  if (existing) compensation = address(existing.name);
  else {
    let name = `undo-${op.name.text}`;
    for (let i = 2; siblings.some((o) => o.name === name); i++) name = `undo-${op.name.text}-${i}`;
    compensation = address(name);
    const apiDecl = c.table.apisOf(service).find((a) => a.name === api);
    const apiFile = c.workspace.files.find((f) => f.file === apiDecl?.file);
    if (!apiDecl || !apiFile) return undefined;
    const close = apiFile.text.lastIndexOf("}", apiDecl.span.end - 1);
    if (close < 0) return undefined;
    const opLineStart = apiFile.text.lastIndexOf("\n", op.span.start) + 1;
    const indent = /^[ \t]*/.exec(apiFile.text.slice(opLineStart))?.[0] ?? "  ";
    const line = `op ${name}: ${result} -> unit idempotent`;
    const lineOfClose = apiFile.text.lastIndexOf("\n", close) + 1;
    const closeOnOwnLine = apiFile.text.slice(lineOfClose, close).trim() === "";
    const insertAt = closeOnOwnLine ? lineOfClose : close;
    const spanOf = (o: number) => lineIndexOf(apiFile.text).span(apiFile.file, o, o);
    edits.push({ span: spanOf(insertAt), newText: closeOnOwnLine ? `${indent}${line}\n` : ` ${line} ` });
  }
  const after = step.action.span;
  edits.push({
    span: { ...plainSpan(after), start: after.end, line: after.endLine, col: after.endCol },
    newText: ` compensate ${compensation}`,
  });
  return {
    title: existing
      ? `Compensate step \`${step.name?.text}\` with \`${compensation}\``
      : `Add a compensation skeleton for step \`${step.name?.text}\` (\`${compensation}\`)`,
    edit: workspaceEdit(spanEdits(edits, c.folder), uriOf),
  };
}

function textOf(text: string, span: A.Span): string {
  return text.slice(span.start, span.end);
}
