// A model `gateway` under `mesh istio`: an Istio Gateway on the ingress gateway, a
// VirtualService with the routes (prefix, rewrite, timeout, retries, CORS), and in the ingress
// gateway's namespace: RequestAuthentication + a DENY policy for requests without a valid JWT
// (`auth jwt`), DestinationRules for a route's `balance`, and an EnvoyFilter with a local
// token-bucket rate limit per route (`rate`), which Istio's APIs cannot say otherwise.

import type { Gateway, Route } from "@archc/compiler";
import { dnsLabel } from "../common/names.js";
import { goDuration, protoDuration, tokenBucket } from "../common/units.js";
import { type EmitContext, servicePort } from "../context.js";
import { type K8sObject, metadata, objectLabels } from "../kubernetes/resource.js";
import { INGRESS_GATEWAY_LABELS, ISTIO_SYSTEM, serviceFqdn } from "./principals.js";
import { loadBalancer, retryPolicy } from "./traffic.js";

export function gatewayRouteName(gw: Gateway, index: number, route: Route): string {
  return dnsLabel(`${gw.name}-${route.path.replace(/[^A-Za-z0-9]+/g, "-")}-${index}`);
}

export function emitIstioGateway(ctx: EmitContext, gw: Gateway): K8sObject[] {
  const out: K8sObject[] = [];
  const labels = objectLabels(ctx, gw.name, "gateway");
  const hosts = [gw.host ?? "*"];
  const port = gw.port ?? (gw.tls ? 443 : 80);
  const server: Record<string, unknown> = {
    port: { number: port, name: gw.tls ? "https" : "http", protocol: gw.tls ? "HTTPS" : "HTTP" },
    hosts,
  };
  // The certificate is a reference: a TLS Secret named `<gateway>-tls` in the gateway's namespace.
  if (gw.tls) server.tls = { mode: "SIMPLE", credentialName: `${dnsLabel(gw.name)}-tls` };
  out.push({
    apiVersion: "networking.istio.io/v1beta1",
    kind: "Gateway",
    metadata: metadata(ctx, gw.name, labels),
    spec: { selector: INGRESS_GATEWAY_LABELS, servers: [server] },
  });

  const http = gw.routes.flatMap((route, i) => {
    const svc = ctx.model.services[route.service];
    if (!svc) return [];
    const prefix = route.path.replace(/\/+$/, "");
    const r: Record<string, unknown> = {
      name: gatewayRouteName(gw, i, route),
      match: [{ uri: { exact: prefix || "/" } }, { uri: { prefix: `${prefix}/` } }],
    };
    if (route.stripPrefix) r.rewrite = { uri: "/" };
    r.route = [{ destination: { host: dnsLabel(svc.name), port: { number: servicePort(svc) } } }];
    if (route.timeoutMs !== undefined) r.timeout = protoDuration(route.timeoutMs);
    if (route.retries !== undefined) r.retries = retryPolicy(route.retries, undefined);
    if (gw.cors) r.corsPolicy = corsPolicy(gw.cors);
    return [r];
  });
  out.push({
    apiVersion: "networking.istio.io/v1beta1",
    kind: "VirtualService",
    metadata: metadata(ctx, gw.name, labels),
    spec: { hosts, gateways: [dnsLabel(gw.name)], http },
  });

  if (gw.auth?.scheme === "jwt") out.push(...jwtObjects(ctx, gw));
  gw.routes.forEach((route, i) => {
    const svc = ctx.model.services[route.service];
    const lb = loadBalancer(route.balance);
    if (!svc || !lb) return;
    const name = `${gatewayRouteName(gw, i, route)}-lb`;
    out.push({
      apiVersion: "networking.istio.io/v1beta1",
      kind: "DestinationRule",
      metadata: metadata(ctx, name, labels, ISTIO_SYSTEM),
      spec: {
        host: serviceFqdn(ctx, svc.name),
        // Applies to the ingress gateway only; callers inside the mesh keep the service's own rule.
        workloadSelector: { matchLabels: INGRESS_GATEWAY_LABELS },
        trafficPolicy: { loadBalancer: lb },
      },
    });
  });
  const limited = gw.routes
    .map((route, i) => ({ route, i }))
    .filter(({ route }) => route.ratePerSecond !== undefined);
  if (limited.length) out.push(rateLimitFilter(ctx, gw, limited));
  return out;
}

function corsPolicy(cors: NonNullable<Gateway["cors"]>): Record<string, unknown> {
  const list = (s: string | undefined) =>
    s
      ?.split(/[\s,]+/)
      .map((x) => x.trim())
      .filter(Boolean) ?? [];
  const policy: Record<string, unknown> = { allowOrigins: cors.origins.map((exact) => ({ exact })) };
  const methods = list(cors.methods);
  if (methods.length) policy.allowMethods = methods;
  const headers = list(cors.headers);
  if (headers.length) policy.allowHeaders = headers;
  if (cors.credentials) policy.allowCredentials = true;
  if (cors.maxAgeMs !== undefined) policy.maxAge = protoDuration(cors.maxAgeMs);
  return policy;
}

function jwtObjects(ctx: EmitContext, gw: Gateway): K8sObject[] {
  const auth = gw.auth!;
  const labels = objectLabels(ctx, gw.name, "gateway");
  const rule: Record<string, unknown> = { issuer: auth.issuer ?? "", forwardOriginalToken: true };
  if (auth.audience) rule.audiences = [auth.audience];
  if (auth.header) rule.fromHeaders = [{ name: auth.header, prefix: "Bearer " }];
  const paths = gw.routes.flatMap((r) => {
    const prefix = r.path.replace(/\/+$/, "");
    return [prefix || "/", `${prefix}/*`];
  });
  const annotations =
    auth.ttlMs !== undefined ? { "archc.dev/token-ttl": goDuration(auth.ttlMs) } : undefined;
  return [
    {
      apiVersion: "security.istio.io/v1beta1",
      kind: "RequestAuthentication",
      metadata: {
        ...metadata(ctx, `${gw.name}-jwt`, labels, ISTIO_SYSTEM),
        // Istio validates `exp` but issues no tokens: the lifetime is the issuer's setting,
        // recorded here so reviewers can compare.
        ...(annotations ? { annotations } : {}),
      },
      spec: { selector: { matchLabels: INGRESS_GATEWAY_LABELS }, jwtRules: [rule] },
    },
    {
      apiVersion: "security.istio.io/v1beta1",
      kind: "AuthorizationPolicy",
      metadata: metadata(ctx, `${gw.name}-require-jwt`, labels, ISTIO_SYSTEM),
      spec: {
        selector: { matchLabels: INGRESS_GATEWAY_LABELS },
        action: "DENY",
        rules: [
          {
            from: [{ source: { notRequestPrincipals: ["*"] } }],
            // CORS preflights carry no token.
            to: [{ operation: { paths, notMethods: ["OPTIONS"] } }],
          },
        ],
      },
    },
  ];
}

function rateLimitFilter(ctx: EmitContext, gw: Gateway, limited: { route: Route; i: number }[]): K8sObject {
  const filter = "envoy.filters.http.local_ratelimit";
  const type = "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit";
  const percent = { default_value: { numerator: 100, denominator: "HUNDRED" } };
  const configPatches: Record<string, unknown>[] = [
    {
      applyTo: "HTTP_FILTER",
      match: {
        context: "GATEWAY",
        listener: { filterChain: { filter: { name: "envoy.filters.network.http_connection_manager" } } },
      },
      // Installed without a bucket, so only routes that configure one are limited.
      patch: {
        operation: "INSERT_BEFORE",
        value: { name: filter, typed_config: { "@type": type, stat_prefix: "http_local_rate_limiter" } },
      },
    },
  ];
  for (const { route, i } of limited) {
    const bucket = tokenBucket(route.ratePerSecond!);
    configPatches.push({
      applyTo: "HTTP_ROUTE",
      match: {
        context: "GATEWAY",
        routeConfiguration: { vhost: { route: { name: gatewayRouteName(gw, i, route) } } },
      },
      patch: {
        operation: "MERGE",
        value: {
          typed_per_filter_config: {
            [filter]: {
              "@type": type,
              stat_prefix: "http_local_rate_limiter",
              token_bucket: {
                max_tokens: bucket.tokens,
                tokens_per_fill: bucket.tokens,
                fill_interval: protoDuration(bucket.intervalMs),
              },
              filter_enabled: { runtime_key: "local_rate_limit_enabled", ...percent },
              filter_enforced: { runtime_key: "local_rate_limit_enforced", ...percent },
            },
          },
        },
      },
    });
  }
  return {
    apiVersion: "networking.istio.io/v1alpha3",
    kind: "EnvoyFilter",
    metadata: metadata(ctx, `${gw.name}-rate-limits`, objectLabels(ctx, gw.name, "gateway"), ISTIO_SYSTEM),
    spec: { workloadSelector: { labels: INGRESS_GATEWAY_LABELS }, configPatches },
  };
}
