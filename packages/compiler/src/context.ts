// What the stages share while one compilation runs: the diagnostics, the namespace, the type
// resolver, the API table and the Model being filled in. Stages run in a fixed order
// (see compile.ts); each reads what earlier ones wrote.

import type { Comment, RulesDecl, SystemDecl, Workspace } from "@archc/dsl";
import type { DiagnosticSink } from "./diagnostics.js";
import type { Model } from "./model/schema.js";
import type { DeclSymbol, SymbolTable } from "./names/collect-decls.js";
import type { ApiTable } from "./names/api-table.js";
import type { DeclReuse, DeclTable } from "./incremental/decl-reuse.js";
import type { ServiceReuse } from "./incremental/service-reuse.js";
import type { StageReplay } from "./incremental/stage-replay.js";
import type { TypeReuse } from "./incremental/type-reuse.js";
import type { TypeResolver } from "./types/resolve-types.js";

export interface CompileContext {
  readonly workspace: Workspace;
  readonly sink: DiagnosticSink;
  readonly symbols: SymbolTable;
  readonly types: TypeResolver;
  readonly apis: ApiTable;
  readonly system?: SystemDecl;
  readonly rules: readonly RulesDecl[];
  /** Each file's comments, in load order. */
  readonly comments: readonly (readonly Comment[])[];
  /** The Model under construction; frozen once every stage has run. */
  readonly model: Model;
  /** Set by incremental compilation: services that may be reused from the previous one. */
  readonly reuse?: ServiceReuse;
  /** Set by incremental compilation: records and enums that may be reused from the previous one. */
  readonly typeReuse?: TypeReuse;
  /** Set by incremental compilation: infrastructure entries, flows and sagas that may be reused. */
  readonly declReuse?: DeclReuse;
  /** Set by incremental compilation: checks whose findings may be replayed. */
  readonly replay?: StageReplay;
}

/**
 * `build(ctx, sym)`, or the entry `sym` had in the previous compilation when that may be
 * reused. (`build` takes its inputs as arguments: a closure per entry was garbage per entry.)
 */
export function buildEntry<S extends DeclSymbol, T>(
  ctx: CompileContext,
  table: DeclTable,
  sym: S,
  build: (ctx: CompileContext, sym: S) => T,
): T {
  return ctx.declReuse === undefined ? build(ctx, sym) : ctx.declReuse.build(ctx, table, sym, build);
}
