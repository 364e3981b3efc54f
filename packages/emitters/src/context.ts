// What every emitter shares: the model, the chosen deployment, diagnostics, and the facts
// derived from the model that more than one target needs (ports, images, endpoints).

import type { Deployment, Model, Service } from "@archc/compiler";
import { type Diagnostic, fileStartSpan, type Span } from "@archc/dsl";
import type { EmitterCode } from "./codes.js";
import { type BackingKind, brokerKind, storeKind } from "./common/backing-kinds.js";
import { dnsLabel, envName } from "./common/names.js";
import type { ModelRelations } from "./model-relations.js";
import type { SharedComponents } from "./schema/shared-components.js";

/** Port a service listens on when the model does not say. */
export const DEFAULT_SERVICE_PORT = 8080;

export interface EmitContext {
  readonly model: Model;
  /** The deployment the files are for, if any (`--deploy`, or the first of the target's kind). */
  readonly deploy: Deployment | undefined;
  readonly diagnostics: Diagnostic[];
  /** Callers, calls and clients of each service, store and broker, derived once per run. */
  readonly relations: ModelRelations;
  /** The JSON Schema of each named type, built once per run for every API document. */
  readonly components: SharedComponents;
}

export function report(
  ctx: EmitContext,
  code: EmitterCode,
  severity: Diagnostic["severity"],
  message: string,
  span: Span | undefined,
  help?: string,
): void {
  ctx.diagnostics.push({
    code,
    severity,
    message,
    span: span ?? modelStartSpan(ctx.model),
    related: [],
    ...(help ? { help } : {}),
  });
}

export function modelStartSpan(model: Model): Span {
  return model.system.span ?? fileStartSpan(model.files[0] ?? "<model>");
}

export function servicePort(svc: Service): number {
  return svc.port ?? DEFAULT_SERVICE_PORT;
}

/** gRPC when any API of the service is gRPC (names the port, picks Istio's protocol). */
export function serviceProtocol(svc: Service): "grpc" | "http" {
  return svc.apis.some((a) => a.protocol === "grpc") ? "grpc" : "http";
}

/** The image to run: the declared one, else `<registry>/<service>:<system version | latest>`. */
export function serviceImage(ctx: EmitContext, svc: Service): string {
  if (svc.image) return svc.image;
  const registry = ctx.deploy?.target?.registry ?? dnsLabel(ctx.model.system.name);
  return `${registry.replace(/\/+$/, "")}/${dnsLabel(svc.name)}:${ctx.model.system.version ?? "latest"}`;
}

/** A store or broker as the platforms see it; `kind` absent means external (not run by us). */
export interface Backing {
  readonly name: string;
  readonly role: "store" | "broker";
  readonly host: string;
  readonly port: number;
  readonly image: string | undefined;
  readonly kind: BackingKind | undefined;
  readonly sizeBytes: number | undefined;
}

export function backings(model: Model): Backing[] {
  const out: Backing[] = [];
  for (const s of Object.values(model.stores)) {
    const kind = s.external ? undefined : storeKind(s.kind);
    out.push({
      name: s.name,
      role: "store",
      host: dnsLabel(s.name),
      port: s.port ?? kind?.port ?? 0,
      image: kind ? (s.image ?? kind.image(s.version)) : undefined,
      kind,
      sizeBytes: s.sizeBytes,
    });
  }
  for (const b of Object.values(model.brokers)) {
    const kind = b.external ? undefined : brokerKind(b.kind);
    out.push({
      name: b.name,
      role: "broker",
      host: dnsLabel(b.name),
      port: b.port ?? kind?.port ?? 0,
      image: kind ? (b.image ?? kind.image(b.version)) : undefined,
      kind,
      sizeBytes: undefined,
    });
  }
  return out;
}

/** Brokers a service talks to: those carrying the topics of the events it publishes or consumes. */
export function brokersOf(model: Model, svc: Service): string[] {
  const seen = new Set<string>();
  for (const e of [...svc.publishes, ...svc.consumes]) {
    const topic = model.events[e.event]?.topic;
    const broker = topic ? model.topics[topic]?.broker : undefined;
    if (broker && Object.hasOwn(model.brokers, broker)) seen.add(broker);
  }
  return [...seen];
}

/** Stores a service uses, unique, in declaration order. */
export function storesOf(model: Model, svc: Service): string[] {
  return [...new Set(svc.uses.map((u) => u.store))].filter((s) => Object.hasOwn(model.stores, s));
}

/** Services a service calls synchronously, unique, in declaration order. */
export function calleesOf(model: Model, svc: Service): string[] {
  return [...new Set(svc.calls.map((c) => c.toService))].filter(
    (s) => s !== svc.name && Object.hasOwn(model.services, s),
  );
}

/**
 * The environment that tells a service where its dependencies are: `<NAME>_ADDR=host:port` for
 * every callee, store and broker, and `<NAME>_URL` where the dependency speaks a URL scheme.
 * `port` picks the port clients use on this platform.
 */
export function dependencyEnv(
  ctx: EmitContext,
  svc: Service,
  port: (b: Backing) => number,
): [string, string][] {
  const { model, relations } = ctx;
  const env: [string, string][] = [];
  for (const callee of calleesOf(model, svc)) {
    const target = model.services[callee];
    const addr = `${dnsLabel(callee)}:${servicePort(target)}`;
    env.push([`${envName(callee)}_ADDR`, addr]);
    if (serviceProtocol(target) === "http") env.push([`${envName(callee)}_URL`, `http://${addr}`]);
  }
  const backingNames = [
    ...storesOf(model, svc).map((s) => `store:${s}`),
    ...brokersOf(model, svc).map((b) => `broker:${b}`),
  ];
  for (const key of backingNames) {
    const b = relations.backing(key);
    if (!b?.kind) continue; // external: the team supplies the address (env or secret)
    const addr = `${b.host}:${port(b)}`;
    env.push([`${envName(b.name)}_ADDR`, addr]);
    if (b.kind.scheme) env.push([`${envName(b.name)}_URL`, `${b.kind.scheme}://${addr}`]);
  }
  return env;
}

/** Picks the deployment: the one named, else the first whose target is `kind`. */
export function selectDeployment(
  model: Model,
  requested: string | undefined,
  kind: "kubernetes" | "compose",
  diagnostics: Diagnostic[],
): Deployment | undefined {
  if (requested !== undefined) {
    const found = Object.hasOwn(model.deployments, requested) ? model.deployments[requested] : undefined;
    if (!found) {
      const known = Object.keys(model.deployments);
      diagnostics.push({
        code: "E0901",
        severity: "error",
        message: `no deployment named \`${requested}\``,
        span: modelStartSpan(model),
        related: [],
        help: known.length
          ? `declared deployments: ${known.join(", ")}`
          : "the model declares no `deploy` block",
      });
    }
    return found;
  }
  return Object.values(model.deployments).find((d) => d.target?.kind === kind);
}
