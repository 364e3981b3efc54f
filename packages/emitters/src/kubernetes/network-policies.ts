// NetworkPolicies: one default-deny for the namespace, then one policy per workload that
// admits exactly its declared callers (ingress) and reaches exactly its declared dependencies
// (egress), plus DNS. Public services admit any source on their port: the traffic comes through
// a load balancer or ingress controller outside the model (as Online Boutique's frontend does).

import type { Service } from "@archc/compiler";
import { type Backing, brokersOf, calleesOf, type EmitContext, servicePort, storesOf } from "../context.js";
import { isKafka } from "./backing-workload.js";
import { type K8sObject, metadata, objectLabels, selectorLabels } from "./resource.js";
import { topicsJobName } from "./topics-job.js";

type Rule = Record<string, unknown>;

const DNS_EGRESS: Rule = {
  to: [
    {
      namespaceSelector: {},
      podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
    },
  ],
  ports: [
    { port: 53, protocol: "UDP" },
    { port: 53, protocol: "TCP" },
  ],
};

/** Sidecars must reach istiod for configuration and certificates. */
const ISTIOD_EGRESS: Rule = {
  to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-system" } } }],
  ports: [{ port: 15012, protocol: "TCP" }],
};

export function emitDefaultDeny(ctx: EmitContext): K8sObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: metadata(ctx, "default-deny", objectLabels(ctx, "default-deny", "network-policy")),
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  };
}

const from = (names: readonly string[]) =>
  names.map((n) => ({ podSelector: { matchLabels: selectorLabels(n) } }));
const tcp = (...ports: number[]) => ports.map((port) => ({ port, protocol: "TCP" }));

function policy(ctx: EmitContext, name: string, ingress: Rule[], egress: Rule[]): K8sObject {
  const mesh = ctx.deploy?.mesh?.kind === "istio";
  const spec: Record<string, unknown> = {
    podSelector: { matchLabels: selectorLabels(name) },
    policyTypes: ["Ingress", "Egress"],
  };
  // An absent `ingress` with policyType Ingress admits nothing: exactly "no declared callers".
  if (ingress.length) spec.ingress = ingress;
  spec.egress = [...egress, DNS_EGRESS, ...(mesh ? [ISTIOD_EGRESS] : [])];
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: metadata(ctx, name, objectLabels(ctx, name, "network-policy")),
    spec,
  };
}

export function emitServiceNetworkPolicy(ctx: EmitContext, svc: Service): K8sObject {
  const { model } = ctx;
  const port = servicePort(svc);
  const ingress: Rule[] = [];
  const callers = ctx.relations.callersOf(svc.name);
  if (svc.public) ingress.push({ ports: tcp(port) });
  else if (callers.length) ingress.push({ from: from(callers), ports: tcp(port) });

  const egress: Rule[] = [];
  for (const callee of calleesOf(model, svc))
    egress.push({ to: from([callee]), ports: tcp(servicePort(model.services[callee])) });
  const deps = [
    ...storesOf(model, svc).map((s) => `store:${s}`),
    ...brokersOf(model, svc).map((b) => `broker:${b}`),
  ];
  for (const key of deps) {
    const b = ctx.relations.backing(key);
    if (!b) continue;
    // External stores live outside the cluster at addresses the model does not know.
    if (!b.kind) egress.push({ ports: tcp(b.port) });
    else egress.push({ to: from([b.name]), ports: tcp(b.port) });
  }
  return policy(ctx, svc.name, ingress, egress);
}

export function emitBackingNetworkPolicy(ctx: EmitContext, b: Backing, hasTopicsJob: boolean): K8sObject {
  // Who may reach a store or broker: its users, or the producers and consumers of its topics.
  const clients = [...ctx.relations.clientsOf(b)];
  if (hasTopicsJob) clients.push(topicsJobName(b));
  const ingress: Rule[] = [];
  const egress: Rule[] = [];
  if (clients.length) ingress.push({ from: from(clients), ports: tcp(b.kind!.port) });
  if (isKafka(b)) {
    // Kafka nodes replicate to each other and vote over the controller port.
    ingress.push({ from: from([b.name]), ports: tcp(b.kind!.port, 9093) });
    egress.push({ to: from([b.name]), ports: tcp(b.kind!.port, 9093) });
  }
  return policy(ctx, b.name, ingress, egress);
}

export function emitTopicsJobNetworkPolicy(ctx: EmitContext, b: Backing): K8sObject {
  return policy(ctx, topicsJobName(b), [], [{ to: from([b.name]), ports: tcp(b.kind!.port) }]);
}
