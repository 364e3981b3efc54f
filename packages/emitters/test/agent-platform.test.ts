// examples/agent-platform as its architects specified it: the emitted Kubernetes, Istio and
// compose files carry exactly the specified settings.

import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emit } from "../src/index.js";
import { compileExample } from "./support/examples.js";
import { findObject, kubernetesObjects } from "./support/kubernetes-objects.js";

const model = compileExample("agent-platform");
const k8s = kubernetesObjects(emit(model, "k8s").files);
const compose = parse(emit(model, "compose").files.get("compose.yaml")!);
const get = (kind: string, name: string) => findObject(k8s, kind, name);
const SERVICES = {
  "agent-orchestration": 3001,
  "user-management": 3002,
  project: 3003,
  notification: 3004,
  analytics: 3005,
};

describe("agent-platform", () => {
  it.each(Object.entries(SERVICES))(
    "%s: 3 replicas, 250m/500m CPU, 256Mi/512Mi, /health and /ready on port %i",
    (svc, port) => {
      const d = get("Deployment", svc);
      expect(d.spec.replicas).toBe(3);
      const c = d.spec.template.spec.containers[0];
      expect(c.ports).toEqual([{ name: "http", containerPort: port, protocol: "TCP" }]);
      expect(c.resources).toEqual({
        requests: { cpu: "250m", memory: "256Mi" },
        limits: { cpu: "500m", memory: "512Mi" },
      });
      expect(c.livenessProbe.httpGet).toEqual({ path: "/health", port: "http" });
      expect(c.readinessProbe.httpGet).toEqual({ path: "/ready", port: "http" });
      expect(get("DestinationRule", svc).spec.trafficPolicy.loadBalancer).toEqual({
        simple: "LEAST_REQUEST",
      });
      const cs = compose.services[svc];
      expect(cs.deploy).toEqual({
        replicas: 3,
        resources: {
          limits: { cpus: "0.5", memory: "512m" },
          reservations: { cpus: "0.25", memory: "256m" },
        },
      });
      expect(cs.healthcheck.test.at(-1)).toBe(`http://127.0.0.1:${port}/ready`);
    },
  );

  it("stores agents, workflows, tasks and executions in PostgreSQL", () => {
    expect(get("StatefulSet", "orchestration-db").spec.template.spec.containers[0].image).toBe("postgres:16");
    expect(compose.services["agent-orchestration"].environment.ORCHESTRATION_DB_URL).toBe(
      "postgresql://orchestration-db:5432",
    );
  });

  it("calls with a 30 s timeout and 3 retries of 10 s each, ejecting after 5 errors in 30 s for 30 s", () => {
    for (const callee of ["user-management", "project"]) {
      const route = get("VirtualService", callee).spec.http[0];
      expect(route.match[0].sourceLabels).toEqual({ app: "agent-orchestration" });
      expect(route.timeout).toBe("30s");
      expect(route.retries).toMatchObject({ attempts: 3, perTryTimeout: "10s" });
      expect(get("DestinationRule", callee).spec.trafficPolicy.outlierDetection).toEqual({
        consecutive5xxErrors: 5,
        interval: "30s",
        baseEjectionTime: "30s",
      });
    }
  });

  it("creates agent-events (3 partitions, replication 2, 7 days) and user-events (2, 2, 30 days)", () => {
    const job = get("Job", "events-topics").spec.template.spec.containers[0].command[2];
    expect(job).toContain(
      "--topic agent-events --partitions 3 --replication-factor 2 --config retention.ms=604800000",
    );
    expect(job).toContain(
      "--topic user-events --partitions 2 --replication-factor 2 --config retention.ms=2592000000",
    );
    expect(get("StatefulSet", "events").spec.replicas).toBe(2);
    const init = compose.services["events-topics"].command[0];
    expect(init).toContain("--topic agent-events --partitions 3");
    expect(init).toContain("--config retention.ms=2592000000");
  });

  it("routes the gateway: /api/agents round-robin 1000/hour, /api/users least-conn 500/hour, CORS for one origin", () => {
    const vs = get("VirtualService", "edge").spec.http;
    expect(
      vs.map((r: { route: { destination: { host: string } }[] }) => r.route[0].destination.host),
    ).toEqual(["agent-orchestration", "user-management"]);
    expect(vs[0].match[1]).toEqual({ uri: { prefix: "/api/agents/" } });
    expect(vs[0].corsPolicy.allowOrigins).toEqual([{ exact: "https://app.agents.example.com" }]);
    expect(get("DestinationRule", "edge-api-agents-0-lb").spec.trafficPolicy.loadBalancer).toEqual({
      simple: "ROUND_ROBIN",
    });
    expect(get("DestinationRule", "edge-api-users-1-lb").spec.trafficPolicy.loadBalancer).toEqual({
      simple: "LEAST_REQUEST",
    });
    const patches = get("EnvoyFilter", "edge-rate-limits").spec.configPatches.slice(1);
    const buckets = patches.map(
      (p: { patch: { value: { typed_per_filter_config: Record<string, { token_bucket: unknown }> } } }) =>
        p.patch.value.typed_per_filter_config["envoy.filters.http.local_ratelimit"].token_bucket,
    );
    expect(buckets).toEqual([
      { max_tokens: 1000, tokens_per_fill: 1000, fill_interval: "3600s" },
      { max_tokens: 500, tokens_per_fill: 500, fill_interval: "3600s" },
    ]);
  });

  it("authenticates JWTs at the edge (24 h tokens) and keeps the signing key a reference", () => {
    const ra = get("RequestAuthentication", "edge-jwt");
    expect(ra.spec.jwtRules[0]).toMatchObject({
      issuer: "https://auth.agents.example.com",
      audiences: ["agent-platform"],
    });
    expect(ra.metadata.annotations).toEqual({ "archc.dev/token-ttl": "24h" });
    expect(get("ConfigMap", "user-management").data.JWT_TTL).toBe("24h");
    expect(get("Deployment", "user-management").spec.template.spec.containers[0].env[0].valueFrom).toEqual({
      secretKeyRef: { name: "user-management-jwt", key: "JWT_SIGNING_KEY" },
    });
  });
});
