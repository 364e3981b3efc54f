// Who calls whom and who uses which store or broker, derived from the model once per emit run.
// Emitters ask these per service; answering each question by scanning every service made
// `emit all` quadratic in the number of services (seconds at 1k services).

import type { Call, Model } from "@archc/compiler";
import { type Backing, backings, brokersOf, storesOf } from "./context.js";

export interface ModelRelations {
  /** Every store, then every broker, in declaration order (see `backings`). */
  readonly backings: readonly Backing[];
  /** The store or broker `role:name` (`store:orders-db`), if declared. */
  backing(key: string): Backing | undefined;
  /** Services that call `service` (itself excepted), in declaration order, each once. */
  callersOf(service: string): readonly string[];
  /** The calls into `service` from other services: by caller in declaration order, then by call. */
  callsInto(service: string): readonly Call[];
  /** Services that use a store, or publish or consume on a broker's topics, in declaration order. */
  clientsOf(b: Backing): readonly string[];
}

const NONE: readonly never[] = [];

/** The relations of `model`, each computed on first use. */
export function modelRelations(model: Model): ModelRelations {
  let allBackings: readonly Backing[] | undefined;
  let byKey: Map<string, Backing> | undefined;
  let callers: Map<string, string[]> | undefined;
  let calls: Map<string, Call[]> | undefined;
  let clients: Map<string, string[]> | undefined;

  const relations: ModelRelations = {
    get backings() {
      allBackings ??= backings(model);
      return allBackings;
    },
    backing(key) {
      byKey ??= new Map(relations.backings.map((b) => [`${b.role}:${b.name}`, b]));
      return byKey.get(key);
    },
    callersOf(service) {
      callers ??= callersByService(model);
      return callers.get(service) ?? NONE;
    },
    callsInto(service) {
      calls ??= callsByTarget(model);
      return calls.get(service) ?? NONE;
    },
    clientsOf(b) {
      clients ??= clientsByBacking(model);
      return clients.get(`${b.role}:${b.name}`) ?? NONE;
    },
  };
  return relations;
}

function callsByTarget(model: Model): Map<string, Call[]> {
  const out = new Map<string, Call[]>();
  for (const caller of Object.values(model.services))
    for (const call of caller.calls) {
      if (call.toService === caller.name) continue;
      const list = out.get(call.toService);
      if (list) list.push(call);
      else out.set(call.toService, [call]);
    }
  return out;
}

function callersByService(model: Model): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const caller of Object.values(model.services))
    for (const callee of new Set(caller.calls.map((c) => c.toService))) {
      if (callee === caller.name) continue;
      const list = out.get(callee);
      if (list) list.push(caller.name);
      else out.set(callee, [caller.name]);
    }
  return out;
}

function clientsByBacking(model: Model): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (key: string, service: string) => {
    const list = out.get(key);
    if (list) list.push(service);
    else out.set(key, [service]);
  };
  for (const svc of Object.values(model.services)) {
    for (const s of storesOf(model, svc)) add(`store:${s}`, svc.name);
    for (const b of brokersOf(model, svc)) add(`broker:${b}`, svc.name);
  }
  return out;
}
