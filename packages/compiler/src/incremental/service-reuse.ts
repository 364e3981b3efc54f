// Reusing services from the previous compilation: the stages that dominate compile time
// (buildServices, then linkServices) skip a service that raised no diagnostic then, whose every
// looked-up name gives the same now as then (dependency-check.ts), and whose declaration is the
// same AST object as before — or a new one equal to it but moved (span-shift.ts: the file was
// edited above it), in which case its entry, ops and API table entries are the previous ones
// with their spans moved. A service whose own build is reusable but whose links are not (a
// service it calls changed its API) keeps its build and is linked again on a copy.

import type { ServiceDecl } from "@archc/dsl";
import type { CompileContext } from "../context.js";
import type { Model, Op, Service } from "../model/schema.js";
import type { ApiEntry } from "../names/api-table.js";
import { type DependencyCheck, kindsOf } from "./dependency-check.js";
import { isStill, type ReparsedFiles, type Shift, shifted } from "./span-shift.js";

/** What one compilation remembers about one service, for the next. */
export interface ServiceMemo {
  readonly decl: ServiceDecl;
  readonly service: Service;
  /** Its ops, in the order they entered `model.ops`. */
  readonly ops: readonly Op[];
  readonly apiEntries: readonly ApiEntry[];
  /** Names looked up while building the service (its APIs and ops), and their kinds then. */
  readonly buildDeps: readonly string[];
  readonly buildKinds: readonly string[];
  /** Names looked up while linking it (uses, calls, events), and their kinds then. */
  readonly linkDeps: readonly string[];
  readonly linkKinds: readonly string[];
  /** No diagnostic was raised while building or linking it. */
  readonly clean: boolean;
}

export interface ServiceState {
  readonly model: Model;
  /** By service name. */
  readonly services: ReadonlyMap<string, ServiceMemo>;
}

interface Progress {
  readonly name: string;
  buildDeps: readonly string[];
  buildKinds: readonly string[];
  buildClean: boolean;
  apiEntries: readonly ApiEntry[];
  /** The previous memo (moved to this declaration if it moved) when the build was reused. */
  reused?: ServiceMemo;
  linkDeps?: readonly string[];
  linkKinds?: readonly string[];
  linkClean?: boolean;
  /** The build was reused but the links were redone, on a copy of the entry. */
  relinked?: boolean;
}

export class ServiceReuse {
  private readonly progress = new Map<ServiceDecl, Progress>();
  /** Counts, for tests and benchmarks (`moved` counts builds reused with moved spans). */
  readonly stats = { builtFresh: 0, buildReused: 0, moved: 0, relinked: 0, reused: 0 };

  constructor(
    private readonly previous: ServiceState | undefined,
    private readonly deps: DependencyCheck,
    private readonly reparsed: ReparsedFiles | undefined,
  ) {}

  /** buildServices' step for one service: reinstalls the previous build or runs `build`. */
  build(ctx: CompileContext, name: string, decl: ServiceDecl, build: () => Service): void {
    const memo = this.reusable(ctx, name, decl);
    if (memo !== undefined) {
      for (const op of memo.ops) ctx.model.ops[op.id] = op;
      for (const entry of memo.apiEntries) ctx.apis.add(name, entry);
      ctx.model.services[name] = memo.service;
      this.progress.set(decl, {
        name,
        buildDeps: memo.buildDeps,
        buildKinds: memo.buildKinds,
        buildClean: true,
        apiEntries: memo.apiEntries,
        reused: memo,
      });
      this.stats.buildReused++;
      return;
    }
    this.deps.markRebuilt(name);
    const { deps, clean, result } = tracked(ctx, build);
    ctx.model.services[name] = result;
    this.progress.set(decl, {
      name,
      buildDeps: deps,
      buildKinds: kindsOf(ctx, deps),
      buildClean: clean,
      apiEntries: ctx.apis.apisOf(name),
    });
    this.stats.builtFresh++;
  }

  /** linkServices' step for one service: keeps the previous links or runs `link`. */
  link(ctx: CompileContext, name: string, decl: ServiceDecl, link: (svc: Service) => void): void {
    const p = this.progress.get(decl);
    if (p === undefined) return;
    const memo = p.reused;
    if (memo !== undefined) {
      if (this.deps.unchanged(ctx, memo.linkDeps, memo.linkKinds)) {
        p.linkDeps = memo.linkDeps;
        p.linkKinds = memo.linkKinds;
        p.linkClean = true;
        this.stats.reused++;
        return;
      }
      // The build stands; the links are redone on a copy (the previous entry is shared).
      ctx.model.services[name] = { ...memo.service, uses: [], calls: [], publishes: [], consumes: [] };
      p.relinked = true;
      this.stats.relinked++;
    }
    const svc = ctx.model.services[name];
    const { deps, clean } = tracked(ctx, () => link(svc));
    p.linkDeps = deps;
    p.linkKinds = kindsOf(ctx, deps);
    p.linkClean = clean;
  }

  /** The services and ops this compilation built or linked afresh (the others are reused as is). */
  freshEntries(model: Model): { services: string[]; ops: string[] } {
    const services: string[] = [];
    const ops: string[] = [];
    for (const p of this.progress.values()) {
      if (p.reused !== undefined && p.relinked !== true) continue;
      services.push(p.name);
      if (p.reused !== undefined) continue;
      for (const api of model.services[p.name]?.apis ?? []) ops.push(...api.ops);
    }
    return { services, ops };
  }

  /** The state the next compilation starts from (call once the Model is final). */
  finish(ctx: CompileContext): ServiceState {
    const model = ctx.model;
    const services = new Map<string, ServiceMemo>();
    for (const sym of ctx.symbols.ofKind("service")) {
      const p = this.progress.get(sym.decl);
      if (p === undefined) continue;
      const service = model.services[sym.name];
      const reused = p.reused;
      // A build and links reused as they were: the memo stands as it is.
      if (reused !== undefined && reused.service === service && p.relinked !== true) {
        services.set(sym.name, reused);
        continue;
      }
      const ops =
        reused !== undefined && reused.service === service
          ? reused.ops
          : service.apis.flatMap((a) => a.ops.map((id) => model.ops[id]));
      services.set(sym.name, {
        decl: sym.decl,
        service,
        ops,
        apiEntries: p.apiEntries,
        buildDeps: p.buildDeps,
        buildKinds: p.buildKinds,
        linkDeps: p.linkDeps ?? [],
        linkKinds: p.linkKinds ?? [],
        clean: p.buildClean && p.linkClean === true,
      });
    }
    return { model, services };
  }

  /** The previous memo, moved to `decl` if needed, when the build may be reused. */
  private reusable(ctx: CompileContext, name: string, decl: ServiceDecl): ServiceMemo | undefined {
    const memo = this.previous?.services.get(name);
    if (memo === undefined || !memo.clean) return undefined;
    if (memo.decl === decl)
      return this.deps.unchanged(ctx, memo.buildDeps, memo.buildKinds) ? memo : undefined;
    const shift = this.reparsed?.shift(memo.decl, decl);
    if (shift === undefined || !this.deps.unchanged(ctx, memo.buildDeps, memo.buildKinds)) return undefined;
    const moved = isStill(shift) ? { ...memo, decl } : movedMemo(memo, decl, shift);
    if (moved === undefined) return undefined;
    this.deps.markMoved(name);
    this.stats.moved++;
    return moved;
  }
}

/** The memo of a service whose declaration moved: its entries with their spans moved. */
function movedMemo(memo: ServiceMemo, decl: ServiceDecl, shift: Shift): ServiceMemo | undefined {
  const service = shifted(memo.service, shift);
  const ops = shifted(memo.ops, shift);
  const apiEntries = shifted(memo.apiEntries, shift);
  if (service === undefined || ops === undefined || apiEntries === undefined) return undefined;
  return { ...memo, decl, service, ops, apiEntries };
}

/** Runs `f` recording the names it looks up and whether it raised a diagnostic. */
function tracked<T>(ctx: CompileContext, f: () => T): { deps: string[]; clean: boolean; result: T } {
  const deps = new Set<string>();
  const before = ctx.sink.list.length;
  ctx.symbols.tracking = deps;
  try {
    const result = f();
    return { deps: [...deps], clean: ctx.sink.list.length === before, result };
  } finally {
    ctx.symbols.tracking = undefined;
  }
}
