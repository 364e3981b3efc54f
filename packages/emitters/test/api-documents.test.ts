import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emit } from "../src/index.js";
import { compileExample, presentExamples } from "./support/examples.js";
import { sampleShop } from "./support/sample-shop.js";
import { asyncApiErrors, lintOpenApi } from "./support/validators.js";

const models = [
  { name: "sample shop", model: sampleShop },
  ...presentExamples.map((ex) => ({ name: `examples/${ex}`, model: () => compileExample(ex) })),
];

describe("OpenAPI 3.1 (redocly recommended)", () => {
  it.each(models)("$name: zero errors, and only documented warnings", async ({ model }) => {
    const files = emit(model(), "openapi").files;
    expect(files.size).toBeGreaterThan(0);
    for (const [name, text] of files) {
      const problems = await lintOpenApi(text, name);
      expect({ name, errors: problems.filter((p) => p.severity === "error") }).toEqual({ name, errors: [] });
      // The one accepted warning: a gateway host the model itself names under example.com.
      const warnings = problems.filter((p) => p.severity === "warn" && p.ruleId !== "no-server-example.com");
      expect({ name, warnings }).toEqual({ name, warnings: [] });
    }
  });

  it("catches a broken document (the linter is live)", async () => {
    const doc = parse(emit(sampleShop(), "openapi").files.get("orders.v1.yaml")!);
    delete doc.paths["/orders/{id}"].get.parameters;
    const problems = await lintOpenApi(JSON.stringify(doc));
    expect(problems.some((p) => p.severity === "error" && p.ruleId === "path-parameters-defined")).toBe(true);
  });

  const doc = parse(emit(sampleShop(), "openapi").files.get("orders.v1.yaml")!);

  it("maps records, enums, lists, maps and optional fields to schemas", () => {
    expect(doc.components.schemas.Order).toEqual({
      type: "object",
      description: "An order as the customer placed it",
      properties: {
        id: { type: "string", format: "uuid" },
        items: { type: "array", items: { $ref: "#/components/schemas/Item" } },
        status: { $ref: "#/components/schemas/OrderStatus" },
        coupon: { type: "string", description: "a code" },
        meta: { type: "object", additionalProperties: { type: "string" } },
      },
      required: ["id", "items", "status", "meta"],
      additionalProperties: false,
    });
    expect(doc.components.schemas.OrderStatus).toEqual({ type: "string", enum: ["pending", "confirmed"] });
  });

  it("maps declared errors to 4xx problem+json responses and the gateway auth to a security scheme", () => {
    const place = doc.paths["/orders"].post;
    expect(place.operationId).toBe("place");
    expect(
      place.responses["422"].content["application/problem+json"].schema.allOf[1].properties.error,
    ).toEqual({
      $ref: "#/components/schemas/OutOfStock",
    });
    expect(doc.components.securitySchemes["edge-jwt"]).toMatchObject({
      type: "http",
      scheme: "bearer",
      bearerFormat: "JWT",
    });
    expect(doc.security).toEqual([{ "edge-jwt": [] }]);
    expect(doc.info.description).toBe("Order lifecycle from creation to fulfilment");
    expect(doc.paths["/orders/{id}"].get.parameters[0]).toEqual({
      name: "id",
      in: "path",
      required: true,
      schema: { type: "string", format: "uuid" },
    });
  });

  it("maps a product to a fixed-length tuple", () => {
    const m = sampleShop();
    m.ops["orders.v1.get"].codomain = {
      kind: "product",
      parts: [
        { kind: "ref", name: "Order" },
        { kind: "prim", name: "int" },
      ],
    };
    const d = parse(emit(m, "openapi").files.get("orders.v1.yaml")!);
    expect(d.paths["/orders/{id}"].get.responses["200"].content["application/json"].schema).toEqual({
      type: "array",
      prefixItems: [{ $ref: "#/components/schemas/Order" }, { type: "integer", format: "int64" }],
      items: false,
      minItems: 2,
      maxItems: 2,
    });
  });
});

describe("AsyncAPI 3.0 (@asyncapi/parser)", () => {
  it.each(models)("$name: zero errors", async ({ model }) => {
    for (const [name, text] of emit(model(), "asyncapi").files)
      expect({ name, errors: await asyncApiErrors(text) }).toEqual({ name, errors: [] });
  });

  it("catches a broken document (the parser is live)", async () => {
    const doc = parse(emit(sampleShop(), "asyncapi").files.get("orders.yaml")!);
    doc.operations.publishOrderPlaced.action = "publish";
    expect(await asyncApiErrors(JSON.stringify(doc))).not.toEqual([]);
  });

  it("has channels from topics, messages from events, send/receive from publishes/consumes, the broker as server", () => {
    const orders = parse(emit(sampleShop(), "asyncapi").files.get("orders.yaml")!);
    expect(orders.servers).toEqual({ bus: { host: "bus:9092", protocol: "kafka" } });
    expect(orders.channels["order-events"].address).toBe("order-events");
    expect(orders.channels["order-events"].bindings.kafka).toMatchObject({
      partitions: 6,
      replicas: 2,
      topicConfiguration: { "retention.ms": 604800000 },
    });
    expect(orders.operations.publishOrderPlaced.action).toBe("send");
    expect(orders.components.messages.OrderPlaced.payload).toEqual({ $ref: "#/components/schemas/Order" });
    const inventory = parse(emit(sampleShop(), "asyncapi").files.get("inventory.yaml")!);
    expect(inventory.operations.consumeOrderPlaced.action).toBe("receive");
  });
});
