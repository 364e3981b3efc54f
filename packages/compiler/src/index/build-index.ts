// Stage: the indexes every rule needs, built once in one pass over the Model so rules run in
// linear time. Every service, op, store, event and topic has an entry (empty when unused);
// lists are unique and in declaration order.
//
// Incremental compilation passes the tables whose inputs did not change (incremental/
// index-reuse.ts); those are taken as they are and only the others are built. Tables built
// together are kept together: callees with callers and opCallers, producers with consumers.

import type { Model, ModelIndex } from "../model/schema.js";

export function buildIndex(
  model: Model,
  newestApi: (service: string) => string | undefined,
  keep: Partial<ModelIndex> = {},
): ModelIndex {
  const index: ModelIndex = {
    callees: keep.callees ?? {},
    callers: keep.callers ?? {},
    opCallers: keep.opCallers ?? {},
    storeUsers: keep.storeUsers ?? {},
    producers: keep.producers ?? {},
    consumers: keep.consumers ?? {},
    topicEvents: keep.topicEvents ?? {},
    routes: keep.routes ?? {},
    newestApi: keep.newestApi ?? {},
  };
  // Built here: `calls` also covers callers and opCallers, `events` producers and consumers.
  const calls = keep.callees === undefined;
  const events = keep.producers === undefined;
  const stores = keep.storeUsers === undefined;
  const newest = keep.newestApi === undefined;
  const routes = keep.routes === undefined;
  if (calls || routes || newest)
    for (const name in model.services) {
      if (calls) {
        index.callees[name] = [];
        index.callers[name] = [];
      }
      if (routes) index.routes[name] = [];
      if (newest) {
        const api = newestApi(name);
        if (api !== undefined) index.newestApi[name] = api;
      }
    }
  if (calls) for (const id in model.ops) index.opCallers[id] = [];
  if (stores) for (const name in model.stores) index.storeUsers[name] = [];
  if (events)
    for (const name in model.events) {
      index.producers[name] = [];
      index.consumers[name] = [];
    }
  if (keep.topicEvents === undefined) {
    for (const name in model.topics) index.topicEvents[name] = [];
    for (const name in model.events) {
      const ev = model.events[name];
      if (ev.topic !== undefined) index.topicEvents[ev.topic]?.push(ev.name);
    }
  }

  if (calls || stores || events)
    for (const name in model.services) {
      const svc = model.services[name];
      if (calls) indexCalls(index, svc.name, svc.calls);
      if (stores)
        for (const use of svc.uses) index.storeUsers[use.store]?.push({ service: svc.name, mode: use.mode });
      if (!events) continue;
      for (const p of svc.publishes) index.producers[p.event]?.push(svc.name);
      for (const c of svc.consumes)
        index.consumers[c.event]?.push(
          c.handler === undefined ? { service: svc.name } : { service: svc.name, handler: c.handler },
        );
    }
  if (routes)
    for (const name in model.gateways)
      model.gateways[name].routes.forEach((r, i) => {
        index.routes[r.service]?.push({ gateway: model.gateways[name].name, index: i });
      });
  return index;
}

function indexCalls(index: ModelIndex, from: string, calls: Model["services"][string]["calls"]): void {
  const callees = index.callees[from];
  for (const call of calls) {
    if (call.op === undefined) continue;
    // Uniqueness without edge keys: a service's own callee list is short, and its calls are
    // indexed together, so it already calls an op exactly when it is that op's last caller.
    const to = call.toService;
    if (!callees.includes(to)) {
      callees.push(to);
      index.callers[to]?.push(from);
    }
    const opCallers = index.opCallers[call.op];
    if (opCallers !== undefined && opCallers[opCallers.length - 1] !== from) opCallers.push(from);
  }
}
