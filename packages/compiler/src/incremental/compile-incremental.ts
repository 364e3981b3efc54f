// Incremental compilation for the language server.
//
// Contract of `compileIncremental(previous, ws)`:
// - The result is the same as `compileWorkspace(ws)`: a deep-equal Model (key order included)
//   and the same diagnostics in the same order, whatever `previous` is. `previous` only makes
//   it faster; it is never required to be related to `ws`.
// - It is faster when `previous` was itself returned by `compileIncremental` and `ws` keeps
//   the AST objects of unchanged files (the language server re-parses only the edited file
//   and passes the other files' `SourceFile`s through). A Compilation from `compileWorkspace`
//   carries no reuse information: the first `compileIncremental` after it is a full compile.
// - What is reused: a service (the dominant cost) that raised no diagnostic in `previous`,
//   whose every looked-up name gives the same as then (incremental/dependency-check.ts: same
//   kind and, for types, services and events, same fingerprint), and whose declaration is the
//   same AST object as in `previous` — or a new one with the same text, column and doc comment
//   in a file whose old and new parses are free of diagnostics (incremental/span-shift.ts):
//   its entries then come back with their spans moved. A record or enum
//   (incremental/type-reuse.ts) whose declaration is the same AST object, that raised no
//   diagnostic, and whose every looked-up name is of the same kind (checked only for names
//   declared in files whose AST changed, when the file order is the same). A store, broker,
//   topic, event, flow or saga (incremental/decl-reuse.ts) whose declaration is the same AST
//   object, that raised no diagnostic, and whose every looked-up name gives the same as then.
//   The index tables whose inputs are unchanged (incremental/index-reuse.ts). Everything else
//   is rebuilt.
// - Structural sharing: every Model entry (types, stores, brokers, topics, events, services,
//   ops, flows, sagas, gateways, deployments) that equals its counterpart in `previous` is
//   that same object, so consumers may memoise per entry by identity. `model.index`,
//   `system`, `rules`, `suppressions` and `files` are new objects each time (the index's
//   tables may be the previous ones).
// - Memory: the returned Compilation holds (in a WeakMap, not in its fields) what the next
//   call needs: per service its dependencies and API table entries, per record and enum its
//   definition and looked-up names, the fingerprints computed and the symbol table. It is
//   released with the Compilation; keep only the latest one.

import type { Workspace } from "@archc/dsl";
import { type Compilation, runPipeline } from "../compile.js";
import type { Model } from "../model/schema.js";
import { DeclReuse, type DeclMemos } from "./decl-reuse.js";
import { DependencyCheck } from "./dependency-check.js";
import type { Fingerprints } from "./fingerprint.js";
import { type IndexBase, keptIndexTables } from "./index-reuse.js";
import { ServiceReuse, type ServiceState } from "./service-reuse.js";
import { ReparsedFiles } from "./span-shift.js";
import { type FreshEntries, type SharedTable, shareUnchanged } from "./structural-share.js";
import { changedNames, type TypeMemos, TypeReuse } from "./type-reuse.js";

/** What one compilation leaves for the next. */
interface IncrementalState {
  readonly services: ServiceState;
  readonly types: TypeMemos;
  readonly decls: DeclMemos;
  /** Of the finished Model (`services.model`). */
  readonly fingerprints: Fingerprints;
  /** What its index was built from. */
  readonly index: IndexBase;
}

const states = new WeakMap<Compilation, IncrementalState>();

/** How much of the previous compilation one incremental compile reused (services, then types). */
export interface ReuseStats {
  readonly builtFresh: number;
  readonly buildReused: number;
  readonly moved: number;
  readonly relinked: number;
  readonly reused: number;
  readonly typesBuilt: number;
  readonly typesReused: number;
  readonly declsBuilt: number;
  readonly declsReused: number;
}

const stats = new WeakMap<Compilation, ReuseStats>();

export function compileIncremental(previous: Compilation | undefined, ws: Workspace): Compilation {
  const before = previous === undefined ? undefined : states.get(previous);
  const changed = previous === undefined ? undefined : changedNames(previous.workspace, ws);
  const deps = new DependencyCheck(before?.fingerprints, changed);
  const reparsed = previous === undefined ? undefined : new ReparsedFiles(previous.workspace, ws);
  const services = new ServiceReuse(before?.services, deps, reparsed);
  const types = new TypeReuse(before?.types, changed, deps);
  const decls = new DeclReuse(before?.decls, deps);
  let state: IncrementalState | undefined;
  const compilation = runPipeline(ws, {
    services,
    types,
    decls,
    beforeStage: (stage) => deps.enter(stage),
    keepIndex: (ctx) => keptIndexTables(before?.index, ctx),
    beforeFreeze: (ctx) => {
      if (before !== undefined) shareUnchanged(before.services.model, ctx.model, freshEntries(ctx.model));
      state = {
        services: services.finish(ctx),
        types: types.finish(ctx.model),
        decls: decls.finish(ctx.model),
        fingerprints: deps.finish(ctx.model),
        index: { model: ctx.model, symbols: ctx.symbols },
      };
    },
  });
  /** What this compilation built afresh, for structural sharing to compare. */
  function freshEntries(model: Model): FreshEntries {
    const fresh = new Map<SharedTable, readonly string[]>(decls.fresh);
    const built = services.freshEntries(model);
    fresh.set("services", built.services);
    fresh.set("ops", built.ops);
    fresh.set("types", types.fresh);
    return fresh;
  }
  if (state !== undefined) states.set(compilation, state);
  stats.set(compilation, {
    ...services.stats,
    typesBuilt: types.stats.built,
    typesReused: types.stats.reused,
    declsBuilt: decls.stats.built,
    declsReused: decls.stats.reused,
  });
  return compilation;
}

/** What `compileIncremental` reused to produce `compilation` (undefined for other compilations). */
export function reuseStats(compilation: Compilation): ReuseStats | undefined {
  return stats.get(compilation);
}
