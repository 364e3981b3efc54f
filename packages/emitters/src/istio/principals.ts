// Istio identities are SPIFFE principals derived from service accounts. Each workload runs
// under a service account named after it; the ingress gateway under Istio's default one.

import { dnsLabel } from "../common/names.js";
import type { EmitContext } from "../context.js";
import { namespaceOf } from "../kubernetes/resource.js";

export const ISTIO_SYSTEM = "istio-system";
export const INGRESS_GATEWAY_LABELS = { istio: "ingressgateway" };
export const INGRESS_GATEWAY_PRINCIPAL = `cluster.local/ns/${ISTIO_SYSTEM}/sa/istio-ingressgateway-service-account`;

export function principalOf(ctx: EmitContext, workload: string): string {
  return `cluster.local/ns/${namespaceOf(ctx) ?? "default"}/sa/${dnsLabel(workload)}`;
}

/** The fully qualified host of a Service, for objects that live outside its namespace. */
export function serviceFqdn(ctx: EmitContext, name: string): string {
  return `${dnsLabel(name)}.${namespaceOf(ctx) ?? "default"}.svc.cluster.local`;
}
