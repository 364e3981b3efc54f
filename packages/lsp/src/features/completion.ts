// Completion: keywords valid at the cursor and names of the right kind — `calls ` offers
// services, `payments.` that service's ops, a type position the declared types and primitives.

import { PrimitiveNames } from "@archc/compiler";
import {
  type CompletionItem,
  CompletionItemKind,
  type CompletionList,
  MarkupKind,
} from "vscode-languageserver";
import { declarationDetail, sourceReader } from "../symbols/describe.js";
import type { SymbolTable } from "../symbols/symbol-table.js";
import type { SymbolDecl, SymbolKind } from "../symbols/types.js";
import { positionAt } from "../text/positions.js";
import { pipeline } from "../workspace/pipeline.js";
import { completionWants, type Want } from "./completion-context.js";
import type { Located } from "./locate.js";

const WORD_BEFORE_CURSOR = /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]*)*$/;

const itemKinds: Record<SymbolKind, CompletionItemKind> = {
  system: CompletionItemKind.Module,
  service: CompletionItemKind.Class,
  api: CompletionItemKind.Module,
  op: CompletionItemKind.Method,
  record: CompletionItemKind.Struct,
  alias: CompletionItemKind.TypeParameter,
  enum: CompletionItemKind.Enum,
  event: CompletionItemKind.Event,
  topic: CompletionItemKind.Variable,
  store: CompletionItemKind.Variable,
  broker: CompletionItemKind.Variable,
  flow: CompletionItemKind.Function,
  saga: CompletionItemKind.Function,
  step: CompletionItemKind.Field,
  gateway: CompletionItemKind.Class,
  deploy: CompletionItemKind.Module,
};

export function completion(at: Located): CompletionList {
  const text = at.parsed.text;
  const lineStart = at.lines.offsetOf(at.lines.position(at.offset).line, 1);
  const word = WORD_BEFORE_CURSOR.exec(text.slice(lineStart, at.offset))?.[0] ?? "";
  const wordStart = at.offset - word.length;
  if (insideCommentOrString(at, wordStart)) return { isIncomplete: false, items: [] };

  // Lex from the start of the declaration around the cursor: enough context, bounded cost.
  let from = 0;
  for (const d of at.parsed.ast.decls ?? [])
    if (d && Number.isFinite(d.span.start) && d.span.start <= wordStart) from = Math.max(from, d.span.start);
  const wants = completionWants(text.slice(from, wordStart));

  const table = at.compilations[0]?.table;
  const src = sourceReader(at.compilations[0]?.workspace.files ?? []);
  const range = { start: positionAt(at.lines, wordStart), end: positionAt(at.lines, at.offset) };
  const items = new Map<string, CompletionItem>();
  const add = (item: CompletionItem) => {
    if (!items.has(item.label)) items.set(item.label, { ...item, textEdit: { range, newText: item.label } });
  };
  const addDecl = (d: SymbolDecl, sortPrefix = "1") =>
    add({
      label: d.name,
      kind: itemKinds[d.kind],
      detail: declarationDetail(d, src),
      sortText: `${sortPrefix}${d.name}`,
      ...(d.doc ? { documentation: { kind: MarkupKind.Markdown, value: d.doc } } : {}),
    });
  const addTop = (kinds: readonly SymbolKind[]) => {
    if (!table) return;
    for (const [, decls] of table.topLevel) if (kinds.includes(decls[0].kind)) addDecl(decls[0]);
  };

  for (const want of wants) addWant(want, table, add, addDecl, addTop);
  return { isIncomplete: false, items: [...items.values()] };
}

function addWant(
  want: Want,
  table: SymbolTable | undefined,
  add: (item: CompletionItem) => void,
  addDecl: (d: SymbolDecl, sortPrefix?: string) => void,
  addTop: (kinds: readonly SymbolKind[]) => void,
): void {
  switch (want.kind) {
    case "keywords":
      for (const w of want.words) add({ label: w, kind: CompletionItemKind.Keyword, sortText: `2${w}` });
      return;
    case "values":
      for (const w of want.words) add({ label: w, kind: CompletionItemKind.EnumMember, sortText: `1${w}` });
      return;
    case "services":
      addTop(["service"]);
      return;
    case "gateways":
      addTop(["gateway"]);
      return;
    case "stores":
      addTop(["store"]);
      return;
    case "events":
      addTop(["event"]);
      return;
    case "topics":
      addTop(["topic"]);
      return;
    case "brokers":
      addTop(["broker"]);
      return;
    case "anyTopLevel":
      addTop([
        "service",
        "store",
        "broker",
        "topic",
        "event",
        "record",
        "alias",
        "enum",
        "flow",
        "saga",
        "gateway",
      ]);
      return;
    case "types":
      addTop(["record", "alias", "enum"]);
      for (const p of PrimitiveNames)
        add({ label: p, kind: CompletionItemKind.TypeParameter, detail: "primitive", sortText: `3${p}` });
      for (const c of ["list", "map"]) add({ label: c, kind: CompletionItemKind.Keyword, sortText: `4${c}` });
      return;
    case "ops":
      if (!table) return;
      for (const op of table.opsOf(want.service, want.api)) addDecl(op);
      if (want.withApis) for (const api of table.apisOf(want.service)) addDecl(api, "5");
      return;
    case "apis":
      if (table) for (const api of table.apisOf(want.service)) addDecl(api);
      return;
    case "steps":
      if (table) for (const s of table.stepsOf(want.saga)) addDecl(s);
      return;
    case "rules":
      for (const id of pipeline.ruleIds())
        add({ label: id, kind: CompletionItemKind.Constant, sortText: `1${id}` });
      return;
  }
}

function insideCommentOrString(at: Located, offset: number): boolean {
  for (const c of at.parsed.ast.comments ?? [])
    if (c && c.span.start < offset && offset <= c.span.end && (c.style !== "block" || offset < c.span.end))
      return true;
  // An odd number of quotes before the cursor on its line: inside a string.
  const lineStart = at.lines.offsetOf(at.lines.position(offset).line, 1);
  const quotes = at.parsed.text.slice(lineStart, offset).replace(/\\./g, "").split('"').length - 1;
  return quotes % 2 === 1;
}
