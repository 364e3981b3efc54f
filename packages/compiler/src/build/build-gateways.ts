// Stage: gateways — listener settings, auth, CORS, and routes to existing services and API
// versions (the newest when a route names none).

import type { BalanceMember, RouteMember } from "@archc/dsl";
import { buildEntry, type CompileContext } from "../context.js";
import { present } from "../diagnostics.js";
import type { Gateway, Route } from "../model/schema.js";
import { lookup, type SymbolOf } from "../names/collect-decls.js";
import { defined, PropReader } from "./read-props.js";

export function buildGateways(ctx: CompileContext): void {
  const gateways = ctx.symbols.ofKind("gateway");
  for (let i = 0; i < gateways.length; i++)
    ctx.model.gateways[gateways[i].name] = buildEntry(ctx, "gateways", gateways[i], buildGateway);
}

function buildGateway(ctx: CompileContext, sym: SymbolOf<"gateway">): Gateway {
  const { name, decl: d } = sym;
  const { sink } = ctx;
  const members = d.members ?? [];
  const p = new PropReader(members, sink);
  const gw: Gateway = defined({
    name,
    port: p.int("port"),
    host: p.string("host"),
    tls: p.flag("tls"),
    routes: [],
    doc: d.doc,
    span: d.span,
    nameSpan: d.name.span,
  });
  const paths = new Map<string, RouteMember>();
  for (const m of members) {
    switch (m.kind) {
      case "Auth": {
        if (gw.auth !== undefined) {
          sink.error("E0207", m.span, "`auth` is set twice", { help: "keep one of them" });
          break;
        }
        const a = new PropReader(m.props ?? [], sink);
        gw.auth = defined({
          scheme: m.scheme?.text ?? "",
          issuer: a.string("issuer"),
          audience: a.string("audience"),
          header: a.string("header"),
          ttlMs: a.durationMs("ttl"),
        });
        break;
      }
      case "Cors": {
        if (gw.cors !== undefined) {
          sink.error("E0207", m.span, "`cors` is set twice", { help: "keep one of them" });
          break;
        }
        const c = new PropReader(m.props ?? [], sink);
        gw.cors = defined({
          origins: (m.origins ?? []).map((o) => o.value),
          credentials: c.flag("credentials"),
          methods: c.string("methods"),
          headers: c.string("headers"),
          maxAgeMs: c.durationMs("max-age"),
        });
        break;
      }
      case "Route": {
        if (m.path === undefined) break;
        const first = paths.get(m.path.value);
        if (first) {
          sink.error("E0505", m.path.span, `gateway \`${name}\` routes "${m.path.value}" twice`, {
            related: [{ span: first.path.span, message: "first routed here" }],
            help: "each path prefix goes to one service; remove one route or change its path",
          });
          break;
        }
        paths.set(m.path.value, m);
        const route = buildRoute(ctx, m);
        if (route) gw.routes.push(route);
        break;
      }
    }
  }
  return gw;
}

function buildRoute(ctx: CompileContext, m: RouteMember): Route | undefined {
  const svc = lookup(ctx.symbols, ctx.sink, m.service, ["service"], "service");
  if (svc === undefined) return undefined;
  let api: string | undefined;
  if (m.api !== undefined) {
    if (!present(m.api)) return undefined;
    const entry = ctx.apis.api(svc.name, m.api.text);
    if (entry === undefined) {
      ctx.sink.unknown("E0204", "API", m.api, () => ctx.apis.apisOf(svc.name).map((a) => a.name), {
        where: `of service \`${svc.name}\``,
      });
      return undefined;
    }
    api = entry.name;
  } else api = ctx.apis.newest(svc.name)?.name;
  const props = (m.props ?? []).filter((x) => x.kind !== "Balance");
  const balance = (m.props ?? []).find((x): x is BalanceMember => x.kind === "Balance");
  const p = new PropReader(props, ctx.sink);
  return defined({
    path: m.path.value,
    service: svc.name,
    api,
    ratePerSecond: p.perSecond("rate"),
    balance:
      balance && present(balance.strategy)
        ? defined({ strategy: balance.strategy.text, hashField: balance.hashField?.text })
        : undefined,
    timeoutMs: p.durationMs("timeout"),
    retries: p.int("retries"),
    stripPrefix: p.flag("strip-prefix"),
    span: m.span,
  });
}
