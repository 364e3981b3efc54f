// The outline (document symbols) of one file and the workspace symbol search.

import * as path from "node:path";
import type * as A from "@archc/dsl";
import { type DocumentSymbol, SymbolKind, type WorkspaceSymbol } from "vscode-languageserver";
import { declarationDetail, sourceReader } from "../symbols/describe.js";
import type { SymbolKind as ArchKind } from "../symbols/types.js";
import { isUsableSpan, spanToRange } from "../text/positions.js";
import type { IndexSnapshot } from "../workspace/project.js";
import type { Located } from "./locate.js";

const lspKinds: Record<ArchKind, SymbolKind> = {
  system: SymbolKind.Package,
  service: SymbolKind.Class,
  api: SymbolKind.Module,
  op: SymbolKind.Method,
  record: SymbolKind.Struct,
  alias: SymbolKind.TypeParameter,
  enum: SymbolKind.Enum,
  event: SymbolKind.Event,
  topic: SymbolKind.Variable,
  store: SymbolKind.Variable,
  broker: SymbolKind.Variable,
  flow: SymbolKind.Function,
  saga: SymbolKind.Function,
  step: SymbolKind.Field,
  gateway: SymbolKind.Interface,
  deploy: SymbolKind.Namespace,
};

function symbol(
  name: string,
  kind: SymbolKind,
  span: A.Span,
  nameSpan: A.Span,
  detail?: string,
  children: DocumentSymbol[] = [],
): DocumentSymbol | undefined {
  if (!isUsableSpan(span) || !isUsableSpan(nameSpan)) return undefined;
  // The selection must lie inside the range, even when recovery produced odd spans.
  const inside = nameSpan.start >= span.start && nameSpan.end <= span.end;
  return {
    name,
    kind,
    range: spanToRange(inside ? span : nameSpan),
    selectionRange: spanToRange(nameSpan),
    ...(detail ? { detail } : {}),
    ...(children.length > 0 ? { children } : {}),
  };
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

export function documentSymbols(at: Located): DocumentSymbol[] {
  const src = sourceReader([at.parsed]);
  const table = at.compilations[0]?.table;
  const fileDecls = table?.files.get(at.file)?.decls ?? [];
  const detailOf = (nameSpan: A.Span) => {
    const d = fileDecls.find((x) => x.nameSpan.start === nameSpan.start);
    return d ? declarationDetail(d, src) : undefined;
  };
  const out: DocumentSymbol[] = [];
  for (const d of at.parsed.ast.decls ?? []) {
    if (!d) continue;
    if (d.kind === "Rules") {
      const s = symbol("rules", SymbolKind.Namespace, d.span, d.span);
      if (s) out.push(s);
      continue;
    }
    const name = d.name;
    if (!name?.text) continue;
    const kind = lspKinds[archKindOf(d)];
    let children: DocumentSymbol[] = [];
    if (d.kind === "Service") {
      children = (d.members ?? []).flatMap((m) => {
        if (m?.kind !== "Api" || !m.name?.text) return [];
        const ops = (m.ops ?? [])
          .filter((o) => o?.name?.text)
          .map((o) => symbol(o.name.text, SymbolKind.Method, o.span, o.name.span, detailOf(o.name.span)))
          .filter(defined);
        return [symbol(m.name.text, SymbolKind.Module, m.span, m.name.span, m.protocol?.text, ops)].filter(
          defined,
        );
      });
    } else if (d.kind === "Type") {
      children = (d.fields ?? [])
        .filter((f) => f?.name)
        .map((f) => {
          const n = f.name.kind === "String" ? f.name.value : f.name.text;
          return symbol(n, SymbolKind.Field, f.span, f.name.span, src(f.type?.span));
        })
        .filter(defined);
    } else if (d.kind === "Enum") {
      children = (d.members ?? [])
        .filter((m) => m?.text)
        .map((m) => symbol(m.text, SymbolKind.EnumMember, m.span, m.span))
        .filter(defined);
    } else if (d.kind === "Saga") {
      const steps = (d.items ?? []).flatMap((i) => (i?.kind === "Parallel" ? (i.steps ?? []) : i ? [i] : []));
      children = steps
        .filter((s) => s?.name?.text)
        .map((s) => symbol(s.name.text, SymbolKind.Field, s.span, s.name.span, detailOf(s.name.span)))
        .filter(defined);
    } else if (d.kind === "Gateway") {
      children = (d.members ?? [])
        .filter((m): m is A.RouteMember => m?.kind === "Route" && m.path !== undefined)
        .map((m) => symbol(m.path.value, SymbolKind.Property, m.span, m.path.span, src(m.service?.span)))
        .filter(defined);
    }
    const s = symbol(name.text, kind, d.span, name.span, detailOf(name.span), children);
    if (s) out.push(s);
  }
  return out;
}

function archKindOf(d: Exclude<A.Decl, A.RulesDecl>): ArchKind {
  switch (d.kind) {
    case "System":
      return "system";
    case "Type":
      return "record";
    case "Alias":
      return "alias";
    case "Enum":
      return "enum";
    case "Store":
      return "store";
    case "Broker":
      return "broker";
    case "Topic":
      return "topic";
    case "Event":
      return "event";
    case "Service":
      return "service";
    case "Flow":
      return "flow";
    case "Saga":
      return "saga";
    case "Gateway":
      return "gateway";
    case "Deploy":
      return "deploy";
  }
}

/** Case-insensitive subsequence match, the way editors' symbol pickers filter. */
function matches(query: string, name: string): boolean {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let i = 0;
  for (const ch of n) if (ch === q[i]) i++;
  return i === q.length;
}

export function workspaceSymbols(
  snapshot: IndexSnapshot,
  query: string,
  uriOf: (abs: string) => string,
  limit = 500,
): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  const seen = new Set<string>();
  for (const c of snapshot.compilations) {
    for (const d of c.table.allDecls()) {
      const display = d.kind === "op" ? `${d.container}.${d.name}` : d.name;
      if (!matches(query, display)) continue;
      const abs = path.resolve(c.folder, d.file);
      const id = `${abs}:${d.nameSpan.start}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({
        name: display,
        kind: lspKinds[d.kind],
        location: { uri: uriOf(abs), range: spanToRange(d.nameSpan) },
        ...(d.container ? { containerName: d.api ? `${d.container}.${d.api}` : d.container } : {}),
      });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
