// An address written into configuration (a host:port, an IP, a URL to a known service)
// hides a dependency from the model and breaks when the callee moves. Declare `calls`
// instead; emitters inject the addresses of declared dependencies.

import type { Model } from "@archc/compiler";
import type { Span } from "@archc/dsl";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const hardcodedEndpoint: Rule = {
  meta: ruleMeta({
    id: "hardcoded-endpoint",
    severity: "warning",
    category: "communication",
    summary: "an `env` value holds a host:port, an IP address, or a URL to another service",
    options: [],
    source: "MSANose (hard-coded endpoints)",
  }),
  reads: ["services.name", "services.env", "services.nameSpan", "stores", "brokers", "gateways"],
  check(ctx) {
    const { model } = ctx;
    const known = knownHosts(model);
    for (const service of modelLists(model).services) {
      for (const entry of service.env) {
        const hit = endpointOf(entry, known);
        if (hit === undefined || hit.host === service.name) continue;
        const target = known.get(hit.host);
        const about = target ? ` (the address of ${target} ${hit.host})` : "";
        ctx.report({
          message: `env ${entry.key} of ${service.name} hard-codes ${hit.kind} "${hit.text}"${about}`,
          span: entry.span,
          elements: [service.name, ...(target ? [hit.host] : [])],
          related: targetSpan(model, hit.host).map((span) => ({
            span,
            message: `${target} ${hit.host} is declared here`,
          })),
          help:
            target === "service"
              ? `declare \`calls ${hit.host}.<op>\` and let the emitter inject the address`
              : "declare the dependency in the model (calls, uses) instead of writing its address",
        });
      }
    }
  },
};

/** The declaration of a known host, if the model has one. */
function targetSpan(model: Model, host: string): Span[] {
  const el = model.services[host] ?? model.stores[host] ?? model.brokers[host] ?? model.gateways[host];
  return el ? [el.nameSpan] : [];
}

/**
 * Names other services could reach by DNS: services, stores, brokers, gateways. The map of
 * the previous check is kept while the names are the same, so that the endpoints found in an
 * unchanged env entry can be reused (`endpointOf`) across re-checks.
 */
function knownHosts(model: Model): ReadonlyMap<string, string> {
  const groups = [
    Object.keys(model.gateways),
    Object.keys(model.brokers),
    Object.keys(model.stores),
    modelLists(model).serviceNames,
  ];
  if (lastHosts && groups.every((names, i) => sameNames(names, lastHosts!.groups[i]))) return lastHosts.hosts;
  const hosts = new Map<string, string>();
  const kinds = ["gateway", "broker", "store", "service"];
  groups.forEach((names, i) => {
    for (const n of names) hosts.set(n, kinds[i]);
  });
  lastHosts = { groups, hosts };
  return hosts;
}

let lastHosts: { groups: readonly (readonly string[])[]; hosts: ReadonlyMap<string, string> } | undefined;

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The endpoint in an env entry, remembered per entry object and known-host map. */
const endpoints = new WeakMap<object, { known: ReadonlyMap<string, string>; hit: EndpointHit | undefined }>();

function endpointOf(
  entry: { readonly value: string },
  known: ReadonlyMap<string, string>,
): EndpointHit | undefined {
  const remembered = endpoints.get(entry);
  if (remembered?.known === known) return remembered.hit;
  const hit = findEndpoint(entry.value, known);
  endpoints.set(entry, { known, hit });
  return hit;
}

interface EndpointHit {
  readonly kind: "a URL" | "an IP address" | "a host:port";
  readonly text: string;
  readonly host: string;
}

const URL_RE =
  /\b[a-z][a-z0-9+.-]*:\/\/(?:[^/\s:@]+(?::[^/\s@]*)?@)?(\[[0-9a-f:]+\]|[^/\s:?#]+)(:\d{1,5})?[^\s"]*/i;
const IPV4_RE = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/;
const HOST_PORT_RE =
  /(?:^|[\s,;=])([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*):(\d{1,5})(?=$|[\s,;/])/i;

/** Addresses that only mean "this machine" or "every interface" are not dependencies. */
function isLocal(host: string): boolean {
  return (
    host === "localhost" ||
    host === "0.0.0.0" ||
    host.startsWith("127.") ||
    host === "[::1]" ||
    host === "[::]"
  );
}

/** The first address in an env value that names another machine, if any. */
export function findEndpoint(value: string, known: ReadonlyMap<string, string>): EndpointHit | undefined {
  const url = URL_RE.exec(value);
  if (url) {
    const host = url[1].toLowerCase();
    const firstLabel = host.split(".")[0];
    if (!isLocal(host) && (url[2] !== undefined || IPV4_RE.test(host) || known.has(firstLabel)))
      return { kind: "a URL", text: url[0], host: known.has(firstLabel) ? firstLabel : host };
    return undefined;
  }
  const hp = HOST_PORT_RE.exec(value);
  // A host needs a letter (`12:30` is a time) or must be an IPv4 address.
  if (hp && !isLocal(hp[1].toLowerCase()) && (/[a-z]/i.test(hp[1]) || IPV4_RE.test(hp[1]))) {
    const host = hp[1].toLowerCase();
    const firstLabel = host.split(".")[0];
    return {
      kind: "a host:port",
      text: `${hp[1]}:${hp[2]}`,
      host: known.has(firstLabel) ? firstLabel : host,
    };
  }
  const ip = IPV4_RE.exec(value);
  if (ip && !isLocal(ip[0])) return { kind: "an IP address", text: ip[0], host: ip[0] };
  return undefined;
}
