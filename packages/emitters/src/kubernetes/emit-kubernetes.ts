// The Kubernetes target: one object per file, grouped by workload, and a kustomization.yaml
// that lists them all. With `mesh istio` the Istio objects sit beside the workloads they govern.

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
  const objects = new Map<string, K8sObject>();
  const put = (path: string, obj: K8sObject | undefined) => {
    if (obj) objects.set(path, obj);
  };
  const mesh = ctx.deploy?.mesh?.kind === "istio";
  const ns = namespaceOf(ctx);
  if (ns) {
    const labels: Record<string, string> = objectLabels(ctx, ns, "namespace");
    if (mesh) labels["istio-injection"] = "enabled";
    put("namespace.yaml", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels } });
  }
  put("network-policies/default-deny.yaml", emitDefaultDeny(ctx));
  if (mesh) put("mesh/peer-authentication.yaml", emitPeerAuthentication(ctx));

  for (const svc of Object.values(ctx.model.services)) {
    const dir = `services/${dnsLabel(svc.name)}`;
    put(`${dir}/deployment.yaml`, emitDeployment(ctx, svc));
    put(`${dir}/service.yaml`, emitService(ctx, svc));
    put(`${dir}/serviceaccount.yaml`, emitServiceAccount(ctx, svc.name, "service"));
    put(`${dir}/configmap.yaml`, emitConfigMap(ctx, svc));
    if (autoscaled(svc)) put(`${dir}/hpa.yaml`, emitHpa(ctx, svc));
    put(`${dir}/pdb.yaml`, emitPdb(ctx, svc.name, "service"));
    put(`${dir}/networkpolicy.yaml`, emitServiceNetworkPolicy(ctx, svc));
    if (mesh) {
      put(`${dir}/virtualservice.yaml`, emitVirtualService(ctx, svc));
      put(`${dir}/destinationrule.yaml`, emitDestinationRule(ctx, svc));
      put(`${dir}/authorizationpolicy.yaml`, emitServiceAuthorizationPolicy(ctx, svc));
    }
  }

  for (const b of ctx.relations.backings) {
    if (!b.kind) continue; // external: nothing to run
    const dir = `${b.role}s/${b.host}`;
    put(`${dir}/statefulset.yaml`, emitBackingStatefulSet(ctx, b));
    put(`${dir}/service.yaml`, emitBackingService(ctx, b));
    put(`${dir}/serviceaccount.yaml`, emitServiceAccount(ctx, b.name, b.role));
    const job = isKafka(b) ? emitTopicsJob(ctx, b) : undefined;
    put(`${dir}/topics-job.yaml`, job);
    if (job) put(`${dir}/topics-networkpolicy.yaml`, emitTopicsJobNetworkPolicy(ctx, b));
    put(`${dir}/networkpolicy.yaml`, emitBackingNetworkPolicy(ctx, b, job !== undefined));
    if (mesh) put(`${dir}/authorizationpolicy.yaml`, emitBackingAuthorizationPolicy(ctx, b));
  }

  for (const gw of Object.values(ctx.model.gateways)) {
    const dir = `gateways/${dnsLabel(gw.name)}`;
    if (mesh)
      for (const obj of emitIstioGateway(ctx, gw))
        put(`${dir}/${obj.kind.toLowerCase()}-${obj.metadata.name}.yaml`, obj);
    else put(`${dir}/ingress.yaml`, emitIngress(ctx, gw));
  }

  const files = new Map<string, string>();
  for (const [path, obj] of objects) files.set(path, toYaml(obj));
  files.set(
    KUSTOMIZATION_FILE,
    toYaml({
      apiVersion: "kustomize.config.k8s.io/v1beta1",
      kind: "Kustomization",
      metadata: { name: dnsLabel(ctx.model.system.name) },
      resources: [...objects.keys()].sort(),
    }),
  );
  return files;
}
