// The Model as data: schema-valid, frozen, serialisable, deterministic, in the Model's units,
// with indexes; and the public API around it.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { compareDiagnostics } from "@archc/dsl";
import { describe, expect, it } from "vitest";
import {
  compileFiles,
  compilePaths,
  compileText,
  ModelSchema,
  modelJsonSchema,
  opSignature,
  resolveOpRef,
} from "../src/index.js";
import { expectClean } from "./helpers.js";
import { freezeModel } from "../src/freeze.js";

const SHOP = fileURLToPath(new URL("../../../examples/shop/shop.arch", import.meta.url));

describe("the Model", () => {
  it("reads service metadata in the Model's units", () => {
    const { model } = expectClean(`
store db: postgres { version "16"  size 20Gi  backup daily  external }
service s "Svc" {
  owner "team"  tech "go"  image "r/s:1.0"  port 8080
  replicas 2..10 cpu 70%
  resources { cpu 250m..1500m  memory 256Mi..1Gi }
  health "/h"  ready "/r"  availability 99.95%
  balance least-conn
  env { LOG = "info", WORKERS = 4, RATIO = 0.5 }
  secret DB from "db-creds"
  public
  uses db read
}
service single { replicas 3  resources { cpu 0.5  memory 128Mi } }
`);
    const s = model.services.s;
    expect(s).toMatchObject({
      title: "Svc",
      owner: "team",
      tech: "go",
      image: "r/s:1.0",
      port: 8080,
      replicas: { min: 2, max: 10, cpuTarget: 0.7 },
      resources: {
        cpu: { requestMillis: 250, limitMillis: 1500 },
        memory: { requestBytes: 256 * 1024 ** 2, limitBytes: 1024 ** 3 },
      },
      health: "/h",
      ready: "/r",
      availability: 0.9995,
      balance: { strategy: "least-conn" },
      public: true,
    });
    expect(s.env.map((e) => [e.key, e.value])).toEqual([
      ["LOG", "info"],
      ["WORKERS", "4"],
      ["RATIO", "0.5"],
    ]);
    expect(s.secrets.map((x) => [x.name, x.from])).toEqual([["DB", "db-creds"]]);
    expect(s.uses.map((u) => [u.store, u.mode])).toEqual([["db", "read"]]);
    expect(model.services.single).toMatchObject({
      replicas: { min: 3, max: 3 },
      resources: {
        cpu: { requestMillis: 500, limitMillis: 500 },
        memory: { requestBytes: 128 * 1024 ** 2, limitBytes: 128 * 1024 ** 2 },
      },
      public: false,
    });
    expect(model.stores.db).toMatchObject({
      kind: "postgres",
      version: "16",
      sizeBytes: 20 * 1024 ** 3,
      backup: "daily",
      external: true,
    });
  });

  it("reads call policies and builds the call indexes", () => {
    const { model } = expectClean(`
service p { api v1 { op f: unit -> unit  op g: unit -> unit } }
service a { calls p.f { timeout 2s  per-try 500ms  retries 3  backoff 50ms..1s  breaker 5 in 30s  bulkhead 10 } calls p.g calls a.h api v1 { op h: unit -> unit } }
service b { calls p.f { } }
`);
    expect(model.services.a.calls.map((c) => [c.op, c.toService, c.hasPolicyBlock])).toEqual([
      ["p.v1.f", "p", true],
      ["p.v1.g", "p", false],
      ["a.v1.h", "a", false],
    ]);
    expect(model.services.a.calls[0].policy).toEqual({
      timeoutMs: 2000,
      perTryMs: 500,
      retries: 3,
      backoff: { minMs: 50, maxMs: 1000 },
      breaker: { failures: 5, windowMs: 30_000 },
      bulkhead: 10,
    });
    expect(model.services.a.calls[1].policy).toEqual({ retries: 0 });
    expect(model.index.callees).toEqual({ p: [], a: ["p", "a"], b: ["p"] });
    expect(model.index.callers).toEqual({ p: ["a", "b"], a: ["a"], b: [] });
    expect(model.index.opCallers).toEqual({ "p.v1.f": ["a", "b"], "p.v1.g": ["a"], "a.v1.h": ["a"] });
  });

  it("is frozen, valid against the schema, and survives a JSON round trip", () => {
    const { model } = compilePaths([SHOP]);
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.services.orders.calls[0].policy)).toBe(true);
    expect(() => {
      (model.services as Record<string, unknown>).extra = 1;
    }).toThrow();
    const json = JSON.parse(JSON.stringify(model));
    expect(ModelSchema.parse(json)).toEqual(json);
    expect(json).toEqual(model);
  });

  it("freezes only the Model's tables unless ARCHC_DEEP_FREEZE=1 asks for every object", () => {
    // vitest.config.ts sets ARCHC_DEEP_FREEZE=1, so compiled Models above are deep-frozen.
    expect(process.env.ARCHC_DEEP_FREEZE).toBe("1");
    const shallow = freezeModel(structuredClone(compilePaths([SHOP]).model), false);
    expect(Object.isFrozen(shallow)).toBe(true);
    expect(Object.isFrozen(shallow.services)).toBe(true);
    expect(Object.isFrozen(shallow.ops)).toBe(true);
    expect(Object.isFrozen(shallow.index.callers)).toBe(true);
    expect(Object.isFrozen(shallow.files)).toBe(true);
    expect(Object.isFrozen(shallow.services.orders)).toBe(false);
    expect(() => {
      (shallow.ops as Record<string, unknown>).extra = 1;
    }).toThrow();
    const deep = freezeModel(structuredClone(compilePaths([SHOP]).model), true);
    expect(Object.isFrozen(deep.services.orders.calls[0].policy)).toBe(true);
  });

  it("is deterministic: the same sources give byte-identical JSON", () => {
    expect(JSON.stringify(compilePaths([SHOP]).model)).toBe(JSON.stringify(compilePaths([SHOP]).model));
  });

  it("keys collections in declaration order across files", () => {
    const c = compileFiles(
      {
        "main.arch": 'import "./b.arch"\ntype Z { }\nimport "./a.arch"\ntype Y { }\n',
        "a.arch": "type A { }\n",
        "b.arch": "type B { }\n",
      },
      "main.arch",
    );
    expect(c.model.files).toEqual(["main.arch", "b.arch", "a.arch"]);
    expect(Object.keys(c.model.types)).toEqual(["Z", "Y", "B", "A"]);
  });

  it("has a JSON Schema", () => {
    const schema = modelJsonSchema() as { type: string; properties: Record<string, unknown> };
    expect(schema.type).toBe("object");
    expect(Object.keys(schema.properties)).toContain("services");
  });
});

describe("the public API", () => {
  it("compileText / compileFiles include load and parse diagnostics, sorted", () => {
    const c = compileFiles(
      { "main.arch": 'import "./missing.arch"\nservice s { port 99999 }\nflow f = x.y\n' },
      "main.arch",
    );
    expect(c.diagnostics.map((d) => d.code)).toEqual(["E0001", "E0117", "E0202"]);
    expect([...c.diagnostics].sort(compareDiagnostics)).toEqual(c.diagnostics);
    expect(c.workspace.files.map((f) => f.file)).toEqual(["main.arch"]);
  });

  it("compilePaths compiles the shop example with no diagnostics", () => {
    const c = compilePaths([SHOP]);
    expect(c.diagnostics).toEqual([]);
    expect(c.model.system.name).toBe("shop");
    expect(Object.keys(c.model.services)).toEqual(["orders", "inventory", "payments", "notifications"]);
  });

  it("resolveOpRef and opSignature", () => {
    const { model } = compilePaths([SHOP]);
    expect(resolveOpRef(model, "orders.place")?.id).toBe("orders.v2.place");
    expect(resolveOpRef(model, "orders.v1.place")?.id).toBe("orders.v1.place");
    expect(resolveOpRef(model, "orders.nope")).toBeUndefined();
    expect(resolveOpRef(model, "nobody.place")).toBeUndefined();
    const place = resolveOpRef(model, "orders.place");
    expect(place && opSignature(place)).toBe("PlaceOrder -> Order ! OutOfStock | PaymentDeclined");
    const stock = resolveOpRef(model, "inventory.stock");
    expect(stock && opSignature(stock)).toBe("string -> StockLevel");
  });

  it("never throws on hostile input", () => {
    for (const text of [
      "",
      "}}}",
      "service",
      "flow f = (((",
      "saga s(",
      '"unterminated',
      "\u0000\u0001",
      "type A = A",
    ]) {
      expect(() => compileText(text)).not.toThrow();
    }
  });

  it("the README example in examples/shop exists as described", () => {
    const readme = readFileSync(new URL("../../../examples/shop/README.md", import.meta.url), "utf8");
    expect(readme).toContain("archc compile examples/shop/shop.arch");
  });
});
