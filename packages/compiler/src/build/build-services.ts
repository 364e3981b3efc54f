// Stage: services — deployment metadata, APIs and their ops. References to other declarations
// (`uses`, `calls`, events) are linked in a later stage, once every API is known, so a service
// may call one declared after it.

import {
  type ApiDecl,
  bounds,
  isQuantityOf,
  type Literal,
  type Name,
  type ServiceDecl,
  type Span,
} from "@archc/dsl";
import { type BoundOp, checkApiHttp } from "../check/check-http.js";
import type { CompileContext } from "../context.js";
import { present } from "../diagnostics.js";
import type { Api, Service } from "../model/schema.js";
import { apiVersion } from "../names/api-table.js";
import { buildOp } from "./build-ops.js";
import { defined, type Mutable, PropReader, setIfDefined } from "./read-props.js";
import { toBytes, toFraction, toMillicores } from "./units.js";

const PROTOCOLS = new Set(["rest", "grpc", "graphql"]);

export function buildServices(ctx: CompileContext): void {
  const { reuse } = ctx;
  const services = ctx.symbols.ofKind("service");
  for (let i = 0; i < services.length; i++) {
    const sym = services[i];
    if (reuse !== undefined) reuse.build(ctx, sym.name, sym.decl, buildService);
    else ctx.model.services[sym.name] = buildService(ctx, sym.name, sym.decl);
  }
}

function buildService(ctx: CompileContext, name: string, d: ServiceDecl): Service {
  const { sink } = ctx;
  const members = d.members ?? [];
  const p = new PropReader(members, sink);
  // Built field by field rather than through `defined` (hot: one per service); the key order
  // is the Model's.
  const svc: Mutable<Service> = { name } as Mutable<Service>;
  setIfDefined(svc, "title", d.title?.value);
  setIfDefined(svc, "owner", p.string("owner"));
  setIfDefined(svc, "tech", p.string("tech"));
  setIfDefined(svc, "image", p.string("image"));
  setIfDefined(svc, "port", p.int("port"));
  setIfDefined(svc, "health", p.string("health"));
  setIfDefined(svc, "ready", p.string("ready"));
  setIfDefined(svc, "availability", p.fraction("availability"));
  svc.env = [];
  svc.secrets = [];
  svc.public = p.flag("public");
  svc.uses = [];
  svc.apis = [];
  svc.calls = [];
  svc.publishes = [];
  svc.consumes = [];
  setIfDefined(svc, "doc", d.doc);
  svc.span = d.span;
  svc.nameSpan = d.name.span;
  const once = new Map<string, Span>();
  const setOnce = (key: string, span: Span): boolean => {
    const first = once.get(key);
    if (first) {
      sink.error("E0207", span, `\`${key}\` is set twice`, {
        related: [{ span: first, message: "first set here" }],
        help: "keep one of them",
      });
      return false;
    }
    once.set(key, span);
    return true;
  };
  const envSeen = new Map<string, Name>();
  const secretSeen = new Map<string, Name>();
  const apiSeen = new Map<string, Name>();

  for (const m of members) {
    switch (m.kind) {
      case "Replicas": {
        if (!setOnce("replicas", m.span) || m.count === undefined) break;
        const [low, high] = bounds(m.count);
        if (!isQuantityOf(low, "int") || !isQuantityOf(high, "int")) break;
        svc.replicas = defined({
          min: low.value,
          max: high.value,
          cpuTarget: m.cpuTarget?.unit === "%" ? toFraction(m.cpuTarget) : undefined,
        });
        break;
      }
      case "Resources": {
        if (!setOnce("resources", m.span)) break;
        const cpu = m.cpu && bounds(m.cpu);
        const memory = m.memory && bounds(m.memory);
        svc.resources = defined({
          cpu: cpu?.every((q) => isQuantityOf(q, "cpu"))
            ? { requestMillis: toMillicores(cpu[0]), limitMillis: toMillicores(cpu[1]) }
            : undefined,
          memory: memory?.every((q) => isQuantityOf(q, "size"))
            ? { requestBytes: toBytes(memory[0]), limitBytes: toBytes(memory[1]) }
            : undefined,
        });
        break;
      }
      case "Balance":
        if (!setOnce("balance", m.span) || !present(m.strategy)) break;
        svc.balance = defined({ strategy: m.strategy.text, hashField: m.hashField?.text });
        break;
      case "Env":
        for (const e of m.entries ?? []) {
          if (!present(e.key) || e.value === undefined) continue;
          if (duplicate(ctx, envSeen, e.key, "env variable")) continue;
          svc.env.push({ key: e.key.text, value: literalText(e.value), span: e.span });
        }
        break;
      case "Secret":
        if (!present(m.name) || m.from === undefined) break;
        if (duplicate(ctx, secretSeen, m.name, "secret")) break;
        svc.secrets.push({ name: m.name.text, from: m.from.value, span: m.span });
        break;
      case "Api":
        if (!present(m.name) || duplicate(ctx, apiSeen, m.name, "API")) break;
        svc.apis.push(buildApi(ctx, name, m));
        break;
    }
  }
  return svc;
}

function buildApi(ctx: CompileContext, service: string, d: ApiDecl): Api {
  const name = d.name.text;
  const protocol = (
    d.protocol && PROTOCOLS.has(d.protocol.text) ? d.protocol.text : "rest"
  ) as Api["protocol"];
  const opIds = new Map<string, string>();
  const opSeen = new Map<string, Name>();
  const bound: BoundOp[] = [];
  for (const opDecl of d.ops ?? []) {
    if (!present(opDecl.name) || duplicate(ctx, opSeen, opDecl.name, "op")) continue;
    const op = buildOp(ctx, service, name, protocol, opDecl);
    if (op === undefined) continue;
    ctx.model.ops[op.id] = op;
    opIds.set(op.name, op.id);
    bound.push({ op, decl: opDecl });
  }
  checkApiHttp(ctx, service, name, bound);
  const version = apiVersion(name);
  ctx.apis.add(service, { name, version, nameSpan: d.name.span, ops: opIds });
  const api: Mutable<Api> = { name } as Mutable<Api>;
  setIfDefined(api, "version", version);
  api.protocol = protocol;
  api.ops = [...opIds.values()];
  setIfDefined(api, "doc", d.doc);
  api.span = d.span;
  api.nameSpan = d.name.span;
  return api;
}

/** Reports a repeated member name (E0206); true when `name` was seen before. */
export function duplicate(ctx: CompileContext, seen: Map<string, Name>, name: Name, what: string): boolean {
  const first = seen.get(name.text);
  if (first) {
    ctx.sink.error("E0206", name.span, `${what} \`${name.text}\` is declared twice`, {
      related: [{ span: first.span, message: "first declared here" }],
    });
    return true;
  }
  seen.set(name.text, name);
  return false;
}

/** An env value as the string the process will see: numbers keep their written form. */
function literalText(v: Literal): string {
  switch (v.kind) {
    case "String":
      return v.value;
    case "Quantity":
      return v.raw;
    case "Range":
      return `${v.low.raw}..${v.high.raw}`;
  }
}
