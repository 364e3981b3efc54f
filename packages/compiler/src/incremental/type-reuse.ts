// Reusing declared types from the previous compilation: buildTypes skips a record or enum whose
// declaration is the same AST object as before (or a re-parsed one with the same text at the
// same place: span-shift.ts), that raised no diagnostic then, and whose every
// looked-up name is still a primitive or a symbol of the same kind. That is all a record's
// build reads about other names: a record or enum name resolves to a reference by name, and
// a map key is checked only for being an enum. Aliases are always rebuilt (their expansion
// reports cycles relative to where it starts); a record or enum that looked one up is too.
// When no type is declared differently at all, the previous table is kept whole (`keptTable`):
// an edit outside the types costs nothing per type.

import type { Workspace } from "@archc/dsl";
import { type DeclSymbol, type SymbolTable, TYPE_KINDS } from "../names/collect-decls.js";
import type { CompileContext } from "../context.js";
import type { Model, TypeDef } from "../model/schema.js";
import type { Checked, ReuseStore, Versions } from "./reuse-store.js";
import { type ReparsedFiles, unmovedMemo } from "./span-shift.js";
import { type DependencyCheck, kindOf } from "./dependency-check.js";

/** What the compilations remember about one record or enum, for the next. */
export interface TypeMemo extends Checked {
  /** Set once more when the Model is final (see `finish`). */
  def: TypeDef;
  /** Names looked up while building it, and what each was then (see `kindOf`). */
  readonly deps: readonly string[];
  readonly depKinds: readonly string[];
}

/** What the previous compilation built its types from. */
export interface TypesBase {
  readonly model: Model;
  readonly symbols: SymbolTable;
}

export class TypeReuse {
  /** Memos made in this compilation, whose definitions structural sharing may replace. */
  private readonly made: TypeMemo[] = [];
  /** The previous table was kept (see `keptTable`). */
  private kept = false;
  /** Types left without a memo in this compilation (aliases, builds with a diagnostic). */
  private unmemoised = 0;
  /** Counts, for tests and benchmarks. */
  readonly stats = { built: 0, reused: 0 };
  /** Names of the definitions built in this compilation (aliases included). */
  readonly fresh: string[] = [];

  /**
   * `changed`: every name that may be declared differently now (see `changedNames`); the
   * others are declared by the same declarations. Undefined when that is not known.
   */
  constructor(
    private readonly store: ReuseStore,
    private readonly versions: Versions,
    private readonly changed: ReadonlySet<string> | undefined,
    private readonly deps: DependencyCheck,
    private readonly base: TypesBase | undefined,
    private readonly reparsed: ReparsedFiles | undefined,
  ) {}

  /**
   * The previous compilation's table of types when it is this one's too: it left a memo for
   * every type (each a clean build that looked up records, enums and primitives only), and the
   * records, enums and aliases are the same symbols in the same order — the same declarations,
   * and every name looked up of the same kind as then. Undefined otherwise: the types are
   * checked one by one.
   */
  keptTable(ctx: CompileContext): Model["types"] | undefined {
    const base = this.base;
    if (base === undefined || this.store.stages.get("types")?.complete !== true) return undefined;
    const count = ctx.symbols.sameSymbolsAs(base.symbols, TYPE_KINDS);
    if (count === undefined) return undefined;
    this.kept = true;
    this.stats.reused = count;
    return base.model.types;
  }

  /** buildTypes' step for one declaration: the previous definition or `build()`. */
  build<S extends DeclSymbol>(
    ctx: CompileContext,
    sym: S,
    build: (ctx: CompileContext, sym: S) => TypeDef,
  ): TypeDef {
    if (sym.kind === "alias") {
      this.fresh.push(sym.name);
      this.deps.markRebuilt(sym.name, sym.kind);
      this.unmemoised++;
      return build(ctx, sym);
    }
    const memo =
      this.store.types.get(sym.decl) ?? unmovedMemo(sym, this.base?.symbols, this.reparsed, this.store.types);
    if (
      memo !== undefined &&
      memo.checked === this.store.checkedVersion("types") &&
      memo.def.name === sym.name &&
      this.sameKinds(ctx, memo)
    ) {
      memo.checked = this.versions.current;
      this.stats.reused++;
      return memo.def;
    }
    this.stats.built++;
    this.fresh.push(sym.name);
    this.deps.markRebuilt(sym.name, sym.kind);
    const deps = new Set<string>();
    const before = ctx.sink.list.length;
    ctx.symbols.tracking = deps;
    let def: TypeDef;
    try {
      def = build(ctx, sym);
    } finally {
      ctx.symbols.tracking = undefined;
    }
    const depKinds = [...deps].map((name) => kindOf(ctx, name));
    // Only clean builds that looked up no alias are remembered.
    if (ctx.sink.list.length === before && !depKinds.includes("alias")) {
      const made = { def, deps: [...deps], depKinds, checked: this.versions.current };
      this.store.types.set(sym.decl, made);
      this.made.push(made);
    } else {
      this.store.types.delete(sym.decl);
      this.unmemoised++;
    }
    return def;
  }

  /**
   * Points the memos made in this compilation at the definitions of the finished Model
   * (structural sharing may have replaced a fresh one by the previous, equal, object).
   */
  finish(model: Model): void {
    if (this.kept) return;
    for (const memo of this.made) {
      const def = model.types[memo.def.name];
      if (def !== undefined) memo.def = def;
    }
    this.store.stages.set("types", { version: this.versions.current, complete: this.unmemoised === 0 });
  }

  private sameKinds(ctx: CompileContext, memo: TypeMemo): boolean {
    const changed = this.changed;
    for (let i = 0; i < memo.deps.length; i++) {
      const name = memo.deps[i];
      if (changed !== undefined && !changed.has(name)) continue;
      if (kindOf(ctx, name) !== memo.depKinds[i]) return false;
    }
    return true;
  }
}

/**
 * The names declared in the files whose syntax tree is not the same object in both workspaces,
 * before or after: every other name keeps its declaration (the first one wins, so the files'
 * order must be the same too; undefined when it is not).
 */
export function changedNames(before: Workspace, now: Workspace): Set<string> | undefined {
  if (before.files.length !== now.files.length) return undefined;
  const out = new Set<string>();
  for (let i = 0; i < now.files.length; i++) {
    const was = before.files[i];
    const is = now.files[i];
    if (was.file !== is.file) return undefined;
    if (was.ast === is.ast) continue;
    for (const ast of [was.ast, is.ast])
      for (const d of ast.decls) {
        const name = (d as { name?: { text?: unknown } }).name?.text;
        if (typeof name === "string") out.add(name);
      }
  }
  return out;
}
