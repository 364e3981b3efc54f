// Reusing services from the previous compilation: the stages that dominate compile time
// (buildServices, then linkServices) skip a service whose declaration is the same AST object
// as before, that raised no diagnostic then, and whose every looked-up name has the same
// fingerprint now as then. Its Model entry, its ops and its API table entries are the previous
// objects. A service whose own build is reusable but whose links are not (a service it calls
// changed its API) keeps its build and is linked again on a copy.

import type { ServiceDecl } from "@archc/dsl";
import type { CompileContext } from "../context.js";
import type { Model, Op, Service } from "../model/schema.js";
import type { ApiEntry } from "../names/api-table.js";
import { Fingerprints, sameEntry } from "./fingerprint.js";

/** What one compilation remembers about one service, for the next. */
export interface ServiceMemo {
  readonly decl: ServiceDecl;
  readonly service: Service;
  /** Its ops, in the order they entered `model.ops`. */
  readonly ops: readonly Op[];
  readonly apiEntries: readonly ApiEntry[];
  /** Names looked up while building the service (its APIs and ops). */
  readonly buildDeps: readonly string[];
  /** Names looked up while linking it (uses, calls, events). */
  readonly linkDeps: readonly string[];
  /** No diagnostic was raised while building or linking it. */
  readonly clean: boolean;
}

export interface ServiceState {
  readonly model: Model;
  readonly services: ReadonlyMap<ServiceDecl, ServiceMemo>;
  readonly fingerprints: Fingerprints;
}

interface Progress {
  readonly name: string;
  buildDeps: readonly string[];
  buildClean: boolean;
  apiEntries: readonly ApiEntry[];
  /** The previous memo when the build was reused. */
  reused?: ServiceMemo;
  linkDeps?: readonly string[];
  linkClean?: boolean;
  /** The build was reused but the links were redone, on a copy of the entry. */
  relinked?: boolean;
}

export class ServiceReuse {
  private readonly progress = new Map<ServiceDecl, Progress>();
  private current: Fingerprints | undefined;
  private linking = false;
  /** Counts, for tests and benchmarks. */
  readonly stats = { builtFresh: 0, buildReused: 0, relinked: 0, reused: 0 };

  constructor(private readonly previous: ServiceState | undefined) {}

  /** buildServices' step for one service: reinstalls the previous build or runs `build`. */
  build(ctx: CompileContext, name: string, decl: ServiceDecl, build: () => Service): void {
    const memo = this.previous?.services.get(decl);
    if (memo?.clean && this.unchanged(ctx, memo.buildDeps)) {
      for (const op of memo.ops) ctx.model.ops[op.id] = op;
      for (const entry of memo.apiEntries) ctx.apis.add(name, entry);
      ctx.model.services[name] = memo.service;
      this.progress.set(decl, {
        name,
        buildDeps: memo.buildDeps,
        buildClean: true,
        apiEntries: memo.apiEntries,
        reused: memo,
      });
      this.stats.buildReused++;
      return;
    }
    const { deps, clean, result } = tracked(ctx, build);
    ctx.model.services[name] = result;
    this.progress.set(decl, { name, buildDeps: deps, buildClean: clean, apiEntries: ctx.apis.apisOf(name) });
    this.stats.builtFresh++;
  }

  /** linkServices' step for one service: keeps the previous links or runs `link`. */
  link(ctx: CompileContext, name: string, decl: ServiceDecl, link: (svc: Service) => void): void {
    if (!this.linking) {
      // Services' fingerprints are final only once every service is built.
      this.linking = true;
      this.current = undefined;
    }
    const p = this.progress.get(decl);
    if (p === undefined) return;
    const memo = p.reused;
    if (memo !== undefined) {
      if (this.unchanged(ctx, memo.linkDeps)) {
        p.linkDeps = memo.linkDeps;
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
    const services = new Map<ServiceDecl, ServiceMemo>();
    for (const sym of ctx.symbols.ofKind("service")) {
      const p = this.progress.get(sym.decl);
      if (p === undefined) continue;
      const service = model.services[sym.name];
      const ops =
        p.reused !== undefined && p.reused.service === service
          ? p.reused.ops
          : service.apis.flatMap((a) => a.ops.map((id) => model.ops[id]));
      services.set(sym.decl, {
        decl: sym.decl,
        service,
        ops,
        apiEntries: p.apiEntries,
        buildDeps: p.buildDeps,
        linkDeps: p.linkDeps ?? [],
        clean: p.buildClean && p.linkClean === true,
      });
    }
    // The fingerprints taken while linking are those of this finished Model (sharing replaces
    // entries only by equal ones), so the next compilation starts with them.
    const fingerprints = this.linking && this.current !== undefined ? this.current : new Fingerprints(model);
    return { model, services, fingerprints };
  }

  private unchanged(ctx: CompileContext, deps: readonly string[]): boolean {
    const before = this.previous?.fingerprints;
    if (before === undefined) return false;
    this.current ??= new Fingerprints(ctx.model);
    for (const name of deps) {
      if (sameEntry(before.model, ctx.model, name)) continue;
      if (before.of(name) !== this.current.of(name)) return false;
    }
    return true;
  }
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
