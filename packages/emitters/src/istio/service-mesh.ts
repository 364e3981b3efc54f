// Per-service Istio objects: VirtualService (per-caller timeouts and retries from `calls`),
// DestinationRule (load balancing, outlier detection from `breaker`, connection pool from
// `bulkhead`), AuthorizationPolicy (only the declared callers' identities), and the
// namespace-wide PeerAuthentication.

import type { Service } from "@archc/compiler";
import { dnsLabel } from "../common/names.js";
import { protoDuration } from "../common/units.js";
import { type Backing, type EmitContext, report, servicePort } from "../context.js";
import { isKafka } from "../kubernetes/backing-workload.js";
import { type K8sObject, metadata, objectLabels, selectorLabels } from "../kubernetes/resource.js";
import { INGRESS_GATEWAY_PRINCIPAL, principalOf } from "./principals.js";
import { BASE_EJECTION_MS, loadBalancer, retryPolicy } from "./traffic.js";

export function emitPeerAuthentication(ctx: EmitContext): K8sObject {
  const mode = (ctx.deploy?.mesh?.mtls ?? "strict").toUpperCase();
  return {
    apiVersion: "security.istio.io/v1beta1",
    kind: "PeerAuthentication",
    metadata: metadata(ctx, "default", objectLabels(ctx, "default", "mesh")),
    spec: { mtls: { mode } },
  };
}

function pathRegex(path: string): string {
  const parts = path.split(/(\{[^}]*\})/);
  const body = parts.map((p) => (/^\{[^}]*\}$/.test(p) ? "[^/]+" : p.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&")));
  return `^${body.join("")}$`;
}

export function emitVirtualService(ctx: EmitContext, svc: Service): K8sObject | undefined {
  const host = dnsLabel(svc.name);
  const destination = { host, port: { number: servicePort(svc) } };
  const routes: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const call of ctx.relations.callsInto(svc.name)) {
    const p = call.policy;
    if (p.timeoutMs === undefined && p.perTryMs === undefined && p.retries === 0 && !call.hasPolicyBlock)
      continue;
    const match: Record<string, unknown> = { sourceLabels: selectorLabels(call.from) };
    const op = call.op ? ctx.model.ops[call.op] : undefined;
    const api = op ? svc.apis.find((a) => a.name === op.api) : undefined;
    // With an HTTP binding the route can be per operation; otherwise it is per caller.
    if (op?.http && api?.protocol === "rest") {
      match.uri = { regex: pathRegex(op.http.path) };
      match.method = { exact: op.http.method };
    }
    const name = dnsLabel(`${call.from}-${op ? op.name : "all"}`);
    if (seen.has(name)) continue;
    seen.add(name);
    const route: Record<string, unknown> = { name, match: [match], route: [{ destination }] };
    if (p.timeoutMs !== undefined) route.timeout = protoDuration(p.timeoutMs);
    route.retries = retryPolicy(p.retries, p.perTryMs);
    routes.push(route);
  }
  if (!routes.length) return undefined;
  // Specific (per-operation) matches before caller-wide ones, then everyone else.
  routes.sort((a, b) => Number("uri" in firstMatch(b)) - Number("uri" in firstMatch(a)));
  routes.push({ name: "default", route: [{ destination }] });
  return {
    apiVersion: "networking.istio.io/v1beta1",
    kind: "VirtualService",
    metadata: metadata(ctx, svc.name, objectLabels(ctx, svc.name, "mesh")),
    spec: { hosts: [host], http: routes },
  };
}

function firstMatch(route: Record<string, unknown>): Record<string, unknown> {
  return (route.match as Record<string, unknown>[])[0];
}

export function emitDestinationRule(ctx: EmitContext, svc: Service): K8sObject | undefined {
  const calls = ctx.relations.callsInto(svc.name);
  const trafficPolicy: Record<string, unknown> = {};
  const lb = loadBalancer(svc.balance);
  if (lb) trafficPolicy.loadBalancer = lb;

  const bulkheads = calls.map((c) => c.policy.bulkhead).filter((b): b is number => b !== undefined);
  if (bulkheads.length) {
    const n = Math.min(...bulkheads);
    if (new Set(bulkheads).size > 1) disagree(ctx, svc, "bulkhead", `${n}`);
    trafficPolicy.connectionPool = {
      tcp: { maxConnections: n },
      http: { http1MaxPendingRequests: n, http2MaxRequests: n },
    };
  }
  const breakers = calls.map((c) => c.policy.breaker).filter((b) => b !== undefined);
  if (breakers.length) {
    const strictest = [...breakers].sort((a, b) => a.failures - b.failures || a.windowMs - b.windowMs)[0];
    if (new Set(breakers.map((b) => `${b.failures}/${b.windowMs}`)).size > 1)
      disagree(ctx, svc, "breaker", `${strictest.failures} in ${strictest.windowMs}ms`);
    trafficPolicy.outlierDetection = {
      consecutive5xxErrors: strictest.failures,
      interval: protoDuration(strictest.windowMs),
      baseEjectionTime: protoDuration(BASE_EJECTION_MS),
    };
  }
  if (!Object.keys(trafficPolicy).length) return undefined;
  return {
    apiVersion: "networking.istio.io/v1beta1",
    kind: "DestinationRule",
    metadata: metadata(ctx, svc.name, objectLabels(ctx, svc.name, "mesh")),
    spec: { host: dnsLabel(svc.name), trafficPolicy },
  };
}

function disagree(ctx: EmitContext, svc: Service, what: string, chosen: string): void {
  report(
    ctx,
    "W0903",
    "warning",
    `callers of \`${svc.name}\` declare different \`${what}\` values; the DestinationRule uses the strictest (${chosen})`,
    svc.nameSpan,
    "Istio applies this per destination, not per caller",
  );
}

function allowOnly(ctx: EmitContext, name: string, principals: string[]): K8sObject {
  const spec: Record<string, unknown> = { selector: { matchLabels: selectorLabels(name) }, action: "ALLOW" };
  // An ALLOW policy without rules matches nothing, so it denies every request: exactly right
  // for a workload nobody is declared to call.
  if (principals.length) spec.rules = [{ from: [{ source: { principals } }] }];
  return {
    apiVersion: "security.istio.io/v1beta1",
    kind: "AuthorizationPolicy",
    metadata: metadata(ctx, name, objectLabels(ctx, name, "mesh")),
    spec,
  };
}

export function emitServiceAuthorizationPolicy(ctx: EmitContext, svc: Service): K8sObject {
  const principals = ctx.relations.callersOf(svc.name).map((c) => principalOf(ctx, c));
  const routed = (ctx.model.index.routes[svc.name] ?? []).length > 0;
  if (svc.public || routed) principals.push(INGRESS_GATEWAY_PRINCIPAL);
  return allowOnly(ctx, svc.name, principals);
}

export function emitBackingAuthorizationPolicy(ctx: EmitContext, b: Backing): K8sObject {
  const principals = ctx.relations.clientsOf(b).map((c) => principalOf(ctx, c));
  // Kafka nodes talk to each other, and the topics Job runs under the broker's account.
  if (isKafka(b)) principals.push(principalOf(ctx, b.name));
  return allowOnly(ctx, b.name, principals);
}
