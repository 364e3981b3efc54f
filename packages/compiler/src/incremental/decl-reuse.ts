// Reusing the Model entries of declarations other than services and types from the previous
// compilation: stores, brokers, topics and events (buildInfra), flows (buildFlows) and sagas
// (buildSagas). An entry is reused when its declaration is the same AST object as before, its
// build raised no diagnostic then, and every name it looked up is a symbol of the same kind
// now, with the same fingerprint (incremental/fingerprint.ts) when it is a type, a service or
// an event — the only declarations whose content these stages read (the others are looked up
// for their kind alone). Reused entries are the previous objects, so structural sharing has
// nothing to compare for them.

import type { CompileContext } from "../context.js";
import type { Model } from "../model/schema.js";
import { isPrimitiveName } from "../types/type-expr.js";
import { Fingerprints } from "./fingerprint.js";

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

/** The previous compilation's memos and its finished Model's fingerprints. */
export interface DeclReuseBase {
  readonly memos: DeclMemos;
  readonly fingerprints: Fingerprints;
}

/** The Model tables whose entries are reused here, and the stage that builds each. */
const STAGE_OF = {
  stores: "infra",
  brokers: "infra",
  topics: "infra",
  events: "infra",
  flows: "flows",
  sagas: "sagas",
} as const;

export type DeclTable = keyof typeof STAGE_OF;

/** Kinds whose fingerprint covers what a dependent reads about them. */
const READ_KINDS = new Set(["record", "enum", "alias", "service", "event"]);

/**
 * The table holding the entry of a symbol of these kinds: the same entry object means the same
 * fingerprint (an alias's covers the records inside it, so it has none here).
 */
const ENTRY_TABLE: Readonly<Record<string, "types" | "services" | "events" | undefined>> = {
  record: "types",
  enum: "types",
  service: "services",
  event: "events",
};

export class DeclReuse {
  private readonly next = new Map<object, DeclMemo>();
  private current: Fingerprints | undefined;
  /** The Model tables a stage may read are final when it starts: fingerprints are per stage. */
  private stage: string | undefined;
  /** Counts, for tests and benchmarks. */
  readonly stats = { built: 0, reused: 0 };
  /** Per table, the names of the entries built in this compilation. */
  readonly fresh = new Map<DeclTable, string[]>(Object.keys(STAGE_OF).map((t) => [t as DeclTable, []]));

  constructor(private readonly previous: DeclReuseBase | undefined) {}

  /** The entry `decl` declares as `name` in `table`: the previous one or `build()`. */
  build<T>(ctx: CompileContext, table: DeclTable, name: string, decl: object, build: () => T): T {
    const stage = STAGE_OF[table];
    if (stage !== this.stage) {
      this.stage = stage;
      this.current = undefined;
    }
    const memo = this.previous?.memos.get(decl);
    if (memo !== undefined && memo.table === table && memo.name === name && this.unchanged(ctx, memo)) {
      this.next.set(decl, memo);
      this.stats.reused++;
      return memo.value as T;
    }
    this.stats.built++;
    this.fresh.get(table)?.push(name);
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
      this.next.set(decl, { table, name, value, deps: names, depKinds: names.map((n) => kindOf(ctx, n)) });
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

  private unchanged(ctx: CompileContext, memo: DeclMemo): boolean {
    const before = this.previous?.fingerprints;
    if (before === undefined) return false;
    for (let i = 0; i < memo.deps.length; i++) {
      const name = memo.deps[i];
      const kind = kindOf(ctx, name);
      if (kind !== memo.depKinds[i]) return false;
      if (!READ_KINDS.has(kind) || sameEntryIn(ENTRY_TABLE[kind], before.model, ctx.model, name)) continue;
      this.current ??= new Fingerprints(ctx.model);
      if (before.of(name) !== this.current.of(name)) return false;
    }
    return true;
  }
}

function sameEntryIn(table: keyof Model | undefined, was: Model, now: Model, name: string): boolean {
  if (table === undefined) return false;
  const entries = now[table] as Record<string, unknown>;
  return Object.hasOwn(entries, name) && entries[name] === (was[table] as Record<string, unknown>)[name];
}

/** What a build sees of a name: a primitive, the kind of its symbol, or nothing. */
function kindOf(ctx: CompileContext, name: string): string {
  if (isPrimitiveName(name)) return "prim";
  return ctx.symbols.get(name)?.kind ?? "none";
}
