// Model types → JSON Schema, shared by OpenAPI 3.1 (JSON Schema 2020-12) and AsyncAPI 3.0
// (its Schema Object, a superset of draft-07). The dialects differ only in tuples.
//
// Mapping (docs/emitters.md): string → string; int → integer/int64; decimal → string with a
// decimal pattern (no binary rounding); bool → boolean; uuid/timestamp/date → string with
// format uuid/date-time/date; bytes → base64 string; unit → null; list<T> → array;
// map<string, T> → object with additionalProperties T; a product A * B → a fixed-length array
// (a tuple) [A, B]; a record → object with `additionalProperties: false`, optional fields left
// out of `required`; an enum → string enum. Named types are components, referenced by $ref.

import type { Model, TypeDef, TypeExpr } from "@archc/compiler";
import type { SharedComponents } from "./shared-components.js";
import { keyedByName } from "../common/keyed.js";

export type Dialect = "2020-12" | "draft-07";
export type JsonSchema = Record<string, unknown>;

const REF_PREFIX = "#/components/schemas/";

export function schemaOf(t: TypeExpr, dialect: Dialect): JsonSchema {
  switch (t.kind) {
    case "prim":
      return primitiveSchema(t.name);
    case "ref":
      return { $ref: `${REF_PREFIX}${t.name}` };
    case "list":
      return { type: "array", items: schemaOf(t.element, dialect) };
    case "map":
      return { type: "object", additionalProperties: schemaOf(t.value, dialect) };
    case "product": {
      const parts = t.parts.map((p) => schemaOf(p, dialect));
      const size = { minItems: parts.length, maxItems: parts.length };
      return dialect === "2020-12"
        ? { type: "array", prefixItems: parts, items: false, ...size }
        : { type: "array", items: parts, additionalItems: false, ...size };
    }
    case "error":
      return {};
  }
}

function primitiveSchema(name: Extract<TypeExpr, { kind: "prim" }>["name"]): JsonSchema {
  switch (name) {
    case "string":
      return { type: "string" };
    case "int":
      return { type: "integer", format: "int64" };
    case "decimal":
      return { type: "string", format: "decimal", pattern: "^-?[0-9]+(\\.[0-9]+)?$" };
    case "bool":
      return { type: "boolean" };
    case "uuid":
      return { type: "string", format: "uuid" };
    case "timestamp":
      return { type: "string", format: "date-time" };
    case "date":
      return { type: "string", format: "date" };
    case "bytes":
      return { type: "string", contentEncoding: "base64" };
    case "unit":
      return { type: "null" };
  }
}

export function definitionSchema(def: TypeDef, dialect: Dialect): JsonSchema {
  const described = (s: JsonSchema): JsonSchema => (def.doc ? { ...s, description: def.doc } : s);
  switch (def.kind) {
    case "record": {
      const properties: Record<string, JsonSchema> = {};
      for (const f of def.fields) {
        const s = schemaOf(f.type, dialect);
        properties[f.name] = f.doc ? { ...s, description: f.doc } : s;
      }
      const required = def.fields.filter((f) => !f.optional).map((f) => f.name);
      return described({
        type: "object",
        properties,
        ...(required.length ? { required } : {}),
        additionalProperties: false,
      });
    }
    case "enum":
      return described({ type: "string", enum: [...def.members] });
    case "alias":
      return described(schemaOf(def.target, dialect));
  }
}

/** Names of the named types reachable from `roots`, in first-reached order. */
export function reachableTypes(model: Model, roots: readonly TypeExpr[]): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  const visit = (t: TypeExpr): void => {
    switch (t.kind) {
      case "ref": {
        if (seen.has(t.name)) return;
        seen.add(t.name);
        const def = Object.hasOwn(model.types, t.name) ? model.types[t.name] : undefined;
        if (!def) return;
        order.push(t.name);
        if (def.kind === "record") for (const f of def.fields) visit(f.type);
        if (def.kind === "alias") visit(def.target);
        return;
      }
      case "list":
        visit(t.element);
        return;
      case "map":
        visit(t.key);
        visit(t.value);
        return;
      case "product":
        for (const p of t.parts) visit(p);
        return;
      default:
        return;
    }
  };
  for (const r of roots) visit(r);
  return order;
}

/** `components.schemas` for the given type names, in the order given. */
export function componentSchemas(
  components: SharedComponents,
  names: readonly string[],
  dialect: Dialect,
): Record<string, JsonSchema> {
  const out = keyedByName<JsonSchema>();
  for (const n of names) out[n] = components.schema(n, dialect);
  return out;
}
