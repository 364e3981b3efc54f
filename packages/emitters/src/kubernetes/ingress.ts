// Without a mesh, a model `gateway` becomes a plain Ingress: hosts, TLS (a Secret reference)
// and path prefixes. Rate limits, JWT auth and CORS need a mesh or a controller-specific
// extension and are emitted only under `mesh istio` (see docs/emitters.md).

import type { Gateway } from "@archc/compiler";
import { dnsLabel } from "../common/names.js";
import { type EmitContext, servicePort } from "../context.js";
import { type K8sObject, metadata, objectLabels } from "./resource.js";

export function emitIngress(ctx: EmitContext, gw: Gateway): K8sObject {
  const paths = gw.routes.flatMap((route) => {
    const svc = ctx.model.services[route.service];
    if (!svc) return [];
    return [
      {
        path: route.path.replace(/\/+$/, "") || "/",
        pathType: "Prefix",
        backend: { service: { name: dnsLabel(svc.name), port: { number: servicePort(svc) } } },
      },
    ];
  });
  const rule: Record<string, unknown> = { http: { paths } };
  if (gw.host) rule.host = gw.host;
  const spec: Record<string, unknown> = { rules: [rule] };
  if (gw.tls)
    spec.tls = [{ ...(gw.host ? { hosts: [gw.host] } : {}), secretName: `${dnsLabel(gw.name)}-tls` }];
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: metadata(ctx, gw.name, objectLabels(ctx, gw.name, "gateway")),
    spec,
  };
}
