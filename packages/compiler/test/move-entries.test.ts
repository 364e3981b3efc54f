// The span lists of move-entries.ts must name every span the Model schema gives a service and
// an op: a span they miss would keep its old position in a moved service.

import { describe, expect, it } from "vitest";
import { z } from "zod";
import { OP_SPANS, SERVICE_SPANS } from "../src/incremental/move-entries.js";
import { OpSchema, ServiceSchema } from "../src/model/schema.js";

interface JsonSchema {
  readonly $ref?: string;
  readonly $defs?: Record<string, JsonSchema>;
  readonly properties?: Record<string, JsonSchema>;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
}

const SPAN_KEYS = ["file", "start", "end", "line", "col", "endLine", "endCol"];

/** Paths of the span-shaped objects in a schema: `field` or `list[].field`. */
function spanPaths(root: JsonSchema): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (s: JsonSchema, path: string): void => {
    if (s.$ref !== undefined) {
      if (seen.has(s.$ref)) return;
      seen.add(s.$ref);
      walk(root.$defs?.[s.$ref.replace("#/$defs/", "")] ?? {}, path);
      return;
    }
    const props = s.properties;
    if (props !== undefined && SPAN_KEYS.every((k) => k in props) && Object.keys(props).length === 7) {
      out.push(path);
      return;
    }
    for (const [key, sub] of Object.entries(props ?? {})) walk(sub, path === "" ? key : `${path}.${key}`);
    if (s.items !== undefined) walk(s.items, `${path}[]`);
    for (const sub of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) walk(sub, path);
  };
  walk(root, "");
  return out.sort();
}

function listed(table: Readonly<Record<string, readonly string[]>>): string[] {
  return Object.entries(table)
    .flatMap(([list, fields]) => fields.map((f) => (list === "" ? f : `${list}[].${f}`)))
    .sort();
}

describe("moved service entries", () => {
  it("list every span of a service entry", () => {
    const schema = z.toJSONSchema(ServiceSchema, { unrepresentable: "any" }) as JsonSchema;
    expect(listed(SERVICE_SPANS)).toEqual(spanPaths(schema));
  });

  it("list every span of an op entry", () => {
    const schema = z.toJSONSchema(OpSchema, { unrepresentable: "any" }) as JsonSchema;
    expect([...OP_SPANS].sort()).toEqual(spanPaths(schema));
  });
});
