// The Kubernetes target: one multi-document file per workload (as upstream Online Boutique lays
// out its manifests; far fewer files and folders to write than one object per file), and a
// kustomization.yaml that lists them all. With `mesh istio` the Istio objects sit in the file of
// the workload they govern. Within a file, objects come in the order below (docs/emitters.md):
// what a workload refers to (ServiceAccount, ConfigMap, Service) before the workload, then what
// refers to it (HPA, PDB, NetworkPolicies), the topics Job, and last the Istio objects.

import { dnsLabel } from "../common/names.js";
import { toYaml } from "../common/yaml.js";
import type { EmitContext } from "../context.js";
import { emitIstioGateway } from "../istio/gateway.js";
import {
  emitBackingAuthorizationPolicy,
  emitDestinationRule,
  emitPeerAuthentication,
  emitServiceAuthorizationPolicy,
  emitVirtualService,
} from "../istio/service-mesh.js";
import { emitBackingService, emitBackingStatefulSet, isKafka } from "./backing-workload.js";
import { autoscaled, emitDeployment } from "./deployment.js";
import { emitIngress } from "./ingress.js";
import { manifestFile } from "./manifest-file.js";
import {
  emitBackingNetworkPolicy,
  emitDefaultDeny,
  emitServiceNetworkPolicy,
  emitTopicsJobNetworkPolicy,
} from "./network-policies.js";
import { type K8sObject, namespaceOf, objectLabels } from "./resource.js";
import { emitConfigMap, emitHpa, emitPdb, emitService, emitServiceAccount } from "./service-objects.js";
import { emitTopicsJob } from "./topics-job.js";

export const KUSTOMIZATION_FILE = "kustomization.yaml";

export function emitKubernetes(ctx: EmitContext): Map<string, string> {
  // Each file is written as soon as its objects are made, so the objects die young instead of
  // all of them surviving (and being copied by the garbage collector) until the end.
  const files = new Map<string, string>();
  const put = (path: string, objects: (K8sObject | undefined)[]) => {
    const present = objects.filter((o) => o !== undefined);
    if (present.length) files.set(path, manifestFile(present));
  };
  const mesh = ctx.deploy?.mesh?.kind === "istio";
  const ns = namespaceOf(ctx);
  if (ns) {
    const labels: Record<string, string> = objectLabels(ctx, ns, "namespace");
    if (mesh) labels["istio-injection"] = "enabled";
    put("namespace.yaml", [{ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels } }]);
  }
  put("network-policies/default-deny.yaml", [emitDefaultDeny(ctx)]);
  if (mesh) put("mesh/peer-authentication.yaml", [emitPeerAuthentication(ctx)]);

  for (const svc of Object.values(ctx.model.services))
    put(`services/${dnsLabel(svc.name)}.yaml`, [
      emitServiceAccount(ctx, svc.name, "service"),
      emitConfigMap(ctx, svc),
      emitService(ctx, svc),
      emitDeployment(ctx, svc),
      autoscaled(svc) ? emitHpa(ctx, svc) : undefined,
      emitPdb(ctx, svc.name, "service"),
      emitServiceNetworkPolicy(ctx, svc),
      ...(mesh
        ? [
            emitVirtualService(ctx, svc),
            emitDestinationRule(ctx, svc),
            emitServiceAuthorizationPolicy(ctx, svc),
          ]
        : []),
    ]);

  for (const b of ctx.relations.backings) {
    if (!b.kind) continue; // external: nothing to run
    const job = isKafka(b) ? emitTopicsJob(ctx, b) : undefined;
    put(`${b.role}s/${b.host}.yaml`, [
      emitServiceAccount(ctx, b.name, b.role),
      emitBackingService(ctx, b),
      emitBackingStatefulSet(ctx, b),
      emitBackingNetworkPolicy(ctx, b, job !== undefined),
      job ? emitTopicsJobNetworkPolicy(ctx, b) : undefined,
      job,
      mesh ? emitBackingAuthorizationPolicy(ctx, b) : undefined,
    ]);
  }

  for (const gw of Object.values(ctx.model.gateways))
    put(`gateways/${dnsLabel(gw.name)}.yaml`, mesh ? emitIstioGateway(ctx, gw) : [emitIngress(ctx, gw)]);

  const resources = [...files.keys()].sort();
  files.set(
    KUSTOMIZATION_FILE,
    toYaml({
      apiVersion: "kustomize.config.k8s.io/v1beta1",
      kind: "Kustomization",
      metadata: { name: dnsLabel(ctx.model.system.name) },
      resources,
    }),
  );
  return files;
}
