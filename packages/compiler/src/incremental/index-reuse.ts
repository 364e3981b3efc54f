// Keeping the previous compilation's index tables (index/build-index.ts) whose inputs did not
// change: a table is a function of the names of some Model tables, in order, and of a few
// fields of their entries, so when those are equal the previous table is the table this
// compilation would build. Re-parsing an edited file rebuilds or moves its services, but an
// edit inside one rarely changes its calls, uses, events or API names: then every table stays.
//
// Inputs per group of tables:
// - callees, callers, opCallers, newestApi: the services in order, each one's calls (op and
//   service called), its APIs (name, version, op ids: the op table's order follows them);
// - storeUsers: the stores in order, each service's uses; producers and consumers: the events
//   in order, each service's publications and subscriptions;
// - topicEvents: the topics and events in order, each event's topic;
// - routes: the services and gateways in order, each gateway's routes' services.

import type { CompileContext } from "../context.js";
import type { Event, Gateway, Model, ModelIndex, Service } from "../model/schema.js";
import type { DeclKind, SymbolTable } from "../names/collect-decls.js";

/** What the index was built from last time. */
export interface IndexBase {
  readonly model: Model;
  readonly symbols: SymbolTable;
}

/** The previous index's tables that this compilation's Model would give again. */
export function keptIndexTables(before: IndexBase | undefined, ctx: CompileContext): Partial<ModelIndex> {
  if (before === undefined) return {};
  const was = before.model;
  const now = ctx.model;
  const same = (kind: DeclKind) => sameNames(before.symbols, ctx.symbols, kind);
  const services =
    same("service") && sameEntries(before.symbols, was.services, now.services, "service", sameServiceLinks);
  const events = same("event");
  const keep: { -readonly [K in keyof ModelIndex]?: ModelIndex[K] } = {};
  const index = was.index;
  if (services) {
    keep.callees = index.callees;
    keep.callers = index.callers;
    keep.opCallers = index.opCallers;
    keep.newestApi = index.newestApi;
    if (same("store")) keep.storeUsers = index.storeUsers;
    if (events) {
      keep.producers = index.producers;
      keep.consumers = index.consumers;
    }
    if (same("gateway") && sameEntries(before.symbols, was.gateways, now.gateways, "gateway", sameRoutes))
      keep.routes = index.routes;
  }
  if (
    events &&
    same("topic") &&
    sameEntries(before.symbols, was.events, now.events, "event", (a: Event, b: Event) => a.topic === b.topic)
  )
    keep.topicEvents = index.topicEvents;
  return keep;
}

/** The same names of `kind` in the same order (the keys of its Model table). */
function sameNames(was: SymbolTable, now: SymbolTable, kind: DeclKind): boolean {
  const a = was.ofKind(kind);
  const b = now.ofKind(kind);
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].name !== b[i].name) return false;
  return true;
}

/** Every entry of `kind` (same names in both) is the previous object or equal by `equal`. */
function sameEntries<T>(
  symbols: SymbolTable,
  was: Readonly<Record<string, T>>,
  now: Readonly<Record<string, T>>,
  kind: DeclKind,
  equal: (a: T, b: T) => boolean,
): boolean {
  const syms = symbols.ofKind(kind);
  for (let i = 0; i < syms.length; i++) {
    const a = was[syms[i].name];
    const b = now[syms[i].name];
    if (a !== b && !equal(a, b)) return false;
  }
  return true;
}

/** The same inputs to the call, store and event indexes and to the op table's order. */
function sameServiceLinks(a: Service, b: Service): boolean {
  return (
    sameList(a.calls, b.calls, (x, y) => x.op === y.op && x.toService === y.toService) &&
    sameList(a.uses, b.uses, (x, y) => x.store === y.store && x.mode === y.mode) &&
    sameList(a.publishes, b.publishes, (x, y) => x.event === y.event) &&
    sameList(a.consumes, b.consumes, (x, y) => x.event === y.event && x.handler === y.handler) &&
    sameList(
      a.apis,
      b.apis,
      (x, y) => x.name === y.name && x.version === y.version && sameList(x.ops, y.ops, (p, q) => p === q),
    )
  );
}

function sameRoutes(a: Gateway, b: Gateway): boolean {
  return sameList(a.routes, b.routes, (x, y) => x.service === y.service);
}

function sameList<T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !equal(a[i], b[i])) return false;
  return true;
}
