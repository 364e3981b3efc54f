// Incremental compilation for the language server.
//
// Contract of `compileIncremental(previous, ws)`:
// - The result is the same as `compileWorkspace(ws)`: a deep-equal Model (key order included)
//   and the same diagnostics in the same order, whatever `previous` is. `previous` only makes
//   it faster; it is never required to be related to `ws`.
// - It is faster when `previous` was itself returned by `compileIncremental`, no other
//   compilation has been made from it or from its predecessors since (the memos are updated in
//   place: incremental/reuse-store.ts), and `ws` keeps the AST objects of unchanged files (the
//   language server re-parses only the edited file and passes the other files' `SourceFile`s
//   through). Otherwise — a Compilation from `compileWorkspace`, or an older one compiled from
//   again — it is a full compile.
// - What is reused: a service (the dominant cost) that raised no diagnostic in `previous`,
//   whose every looked-up name gives the same as then (incremental/dependency-check.ts: same
//   kind and, for types, services and events, same fingerprint), and whose declaration is the
//   same AST object as in `previous` — or a new one with the same text, column and doc comment
//   in a file whose old and new parses are free of diagnostics (incremental/span-shift.ts):
//   its entries then come back with their spans moved. A record or enum
//   (incremental/type-reuse.ts) that raised no diagnostic, whose every looked-up name is of the
//   same kind (checked only for names declared in files whose AST changed, when the file order
//   is the same), and whose declaration is the same AST object — or a re-parsed one with the
//   same text at the same place. A store, broker, topic, event, flow, saga, gateway or
//   deployment (incremental/decl-reuse.ts) likewise, when every looked-up name gives the same
//   as then. The types table and the infrastructure tables, whole, when none of their entries
//   can differ; the index tables whose inputs are unchanged (incremental/index-reuse.ts); the
//   namespace, when the re-parsed files declare the same names (incremental/symbols-reuse.ts);
//   the findings of the topic-key check on kept tables (incremental/stage-replay.ts).
//   Everything else is rebuilt.
// - Structural sharing: every Model entry (types, stores, brokers, topics, events, services,
//   ops, flows, sagas, gateways, deployments) that equals its counterpart in `previous` is
//   that same object, so consumers may memoise per entry by identity. A table whose entries
//   all are (types, stores, brokers, topics, events, and the index's tables) may be the
//   previous table object itself. `model.index`, `system`, `rules`, `suppressions` and
//   `files` are new objects each time.
// - Moves: a service entry that is its previous entry with every span moved (its declaration
//   moved) can be told from a changed one by `movedFrom(entry, previous)`; the ops table, by
//   `opsChangedSince(model, previous)`: which ops were built afresh and which moved, when the
//   table has the same names in the same order.
// - Memory: the returned Compilation holds (in a WeakMap, not in its fields) what the next
//   call needs: the store of memos (per service its entries, dependencies and API table
//   entries; per record, enum and other declaration its entry and looked-up names; memos of
//   declarations are held weakly), the fingerprints computed and the symbol table. It is
//   released with the last Compilation of its chain.

import type { Workspace } from "@archc/dsl";
import { type Compilation, runPipeline } from "../compile.js";
import type { Model } from "../model/schema.js";
import type { SymbolTable } from "../names/collect-decls.js";
import { DeclReuse } from "./decl-reuse.js";
import { DependencyCheck } from "./dependency-check.js";
import type { Fingerprints } from "./fingerprint.js";
import { keptIndexTables } from "./index-reuse.js";
export { movedFrom } from "./move-entries.js";
import { ReuseStore } from "./reuse-store.js";
import { type OpsReuse, ServiceReuse } from "./service-reuse.js";
import { ReparsedFiles } from "./span-shift.js";
import { collectAgain, type SymbolsBase } from "./symbols-reuse.js";
import { StageReplay } from "./stage-replay.js";
import { type FreshEntries, type SharedTable, shareUnchanged } from "./structural-share.js";
import { changedNames, TypeReuse } from "./type-reuse.js";

/** What one compilation leaves for the next. */
interface IncrementalState extends SymbolsBase {
  /** The memos of its chain (valid for it while the store is at `version`). */
  readonly store: ReuseStore;
  readonly version: number;
  /** Its finished Model, the fingerprints computed of it, and its symbols. */
  readonly model: Model;
  readonly fingerprints: Fingerprints;
  readonly symbols: SymbolTable;
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

/**
 * Per previous Model: the Model compiled incrementally from it and how that one's ops table
 * stands to it. Keyed by the previous Model so that the record dies with it (keyed by the new
 * one, each record would keep every earlier Model alive through `base`).
 */
const opsReuses = new WeakMap<Model, { readonly model: Model; readonly reuse: OpsReuse }>();

/**
 * How `model`'s ops table stands to `previous`'s when `model` was compiled from the
 * compilation of `previous` and the table has the same names in the same order (see
 * `ServiceReuse.opsReuse`); undefined otherwise. Spares comparing ten thousand entries to find
 * the few that changed.
 */
export function opsChangedSince(model: Model, previous: Model): OpsReuse | undefined {
  const record = opsReuses.get(previous);
  return record !== undefined && record.model === model ? record.reuse : undefined;
}

export function compileIncremental(previous: Compilation | undefined, ws: Workspace): Compilation {
  const state = previous === undefined ? undefined : states.get(previous);
  // The store describes `previous` only while no other compilation has written to it since.
  const before = state !== undefined && state.store.version === state.version ? state : undefined;
  const store = before?.store ?? new ReuseStore();
  const versions = store.begin(before?.version ?? 0);
  const changed = before === undefined ? undefined : changedNames(before.workspace, ws);
  const reparsed = before === undefined ? undefined : new ReparsedFiles(before.workspace, ws);
  const deps = new DependencyCheck(before?.fingerprints, before?.symbols, changed);
  const services = new ServiceReuse(store.services, versions, deps, reparsed);
  const types = new TypeReuse(store, versions, changed, deps, before, reparsed);
  const decls = new DeclReuse(store, versions, deps, before, reparsed);
  const replay = new StageReplay(store.replays);
  let next: IncrementalState | undefined;
  let collectedClean = false;
  const compilation = runPipeline(ws, {
    services,
    types,
    decls,
    replay,
    collect: (files, sink) => {
      const { collected, clean } = collectAgain(before, files, sink);
      collectedClean = clean;
      return collected;
    },
    beforeStage: (stage, ctx) => deps.enter(stage, ctx),
    keepIndex: (ctx) => keptIndexTables(before, ctx),
    beforeFreeze: (ctx) => {
      if (before !== undefined) {
        shareUnchanged(before.model, ctx.model, freshEntries(ctx.model));
        const ops = services.opsReuse(before.model, ctx.model);
        if (ops !== undefined) opsReuses.set(before.model, { model: ctx.model, reuse: ops });
      }
      services.finish(ctx);
      types.finish(ctx.model);
      decls.finish(ctx.model);
      store.end(versions, ctx.symbols.ofKind("service").length);
      next = {
        store,
        version: versions.current,
        model: ctx.model,
        fingerprints: deps.finish(ctx.model),
        symbols: ctx.symbols,
        workspace: ws,
        collected: { symbols: ctx.symbols, system: ctx.system, rules: ctx.rules, comments: ctx.comments },
        collectedClean,
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
  if (next !== undefined) states.set(compilation, next);
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
