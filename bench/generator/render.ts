// Writes a planned system as .arch text. Every op, flow and saga is typed so the parts line
// up: `advance` takes the upstream service's entity, compensations take their step's result,
// event handlers take the event's payload, and every payload has the topic key `customer`.

import type { FlowPlan, SagaPlan, ServicePlan, SystemPlan } from "./plan.js";

const entity = (s: ServicePlan) => `${s.prefix}Entity`;

export function renderSharedTypes(): string {
  return `// Types every service shares.

/// An amount of money in a currency (ISO 4217 code).
type Money { amount: decimal, currency: string }

type Address {
  street: string
  city: string
  postcode: string
  country: string
}
`;
}

export function renderTypes(s: ServicePlan): string {
  const p = s.prefix;
  return `/// What a client sends to create a ${s.name} entity.
type ${p}Request {
  customer: uuid
  items: list<${p}Item>
  shipTo?: Address
  meta: map<string, string>
}
type ${p}Item { sku: string, quantity: int, price: Money }
type ${p}Ref { id: uuid }
enum ${p}Status { pending, active, done, cancelled }
type ${p}Entity {
  id: uuid
  customer: uuid
  status: ${p}Status
  items: list<${p}Item>
  total: Money
  updatedAt: timestamp
}
type ${p}Summary { id: uuid, count: int, total: Money }
type ${p}NotFound { id: uuid }
enum ${p}Invalid { empty-items, unknown-sku }
`;
}

interface OpLine {
  readonly name: string;
  readonly signature: string;
  readonly binding: string;
  readonly modifiers: string;
}

function ops(s: ServicePlan, services: readonly ServicePlan[], full: boolean): OpLine[] {
  const p = s.prefix;
  const lat = (factor: number) => `latency ${s.latencyMs * factor}ms`;
  const lines: OpLine[] = [
    {
      name: "place",
      signature: `${p}Request -> ${p}Entity ! ${p}Invalid`,
      binding: 'POST "/items"',
      modifiers: lat(3),
    },
    {
      name: "get",
      signature: `${p}Ref -> ${p}Entity ! ${p}NotFound`,
      binding: 'GET "/items/{id}"',
      modifiers: `readonly  ${lat(1)}`,
    },
  ];
  if (!full) return lines;
  lines.push({
    name: "summary",
    signature: `${p}Ref -> ${p}Summary`,
    binding: 'GET "/items/{id}/summary"',
    modifiers: `readonly  ${lat(1)}`,
  });
  if (s.upstream !== undefined)
    lines.push({
      name: "advance",
      signature: `${entity(services[s.upstream])} -> ${p}Entity`,
      binding: 'POST "/items/advance"',
      modifiers: `idempotent  ${lat(2)}`,
    });
  lines.push(
    {
      name: "confirm",
      signature: `${p}Entity -> ${p}Entity`,
      binding: 'POST "/items/{id}/confirm"',
      modifiers: `idempotent  ${lat(1)}`,
    },
    {
      name: "reject",
      signature: `${p}Entity -> unit`,
      binding: 'POST "/items/{id}/reject"',
      modifiers: `idempotent  tolerates-absent  ${lat(1)}`,
    },
    {
      name: "undo",
      signature: `${p}Entity -> unit`,
      binding: 'POST "/items/{id}/undo"',
      modifiers: `idempotent  tolerates-absent  ${lat(1)}`,
    },
    {
      name: "notify",
      signature: `${p}Entity -> unit`,
      binding: 'POST "/items/{id}/notify"',
      modifiers: `idempotent  ${lat(1)}`,
    },
  );
  for (const producer of s.consumes) {
    const q = services[producer];
    lines.push({
      name: `on-${q.name}-changed`,
      signature: `${entity(q)} -> unit`,
      binding: `POST "/events/${q.name}"`,
      modifiers: `idempotent  ${lat(1)}`,
    });
  }
  return lines;
}

function renderApi(version: string, lines: readonly OpLine[]): string {
  const width = Math.max(...lines.map((l) => `op ${l.name}: ${l.signature}`.length));
  const body = lines
    .map((l) => `    op ${`${l.name}: ${l.signature}`.padEnd(width - 3)}  ${l.binding}  ${l.modifiers}`)
    .join("\n");
  return `  api ${version} rest {\n${body}\n  }`;
}

/** Reads are retried; an op that is not idempotent (`place`) is called once. */
function policy(op: string): string {
  if (op === "place") return "{ timeout 2s  breaker 5 in 30s }";
  return "{ timeout 2s  per-try 800ms  retries 1  backoff 50ms..200ms  breaker 5 in 30s  bulkhead 20 }";
}

export function renderService(s: ServicePlan, services: readonly ServicePlan[]): string {
  const domain = s.name.replace(/-\d+$/, "");
  const out: string[] = [
    `/// The ${s.name} service: a synthetic ${domain} service.`,
    `service ${s.name} "${domain} ${s.index}" {`,
    `  owner "team-${domain}"`,
    `  tech "${s.tech}"`,
    `  image "ghcr.io/bench/${s.name}:1.${s.index % 10}.0"`,
    "  port 8080",
    `  replicas ${s.replicas[0]}..${s.replicas[1]} cpu 70%`,
    "  resources { cpu 250m..500m  memory 256Mi..512Mi }",
    '  health "/health"  ready "/ready"',
    "  availability 99.95%",
    "  balance least-conn",
    '  env { LOG_LEVEL = "info", WORKERS = 4 }',
    `  secret DATABASE_URL from "${s.name}-db-credentials"`,
  ];
  if (s.isPublic) out.push("  public");
  out.push("", `  uses ${s.name}-db`);
  for (const r of s.sharedReads) out.push(`  uses ${services[r].name}-db read`);
  out.push("");
  if (s.hasV2) out.push(renderApi("v1", ops(s, services, false)), renderApi("v2", ops(s, services, true)));
  else out.push(renderApi("v1", ops(s, services, true)));
  if (s.calls.length > 0) out.push("");
  for (const c of s.calls) out.push(`  calls ${services[c.target].name}.${c.op} ${policy(c.op)}`);
  out.push("", `  publishes ${s.prefix}Changed`);
  for (const producer of s.consumes) {
    const q = services[producer];
    out.push(`  consumes ${q.prefix}Changed -> on-${q.name}-changed`);
  }
  out.push("}", "");
  return out.join("\n");
}

export function renderPlatform(plan: SystemPlan): string {
  const out: string[] = ["// Stores, brokers, topics, events, the gateway and the deployments.", ""];
  for (const s of plan.services) out.push(`store ${s.name}-db: ${s.storeKind} { size 20Gi  backup daily }`);
  out.push("");
  for (let b = 0; b < plan.brokers; b++) out.push(`broker bus-${b}: kafka { replication 3 }`);
  out.push("");
  const topicsPerBroker = Math.ceil(plan.topics / plan.brokers);
  for (let t = 0; t < plan.topics; t++)
    out.push(
      `topic events-${t} on bus-${Math.floor(t / topicsPerBroker)} { partitions 6  replication 3  key customer  retention 7d }`,
    );
  out.push("");
  for (const s of plan.services) out.push(`event ${s.prefix}Changed: ${entity(s)} on events-${s.topic}`);
  out.push(
    "",
    "gateway edge {",
    '  port 443  host "bench.example"  tls',
    '  auth jwt { issuer "https://auth.bench.example"  audience "bench" }',
    '  cors { origins "https://app.bench.example"  credentials }',
  );
  for (const s of plan.services.filter((x) => x.isPublic))
    out.push(
      `  route "/api/${s.name}" -> ${s.name}.${s.hasV2 ? "v2" : "v1"} { rate 1000/hour  timeout 30s }`,
    );
  out.push(
    "}",
    "",
    "deploy prod {",
    '  target kubernetes { namespace "bench" }',
    "  mesh istio { mtls strict }",
  );
  out.push('  tracing otlp { endpoint "http://otel-collector:4317"  sample 10% }');
  const canary = plan.services.find((s) => s.hasV2);
  if (canary) out.push(`  canary ${canary.name}.v2 10%`);
  out.push("}", "", "deploy local { target compose }", "");
  return out.join("\n");
}

function renderFlow(f: FlowPlan, services: readonly ServicePlan[]): string {
  const [first] = f.services.map((i) => services[i]);
  switch (f.kind) {
    case "chain": {
      const chain = f.services.map((i) => services[i]);
      const last = chain[chain.length - 1];
      const body = [`${first.name}.place`, ...chain.slice(1).map((s) => `${s.name}.advance`)].join(" ; ");
      const by = f.by === undefined ? "" : `by ${services[f.by].name}  `;
      return `/// ${first.name} to ${last.name}, one step after another.
flow ${f.name}: ${first.prefix}Request -> ${entity(last)} = ${body} {
  ${by}slo latency 10s  availability 99%
}`;
    }
    case "fanout":
      return `flow ${f.name}: ${first.prefix}Ref -> ${entity(first)} * ${first.prefix}Summary = ${first.name}.get & ${first.name}.summary { slo latency 1s }`;
    case "parallel": {
      const second = services[f.services[1]];
      const both = `${entity(first)} * ${entity(second)}`;
      return `flow ${f.name}: ${first.prefix}Ref * ${second.prefix}Ref -> ${both} = (${first.name}.get * ${second.name}.get) ; id<${both}>`;
    }
  }
}

function renderSaga(g: SagaPlan, services: readonly ServicePlan[]): string {
  const chain = g.chain.map((i) => services[i]);
  const [head] = chain;
  const stepName = (s: ServicePlan) => `reach-${s.name}`;
  const lines = [
    `/// Creates a ${head.name} entity and carries it through ${chain.length - 1} more service(s).`,
    `saga ${g.name}(${head.prefix}Request) by ${services[g.by].name} {`,
    `  step create: ${head.name}.place  compensate ${head.name}.reject`,
  ];
  const second = chain[1];
  const secondStep = `step ${stepName(second)}: ${second.name}.advance(create)  compensate ${second.name}.undo`;
  if (g.parallelWith !== undefined) {
    const sibling = services[g.parallelWith];
    lines.push(
      "  parallel {",
      `    ${secondStep}`,
      `    step ${stepName(sibling)}: ${sibling.name}.advance(create)  compensate ${sibling.name}.undo`,
      "  }",
    );
  } else lines.push(`  ${secondStep}`);
  for (let k = 2; k < chain.length; k++) {
    const s = chain[k];
    lines.push(
      `  step ${stepName(s)}: ${s.name}.advance(${stepName(chain[k - 1])})  compensate ${s.name}.undo`,
    );
  }
  const last = chain[chain.length - 1];
  lines.push(
    `  pivot approve: ${head.name}.confirm(create)`,
    `  step notify: ${last.name}.notify(${stepName(last)})  retriable`,
    "}",
  );
  return lines.join("\n");
}

export function renderFlowsAndSagas(plan: SystemPlan): string {
  const parts = ["// Flows (composition of ops) and sagas (with compensations and a pivot).", ""];
  for (const f of plan.flows) parts.push(renderFlow(f, plan.services), "");
  for (const g of plan.sagas) parts.push(renderSaga(g, plan.services), "");
  return parts.join("\n");
}

export function renderMain(plan: SystemPlan, imports: readonly string[]): string {
  const n = plan.services.length;
  return [
    `/// A synthetic system of ${n} services, generated with seed ${plan.seed} by bench/generate.ts.`,
    `system bench-${n} "Synthetic system (${n} services)" { version "1.0.0"  owner "bench" }`,
    "",
    ...imports.map((f) => `import "./${f}"`),
    "",
    "rules {",
    "  fail-on error",
    "}",
    "",
  ].join("\n");
}
