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

/** Each list is made on first use: a rule that walks the flows does not pay for the stores. */
export function modelLists(model: Model): ModelLists {
  let lists = built.get(model);
  if (lists === undefined) {
    lists = lazyLists(model);
    built.set(model, lists);
  }
  return lists;
}

function lazyLists(model: Model): ModelLists {
  let serviceNames: readonly string[] | undefined;
  let services: readonly Service[] | undefined;
  let serviceNode: ReadonlyMap<string, number> | undefined;
  let stores: readonly Store[] | undefined;
  let brokers: readonly Broker[] | undefined;
  let topics: readonly Topic[] | undefined;
  let events: readonly Event[] | undefined;
  let flows: readonly Flow[] | undefined;
  let sagas: readonly Saga[] | undefined;
  let gateways: readonly Gateway[] | undefined;
  const lists: ModelLists = {
    get serviceNames() {
      serviceNames ??= Object.keys(model.services);
      return serviceNames;
    },
    get services() {
      services ??= lists.serviceNames.map((n) => model.services[n]);
      return services;
    },
    get serviceNode() {
      serviceNode ??= new Map(lists.serviceNames.map((n, i) => [n, i]));
      return serviceNode;
    },
    get stores() {
      stores ??= Object.values(model.stores);
      return stores;
    },
    get brokers() {
      brokers ??= Object.values(model.brokers);
      return brokers;
    },
    get topics() {
      topics ??= Object.values(model.topics);
      return topics;
    },
    get events() {
      events ??= Object.values(model.events);
      return events;
    },
    get flows() {
      flows ??= Object.values(model.flows);
      return flows;
    },
    get sagas() {
      sagas ??= Object.values(model.sagas);
      return sagas;
    },
    get gateways() {
      gateways ??= Object.values(model.gateways);
      return gateways;
    },
  };
  return lists;
}
