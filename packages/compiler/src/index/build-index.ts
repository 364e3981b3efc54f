// Stage: the indexes every rule needs, built once in one pass over the Model so rules run in
// linear time. Every service, op, store, event and topic has an entry (empty when unused);
// lists are unique and in declaration order.

import type { Model, ModelIndex } from "../model/schema.js";

export function buildIndex(model: Model, newestApi: (service: string) => string | undefined): ModelIndex {
  const index: ModelIndex = {
    callees: {},
    callers: {},
    opCallers: {},
    storeUsers: {},
    producers: {},
    consumers: {},
    topicEvents: {},
    routes: {},
    newestApi: {},
  };
  for (const name of Object.keys(model.services)) {
    index.callees[name] = [];
    index.callers[name] = [];
    index.routes[name] = [];
    const newest = newestApi(name);
    if (newest !== undefined) index.newestApi[name] = newest;
  }
  for (const id of Object.keys(model.ops)) index.opCallers[id] = [];
  for (const name of Object.keys(model.stores)) index.storeUsers[name] = [];
  for (const name of Object.keys(model.events)) {
    index.producers[name] = [];
    index.consumers[name] = [];
  }
  for (const name of Object.keys(model.topics)) index.topicEvents[name] = [];
  for (const ev of Object.values(model.events))
    if (ev.topic !== undefined) index.topicEvents[ev.topic]?.push(ev.name);

  for (const svc of Object.values(model.services)) {
    const callees = index.callees[svc.name];
    for (const call of svc.calls) {
      if (call.op === undefined) continue;
      // Uniqueness without edge keys: a service's own callee list is short, and its calls are
      // indexed together, so it already calls an op exactly when it is that op's last caller.
      const to = call.toService;
      if (!callees.includes(to)) {
        callees.push(to);
        index.callers[to]?.push(svc.name);
      }
      const opCallers = index.opCallers[call.op];
      if (opCallers !== undefined && opCallers[opCallers.length - 1] !== svc.name) opCallers.push(svc.name);
    }
    for (const use of svc.uses) index.storeUsers[use.store]?.push({ service: svc.name, mode: use.mode });
    for (const p of svc.publishes) index.producers[p.event]?.push(svc.name);
    for (const c of svc.consumes)
      index.consumers[c.event]?.push(
        c.handler === undefined ? { service: svc.name } : { service: svc.name, handler: c.handler },
      );
  }
  for (const gw of Object.values(model.gateways))
    gw.routes.forEach((r, i) => {
      index.routes[r.service]?.push({ gateway: gw.name, index: i });
    });
  return index;
}
