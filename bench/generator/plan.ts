// The shape of a synthetic system, decided before any text is written: which service feeds
// which (so flows and sagas compose), who consumes whose events, who calls whom. Every call
// goes from a higher-numbered service to a lower-numbered one, so the call graph has no cycles.

import { Random } from "./random.js";

const DOMAINS = [
  "orders",
  "inventory",
  "payments",
  "shipping",
  "catalog",
  "pricing",
  "billing",
  "accounts",
  "search",
  "reviews",
  "cart",
  "loyalty",
  "fraud",
  "tax",
  "ledger",
  "notifications",
  "recommendations",
  "media",
  "identity",
  "profiles",
];
const TECH = ["go", "java/spring", "python/fastapi", "node/express"];
const STORE_KINDS = ["postgres", "postgres", "mysql", "mongodb", "redis", "cassandra", "dynamodb"];

/** How many services share one topic, and one broker. */
const SERVICES_PER_TOPIC = 5;
const SERVICES_PER_BROKER = 100;

export interface CallPlan {
  readonly target: number;
  readonly op: string;
}

export interface ServicePlan {
  readonly index: number;
  /** kebab-case service name, unique: `orders-17`. */
  readonly name: string;
  /** PascalCase prefix of its types: `Orders17`. */
  readonly prefix: string;
  /** The service whose entity `advance` takes; undefined for the first service. */
  readonly upstream?: number;
  /** Whether the service carries a `v2` api besides `v1`. */
  readonly hasV2: boolean;
  readonly storeKind: string;
  /** Lower-numbered services whose stores this one reads. */
  readonly sharedReads: readonly number[];
  readonly topic: number;
  /** Producers whose `Changed` event this service consumes. */
  readonly consumes: number[];
  readonly calls: CallPlan[];
  readonly isPublic: boolean;
  readonly tech: string;
  readonly replicas: readonly [number, number];
  readonly latencyMs: number;
}

export interface FlowPlan {
  readonly name: string;
  readonly kind: "chain" | "fanout" | "parallel";
  /** chain: services in order (each feeds the next); fanout: one; parallel: two. */
  readonly services: readonly number[];
  /** The driving service, or undefined for the gateway. */
  readonly by?: number;
}

export interface SagaPlan {
  readonly name: string;
  /** Services in order; each `advance`s the previous one's entity. */
  readonly chain: readonly number[];
  /** A second service fed by the first, run in parallel with the chain's second step. */
  readonly parallelWith?: number;
  readonly by: number;
}

export interface SystemPlan {
  readonly seed: number;
  readonly services: readonly ServicePlan[];
  readonly topics: number;
  readonly brokers: number;
  readonly flows: readonly FlowPlan[];
  readonly sagas: readonly SagaPlan[];
}

function pascal(kebab: string): string {
  return kebab
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

function addCall(plan: ServicePlan, target: number, op: string): void {
  if (target === plan.index) return;
  if (!plan.calls.some((c) => c.target === target && c.op === op)) plan.calls.push({ target, op });
}

/** The chain ending at `last`, walking upstream: at most `length` services, first to last. */
function chainTo(services: readonly ServicePlan[], last: number, length: number): number[] {
  const chain = [last];
  let current = services[last];
  while (chain.length < length && current.upstream !== undefined) {
    chain.unshift(current.upstream);
    current = services[current.upstream];
  }
  return chain;
}

export function planSystem(serviceCount: number, seed: number): SystemPlan {
  const random = new Random(seed);
  const count = Math.max(1, Math.floor(serviceCount));
  const services: ServicePlan[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${DOMAINS[i % DOMAINS.length]}-${i}`;
    services.push({
      index: i,
      name,
      prefix: pascal(name),
      upstream: i === 0 ? undefined : i - 1 - random.int(0, Math.min(i - 1, 4)),
      hasV2: random.chance(0.25),
      storeKind: random.pick(STORE_KINDS),
      sharedReads: i > 0 && random.chance(0.1) ? [random.int(0, i - 1)] : [],
      topic: Math.floor(i / SERVICES_PER_TOPIC),
      consumes: [],
      calls: [],
      isPublic: i % 10 === 0,
      tech: random.pick(TECH),
      replicas: [random.int(2, 3), random.int(4, 10)],
      latencyMs: random.pick([10, 20, 40, 80, 120]),
    });
  }
  // Events: each service publishes one; one or two others consume it.
  for (const s of services) {
    if (count === 1) break;
    for (let k = 0; k < random.int(1, 2); k++) {
      const consumer = services[random.int(0, count - 1)];
      if (consumer.index !== s.index && !consumer.consumes.includes(s.index)) consumer.consumes.push(s.index);
    }
  }
  // Synchronous reads of the upstream entity, most services.
  for (const s of services) {
    if (s.upstream !== undefined && random.chance(0.6)) addCall(s, s.upstream, "get");
  }
  const flows: FlowPlan[] = [];
  const sagas: SagaPlan[] = [];
  const rounds = Math.max(1, Math.floor(count / 4));
  for (let k = 0; k < rounds; k++) {
    const last = random.int(k === 0 && count >= 2 ? 1 : 0, count - 1);
    const chain = chainTo(services, last, random.int(2, 4));
    const driver = services[last];
    if (chain.length >= 2) {
      flows.push({ name: `chain-${k}`, kind: "chain", services: chain, by: last });
      addCall(driver, chain[0], "place");
      for (const step of chain.slice(1)) addCall(driver, step, "advance");
    }
    const first = random.int(0, count - 1);
    flows.push({ name: `page-${k}`, kind: "fanout", services: [first] });
    // The first round always has every kind, so even a small system exercises them all.
    if (count >= 2 && (k === 0 || random.chance(0.5))) {
      const a = random.int(0, count - 2);
      const b = random.int(a + 1, count - 1);
      flows.push({ name: `pair-${k}`, kind: "parallel", services: [a, b] });
    }
    if (chain.length >= 2 && (k === 0 || random.chance(0.5))) {
      const head = chain[0];
      const sibling = services.find((s) => s.upstream === head && s.index !== chain[1] && s.index < last);
      sagas.push({ name: `fulfil-${k}`, chain, parallelWith: sibling?.index, by: last });
      for (const step of chain) {
        addCall(driver, step, step === head ? "place" : "advance");
        addCall(driver, step, step === head ? "reject" : "undo");
      }
      addCall(driver, head, "confirm");
      addCall(driver, last, "notify");
      if (sibling) {
        addCall(driver, sibling.index, "advance");
        addCall(driver, sibling.index, "undo");
      }
    }
  }
  for (const s of services)
    s.calls.sort((a, b) => a.target - b.target || (a.op < b.op ? -1 : a.op > b.op ? 1 : 0));
  return {
    seed,
    services,
    topics: Math.ceil(count / SERVICES_PER_TOPIC),
    brokers: Math.ceil(count / SERVICES_PER_BROKER),
    flows,
    sagas,
  };
}
