// The shape shared by every Kubernetes object we emit, and the metadata conventions: the
// `app` label selects pods (as Istio and most dashboards expect), the recommended
// `app.kubernetes.io/*` labels describe them.

import { dnsLabel } from "../common/names.js";
import type { EmitContext } from "../context.js";

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** The namespace of the deployment, if it names one. */
export function namespaceOf(ctx: EmitContext): string | undefined {
  return ctx.deploy?.target?.namespace;
}

export function selectorLabels(name: string): Record<string, string> {
  return { app: dnsLabel(name) };
}

export function objectLabels(ctx: EmitContext, name: string, component: string): Record<string, string> {
  return {
    app: dnsLabel(name),
    "app.kubernetes.io/name": dnsLabel(name),
    "app.kubernetes.io/component": component,
    "app.kubernetes.io/part-of": dnsLabel(ctx.model.system.name),
    "app.kubernetes.io/managed-by": "archc",
  };
}

export function metadata(
  ctx: EmitContext,
  name: string,
  labels: Record<string, string>,
  namespace: string | undefined = namespaceOf(ctx),
): K8sObject["metadata"] {
  return { name: dnsLabel(name), ...(namespace ? { namespace } : {}), labels };
}
