// The two real systems in examples/ against the facts their corpora record
// (../shared/corpora/<system>/facts.json, derived from the manifests and the services' code):
// the model holds the same services, stores, call edges and event edges, and `archc check`
// reproduces the expected findings and nothing contrary to them.

import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Compilation, compilePaths, type Model } from "@archc/compiler";
import type { Diagnostic } from "@archc/dsl";
import { beforeAll, describe, expect, it } from "vitest";
import { type CheckResult, checkModel } from "../../src/check.js";

const repo = fileURLToPath(new URL("../../../../", import.meta.url));
const corpora = `${repo}../shared/corpora/`;

type Edge = [string, string, string, (string[] | string)?];
interface Facts {
  services: Record<string, { image?: string; port?: number; compose_only?: boolean }>;
  datastores: Record<string, { owner?: string; accessed_by?: string[] }>;
  brokers?: Record<string, { queue?: string }>;
  sync_edges: Edge[];
  datastore_edges: [string, string, string][];
  async_edges?: [string, string, string][];
  expected_findings: Record<string, unknown>;
}

interface Example {
  readonly compilation: Compilation;
  readonly model: Model;
  readonly result: CheckResult;
  readonly facts: Facts;
  /** Services the model should hold: every one in facts.json but the compose-only ones. */
  readonly services: string[];
  readonly syncEdges: Edge[];
}

function load(name: string, entry: string): Example {
  const facts = JSON.parse(readFileSync(`${corpora}${name}/facts.json`, "utf8")) as Facts;
  const compilation = compilePaths([`${repo}examples/${name}/${entry}`]);
  const result = checkModel(compilation, { modelCheck: {} });
  const composeOnly = new Set(
    Object.entries(facts.services)
      .filter(([, s]) => s.compose_only)
      .map(([n]) => n),
  );
  return {
    compilation,
    model: compilation.model,
    result,
    facts,
    services: Object.keys(facts.services).filter((s) => !composeOnly.has(s)),
    syncEdges: facts.sync_edges.filter(([a, b]) => !composeOnly.has(a) && !composeOnly.has(b)),
  };
}

const pairs = (edges: readonly (readonly unknown[])[]) => edges.map(([a, b]) => `${a} -> ${b}`).sort();
const modelCallPairs = (m: Model) =>
  Object.entries(m.index.callees)
    .flatMap(([a, bs]) => bs.map((b) => `${a} -> ${b}`))
    .sort();
const of = (ds: readonly Diagnostic[], code: string) => ds.filter((d) => d.code === code);

/** The facts every example shares: structure, and the findings they imply. */
function sharedFacts(get: () => Example): void {
  it("compiles without errors", () => {
    expect(get().compilation.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("holds exactly the services, stores and store users of facts.json", () => {
    const { model, facts, services } = get();
    expect(Object.keys(model.services).sort()).toEqual([...services].sort());
    expect(Object.keys(model.stores).sort()).toEqual(Object.keys(facts.datastores).sort());
    const uses = Object.values(model.services).flatMap((s) => s.uses.map((u) => `${s.name} -> ${u.store}`));
    expect(uses.sort()).toEqual(pairs(facts.datastore_edges));
    for (const [store, d] of Object.entries(facts.datastores)) {
      const users = (model.index.storeUsers[store] ?? []).map((u) => u.service);
      if (d.owner) expect(users).toEqual([d.owner]);
      if (d.accessed_by) expect(users).toEqual(d.accessed_by);
    }
  });

  it("holds exactly the synchronous call edges of facts.json, with the ops they name", () => {
    const { model, syncEdges } = get();
    expect(modelCallPairs(model)).toEqual(pairs(syncEdges));
    for (const [from, to, , ops] of syncEdges) {
      const called = model.services[from].calls
        .filter((c) => c.toService === to)
        .map((c) => model.ops[c.op!]);
      for (const op of Array.isArray(ops) ? ops : []) {
        const http = /^(GET|POST|PUT|PATCH|DELETE)?\s*(\/\S*)$/.exec(op);
        if (http) {
          const [, method, path] = http;
          // Path parameters match whatever they are named: `/carts/{id}` is `/carts/{customerId}`.
          const bare = (p: string) => p.replace(/\{[^}]*\}/g, "{}");
          const hit = called.some(
            (o) =>
              o.http && bare(o.http.path).startsWith(bare(path)) && (!method || o.http.method === method),
          );
          expect(hit, `${from} calls ${to} ${op}`).toBe(true);
        } else if (/^[A-Z]\w*$/.test(op)) {
          expect(
            called.map((o) => o.name),
            `${from} calls ${to}.${op}`,
          ).toContain(op);
        }
      }
    }
  });

  it("declares the images and ports facts.json records", () => {
    const { model, facts, services } = get();
    for (const name of services) {
      const f = facts.services[name];
      const s = model.services[name];
      // "weaveworksdemos/user:0.4.7 (k8s) / 0.4.4 (compose)": the model follows Kubernetes.
      if (f.image) expect(s.image).toBe(f.image.split(" ")[0]);
      if (f.port) expect(s.port).toBe(f.port);
    }
  });

  it("finds no synchronous cycle and no shared store, as facts.json expects", () => {
    const { result, facts } = get();
    expect(facts.expected_findings.cyclic_sync_dependency).toBe(false);
    expect(facts.expected_findings.shared_datastore).toBe(false);
    const all = [...result.diagnostics, ...result.suppressed];
    expect(of(all, "sync-cycle")).toEqual([]);
    expect(of(all, "shared-store")).toEqual([]);
    expect(of(all, "foreign-store-read")).toEqual([]);
  });

  it("flags exactly the fan-out and fan-in hubs of the facts' call graph", () => {
    const { result, syncEdges } = get();
    const out = new Map<string, Set<string>>();
    const into = new Map<string, Set<string>>();
    for (const [a, b] of syncEdges) {
      out.set(a, (out.get(a) ?? new Set()).add(b));
      into.set(b, (into.get(b) ?? new Set()).add(a));
    }
    const atLeast = (m: Map<string, Set<string>>, n: number) =>
      [...m]
        .filter(([, s]) => s.size >= n)
        .map(([k]) => k)
        .sort();
    const firing = (code: string) =>
      of(result.diagnostics, code)
        .map((d) => d.message.split(" ")[0])
        .sort();
    expect(firing("greedy-service")).toEqual(atLeast(out, 6));
    expect(firing("hub-service")).toEqual(atLeast(into, 6));
  });

  it("reports nothing at error level: no fact implies an error", () => {
    expect(get().result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
}

describe.runIf(existsSync(corpora))("examples/sock-shop against facts.json", () => {
  let ex: Example;
  beforeAll(() => {
    ex = load("sock-shop", "sock-shop.arch");
  });
  sharedFacts(() => ex);

  it("has no fan-out hub: front-end and orders each call four services", () => {
    expect(of(ex.result.diagnostics, "greedy-service")).toEqual([]);
    expect(ex.model.index.callees["front-end"]).toHaveLength(4);
    expect(ex.model.index.callees.orders).toHaveLength(4);
  });

  it("carries the shipping-task queue from shipping to queue-master on RabbitMQ", () => {
    const { model, facts } = ex;
    expect(Object.keys(model.brokers)).toEqual(Object.keys(facts.brokers ?? {}));
    const queue = facts.brokers?.rabbitmq.queue;
    expect(model.topics[queue!].broker).toBe("rabbitmq");
    const events = model.index.topicEvents[queue!];
    const producers = events.flatMap((e) => model.index.producers[e]);
    const consumers = events.flatMap((e) => model.index.consumers[e].map((c) => c.service));
    const [publish, consume] = facts.async_edges!;
    expect(producers).toEqual([publish[0]]);
    expect(consumers).toEqual([consume[0]]);
    expect(of(ex.result.diagnostics, "unproduced-event")).toEqual([]);
    expect(of(ex.result.diagnostics, "orphan-event")).toEqual([]);
  });

  it("reproduces the NodePort front-end as a gateway bypass, allowed with its reason", () => {
    expect(ex.facts.expected_findings.nodeport_service).toMatch(/^front-end/);
    const bypass = of(ex.result.suppressed, "gateway-bypass");
    expect(bypass.map((d) => d.message)).toEqual(["front-end is public, but the system has no gateway"]);
    expect(of(ex.result.diagnostics, "unused-allow")).toEqual([]);
  });
});

describe.runIf(existsSync(corpora))("examples/online-boutique against facts.json", () => {
  let ex: Example;
  beforeAll(() => {
    ex = load("online-boutique", "online-boutique.arch");
  });
  sharedFacts(() => ex);

  it("flags frontend (7 callees) and checkoutservice (6) as greedy", () => {
    expect(of(ex.result.diagnostics, "greedy-service").map((d) => d.message.split(":")[0])).toEqual([
      "frontend calls 7 services synchronously (threshold 6)",
      "checkoutservice calls 6 services synchronously (threshold 6)",
    ]);
  });

  it("reproduces 'no API gateway': the public frontend bypasses one, allowed with its reason", () => {
    expect(ex.facts.expected_findings.api_gateway).toMatch(/^none/);
    expect(of(ex.result.suppressed, "gateway-bypass").map((d) => d.message)).toEqual([
      "frontend is public, but the system has no gateway",
    ]);
  });

  it("reproduces 'no version in the gRPC package' on every gRPC service", () => {
    expect(ex.facts.expected_findings.api_versioning).toMatch(/no version/);
    const grpcServices = [
      ...new Set(ex.syncEdges.filter(([, , p]) => p === "gRPC").map(([, b]) => b)),
    ].sort();
    const flagged = of(ex.result.diagnostics, "no-api-version").map(
      (d) => /of (\S+) has/.exec(d.message)![1],
    );
    expect(flagged.sort()).toEqual(grpcServices);
  });

  it("admits exactly the callers and the port its network policies admit", () => {
    // Each policy's ingress rule, read from the corpus: `- {}` admits everyone (a public
    // service); otherwise the podSelectors are the callers and `ports` the service's port.
    const dir = `${corpora}online-boutique/network-policies/`;
    let checked = 0;
    for (const service of Object.keys(ex.model.services)) {
      const file = `${dir}network-policy-${service}.yaml`;
      if (!existsSync(file)) continue;
      checked++;
      const text = readFileSync(file, "utf8");
      const ingress = text.slice(text.indexOf("ingress:"), text.indexOf("egress:"));
      if (/ingress:\s*\n\s*- \{\}/.test(ingress)) {
        expect(ex.model.services[service].public, service).toBe(true);
        continue;
      }
      const allowed = [...ingress.matchAll(/app: ([\w-]+)/g)].map((m) => m[1]).sort();
      expect([...(ex.model.index.callers[service] ?? [])].sort(), service).toEqual(allowed);
      const port = /port: (\d+)/.exec(ingress);
      if (port) expect(ex.model.services[service].port, service).toBe(Number(port[1]));
    }
    const redis = readFileSync(`${dir}network-policy-redis.yaml`, "utf8");
    const redisCallers = [...redis.slice(redis.indexOf("ingress:")).matchAll(/app: ([\w-]+)/g)].map(
      (m) => m[1],
    );
    expect(redisCallers.filter((c) => c !== "redis-cart")).toEqual(
      ex.model.index.storeUsers["redis-cart"].map((u) => u.service),
    );
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});
