// The small per-service objects: Service, ServiceAccount, HorizontalPodAutoscaler,
// PodDisruptionBudget and ConfigMap.

import type { Service } from "@archc/compiler";
import { dnsLabel } from "../common/names.js";
import { dependencyEnv, type EmitContext, servicePort, serviceProtocol } from "../context.js";
import { DEFAULT_CPU_TARGET } from "./defaults.js";
import { type K8sObject, metadata, objectLabels, selectorLabels } from "./resource.js";
import { keyedByName } from "../common/keyed.js";

export function emitService(ctx: EmitContext, svc: Service): K8sObject {
  const protocol = serviceProtocol(svc);
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: metadata(ctx, svc.name, objectLabels(ctx, svc.name, "service")),
    spec: {
      type: "ClusterIP",
      selector: selectorLabels(svc.name),
      ports: [
        // Istio picks the protocol from `appProtocol` (and the port name).
        {
          name: protocol,
          port: servicePort(svc),
          targetPort: protocol,
          protocol: "TCP",
          appProtocol: protocol,
        },
      ],
    },
  };
}

export function emitServiceAccount(ctx: EmitContext, name: string, component: string): K8sObject {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: metadata(ctx, name, objectLabels(ctx, name, component)),
    automountServiceAccountToken: false,
  };
}

export function emitHpa(ctx: EmitContext, svc: Service): K8sObject {
  const r = svc.replicas!;
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: metadata(ctx, svc.name, objectLabels(ctx, svc.name, "service")),
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: dnsLabel(svc.name) },
      minReplicas: r.min,
      maxReplicas: r.max,
      metrics: [
        {
          type: "Resource",
          resource: {
            name: "cpu",
            target: {
              type: "Utilization",
              averageUtilization: Math.round((r.cpuTarget ?? DEFAULT_CPU_TARGET) * 100),
            },
          },
        },
      ],
    },
  };
}

/** At most one pod down at a time during voluntary disruptions (drains, upgrades). */
export function emitPdb(ctx: EmitContext, name: string, component: string): K8sObject {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: metadata(ctx, name, objectLabels(ctx, name, component)),
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(name) } },
  };
}

/** Dependency addresses, then the declared env (which wins on a clash). Never secrets. */
export function emitConfigMap(ctx: EmitContext, svc: Service): K8sObject {
  const data = keyedByName<string>();
  for (const [k, v] of dependencyEnv(ctx, svc, (b) => b.port)) data[k] = v;
  for (const e of svc.env) data[e.key] = e.value;
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: metadata(ctx, svc.name, objectLabels(ctx, svc.name, "service")),
    data,
  };
}
