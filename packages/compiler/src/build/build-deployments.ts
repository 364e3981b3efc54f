// Stage: deployments — target platform, mesh, tracing and canaries (which must name an
// existing service and API version).

import type { Span } from "@archc/dsl";
import { buildEntry, type CompileContext } from "../context.js";
import { present } from "../diagnostics.js";
import type { Deployment } from "../model/schema.js";
import { lookup, type SymbolOf } from "../names/collect-decls.js";
import { defined, PropReader } from "./read-props.js";
import { toFraction } from "./units.js";

const TARGETS = new Set(["kubernetes", "compose"]);

export function buildDeployments(ctx: CompileContext): void {
  const deployments = ctx.symbols.ofKind("deploy");
  for (let i = 0; i < deployments.length; i++)
    ctx.model.deployments[deployments[i].name] = buildEntry(
      ctx,
      "deployments",
      deployments[i],
      buildDeployment,
    );
}

function buildDeployment(ctx: CompileContext, sym: SymbolOf<"deploy">): Deployment {
  const { name, decl: d } = sym;
  const { sink } = ctx;
  const dep: Deployment = defined({ name, canaries: [], doc: d.doc, span: d.span, nameSpan: d.name.span });
  const seen = new Map<string, Span>();
  for (const m of d.members ?? []) {
    if (m.kind === "Canary") {
      const svc = lookup(ctx.symbols, sink, m.service, ["service"], "service");
      if (svc === undefined || !present(m.api) || m.weight?.unit !== "%") continue;
      if (ctx.apis.api(svc.name, m.api.text) === undefined) {
        sink.unknown("E0204", "API", m.api, () => ctx.apis.apisOf(svc.name).map((a) => a.name), {
          where: `of service \`${svc.name}\``,
        });
        continue;
      }
      dep.canaries.push({
        service: svc.name,
        api: m.api.text,
        weight: toFraction(m.weight),
        span: m.span,
      });
      continue;
    }
    if (!present(m.keyword) || !present(m.value)) continue;
    const key = m.keyword.text;
    const first = seen.get(key);
    if (first) {
      sink.error("E0207", m.keyword.span, `\`${key}\` is set twice in deployment \`${name}\``, {
        related: [{ span: first, message: "first set here" }],
        help: "a deployment has one target, one mesh and one tracing setting",
      });
      continue;
    }
    seen.set(key, m.keyword.span);
    const p = new PropReader(m.props ?? [], sink);
    if (key === "target" && TARGETS.has(m.value.text))
      dep.target = defined({
        kind: m.value.text as "kubernetes" | "compose",
        namespace: p.string("namespace"),
        registry: p.string("registry"),
        project: p.string("project"),
      });
    else if (key === "mesh") dep.mesh = defined({ kind: m.value.text, mtls: p.name("mtls")?.text });
    else if (key === "tracing")
      dep.tracing = defined({
        kind: m.value.text,
        endpoint: p.string("endpoint"),
        sample: p.fraction("sample"),
      });
  }
  return dep;
}
