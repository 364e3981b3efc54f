// The Model's named elements as arrays, in declaration order, built once per Model. A Model's
// element records are large frozen dictionaries (10,000 services): `Object.values` on one
// costs milliseconds, and every rule walks the services, so the rules share these lists.

import type { Broker, Event, Flow, Gateway, Model, Saga, Service, Store, Topic } from "@archc/compiler";

export interface ModelLists {
  readonly services: readonly Service[];
  readonly stores: readonly Store[];
  readonly brokers: readonly Broker[];
  readonly topics: readonly Topic[];
  readonly events: readonly Event[];
  readonly flows: readonly Flow[];
  readonly sagas: readonly Saga[];
  readonly gateways: readonly Gateway[];
  /** Service names in declaration order: the node numbers of the service graphs. */
  readonly serviceNames: readonly string[];
  readonly serviceNode: ReadonlyMap<string, number>;
}

const built = new WeakMap<Model, ModelLists>();

export function modelLists(model: Model): ModelLists {
  let lists = built.get(model);
  if (lists === undefined) {
    const serviceNames = Object.keys(model.services);
    lists = {
      services: serviceNames.map((n) => model.services[n]),
      stores: Object.values(model.stores),
      brokers: Object.values(model.brokers),
      topics: Object.values(model.topics),
      events: Object.values(model.events),
      flows: Object.values(model.flows),
      sagas: Object.values(model.sagas),
      gateways: Object.values(model.gateways),
      serviceNames,
      serviceNode: new Map(serviceNames.map((n, i) => [n, i])),
    };
    built.set(model, lists);
  }
  return lists;
}
