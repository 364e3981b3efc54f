// The OpenAPI target: one OpenAPI 3.1 document per REST API version of each service, at
// `<service>.<api>.yaml`. Paths from HTTP bindings, operationIds from op names, request and
// response schemas from types, declared errors as 4xx problem+json responses, `///` docs as
// descriptions, the gateway's auth as the security scheme.

import type { Api, Gateway, Op, Service, TypeExpr } from "@archc/compiler";
import { dnsLabel } from "../common/names.js";
import { toYaml } from "../common/yaml.js";
import { type EmitContext, report, servicePort } from "../context.js";
import { componentSchemas, type JsonSchema, reachableTypes, schemaOf } from "../schema/json-schema.js";
import { PROBLEM_COMPONENT, PROBLEM_SCHEMA, REASONS, statusForError } from "./http-errors.js";
import { keyedByName, statusKeyedObject } from "../common/keyed.js";

const BODYLESS = new Set(["GET", "HEAD", "DELETE", "OPTIONS"]);

export function emitOpenApi(ctx: EmitContext): Map<string, string> {
  const files = new Map<string, string>();
  for (const svc of Object.values(ctx.model.services))
    for (const api of svc.apis) {
      if (api.protocol !== "rest") {
        report(
          ctx,
          "W0904",
          "info",
          `\`${svc.name}.${api.name}\` is ${api.protocol}: no OpenAPI document`,
          api.nameSpan,
        );
        continue;
      }
      files.set(`${dnsLabel(svc.name)}.${dnsLabel(api.name)}.yaml`, toYaml(openApiDocument(ctx, svc, api)));
    }
  return files;
}

function gatewayFor(
  ctx: EmitContext,
  svc: Service,
  api: Api,
): { gw: Gateway; path: string; strip: boolean } | undefined {
  for (const ref of ctx.model.index.routes[svc.name] ?? []) {
    const gw = ctx.model.gateways[ref.gateway];
    const route = gw?.routes[ref.index];
    if (route && (route.api === undefined || route.api === api.name))
      return { gw, path: route.path.replace(/\/+$/, ""), strip: route.stripPrefix };
  }
  return undefined;
}

export function openApiDocument(ctx: EmitContext, svc: Service, api: Api): Record<string, unknown> {
  const ops = api.ops.map((id) => ctx.model.ops[id]).filter((o): o is Op => o !== undefined);
  const edge = gatewayFor(ctx, svc, api);
  const info: Record<string, unknown> = {
    title: `${svc.title ?? svc.name} API ${api.name}`,
    version: api.version !== undefined ? `${api.version}.0.0` : (ctx.model.system.version ?? "0.0.0"),
  };
  const description = [svc.doc, api.doc].filter(Boolean).join("\n\n");
  if (description) info.description = description;
  if (svc.owner) info.contact = { name: svc.owner };

  const servers: Record<string, unknown>[] = [];
  if (edge) {
    const scheme = edge.gw.tls ? "https" : "http";
    const host = edge.gw.host ?? "localhost";
    servers.push({
      url: `${scheme}://${host}${edge.strip ? edge.path : ""}`,
      description: `through gateway ${edge.gw.name}`,
    });
  }
  servers.push({
    url: `http://${dnsLabel(svc.name)}:${servicePort(svc)}`,
    description: "inside the cluster",
  });

  const securitySchemes = keyedByName<unknown>();
  const security: Record<string, string[]>[] = [];
  const auth = edge?.gw.auth;
  if (auth && auth.scheme !== "none") {
    const name = `${edge.gw.name}-${auth.scheme}`;
    securitySchemes[name] = securityScheme(auth);
    security.push({ [name]: [] });
  }
  if (!security.length) {
    // Inside the mesh the caller's identity is its mTLS certificate (AuthorizationPolicy
    // admits only the declared callers); OpenAPI 3.1 says exactly that with mutualTLS.
    securitySchemes.mtls = {
      type: "mutualTLS",
      description: "Service identity; only declared callers are admitted.",
    };
    security.push({ mtls: [] });
  }

  const paths = keyedByName<Record<string, unknown>>();
  for (const op of ops) {
    const http = op.http ?? { method: "POST" as const, path: `/${op.name}`, implicit: true, params: [] };
    paths[http.path] ??= {};
    paths[http.path][http.method.toLowerCase()] = operation(ctx, svc, op, http.method, http.params);
  }
  // Components are what the paths reference (a GET's record domain is spread into query
  // parameters and never referenced itself), and what those reference in turn.
  const referenced = [...referencedComponents(paths)].map((name) => ({ kind: "ref" as const, name }));
  const schemas: Record<string, unknown> = componentSchemas(
    ctx.components,
    reachableTypes(ctx.model, referenced),
    "2020-12",
  );
  schemas[PROBLEM_COMPONENT] = PROBLEM_SCHEMA;

  const tag: Record<string, unknown> = {
    name: svc.name,
    description: svc.doc ?? svc.title ?? `The ${svc.name} service`,
  };
  return {
    openapi: "3.1.0",
    info: { ...info, license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" } },
    servers,
    security,
    tags: [tag],
    paths,
    components: { schemas, securitySchemes },
  };
}

function securityScheme(auth: NonNullable<Gateway["auth"]>): Record<string, unknown> {
  switch (auth.scheme) {
    case "jwt":
      return {
        type: "http",
        scheme: "bearer",
        bearerFormat: "JWT",
        description: [auth.issuer && `Issuer: ${auth.issuer}`, auth.audience && `audience: ${auth.audience}`]
          .filter(Boolean)
          .join("; "),
      };
    case "oauth2":
      return auth.issuer
        ? {
            type: "openIdConnect",
            openIdConnectUrl: `${auth.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
          }
        : { type: "http", scheme: "bearer" };
    case "apikey":
      return { type: "apiKey", in: "header", name: auth.header ?? "X-API-Key" };
    case "basic":
      return { type: "http", scheme: "basic" };
    default:
      return { type: "http", scheme: "bearer" };
  }
}

const jsonContent = (schema: JsonSchema) => ({ "application/json": { schema } });

function operation(ctx: EmitContext, svc: Service, op: Op, method: string, params: readonly string[]) {
  const out: Record<string, unknown> = {
    operationId: op.name,
    summary: op.doc?.split("\n")[0] ?? `${op.name} (${svc.name})`,
  };
  if (op.doc) out.description = op.doc;
  out.tags = [svc.name];

  // The domain's fields become parameters only with path parameters or without a body.
  const bodyless = BODYLESS.has(method);
  const fields = params.length > 0 || bodyless ? recordFields(ctx, op.domain) : undefined;
  const parameters: Record<string, unknown>[] = params.map((name) => ({
    name,
    in: "path",
    required: true,
    schema:
      fields?.get(name)?.schema ??
      (params.length === 1 && !fields ? schemaOf(op.domain, "2020-12") : { type: "string" }),
  }));
  const unit = op.domain.kind === "prim" && op.domain.name === "unit";
  if (bodyless) {
    // Without a body, the domain's other fields travel in the query string.
    if (fields)
      for (const [name, f] of fields)
        if (!params.includes(name))
          parameters.push({ name, in: "query", required: f.required, schema: f.schema });
    if (!fields && !unit && params.length === 0)
      parameters.push({ name: "input", in: "query", required: true, schema: schemaOf(op.domain, "2020-12") });
  } else if (!unit) {
    out.requestBody = { required: true, content: jsonContent(schemaOf(op.domain, "2020-12")) };
  }
  if (parameters.length) out.parameters = parameters;

  const responses = statusKeyedObject();
  if (op.codomain.kind === "prim" && op.codomain.name === "unit") responses["204"] = { description: "Done" };
  else responses["200"] = { description: "OK", content: jsonContent(schemaOf(op.codomain, "2020-12")) };
  const byStatus = new Map<number, string[]>();
  for (const e of op.errors) byStatus.set(statusForError(e), [...(byStatus.get(statusForError(e)) ?? []), e]);
  // Every operation can be sent a malformed request.
  if (!byStatus.has(400)) byStatus.set(400, []);
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const errors = byStatus.get(status)!;
    responses[String(status)] = {
      description: errors.length ? errors.join(" | ") : (REASONS[status] ?? "Client error"),
      content: { "application/problem+json": { schema: problemSchema(errors) } },
    };
  }
  out.responses = responses;
  return out;
}

function problemSchema(errors: readonly string[]): JsonSchema {
  const problem = { $ref: `#/components/schemas/${PROBLEM_COMPONENT}` };
  if (!errors.length) return problem;
  const variants = errors.map((e) => ({ $ref: `#/components/schemas/${e}` }));
  return {
    allOf: [
      problem,
      {
        type: "object",
        properties: { error: variants.length === 1 ? variants[0] : { oneOf: variants } },
        required: ["error"],
      },
    ],
  };
}

function recordFields(
  ctx: EmitContext,
  t: TypeExpr,
): Map<string, { schema: JsonSchema; required: boolean }> | undefined {
  if (t.kind !== "ref") return undefined;
  const def = ctx.model.types[t.name];
  if (def?.kind !== "record") return undefined;
  return new Map(
    def.fields.map((f) => [f.name, { schema: schemaOf(f.type, "2020-12"), required: !f.optional }]),
  );
}

/** Component names `$ref`erenced under `node`, in first-reached order. */
function referencedComponents(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const x of node) referencedComponents(x, out);
  else if (node && typeof node === "object")
    for (const k in node) {
      const v: unknown = (node as Record<string, unknown>)[k];
      if (k === "$ref" && typeof v === "string" && v.startsWith(COMPONENT_REF)) {
        const name = v.slice(COMPONENT_REF.length);
        if (name !== PROBLEM_COMPONENT) out.add(name);
      } else if (v && typeof v === "object") referencedComponents(v, out);
    }
  return out;
}

const COMPONENT_REF = "#/components/schemas/";
