// Reusing the Model entries of declarations other than services and types from the previous
// compilation: stores, brokers, topics and events (buildInfra), flows (buildFlows) and sagas
// (buildSagas). An entry is reused when its declaration is the same AST object as before, its
// build raised no diagnostic then, and every name it looked up gives the same now
// (dependency-check.ts): a symbol of the same kind, with the same fingerprint when it is a
// type, a service or an event — the only declarations whose content these stages read (the
// others are looked up for their kind alone). Reused entries are the previous objects, so
// structural sharing has nothing to compare for them.

import type { CompileContext } from "../context.js";
import type { Model } from "../model/schema.js";
import type { DeclSymbol } from "../names/collect-decls.js";
import { type DependencyCheck, kindsOf } from "./dependency-check.js";
import type { Checked, Versions } from "./reuse-store.js";

/** What the compilations remember about one declaration's entry, for the next. */
export interface DeclMemo extends Checked {
  readonly table: DeclTable;
  readonly name: string;
  /** Set once more when the Model is final (see `finish`). */
  value: unknown;
  /** Names looked up while building it, and the kind of each then (see `kindOf`). */
  readonly deps: readonly string[];
  readonly depKinds: readonly string[];
}

/** The Model tables whose entries are reused here. */
const TABLES = ["stores", "brokers", "topics", "events", "flows", "sagas"] as const;

export type DeclTable = (typeof TABLES)[number];

export class DeclReuse {
  /** Memos made in this compilation, whose entries structural sharing may replace. */
  private readonly made: DeclMemo[] = [];
  /** Counts, for tests and benchmarks. */
  readonly stats = { built: 0, reused: 0 };
  /** Per table, the names of the entries built in this compilation. */
  readonly fresh = new Map<DeclTable, string[]>(TABLES.map((t) => [t, []]));

  constructor(
    private readonly memos: WeakMap<object, DeclMemo>,
    private readonly versions: Versions,
    private readonly deps: DependencyCheck,
  ) {}

  /** The entry `sym` declares in `table`: the previous one or `build(ctx, sym)`. */
  build<S extends DeclSymbol, T>(
    ctx: CompileContext,
    table: DeclTable,
    sym: S,
    build: (ctx: CompileContext, sym: S) => T,
  ): T {
    const { name, decl } = sym;
    const memo = this.memos.get(decl);
    if (
      memo !== undefined &&
      memo.checked === this.versions.previous &&
      memo.table === table &&
      memo.name === name &&
      this.deps.unchanged(ctx, memo.deps, memo.depKinds)
    ) {
      memo.checked = this.versions.current;
      this.stats.reused++;
      return memo.value as T;
    }
    this.stats.built++;
    this.fresh.get(table)?.push(name);
    this.deps.markRebuilt(name, sym.kind);
    const deps = new Set<string>();
    const before = ctx.sink.list.length;
    ctx.symbols.tracking = deps;
    let value: T;
    try {
      value = build(ctx, sym);
    } finally {
      ctx.symbols.tracking = undefined;
    }
    if (ctx.sink.list.length === before) {
      const names = [...deps];
      const made = {
        table,
        name,
        value,
        deps: names,
        depKinds: kindsOf(ctx, names),
        checked: this.versions.current,
      };
      this.memos.set(decl, made);
      this.made.push(made);
    } else this.memos.delete(decl);
    return value;
  }

  /**
   * Points the memos made in this compilation at the entries of the finished Model
   * (structural sharing may have replaced a fresh one by the previous, equal, object).
   */
  finish(model: Model): void {
    for (const memo of this.made) {
      const value = (model[memo.table] as Record<string, unknown>)[memo.name];
      if (value !== undefined) memo.value = value;
    }
  }
}
