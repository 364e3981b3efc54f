// Strict, offline validation of Kubernetes and Istio objects, as the API server would do it:
// - kubernetes-models / @kubernetes-models/istio: the published OpenAPI schemas (types,
//   required fields, enums), which however ignore unknown fields;
// - unknown-field detection for core kinds by walking @kubernetes/client-node's generated
//   type maps (the same field lists the API server decodes into), so `readOnlyRootFilesytem`
//   is an error, not a silently dropped field.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as clientModels from "@kubernetes/client-node/dist/gen/models/all.js";
import * as istioNetworkingV1alpha3 from "@kubernetes-models/istio/networking.istio.io/v1alpha3";
import * as istioNetworking from "@kubernetes-models/istio/networking.istio.io/v1beta1";
import * as istioSecurity from "@kubernetes-models/istio/security.istio.io/v1beta1";
import * as appsV1 from "kubernetes-models/apps/v1";
import * as autoscalingV2 from "kubernetes-models/autoscaling/v2";
import * as batchV1 from "kubernetes-models/batch/v1";
import * as networkingV1 from "kubernetes-models/networking.k8s.io/v1";
import * as policyV1 from "kubernetes-models/policy/v1";
import * as coreV1 from "kubernetes-models/v1";

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: Record<string, unknown>) => Validatable;

const groups: Record<string, Record<string, unknown>> = {
  v1: coreV1,
  "apps/v1": appsV1,
  "autoscaling/v2": autoscalingV2,
  "batch/v1": batchV1,
  "policy/v1": policyV1,
  "networking.k8s.io/v1": networkingV1,
  "networking.istio.io/v1beta1": istioNetworking,
  "networking.istio.io/v1alpha3": istioNetworkingV1alpha3,
  "security.istio.io/v1beta1": istioSecurity,
};

/** Schema errors from the published OpenAPI schemas; throws when the kind is unknown. */
export function schemaErrors(obj: Record<string, unknown>): string[] {
  const group = groups[String(obj.apiVersion)];
  const cls = group?.[String(obj.kind)] as ModelClass | undefined;
  if (!cls) throw new Error(`no validator for ${String(obj.apiVersion)} ${String(obj.kind)}`);
  try {
    new cls(obj).validate();
    return [];
  } catch (err) {
    return [String(err instanceof Error ? err.message : err)];
  }
}

interface Attribute {
  name: string;
  baseName: string;
  type: string;
}
type TypeMapClass = { getAttributeTypeMap(): Attribute[] };
const typeTable = clientModels as unknown as Record<string, TypeMapClass | undefined>;

/** The client-node type name of a top-level object: `apps/v1` + `Deployment` → `V1Deployment`. */
function rootTypeName(apiVersion: string, kind: string): string {
  const version = apiVersion.split("/").pop() ?? apiVersion;
  return `${version[0].toUpperCase()}${version.slice(1)}${kind}`;
}

/** Paths of fields the object's type does not have (Kubernetes kinds and Istio CRDs). */
export function unknownFields(obj: Record<string, unknown>): string[] {
  const apiVersion = String(obj.apiVersion);
  if (apiVersion.includes("istio.io")) return istioUnknownFields(obj);
  const root = rootTypeName(apiVersion, String(obj.kind));
  if (!typeTable[root]) throw new Error(`no type map for ${root}`);
  const out: string[] = [];
  walk(obj, root, String(obj.kind), out);
  return out;
}

function walk(value: unknown, type: string, path: string, out: string[]): void {
  if (value === null || value === undefined) return;
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) return void out.push(`${path}: expected a list`);
    value.forEach((v, i) => {
      walk(v, array[1], `${path}[${i}]`, out);
    });
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (typeof value !== "object" || Array.isArray(value)) return void out.push(`${path}: expected a map`);
    for (const [k, v] of Object.entries(value)) walk(v, map[1], `${path}.${k}`, out);
    return;
  }
  const cls = typeTable[type];
  if (!cls || typeof cls.getAttributeTypeMap !== "function") return; // a scalar or IntOrString
  if (typeof value !== "object" || Array.isArray(value)) return void out.push(`${path}: expected an object`);
  const attrs = new Map(cls.getAttributeTypeMap().map((a) => [a.baseName, a]));
  for (const [k, v] of Object.entries(value)) {
    const a = attrs.get(k);
    if (!a) out.push(`${path}.${k}: unknown field`);
    else walk(v, a.type, `${path}.${k}`, out);
  }
}

/** Every problem with one object: schema errors and unknown fields. */
export function strictKubernetesErrors(obj: Record<string, unknown>): string[] {
  return [...schemaErrors(obj), ...unknownFields(obj)];
}

// Istio's models validate types but not unknown fields, and keep their JSON schema private to
// the module. We read that schema from the module source (it is a JSON literal) and walk it:
// an object schema with `properties` admits only those keys; `properties: {}` is how the
// generator spells a free-form Struct (EnvoyFilter patches), which admits anything.
const require = createRequire(import.meta.url);
const istioSchemas = new Map<string, JsonSchemaNode>();

interface JsonSchemaNode {
  type?: string;
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: JsonSchemaNode | boolean;
  items?: JsonSchemaNode;
  oneOf?: JsonSchemaNode[];
  anyOf?: JsonSchemaNode[];
  allOf?: JsonSchemaNode[];
}

function istioSchema(apiVersion: string, kind: string): JsonSchemaNode {
  const key = `${apiVersion}/${kind}`;
  let schema = istioSchemas.get(key);
  if (!schema) {
    const file = require.resolve(`@kubernetes-models/istio/${apiVersion}/${kind}`);
    const source = readFileSync(file, "utf8");
    const start = source.indexOf("const schema = ");
    const end = source.indexOf("\n};\n", start);
    if (start < 0 || end < 0) throw new Error(`cannot read the schema of ${key}`);
    schema = JSON.parse(source.slice(start + "const schema = ".length, end + 2)) as JsonSchemaNode;
    istioSchemas.set(key, schema);
  }
  return schema;
}

function allProperties(s: JsonSchemaNode): Record<string, JsonSchemaNode> | undefined {
  const branches = [s, ...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])];
  let props: Record<string, JsonSchemaNode> | undefined;
  for (const b of branches) if (b.properties) props = { ...(props ?? {}), ...b.properties };
  return props;
}

function walkSchema(value: unknown, s: JsonSchemaNode, path: string, out: string[]): void {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    const items = s.items;
    if (items)
      value.forEach((v, i) => {
        walkSchema(v, items, `${path}[${i}]`, out);
      });
    return;
  }
  const props = allProperties(s);
  if (props === undefined || Object.keys(props).length === 0) {
    if (s.additionalProperties && typeof s.additionalProperties === "object")
      for (const [k, v] of Object.entries(value)) walkSchema(v, s.additionalProperties, `${path}.${k}`, out);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const p = props[k];
    if (!p) out.push(`${path}.${k}: unknown field`);
    else walkSchema(v, p, `${path}.${k}`, out);
  }
}

export function istioUnknownFields(obj: Record<string, unknown>): string[] {
  const schema = istioSchema(String(obj.apiVersion), String(obj.kind));
  const out: string[] = [];
  const { metadata, ...rest } = obj;
  walkSchema(rest, schema, String(obj.kind), out);
  walk(metadata, "V1ObjectMeta", `${String(obj.kind)}.metadata`, out);
  return out;
}
