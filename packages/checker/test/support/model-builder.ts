// A small builder of checked Models for unit tests of the engine and the graph code, so they
// do not depend on the compiler. Every element gets its own line in a virtual file
// "test.arch", so tests can tell spans apart; the index is derived as the compiler derives it.

import type { CallPolicy, FlowTerm, Model, Op, SagaStep, Service, TypeExpr } from "@archc/compiler";
import type { Span } from "@archc/dsl";

const FILE = "test.arch";

export function lineSpan(line: number, col = 1, length = 10): Span {
  const start = line * 1000 + col - 1;
  return { file: FILE, start, end: start + length, line, col, endLine: line, endCol: col + length };
}

type ServiceExtras = Partial<
  Pick<
    Service,
    "tech" | "image" | "health" | "ready" | "availability" | "public" | "replicas" | "owner" | "port"
  >
>;

export interface OpOptions {
  idempotent?: boolean;
  readonly?: boolean;
  toleratesAbsent?: boolean;
  latencyMs?: number;
  errors?: string[];
  api?: string;
  domain?: TypeExpr;
  codomain?: TypeExpr;
}

const UNIT: TypeExpr = { kind: "prim", name: "unit" };

export class ServiceBuilder {
  readonly pendingCalls: { target: string; policy: Partial<CallPolicy>; block: boolean; line: number }[] = [];
  constructor(
    private readonly m: ModelBuilder,
    readonly service: Service,
  ) {}

  set(extras: ServiceExtras): this {
    Object.assign(this.service, extras);
    return this;
  }
  op(name: string, o: OpOptions = {}): this {
    const apiName = o.api ?? "v1";
    let api = this.service.apis.find((a) => a.name === apiName);
    if (!api) {
      const line = this.m.nextLine();
      const version = /^v(\d+)$/.exec(apiName);
      api = {
        name: apiName,
        version: version ? Number(version[1]) : undefined,
        protocol: "rest",
        ops: [],
        span: lineSpan(line),
        nameSpan: lineSpan(line, 5, apiName.length),
      };
      this.service.apis.push(api);
    }
    const id = `${this.service.name}.${apiName}.${name}`;
    const line = this.m.nextLine();
    const op: Op = {
      id,
      service: this.service.name,
      api: apiName,
      name,
      domain: o.domain ?? UNIT,
      codomain: o.codomain ?? UNIT,
      errors: o.errors ?? [],
      idempotent: o.idempotent ?? o.readonly ?? false,
      readonly: o.readonly ?? false,
      toleratesAbsent: o.toleratesAbsent ?? false,
      latencyMs: o.latencyMs,
      span: lineSpan(line, 5, 30),
      nameSpan: lineSpan(line, 8, name.length),
    };
    api.ops.push(id);
    this.m.ops[id] = op;
    return this;
  }
  /** `target` is "svc.op" or "svc.api.op"; resolved when the model is built. */
  calls(target: string, policy: Partial<CallPolicy> = {}): this {
    this.pendingCalls.push({
      target,
      policy,
      block: Object.keys(policy).length > 0,
      line: this.m.nextLine(),
    });
    return this;
  }
  uses(store: string, mode: "readwrite" | "read" | "write" = "readwrite"): this {
    this.service.uses.push({ store, mode, span: lineSpan(this.m.nextLine(), 3, 5 + store.length) });
    return this;
  }
  publishes(event: string): this {
    this.service.publishes.push({ event, span: lineSpan(this.m.nextLine(), 3, 10 + event.length) });
    return this;
  }
  consumes(event: string, handler?: string): this {
    this.service.consumes.push({ event, handler, span: lineSpan(this.m.nextLine(), 3, 9 + event.length) });
    return this;
  }
  env(key: string, value: string): this {
    this.service.env.push({
      key,
      value,
      span: lineSpan(this.m.nextLine(), 9, key.length + value.length + 5),
    });
    return this;
  }
}

export class ModelBuilder {
  private line = 0;
  readonly ops: Record<string, Op> = {};
  private readonly services: ServiceBuilder[] = [];
  private readonly model: Model = {
    schemaVersion: 1,
    system: { name: "test" },
    files: [FILE],
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
  private readonly flowSources: { name: string; expr: string; line: number }[] = [];

  nextLine(): number {
    return ++this.line;
  }

  service(name: string, body: (s: ServiceBuilder) => void = () => {}): this {
    const line = this.nextLine();
    const service: Service = {
      name,
      env: [],
      secrets: [],
      public: false,
      uses: [],
      apis: [],
      calls: [],
      publishes: [],
      consumes: [],
      span: lineSpan(line, 1, 40),
      nameSpan: lineSpan(line, 9, name.length),
    };
    this.model.services[name] = service;
    const sb = new ServiceBuilder(this, service);
    this.services.push(sb);
    body(sb);
    return this;
  }

  store(name: string, kind = "postgres", image?: string): this {
    const line = this.nextLine();
    this.model.stores[name] = {
      name,
      kind,
      image,
      external: false,
      span: lineSpan(line),
      nameSpan: lineSpan(line, 7, name.length),
    };
    return this;
  }

  record(name: string, fields: string[]): this {
    const line = this.nextLine();
    this.model.types[name] = {
      kind: "record",
      name,
      fields: fields.map((f) => ({
        name: f,
        optional: false,
        type: { kind: "prim", name: "string" },
        span: lineSpan(line),
      })),
      span: lineSpan(line),
      nameSpan: lineSpan(line, 6, name.length),
    };
    return this;
  }

  topic(name: string, key?: string): this {
    const line = this.nextLine();
    this.model.topics[name] = {
      name,
      key,
      keySpan: key ? lineSpan(line, 20, key.length) : undefined,
      span: lineSpan(line),
      nameSpan: lineSpan(line, 7, name.length),
    };
    return this;
  }

  event(name: string, payload: string | TypeExpr = UNIT, topic?: string): this {
    const line = this.nextLine();
    this.model.events[name] = {
      name,
      payload: typeof payload === "string" ? { kind: "ref", name: payload } : payload,
      topic,
      span: lineSpan(line),
      nameSpan: lineSpan(line, 7, name.length),
    };
    return this;
  }

  /** `expr` uses `;`, `&`, `*` and parentheses over `svc.op` references. */
  flow(
    name: string,
    expr: string,
    o: { by?: string; sloLatencyMs?: number; sloAvailability?: number } = {},
  ): this {
    const line = this.nextLine();
    this.model.flows[name] = {
      name,
      opRefs: [],
      by: o.by,
      bySpan: o.by ? lineSpan(line, 60, 3 + o.by.length) : undefined,
      slo:
        o.sloLatencyMs !== undefined || o.sloAvailability !== undefined
          ? { latencyMs: o.sloLatencyMs, availability: o.sloAvailability, span: lineSpan(line, 80, 20) }
          : undefined,
      span: lineSpan(line, 1, 100),
      nameSpan: lineSpan(line, 6, name.length),
    };
    this.flowSources.push({ name, expr, line });
    return this;
  }

  saga(
    name: string,
    by: string | undefined,
    steps: { name: string; kind: SagaStep["kind"]; op: string; compensate?: string }[],
  ): this {
    const line = this.nextLine();
    this.model.sagas[name] = {
      name,
      input: UNIT,
      by,
      bySpan: by ? lineSpan(line, 20, by.length) : undefined,
      steps: steps.map((s) => {
        const l = this.nextLine();
        return {
          name: s.name,
          kind: s.kind,
          action: { op: this.resolveLater(s.op), source: "input", span: lineSpan(l, 20, s.op.length) },
          compensation: s.compensate
            ? {
                op: this.resolveLater(s.compensate),
                source: s.name,
                span: lineSpan(l, 50, s.compensate.length),
              }
            : undefined,
          span: lineSpan(l),
          nameSpan: lineSpan(l, 8, s.name.length),
        };
      }),
      pivot: steps.find((s) => s.kind === "pivot")?.name,
      span: lineSpan(line),
      nameSpan: lineSpan(line, 6, name.length),
    };
    return this;
  }

  gateway(name: string, routes: { service: string; retries?: number }[]): this {
    const line = this.nextLine();
    this.model.gateways[name] = {
      name,
      tls: false,
      routes: routes.map((r) => ({
        path: `/${r.service}`,
        service: r.service,
        retries: r.retries,
        stripPrefix: false,
        span: lineSpan(this.nextLine(), 3, 20),
      })),
      span: lineSpan(line),
      nameSpan: lineSpan(line, 9, name.length),
    };
    return this;
  }

  deploy(name: string): this {
    const line = this.nextLine();
    this.model.deployments[name] = {
      name,
      target: { kind: "kubernetes" },
      canaries: [],
      span: lineSpan(line),
      nameSpan: lineSpan(line, 8, name.length),
    };
    return this;
  }

  set(rule: string, option: string, value: string | number): this {
    this.model.rules.settings.push({ rule, option, value, span: lineSpan(this.nextLine()) });
    return this;
  }

  allow(rule: string, target: string, reason = "accepted"): this {
    this.model.rules.allows.push({ rule, target, reason, span: lineSpan(this.nextLine()) });
    return this;
  }

  /** An `// archc-allow` comment applying to `line`. */
  suppress(rule: string, line: number, reason = "accepted"): this {
    this.model.suppressions.push({ rule, reason, appliesToLine: line, span: lineSpan(line - 1) });
    return this;
  }

  // Saga ops are written "svc.op" and resolved to op ids when the model is built.
  private readonly pending: { ref: string }[] = [];
  private resolveLater(ref: string): string {
    this.pending.push({ ref });
    return ref;
  }

  private resolve(ref: string): string | undefined {
    const parts = ref.split(".");
    if (parts.length === 3) return this.ops[ref] ? ref : undefined;
    const [svc, op] = parts;
    const service = this.model.services[svc];
    if (!service) return undefined;
    const newest = [...service.apis].sort((a, b) => (b.version ?? 0) - (a.version ?? 0))[0];
    const id = newest ? `${svc}.${newest.name}.${op}` : undefined;
    return id && this.ops[id] ? id : undefined;
  }

  build(): Model {
    const m = this.model;
    m.ops = this.ops;
    for (const sb of this.services) {
      for (const c of sb.pendingCalls) {
        const op = this.resolve(c.target);
        const toService = c.target.split(".")[0];
        sb.service.calls.push({
          from: sb.service.name,
          op,
          toService,
          policy: { retries: 0, ...c.policy },
          hasPolicyBlock: c.block,
          span: lineSpan(c.line, 3, 40),
          targetSpan: lineSpan(c.line, 9, c.target.length),
        });
      }
    }
    for (const saga of Object.values(m.sagas)) {
      for (const step of saga.steps) {
        (step.action as { op?: string }).op = this.resolve(step.action.op ?? "");
        if (step.compensation)
          (step.compensation as { op?: string }).op = this.resolve(step.compensation.op ?? "");
      }
    }
    for (const f of this.flowSources) {
      const flow = m.flows[f.name];
      const parsed = new TermParser(f.expr, (ref) => this.resolve(ref), f.line).parse();
      flow.term = parsed.term;
      flow.opRefs = parsed.refs;
    }
    buildIndex(m);
    return m;
  }
}

function buildIndex(m: Model): void {
  const idx = m.index;
  const push = <T>(rec: Record<string, T[]>, key: string, v: T, same: (a: T) => boolean) => {
    rec[key] ??= [];
    if (!rec[key].some(same)) rec[key].push(v);
  };
  for (const s of Object.values(m.services)) {
    idx.callees[s.name] ??= [];
    idx.callers[s.name] ??= [];
    const newest = [...s.apis].sort((a, b) => (b.version ?? 0) - (a.version ?? 0))[0];
    if (newest) idx.newestApi[s.name] = newest.name;
  }
  for (const s of Object.values(m.services)) {
    for (const c of s.calls) {
      if (!m.services[c.toService]) continue;
      push(idx.callees, s.name, c.toService, (x) => x === c.toService);
      push(idx.callers, c.toService, s.name, (x) => x === s.name);
      if (c.op) push(idx.opCallers, c.op, s.name, (x) => x === s.name);
    }
    for (const u of s.uses)
      push(idx.storeUsers, u.store, { service: s.name, mode: u.mode }, (x) => x.service === s.name);
    for (const p of s.publishes) push(idx.producers, p.event, s.name, (x) => x === s.name);
    for (const c of s.consumes)
      push(idx.consumers, c.event, { service: s.name, handler: c.handler }, (x) => x.service === s.name);
  }
  for (const e of Object.values(m.events))
    if (e.topic) push(idx.topicEvents, e.topic, e.name, (x) => x === e.name);
  for (const g of Object.values(m.gateways))
    g.routes.forEach((r, index) => {
      push(idx.routes, r.service, { gateway: g.name, index }, () => false);
    });
}

/** Parses `a.f ; (b.g & c.h) * d.i` into a normal-form term (flattened, as the compiler does). */
class TermParser {
  private pos = 0;
  readonly refs: { op: string; span: Span }[] = [];
  private ok = true;
  constructor(
    private readonly src: string,
    private readonly resolve: (ref: string) => string | undefined,
    private readonly line: number,
  ) {}

  parse(): { term: FlowTerm | undefined; refs: { op: string; span: Span }[] } {
    const term = this.seq();
    return { term: this.ok ? term : undefined, refs: this.refs };
  }
  private skip(): void {
    while (this.src[this.pos] === " ") this.pos++;
  }
  private seq(): FlowTerm {
    const parts = [this.par()];
    for (this.skip(); this.src[this.pos] === ";"; this.skip()) {
      this.pos++;
      parts.push(this.par());
    }
    return flatten("seq", parts);
  }
  private par(): FlowTerm {
    const parts = [this.atom()];
    this.skip();
    const op = this.src[this.pos];
    if (op !== "&" && op !== "*") return parts[0];
    while (this.src[this.pos] === op) {
      this.pos++;
      parts.push(this.atom());
      this.skip();
    }
    return flatten(op === "&" ? "fanout" : "par", parts);
  }
  private atom(): FlowTerm {
    this.skip();
    if (this.src[this.pos] === "(") {
      this.pos++;
      const t = this.seq();
      this.skip();
      this.pos++; // ")"
      return t;
    }
    const start = this.pos;
    while (this.pos < this.src.length && /[A-Za-z0-9_.-]/.test(this.src[this.pos])) this.pos++;
    const ref = this.src.slice(start, this.pos);
    const op = this.resolve(ref);
    const span = lineSpan(this.line, 20 + start, ref.length);
    if (op === undefined) {
      this.ok = false;
      return { kind: "op", op: ref, span };
    }
    this.refs.push({ op, span });
    return { kind: "op", op, span };
  }
}

function flatten(kind: "seq" | "fanout" | "par", parts: FlowTerm[]): FlowTerm {
  if (parts.length === 1) return parts[0];
  return { kind, parts: parts.flatMap((p) => (p.kind === kind ? p.parts : [p])) };
}

export function buildModel(build: (b: ModelBuilder) => void): Model {
  const b = new ModelBuilder();
  build(b);
  return b.build();
}
