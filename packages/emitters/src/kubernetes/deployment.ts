// A Deployment per service: hardened pod, config from its ConfigMap, secrets as secretKeyRef
// references, probes, requests and limits.

import type { Service } from "@archc/compiler";
import { dnsLabel } from "../common/names.js";
import { type EmitContext, serviceImage, servicePort, serviceProtocol } from "../context.js";
import { DEFAULT_RESOURCES } from "./defaults.js";
import {
  containerSecurityContext,
  DEFAULT_APP_UID,
  hardenedPodSpec,
  scratchVolumes,
} from "./pod-security.js";
import { appProbes } from "./probes.js";
import { type K8sObject, metadata, objectLabels, selectorLabels } from "./resource.js";
import { containerResources } from "./resources.js";

/** True when an HPA owns the replica count (then the Deployment leaves `replicas` to it). */
export function autoscaled(svc: Service): boolean {
  return svc.replicas !== undefined && svc.replicas.max > svc.replicas.min;
}

export function emitDeployment(ctx: EmitContext, svc: Service): K8sObject {
  const name = dnsLabel(svc.name);
  const port = servicePort(svc);
  const portName = serviceProtocol(svc);
  const labels = objectLabels(ctx, svc.name, "service");
  const scratch = scratchVolumes(["/tmp"]);
  const container: Record<string, unknown> = {
    name,
    image: serviceImage(ctx, svc),
    imagePullPolicy: "IfNotPresent",
    ports: [{ name: portName, containerPort: port, protocol: "TCP" }],
    envFrom: [{ configMapRef: { name } }],
  };
  if (svc.secrets.length)
    container.env = svc.secrets.map((s) => ({
      name: s.name,
      valueFrom: { secretKeyRef: { name: dnsSubdomain(s.from), key: s.name } },
    }));
  Object.assign(container, {
    resources: containerResources(svc.resources, DEFAULT_RESOURCES.app),
    ...appProbes(svc, portName, port),
    securityContext: containerSecurityContext(),
    volumeMounts: scratch.mounts,
  });
  const spec: Record<string, unknown> = {};
  if (!autoscaled(svc)) spec.replicas = svc.replicas?.min ?? 1;
  Object.assign(spec, {
    selector: { matchLabels: selectorLabels(svc.name) },
    template: {
      metadata: { labels },
      spec: { ...hardenedPodSpec(DEFAULT_APP_UID, name), containers: [container], volumes: scratch.volumes },
    },
  });
  return { apiVersion: "apps/v1", kind: "Deployment", metadata: metadata(ctx, svc.name, labels), spec };
}

/** Secret names are DNS subdomains; keep a valid one as written, else make it one. */
export function dnsSubdomain(name: string): string {
  if (/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name)) return name;
  return dnsLabel(name);
}
