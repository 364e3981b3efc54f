// The JSON Schema of each named type, built once per emit run and shared by every OpenAPI and
// AsyncAPI document that lists it under `components.schemas` (most types appear in many), so
// it is built once and written to YAML once per depth instead of once per document.

import type { Model } from "@archc/compiler";
import { shareInYaml } from "../common/yaml-shared.js";
import { type Dialect, definitionSchema, type JsonSchema } from "./json-schema.js";

export interface SharedComponents {
  /** The schema of the named type `name` (declared in the model) in `dialect`; do not modify. */
  schema(name: string, dialect: Dialect): JsonSchema;
}

export function sharedComponents(model: Model): SharedComponents {
  const built: Record<Dialect, Map<string, JsonSchema>> = { "2020-12": new Map(), "draft-07": new Map() };
  return {
    schema(name, dialect) {
      let schema = built[dialect].get(name);
      if (!schema) {
        schema = shareInYaml(definitionSchema(model.types[name], dialect));
        built[dialect].set(name, schema);
      }
      return schema;
    },
  };
}
