// One compilation's symbols: every file's declarations and references, with references resolved
// the way the compiler addresses names (one top-level namespace, `svc.op` meaning the op of the
// service's newest API, saga step names local to their saga). Built from syntax trees alone, so it
// keeps serving definition, references, rename and completion while the compile has errors.

import type { SourceFileAst, Span } from "@archc/dsl";
import { spanContains } from "../text/positions.js";
import { fileSymbols } from "./extract.js";
import type { FileSymbols, SymbolDecl, SymbolRef } from "./types.js";

interface ServiceEntry {
  readonly decl: SymbolDecl;
  /** API name → its declaration and ops, in declaration order. */
  readonly apis: Map<string, { readonly decl: SymbolDecl; readonly ops: Map<string, SymbolDecl> }>;
}

const VERSION = /^v(\d+)$/;

/**
 * API names newest first, ranked as the compiler ranks them: the highest `v<N>` first, names
 * that are not versions below every version, and among equal ranks the one declared last first.
 */
export function apisNewestFirst(apiNames: readonly string[]): string[] {
  const rank = (n: string) => (VERSION.test(n) ? Number(VERSION.exec(n)![1]) : -1);
  return apiNames
    .map((name, order) => ({ name, order }))
    .sort((a, b) => rank(b.name) - rank(a.name) || b.order - a.order)
    .map((x) => x.name);
}

interface Built {
  readonly files: Map<string, FileSymbols>;
  readonly topLevel: Map<string, SymbolDecl[]>;
  readonly byKey: Map<string, SymbolDecl>;
  readonly services: Map<string, ServiceEntry>;
  readonly steps: Map<string, SymbolDecl>;
}

export class SymbolTable {
  private built: Built | undefined;
  private refsByKey: Map<string, SymbolRef[]> | undefined;

  /** Nothing is computed until the first question: the checker thread never asks any. */
  constructor(private readonly asts: readonly SourceFileAst[]) {}

  private get state(): Built {
    if (this.built) return this.built;
    const built: Built = {
      files: new Map(),
      topLevel: new Map(),
      byKey: new Map(),
      services: new Map(),
      steps: new Map(),
    };
    this.built = built;
    for (const ast of this.asts) built.files.set(ast.path, fileSymbols(ast));
    for (const fs of built.files.values()) for (const d of fs.decls) this.add(d);
    return built;
  }

  get files(): ReadonlyMap<string, FileSymbols> {
    return this.state.files;
  }

  /** Top-level name → declarations (more than one is a duplicate; the first wins). */
  get topLevel(): ReadonlyMap<string, readonly SymbolDecl[]> {
    return this.state.topLevel;
  }

  get byKey(): ReadonlyMap<string, SymbolDecl> {
    return this.state.byKey;
  }

  private get services(): Map<string, ServiceEntry> {
    return this.state.services;
  }

  private get steps(): Map<string, SymbolDecl> {
    return this.state.steps;
  }

  private add(d: SymbolDecl): void {
    const { byKey, topLevel } = this.built!;
    if (!byKey.has(d.key)) byKey.set(d.key, d);
    switch (d.kind) {
      case "api": {
        const svc = this.services.get(d.container ?? "");
        if (svc && !svc.apis.has(d.name)) svc.apis.set(d.name, { decl: d, ops: new Map() });
        return;
      }
      case "op": {
        const api = this.services.get(d.container ?? "")?.apis.get(d.api ?? "");
        if (api && !api.ops.has(d.name)) api.ops.set(d.name, d);
        return;
      }
      case "step":
        if (!this.steps.has(d.key)) this.steps.set(d.key, d);
        return;
      default: {
        const list = topLevel.get(d.name);
        if (list) list.push(d);
        else topLevel.set(d.name, [d]);
        // Only the first service of a name owns its APIs: a duplicate is an error anyway.
        if (d.kind === "service" && !this.services.has(d.name))
          this.services.set(d.name, { decl: d, apis: new Map() });
      }
    }
  }

  /** Every declaration, files in compilation order. */
  *allDecls(): Iterable<SymbolDecl> {
    for (const fs of this.files.values()) yield* fs.decls;
  }

  *allRefs(): Iterable<SymbolRef> {
    for (const fs of this.files.values()) yield* fs.refs;
  }

  topDecl(name: string): SymbolDecl | undefined {
    return this.topLevel.get(name)?.[0];
  }

  serviceNames(): string[] {
    return [...this.services.keys()];
  }

  /** The APIs of a service, newest first. */
  apisOf(service: string): SymbolDecl[] {
    const svc = this.services.get(service);
    if (!svc) return [];
    return apisNewestFirst([...svc.apis.keys()]).map((n) => svc.apis.get(n)!.decl);
  }

  /** The ops of an API; without one, of the newest API (what `svc.op` addresses). */
  opsOf(service: string, api?: string): SymbolDecl[] {
    const svc = this.services.get(service);
    if (!svc) return [];
    const name = api ?? this.apisOf(service)[0]?.name;
    return name === undefined ? [] : [...(svc.apis.get(name)?.ops.values() ?? [])];
  }

  stepsOf(saga: string): SymbolDecl[] {
    return [...this.steps.values()].filter((s) => s.container === saga);
  }

  resolve(ref: SymbolRef): SymbolDecl | undefined {
    const t = ref.target;
    switch (t.kind) {
      case "top":
        return this.topDecl(t.name);
      case "api":
        return this.services.get(t.service)?.apis.get(t.api)?.decl;
      case "op":
        return this.opsOf(t.service, t.api).find((o) => o.name === t.op);
      case "step":
        return this.steps.get(`step:${t.saga}.${t.step}`);
    }
  }

  /** Every reference that resolves to the declaration with this key. */
  referencesTo(key: string): readonly SymbolRef[] {
    if (!this.refsByKey) {
      const index = new Map<string, SymbolRef[]>();
      for (const r of this.allRefs()) {
        const d = this.resolve(r);
        if (!d) continue;
        const list = index.get(d.key);
        if (list) list.push(r);
        else index.set(d.key, [r]);
      }
      this.refsByKey = index;
    }
    return this.refsByKey.get(key) ?? [];
  }

  /** Every declaration of this key (duplicates included), for rename and references. */
  declarationsOf(key: string): SymbolDecl[] {
    const first = this.byKey.get(key);
    if (!first) return [];
    if (key.startsWith("top:")) return [...(this.topLevel.get(first.name) ?? [first])];
    return [...this.allDecls()].filter((d) => d.key === key);
  }

  /** The reference or declaration name under the cursor in a file. */
  symbolAt(file: string, offset: number): { decl: SymbolDecl; ref?: SymbolRef; span: Span } | undefined {
    const fs = this.files.get(file);
    if (!fs) return undefined;
    for (const r of fs.refs) {
      if (!spanContains(r.span, offset)) continue;
      const decl = this.resolve(r);
      if (decl) return { decl, ref: r, span: r.span };
    }
    for (const d of fs.decls) if (spanContains(d.nameSpan, offset)) return { decl: d, span: d.nameSpan };
    return undefined;
  }

  /** An unresolved reference under the cursor (for "did you mean" and completion). */
  refAt(file: string, offset: number): SymbolRef | undefined {
    return this.files.get(file)?.refs.find((r) => spanContains(r.span, offset));
  }
}
