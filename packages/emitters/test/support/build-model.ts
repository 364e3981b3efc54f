// Hand-built Models for emitter tests that must not depend on the compiler (edge cases that
// .arch cannot easily spell, property tests). Real examples are compiled with compilePaths.

import type {
  Api,
  Broker,
  Call,
  Deployment,
  Event,
  Gateway,
  Model,
  Op,
  Service,
  Store,
  Topic,
  TypeDef,
} from "@archc/compiler";

export const span = { file: "test.arch", start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 };

export function emptyModel(name = "test"): Model {
  return {
    schemaVersion: 1,
    system: { name, span },
    files: ["test.arch"],
    types: {},
    stores: {},
    brokers: {},
    topics: {},
    events: {},
    services: {},
    ops: {},
    flows: {},
    sagas: {},
    gateways: {},
    deployments: {},
    rules: { settings: [], allows: [] },
    suppressions: [],
    index: {
      callees: {},
      callers: {},
      opCallers: {},
      storeUsers: {},
      producers: {},
      consumers: {},
      topicEvents: {},
      routes: {},
      newestApi: {},
    },
  };
}

type ServiceInit = Partial<Omit<Service, "name" | "apis" | "calls">> & {
  apis?: { name: string; protocol?: Api["protocol"]; ops: Partial<Op>[] }[];
  calls?: (Partial<Call> & { op: string })[];
};

export function addService(model: Model, name: string, init: ServiceInit = {}): Service {
  const apis: Api[] = [];
  for (const a of init.apis ?? []) {
    const opIds: string[] = [];
    for (const o of a.ops) {
      const id = `${name}.${a.name}.${o.name}`;
      opIds.push(id);
      model.ops[id] = {
        id,
        service: name,
        api: a.name,
        name: o.name ?? "op",
        domain: o.domain ?? { kind: "prim", name: "unit" },
        codomain: o.codomain ?? { kind: "prim", name: "unit" },
        errors: o.errors ?? [],
        http: o.http,
        idempotent: o.idempotent ?? false,
        readonly: o.readonly ?? false,
        toleratesAbsent: false,
        latencyMs: o.latencyMs,
        doc: o.doc,
        span,
        nameSpan: span,
      };
    }
    const version = /^v(\d+)$/.exec(a.name);
    apis.push({
      name: a.name,
      version: version ? Number(version[1]) : undefined,
      protocol: a.protocol ?? "rest",
      ops: opIds,
      span,
      nameSpan: span,
    });
    model.index.newestApi[name] = a.name;
  }
  const calls: Call[] = (init.calls ?? []).map((c) => ({
    from: name,
    op: c.op,
    toService: c.op.split(".")[0],
    policy: c.policy ?? { retries: 0 },
    hasPolicyBlock: c.policy !== undefined,
    span,
    targetSpan: span,
  }));
  const svc: Service = {
    env: [],
    secrets: [],
    public: false,
    uses: [],
    publishes: [],
    consumes: [],
    span,
    nameSpan: span,
    ...init,
    name,
    apis,
    calls,
  };
  model.services[name] = svc;
  reindex(model);
  return svc;
}

export function addStore(model: Model, name: string, kind: string, init: Partial<Store> = {}): void {
  model.stores[name] = { name, kind, external: false, span, nameSpan: span, ...init };
  reindex(model);
}

export function addBroker(model: Model, name: string, kind: string, init: Partial<Broker> = {}): void {
  model.brokers[name] = { name, kind, external: false, span, nameSpan: span, ...init };
}

export function addTopic(model: Model, name: string, broker: string, init: Partial<Topic> = {}): void {
  model.topics[name] = { name, broker, span, nameSpan: span, ...init };
  reindex(model);
}

export function addEvent(model: Model, name: string, payload: string, topic: string): void {
  const e: Event = { name, payload: { kind: "ref", name: payload }, topic, span, nameSpan: span };
  model.events[name] = e;
  reindex(model);
}

export function addType(model: Model, def: TypeDef): void {
  model.types[def.name] = def;
}

export function addGateway(model: Model, gw: Partial<Gateway> & { name: string }): void {
  model.gateways[gw.name] = { tls: false, routes: [], span, nameSpan: span, ...gw };
  reindex(model);
}

export function addDeployment(model: Model, d: Partial<Deployment> & { name: string }): void {
  model.deployments[d.name] = { canaries: [], span, nameSpan: span, ...d };
}

/** Rebuilds the indexes the compiler would build, from the declarations. */
export function reindex(model: Model): void {
  const idx = model.index;
  idx.callees = {};
  idx.callers = {};
  idx.opCallers = {};
  idx.storeUsers = {};
  idx.producers = {};
  idx.consumers = {};
  idx.topicEvents = {};
  idx.routes = {};
  const push = <T>(rec: Record<string, T[]>, key: string, v: T, same = (a: T) => a === v) => {
    rec[key] ??= [];
    if (!rec[key].some(same)) rec[key].push(v);
  };
  for (const s of Object.values(model.services)) {
    idx.callees[s.name] ??= [];
    idx.callers[s.name] ??= [];
  }
  for (const s of Object.values(model.services)) {
    for (const c of s.calls) {
      push(idx.callees, s.name, c.toService);
      push(idx.callers, c.toService, s.name);
      if (c.op) push(idx.opCallers, c.op, s.name);
    }
    for (const u of s.uses)
      push(idx.storeUsers, u.store, { service: s.name, mode: u.mode }, (a) => a.service === s.name);
    for (const p of s.publishes) push(idx.producers, p.event, s.name);
    for (const c of s.consumes)
      push(idx.consumers, c.event, { service: s.name, handler: c.handler }, (a) => a.service === s.name);
  }
  for (const e of Object.values(model.events)) if (e.topic) push(idx.topicEvents, e.topic, e.name);
  for (const g of Object.values(model.gateways))
    g.routes.forEach((r, index) => {
      push(idx.routes, r.service, { gateway: g.name, index }, () => false);
    });
}
