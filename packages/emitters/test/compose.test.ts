import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { emit } from "../src/index.js";
import { compileExample, presentExamples } from "./support/examples.js";
import { sampleShop } from "./support/sample-shop.js";
import {
  composeSchemaAvailable,
  composeSchemaErrors,
  dockerComposeAvailable,
  dockerComposeConfig,
  requiredComposeVariables,
  skipWithout,
} from "./support/validators.js";

const cases = [
  { name: "sample shop", text: () => emit(sampleShop(), "compose").files.get("compose.yaml")! },
  ...presentExamples.map((ex) => ({
    name: `examples/${ex}`,
    text: () => emit(compileExample(ex), "compose").files.get("compose.yaml")!,
  })),
];

describe.skipIf(skipWithout(composeSchemaAvailable))("compose-spec JSON schema", () => {
  it.each(cases)("accepts $name", ({ text }) => {
    expect(composeSchemaErrors(parse(text()))).toEqual([]);
  });

  it("rejects a misspelled key (the schema is strict)", () => {
    const doc = parse(cases[0].text());
    doc.services.orders.healthchek = doc.services.orders.healthcheck;
    expect(composeSchemaErrors(doc)).not.toEqual([]);
  });
});

describe.skipIf(skipWithout(dockerComposeAvailable))("docker-compose config -q", () => {
  it.each(cases)("accepts $name", ({ text }) => {
    const t = text();
    const r = dockerComposeConfig(t, requiredComposeVariables(t));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("refuses to start when a secret is not supplied (secrets are references)", () => {
    const r = dockerComposeConfig(cases[0].text());
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("secret orders-db-credentials");
  });
});

describe("compose content", () => {
  const doc = parse(emit(sampleShop(), "compose").files.get("compose.yaml")!);

  it("has no version or name key", () => {
    expect(Object.keys(doc)).toEqual(["services", "volumes"]);
  });

  it("wires dependencies with URLs and health-gated depends_on", () => {
    const orders = doc.services.orders;
    expect(orders.environment.INVENTORY_URL).toBe("http://inventory:8001");
    expect(orders.environment.ORDERS_DB_URL).toBe("postgresql://orders-db:5432");
    expect(orders.depends_on.inventory).toEqual({ condition: "service_healthy" });
    expect(orders.depends_on["orders-db"]).toEqual({ condition: "service_healthy" });
    expect(orders.depends_on["bus-topics"]).toEqual({ condition: "service_completed_successfully" });
    expect(orders.healthcheck.test).toEqual([
      "CMD",
      "wget",
      "-q",
      "-O",
      "/dev/null",
      "http://127.0.0.1:8000/ready",
    ]);
  });

  it("runs stores and brokers from official images with named volumes and healthchecks", () => {
    expect(doc.services["orders-db"].image).toBe("postgres:16");
    expect(doc.services["orders-db"].volumes).toEqual(["orders-db-data:/var/lib/postgresql/data"]);
    expect(doc.services["orders-db"].healthcheck.test).toEqual(["CMD", "pg_isready", "-U", "postgres"]);
    expect(doc.services.bus.image).toBe("apache/kafka:3.8.1");
    expect(Object.keys(doc.volumes)).toEqual(["orders-db-data", "cart-cache-data", "bus-data"]);
    expect(doc.services["bus-topics"].command[0]).toContain("--topic order-events --partitions 6");
  });

  it("uses service_started for a dependency without a healthcheck", () => {
    const m = sampleShop();
    m.services.inventory.health = undefined;
    m.services.inventory.ready = undefined;
    const d = parse(emit(m, "compose").files.get("compose.yaml")!);
    expect(d.services.orders.depends_on.inventory).toEqual({ condition: "service_started" });
  });

  it("breaks dependency cycles (compose refuses circular depends_on)", () => {
    const m = sampleShop();
    m.services.inventory.calls.push({
      ...m.services.orders.calls[0],
      from: "inventory",
      toService: "orders",
      op: "orders.v1.get",
    });
    const d = parse(emit(m, "compose").files.get("compose.yaml")!);
    // inventory is declared first, so its edge is kept and the closing one dropped.
    expect(d.services.inventory.depends_on.orders).toBeDefined();
    expect(d.services.orders.depends_on.inventory).toBeUndefined();
    const r = dockerComposeConfig(emit(m, "compose").files.get("compose.yaml")!, { DATABASE_URL: "x" });
    if (dockerComposeAvailable) expect(r.code).toBe(0);
  });
});
