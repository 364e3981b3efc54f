// Reusing the Model entries of declarations other than services and types from the previous
// compilation: stores, brokers, topics and events (buildInfra), flows, sagas, gateways and
// deployments. An entry is reused when its declaration is the same AST object as before (or a
// re-parsed one with the same text at the same place: span-shift.ts), its build raised no
// diagnostic then, and every name it looked up gives the same now
// (dependency-check.ts): a symbol of the same kind, with the same fingerprint when it is a
// type, a service or an event — the only declarations whose content these stages read (the
// others are looked up for their kind alone; a service's fingerprint covers its APIs, which
// routes and canaries resolve against). Reused entries are the previous objects, so
// structural sharing has nothing to compare for them. The infrastructure tables may be kept
// whole (`keptInfra`).

import type { Stage } from "../compile.js";
import type { CompileContext } from "../context.js";
import type { Model } from "../model/schema.js";
import { type DeclKind, type DeclSymbol, type SymbolTable, TYPE_KINDS } from "../names/collect-decls.js";
import { type DependencyCheck, kindsOf } from "./dependency-check.js";
import type { Checked, ReuseStore, Versions } from "./reuse-store.js";
import { type ReparsedFiles, unmovedMemo } from "./span-shift.js";

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

/** The Model tables whose entries are reused here, and the stage that builds each. */
const STAGE_OF = {
  stores: "infra",
  brokers: "infra",
  topics: "infra",
  events: "infra",
  flows: "flows",
  sagas: "sagas",
  gateways: "gateways",
  deployments: "deployments",
} as const satisfies Record<string, Stage>;

export type DeclTable = keyof typeof STAGE_OF;
type DeclStage = (typeof STAGE_OF)[DeclTable];

const TABLES = Object.keys(STAGE_OF) as DeclTable[];
const STAGES: readonly DeclStage[] = ["infra", "flows", "sagas", "gateways", "deployments"];

/** The infrastructure tables and the kinds of their entries (which look up types and these). */
const INFRA_TABLES = ["stores", "brokers", "topics", "events"] as const;
const INFRA_KINDS: readonly DeclKind[] = ["store", "broker", "topic", "event"];

/** What the previous compilation built its entries from. */
export interface DeclsBase {
  readonly model: Model;
  readonly symbols: SymbolTable;
}

export class DeclReuse {
  /** Memos made in this compilation, whose entries structural sharing may replace. */
  private readonly made: DeclMemo[] = [];
  /** Per stage checked one by one, the entries left without a memo (built with a diagnostic). */
  private readonly unmemoised = new Map<DeclStage, number>(STAGES.map((s) => [s, 0]));
  /** The infrastructure tables were kept (see `keptInfra`). */
  private infraKept = false;
  /** Counts, for tests and benchmarks. */
  readonly stats = { built: 0, reused: 0 };
  /** Per table, the names of the entries built in this compilation. */
  readonly fresh = new Map<DeclTable, string[]>(TABLES.map((t) => [t, []]));

  constructor(
    private readonly store: ReuseStore,
    private readonly versions: Versions,
    private readonly deps: DependencyCheck,
    private readonly base: DeclsBase | undefined,
    private readonly reparsed: ReparsedFiles | undefined,
  ) {}

  /**
   * The previous compilation's stores, brokers, topics and events when they are this one's
   * too: it left a memo for every one of them (each a clean build, which looks up types,
   * brokers and topics only), they are the same symbols in the same order — so are the
   * brokers and topics they looked up — and no type is changed or rebuilt
   * (dependency-check.ts). Undefined otherwise: they are checked one by one.
   */
  keptInfra(ctx: CompileContext): Pick<Model, (typeof INFRA_TABLES)[number]> | undefined {
    const base = this.base;
    if (base === undefined || this.store.stages.get("infra")?.complete !== true) return undefined;
    if (!this.deps.quiet(TYPE_KINDS)) return undefined;
    const count = ctx.symbols.sameSymbolsAs(base.symbols, INFRA_KINDS);
    if (count === undefined) return undefined;
    this.infraKept = true;
    this.stats.reused += count;
    const { stores, brokers, topics, events } = base.model;
    return { stores, brokers, topics, events };
  }

  /** The entry `sym` declares in `table`: the previous one or `build(ctx, sym)`. */
  build<S extends DeclSymbol, T>(
    ctx: CompileContext,
    table: DeclTable,
    sym: S,
    build: (ctx: CompileContext, sym: S) => T,
  ): T {
    const { name, decl } = sym;
    const stage = STAGE_OF[table];
    const memo =
      this.store.decls.get(decl) ?? unmovedMemo(sym, this.base?.symbols, this.reparsed, this.store.decls);
    if (
      memo !== undefined &&
      memo.checked === this.store.checkedVersion(stage) &&
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
      this.store.decls.set(decl, made);
      this.made.push(made);
    } else {
      this.store.decls.delete(decl);
      this.unmemoised.set(stage, (this.unmemoised.get(stage) ?? 0) + 1);
    }
    return value;
  }

  /**
   * Points the memos made in this compilation at the entries of the finished Model
   * (structural sharing may have replaced a fresh one by the previous, equal, object), and
   * records which stages checked their memos.
   */
  finish(model: Model): void {
    for (const memo of this.made) {
      const value = (model[memo.table] as Record<string, unknown>)[memo.name];
      if (value !== undefined) memo.value = value;
    }
    for (const stage of STAGES)
      if (stage !== "infra" || !this.infraKept)
        this.store.stages.set(stage, {
          version: this.versions.current,
          complete: this.unmemoised.get(stage) === 0,
        });
  }
}
