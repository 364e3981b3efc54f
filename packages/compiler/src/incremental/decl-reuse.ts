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
import { type DependencyCheck, kindsOf } from "./dependency-check.js";

/** What one compilation remembers about one declaration's entry, for the next. */
export interface DeclMemo {
  readonly table: DeclTable;
  readonly name: string;
  readonly value: unknown;
  /** Names looked up while building it, and the kind of each then (see `kindOf`). */
  readonly deps: readonly string[];
  readonly depKinds: readonly string[];
}

export type DeclMemos = ReadonlyMap<object, DeclMemo>;

/** The Model tables whose entries are reused here. */
const TABLES = ["stores", "brokers", "topics", "events", "flows", "sagas"] as const;

export type DeclTable = (typeof TABLES)[number];

export class DeclReuse {
  private readonly next = new Map<object, DeclMemo>();
  /** Counts, for tests and benchmarks. */
  readonly stats = { built: 0, reused: 0 };
  /** Per table, the names of the entries built in this compilation. */
  readonly fresh = new Map<DeclTable, string[]>(TABLES.map((t) => [t, []]));

  constructor(
    private readonly previous: DeclMemos | undefined,
    private readonly deps: DependencyCheck,
  ) {}

  /** The entry `decl` declares as `name` in `table`: the previous one or `build()`. */
  build<T>(ctx: CompileContext, table: DeclTable, name: string, decl: object, build: () => T): T {
    const memo = this.previous?.get(decl);
    if (
      memo !== undefined &&
      memo.table === table &&
      memo.name === name &&
      this.deps.unchanged(ctx, memo.deps, memo.depKinds)
    ) {
      this.next.set(decl, memo);
      this.stats.reused++;
      return memo.value as T;
    }
    this.stats.built++;
    this.fresh.get(table)?.push(name);
    this.deps.markRebuilt(name);
    const deps = new Set<string>();
    const before = ctx.sink.list.length;
    ctx.symbols.tracking = deps;
    let value: T;
    try {
      value = build();
    } finally {
      ctx.symbols.tracking = undefined;
    }
    if (ctx.sink.list.length === before) {
      const names = [...deps];
      this.next.set(decl, { table, name, value, deps: names, depKinds: kindsOf(ctx, names) });
    }
    return value;
  }

  /**
   * The memos the next compilation starts from, holding the entries of the finished Model
   * (structural sharing may have replaced a fresh one by the previous, equal, object).
   */
  finish(model: Model): DeclMemos {
    for (const [decl, memo] of this.next) {
      const value = (model[memo.table] as Record<string, unknown>)[memo.name];
      if (value !== memo.value && value !== undefined) this.next.set(decl, { ...memo, value });
    }
    return this.next;
  }
}
