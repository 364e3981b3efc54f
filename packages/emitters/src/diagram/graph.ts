// The system as a graph of boxes and arrows, before any layout: what every diagram format
// (SVG, Mermaid, DOT) draws. Built from the checked Model in declaration order, so the same
// model always gives the same graph, and the same ids.

import type { Call, Model } from "@archc/compiler";
import { goDuration, tokenBucket } from "../common/units.js";
import { groupBy } from "./group-by.js";

export type DiagramNodeKind = "gateway" | "service" | "store" | "broker" | "topic";

export interface DiagramNode {
  /** `<kind>:<name>`: model names are unique per kind, not across kinds. */
  readonly id: string;
  readonly kind: DiagramNodeKind;
  readonly name: string;
  /** The second line: tech and port, store kind and version, gateway host… */
  readonly detail: string | undefined;
  /** The broker a topic lives on (topics are drawn inside their broker). */
  readonly parent: string | undefined;
  /** Not run by us (external stores and brokers): drawn with a dashed outline. */
  readonly external: boolean;
}

/**
 * call: synchronous call of one op; route: a gateway route; publish/consume: an event through
 * a topic; owner: a store written (read-write or write); read: a store only read.
 */
export type DiagramEdgeKind = "call" | "route" | "publish" | "consume" | "owner" | "read";

export interface DiagramEdge {
  readonly id: string;
  readonly kind: DiagramEdgeKind;
  readonly source: string;
  readonly target: string;
  /** Short text drawn on the edge. */
  readonly label: string;
  /** Everything the model says about the edge (SVG tooltip, DOT tooltip). */
  readonly tooltip: string;
}

export interface DiagramGraph {
  readonly title: string;
  /** Top-level nodes before the topics they contain; topics follow their broker. */
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

export const nodeId = (kind: DiagramNodeKind, name: string): string => `${kind}:${name}`;

export function buildDiagramGraph(model: Model): DiagramGraph {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const known = new Set<string>();
  const addNode = (node: DiagramNode) => {
    nodes.push(node);
    known.add(node.id);
  };
  const addEdge = (kind: DiagramEdgeKind, source: string, target: string, label: string, tooltip: string) => {
    // An edge to something the model does not declare (an error the checker reports) is left out.
    if (known.has(source) && known.has(target))
      edges.push({ id: `e${edges.length}`, kind, source, target, label, tooltip });
  };

  for (const gw of Object.values(model.gateways))
    addNode({
      id: nodeId("gateway", gw.name),
      kind: "gateway",
      name: gw.name,
      detail: gw.host ?? (gw.port !== undefined ? `:${gw.port}` : "gateway"),
      parent: undefined,
      external: false,
    });
  for (const svc of Object.values(model.services)) {
    const detail = [svc.tech, svc.port !== undefined ? `:${svc.port}` : undefined].filter(Boolean).join(" ");
    addNode({
      id: nodeId("service", svc.name),
      kind: "service",
      name: svc.name,
      detail: detail || undefined,
      parent: undefined,
      external: false,
    });
  }
  for (const store of Object.values(model.stores))
    addNode({
      id: nodeId("store", store.name),
      kind: "store",
      name: store.name,
      detail: [store.kind, store.version, store.external ? "external" : undefined].filter(Boolean).join(" "),
      parent: undefined,
      external: store.external,
    });
  const topicsOn = groupBy(Object.keys(model.topics), (name) => {
    const broker = model.topics[name].broker;
    return broker && Object.hasOwn(model.brokers, broker) ? broker : "";
  });
  const addTopic = (name: string, parent: string | undefined) => {
    const t = model.topics[name];
    addNode({
      id: nodeId("topic", name),
      kind: "topic",
      name,
      detail: t.partitions !== undefined ? `${t.partitions} partitions` : undefined,
      parent,
      external: false,
    });
  };
  for (const broker of Object.values(model.brokers)) {
    const id = nodeId("broker", broker.name);
    addNode({
      id,
      kind: "broker",
      name: broker.name,
      detail: [broker.kind, broker.version, broker.external ? "external" : undefined]
        .filter(Boolean)
        .join(" "),
      parent: undefined,
      external: broker.external,
    });
    for (const topic of topicsOn.get(broker.name) ?? []) addTopic(topic, id);
  }
  for (const topic of topicsOn.get("") ?? []) addTopic(topic, undefined);

  for (const gw of Object.values(model.gateways))
    for (const route of gw.routes) {
      const api = route.api ? `.${route.api}` : "";
      const tooltip = [
        `${gw.name} routes ${route.path} to ${route.service}${api}`,
        route.timeoutMs !== undefined ? `timeout ${goDuration(route.timeoutMs)}` : undefined,
        route.retries !== undefined ? retriesText(route.retries) : undefined,
        route.ratePerSecond !== undefined ? rateText(route.ratePerSecond) : undefined,
      ]
        .filter(Boolean)
        .join(", ");
      addEdge("route", nodeId("gateway", gw.name), nodeId("service", route.service), route.path, tooltip);
    }
  for (const svc of Object.values(model.services)) {
    const from = nodeId("service", svc.name);
    for (const call of svc.calls) {
      const op = call.op ? model.ops[call.op] : undefined;
      const opName = op?.name ?? call.op?.split(".").pop() ?? "?";
      const target = `${call.toService}.${op ? `${op.api}.${op.name}` : opName}`;
      addEdge(
        "call",
        from,
        nodeId("service", call.toService),
        callLabel(opName, call),
        `${svc.name} calls ${target}: ${policyText(call)}`,
      );
    }
    for (const use of svc.uses) {
      const owner = use.mode !== "read";
      const verb = use.mode === "readwrite" ? "reads and writes" : use.mode === "write" ? "writes" : "reads";
      addEdge(
        owner ? "owner" : "read",
        from,
        nodeId("store", use.store),
        use.mode === "readwrite" ? "read/write" : use.mode,
        `${svc.name} ${verb} ${use.store}`,
      );
    }
    for (const pub of svc.publishes) {
      const topic = model.events[pub.event]?.topic;
      if (topic)
        addEdge(
          "publish",
          from,
          nodeId("topic", topic),
          pub.event,
          `${svc.name} publishes ${pub.event} on ${topic}`,
        );
    }
  }
  // Consumers after publishers, so edges read publisher → topic → consumer in the files too.
  for (const svc of Object.values(model.services))
    for (const sub of svc.consumes) {
      const topic = model.events[sub.event]?.topic;
      const handler = sub.handler ? ` with ${sub.handler}` : "";
      if (topic)
        addEdge(
          "consume",
          nodeId("topic", topic),
          nodeId("service", svc.name),
          sub.event,
          `${svc.name} consumes ${sub.event} from ${topic}${handler}`,
        );
    }
  return { title: model.system.title ?? model.system.name, nodes, edges };
}

/** `reserve · 2s · 1 retry`; a call without a timeout says so (it can hang its caller). */
function callLabel(opName: string, call: Call): string {
  const p = call.policy;
  const parts = [opName, p.timeoutMs !== undefined ? goDuration(p.timeoutMs) : "no timeout"];
  if (p.retries > 0) parts.push(retriesText(p.retries));
  return parts.join(" · ");
}

function policyText(call: Call): string {
  const p = call.policy;
  return [
    p.timeoutMs !== undefined ? `timeout ${goDuration(p.timeoutMs)}` : "no timeout",
    p.perTryMs !== undefined ? `per-try ${goDuration(p.perTryMs)}` : undefined,
    retriesText(p.retries),
    p.backoff ? `backoff ${goDuration(p.backoff.minMs)}..${goDuration(p.backoff.maxMs)}` : undefined,
    p.breaker ? `breaker ${p.breaker.failures} in ${goDuration(p.breaker.windowMs)}` : undefined,
    p.bulkhead !== undefined ? `bulkhead ${p.bulkhead}` : undefined,
  ]
    .filter(Boolean)
    .join(", ");
}

const retriesText = (n: number) => (n === 1 ? "1 retry" : `${n} retries`);
const PER: Readonly<Record<number, string>> = { 1000: "s", 60000: "min", 3600000: "hour", 86400000: "day" };

/** `rate 1000/hour`, as written, rather than 0.2777…/s. */
function rateText(ratePerSecond: number): string {
  const { tokens, intervalMs } = tokenBucket(ratePerSecond);
  return `rate ${tokens}/${PER[intervalMs]}`;
}
