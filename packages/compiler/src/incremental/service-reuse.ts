// Reusing services from the previous compilation: the stages that dominate compile time
// (buildServices, then linkServices) skip a service that raised no diagnostic then, whose every
// looked-up name gives the same now as then (dependency-check.ts), and whose declaration is the
// same AST object as before — or a new one equal to it but moved (span-shift.ts: the file was
// edited above it), in which case its entry, ops and API table entries are the previous ones
// with their spans moved. A service whose own build is reusable but whose links are not (a
// service it calls changed its API) keeps its build and is linked again on a copy. Only the
// services built, moved or linked again cost anything beyond reinstalling their entries.

import type { ServiceDecl } from "@archc/dsl";
import type { CompileContext } from "../context.js";
import type { Model, Op, Service } from "../model/schema.js";
import type { ApiEntry } from "../names/api-table.js";
import { type DependencyCheck, kindsOf } from "./dependency-check.js";
import type { Checked, Versions } from "./reuse-store.js";
import { moveEntries } from "./move-entries.js";
import { isStill, type ReparsedFiles, type Shift } from "./span-shift.js";

/** What the compilations remember about one service, for the next. */
export interface ServiceMemo extends Checked {
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

/** A service built or linked in this compilation. */
interface Redone {
  readonly decl: ServiceDecl;
  readonly buildDeps: readonly string[];
  readonly buildKinds: readonly string[];
  readonly buildClean: boolean;
  readonly apiEntries: readonly ApiEntry[];
  /** The memo whose build was reused (its links are redone). */
  readonly reused?: ServiceMemo;
  linkDeps: readonly string[];
  linkKinds: readonly string[];
  linkClean: boolean;
}

export class ServiceReuse {
  /** By name: services built, or linked again, in this compilation. */
  private readonly redone = new Map<string, Redone>();
  /** By name: memos moved to a new declaration in this compilation. */
  private readonly moved = new Map<string, ServiceMemo>();
  /** By name: how the declarations of the moved memos moved (moves that change no position left out). */
  private readonly shifts = new Map<string, Shift>();
  /** Counts, for tests and benchmarks (`moved` counts builds reused with moved spans). */
  readonly stats = { builtFresh: 0, buildReused: 0, moved: 0, relinked: 0, reused: 0 };

  constructor(
    private readonly memos: Map<string, ServiceMemo>,
    private readonly versions: Versions,
    private readonly deps: DependencyCheck,
    private readonly reparsed: ReparsedFiles | undefined,
  ) {}

  /** buildServices' step for one service: reinstalls the previous build or runs `build`. */
  build(
    ctx: CompileContext,
    name: string,
    decl: ServiceDecl,
    build: (ctx: CompileContext, name: string, decl: ServiceDecl) => Service,
  ): void {
    const memo = this.reusable(ctx, name, decl);
    if (memo !== undefined) {
      const { ops, apiEntries } = memo;
      for (let i = 0; i < ops.length; i++) ctx.model.ops[ops[i].id] = ops[i];
      for (let i = 0; i < apiEntries.length; i++) ctx.apis.add(name, apiEntries[i]);
      ctx.model.services[name] = memo.service;
      this.stats.buildReused++;
      return;
    }
    this.deps.markRebuilt(name, "service");
    const { deps, clean, result } = tracked(ctx, () => build(ctx, name, decl));
    ctx.model.services[name] = result;
    this.redone.set(name, {
      decl,
      buildDeps: deps,
      buildKinds: kindsOf(ctx, deps),
      buildClean: clean,
      apiEntries: ctx.apis.apisOf(name),
      linkDeps: [],
      linkKinds: [],
      linkClean: false,
    });
    this.stats.builtFresh++;
  }

  /** linkServices' step for one service: keeps the previous links or runs `link`. */
  link(
    ctx: CompileContext,
    name: string,
    decl: ServiceDecl,
    link: (ctx: CompileContext, svc: Service, decl: ServiceDecl) => void,
  ): void {
    let p = this.redone.get(name);
    if (p === undefined) {
      // Its build was reused: from the moved memo, or the stored one.
      const memo = this.moved.get(name) ?? this.memos.get(name);
      if (memo === undefined || memo.decl !== decl) return;
      if (this.deps.unchanged(ctx, memo.linkDeps, memo.linkKinds)) {
        this.stats.reused++;
        return;
      }
      // The build stands; the links are redone on a copy (the previous entry is shared).
      ctx.model.services[name] = { ...memo.service, uses: [], calls: [], publishes: [], consumes: [] };
      p = {
        decl,
        buildDeps: memo.buildDeps,
        buildKinds: memo.buildKinds,
        buildClean: true,
        apiEntries: memo.apiEntries,
        reused: memo,
        linkDeps: [],
        linkKinds: [],
        linkClean: false,
      };
      this.redone.set(name, p);
      this.stats.relinked++;
    }
    const svc = ctx.model.services[name];
    const { deps, clean } = tracked(ctx, () => link(ctx, svc, decl));
    p.linkDeps = deps;
    p.linkKinds = kindsOf(ctx, deps);
    p.linkClean = clean;
  }

  /** The services and ops this compilation built or linked afresh (the others are reused as is). */
  freshEntries(model: Model): { services: string[]; ops: string[] } {
    const services: string[] = [];
    const ops: string[] = [];
    for (const [name, p] of this.redone) {
      services.push(name);
      if (p.reused !== undefined) continue;
      for (const api of model.services[name]?.apis ?? []) ops.push(...api.ops);
    }
    return { services, ops };
  }

  /**
   * How `model`'s ops table stands to `before`'s (the previous compilation's), when it has the
   * same names in the same order: the table lists each service's ops in service order, so it
   * does when the services are the same, in the same order, and each service built afresh
   * declares the same op ids. Its ops are then the previous entries themselves, except those
   * of the services built afresh (`fresh`) and those of the services whose declaration moved,
   * which are the previous entries with every span moved by the service's move (`moved`).
   */
  opsReuse(before: Model, model: Model): OpsReuse | undefined {
    if (!sameList(Object.keys(before.services), Object.keys(model.services))) return undefined;
    const fresh: string[] = [];
    for (const [name, p] of this.redone) {
      if (p.reused !== undefined) continue;
      const ids = opIdsOf(model.services[name]);
      if (!sameList(opIdsOf(before.services[name]), ids)) return undefined;
      for (const id of ids) fresh.push(id);
    }
    return { fresh, moved: [...this.shifts.values()] };
  }

  /** Stores the memos of the services built, moved or linked again (call once the Model is final). */
  finish(ctx: CompileContext): void {
    const model = ctx.model;
    const checked = this.versions.current;
    for (const [name, memo] of this.moved) if (!this.redone.has(name)) this.memos.set(name, memo);
    for (const [name, p] of this.redone) {
      const service = model.services[name];
      this.memos.set(name, {
        decl: p.decl,
        service,
        ops: p.reused?.ops ?? service.apis.flatMap((a) => a.ops.map((id) => model.ops[id])),
        apiEntries: p.apiEntries,
        buildDeps: p.buildDeps,
        buildKinds: p.buildKinds,
        linkDeps: p.linkDeps,
        linkKinds: p.linkKinds,
        clean: p.buildClean && p.linkClean,
        checked,
      });
    }
  }

  /** The previous memo, moved to `decl` if needed, when the build may be reused. */
  private reusable(ctx: CompileContext, name: string, decl: ServiceDecl): ServiceMemo | undefined {
    const memo = this.memos.get(name);
    if (memo === undefined || memo.checked !== this.versions.previous || !memo.clean) return undefined;
    if (memo.decl === decl) {
      if (!this.deps.unchanged(ctx, memo.buildDeps, memo.buildKinds)) return undefined;
      memo.checked = this.versions.current;
      return memo;
    }
    const shift = this.reparsed?.shift(memo.decl, decl);
    if (shift === undefined || !this.deps.unchanged(ctx, memo.buildDeps, memo.buildKinds)) return undefined;
    const moved = isStill(shift)
      ? { ...memo, decl, checked: this.versions.current }
      : movedMemo(memo, decl, shift, this.versions.current);
    if (moved === undefined) return undefined;
    this.moved.set(name, moved);
    if (!isStill(shift)) this.shifts.set(name, shift);
    this.deps.markMoved(name);
    this.stats.moved++;
    return moved;
  }
}

/** See `ServiceReuse.opsReuse`. */
export interface OpsReuse {
  /** Ids of the ops of the services built afresh (they may or may not equal the previous). */
  readonly fresh: readonly string[];
  /** The moves of the services whose ops are the previous entries with every span moved. */
  readonly moved: readonly Shift[];
}

function opIdsOf(service: Service | undefined): string[] {
  const ids: string[] = [];
  for (const api of service?.apis ?? []) for (const id of api.ops) ids.push(id);
  return ids;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The memo of a service whose declaration moved: its entries with their spans moved. */
function movedMemo(
  memo: ServiceMemo,
  decl: ServiceDecl,
  shift: Shift,
  checked: number,
): ServiceMemo | undefined {
  const moved = moveEntries(memo.service, memo.ops, memo.apiEntries, shift);
  return moved === undefined ? undefined : { ...memo, ...moved, decl, checked };
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
