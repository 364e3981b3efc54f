import { describe, expect, it } from "vitest";
import { emit } from "../src/index.js";
import { findObject, kubernetesObjects } from "./support/kubernetes-objects.js";
import { sampleShop } from "./support/sample-shop.js";

const objects = kubernetesObjects(emit(sampleShop(), "k8s").files);
const get = (kind: string, name: string) => findObject(objects, kind, name);

describe("Istio objects from calls, breakers, bulkheads and callers", () => {
  it("routes each caller's calls with its timeout and retries", () => {
    const vs = get("VirtualService", "inventory");
    expect(vs.spec.hosts).toEqual(["inventory"]);
    expect(vs.spec.http[0]).toMatchObject({
      name: "orders-reserve",
      match: [
        { sourceLabels: { app: "orders" }, uri: { regex: "^/reservations$" }, method: { exact: "POST" } },
      ],
      timeout: "0.5s",
      retries: { attempts: 2, perTryTimeout: "0.2s" },
    });
    expect(vs.spec.http.at(-1)).toEqual({ name: "default", route: vs.spec.http[0].route });
  });

  it("turns Istio's default retries off when a call declares none", () => {
    const m = sampleShop();
    m.services.orders.calls[0].policy = { timeoutMs: 1000, retries: 0 };
    const vs = findObject(kubernetesObjects(emit(m, "k8s").files), "VirtualService", "inventory");
    expect(vs.spec.http[0].retries).toEqual({ attempts: 0 });
  });

  it("maps breaker to outlierDetection, bulkhead to connectionPool, least-conn to LEAST_REQUEST", () => {
    expect(get("DestinationRule", "inventory").spec).toEqual({
      host: "inventory",
      trafficPolicy: {
        loadBalancer: { simple: "LEAST_REQUEST" },
        connectionPool: {
          tcp: { maxConnections: 20 },
          http: { http1MaxPendingRequests: 20, http2MaxRequests: 20 },
        },
        outlierDetection: { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "30s" },
      },
    });
  });

  it("takes the strictest breaker when callers disagree, and says so", () => {
    const m = sampleShop();
    m.services.worker.calls.push({
      ...m.services.orders.calls[0],
      from: "worker",
      policy: { retries: 0, breaker: { failures: 3, windowMs: 10_000 } },
    });
    const r = emit(m, "k8s");
    const dr = findObject(kubernetesObjects(r.files), "DestinationRule", "inventory");
    expect(dr.spec.trafficPolicy.outlierDetection).toMatchObject({
      consecutive5xxErrors: 3,
      interval: "10s",
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["W0903"]);
  });

  it("enforces strict mTLS and admits only the declared callers' identities", () => {
    expect(get("PeerAuthentication", "default").spec).toEqual({ mtls: { mode: "STRICT" } });
    expect(get("AuthorizationPolicy", "inventory").spec).toEqual({
      selector: { matchLabels: { app: "inventory" } },
      action: "ALLOW",
      rules: [{ from: [{ source: { principals: ["cluster.local/ns/shop/sa/orders"] } }] }],
    });
    // Nobody calls the worker: an ALLOW policy without rules denies everything.
    expect(get("AuthorizationPolicy", "worker").spec.rules).toBeUndefined();
    expect(get("AuthorizationPolicy", "orders-db").spec.rules[0].from[0].source.principals).toEqual([
      "cluster.local/ns/shop/sa/orders",
    ]);
  });

  it("maps the gateway to Gateway, VirtualService, JWT authentication and a rate limit", () => {
    const vs = get("VirtualService", "edge");
    expect(vs.spec.http[0]).toMatchObject({
      match: [{ uri: { exact: "/api/orders" } }, { uri: { prefix: "/api/orders/" } }],
      rewrite: { uri: "/" },
      timeout: "30s",
      corsPolicy: { allowOrigins: [{ exact: "https://app.shop.example" }], allowCredentials: true },
    });
    const ra = get("RequestAuthentication", "edge-jwt");
    expect(ra.spec.jwtRules).toEqual([
      { issuer: "https://auth.shop.example", forwardOriginalToken: true, audiences: ["shop"] },
    ]);
    const ef = get("EnvoyFilter", "edge-rate-limits");
    const bucket =
      ef.spec.configPatches[1].patch.value.typed_per_filter_config["envoy.filters.http.local_ratelimit"]
        .token_bucket;
    expect(bucket).toEqual({ max_tokens: 1000, tokens_per_fill: 1000, fill_interval: "3600s" });
    expect(get("DestinationRule", "edge-api-orders-0-lb").spec.trafficPolicy).toEqual({
      loadBalancer: { simple: "ROUND_ROBIN" },
    });
  });

  it("emits no Istio objects without `mesh istio`", () => {
    const m = sampleShop();
    m.deployments.prod.mesh = undefined;
    const apiVersions = kubernetesObjects(emit(m, "k8s").files).map((o) => String(o.object.apiVersion));
    expect(apiVersions.filter((v) => v.includes("istio"))).toEqual([]);
  });
});
