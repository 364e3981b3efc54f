// Every fragment of LANGUAGE.md §2 and every normative example of §5 parses cleanly.

import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { declSummary, fixturesDir, listDiagnostics, parse, readFixture } from "./helpers.js";

const specFiles = readdirSync(`${fixturesDir}spec`)
  .filter((f) => f.endsWith(".arch"))
  .sort();

// What each example declares, so a "clean" parse that silently dropped a declaration fails.
const expectedDecls: Record<string, string[]> = {
  "fragment-01.arch": ["System:shop"],
  "fragment-02.arch": ["Type:Money", "Alias:OrderId", "Enum:OrderStatus", "Type:PlaceOrder"],
  "fragment-03.arch": [
    "Store:orders-db",
    "Store:cart-cache",
    "Broker:bus",
    "Topic:order-events",
    "Event:OrderPlaced",
  ],
  "fragment-04.arch": ["Service:orders"],
  "fragment-05.arch": ["Flow:checkout", "Flow:product-page", "Flow:pair"],
  "fragment-06.arch": ["Saga:place-order"],
  "fragment-07.arch": ["Gateway:edge"],
  "fragment-08.arch": ["Deploy:prod", "Deploy:local"],
  "fragment-09.arch": ["Rules:"],
  "normative-1.arch": [
    "Type:Order",
    "Type:Reservation",
    "Type:Payment",
    "Service:orders",
    "Service:inventory",
    "Service:payments",
    "Flow:bad",
  ],
  "normative-2.arch": [
    "Type:Order",
    "Type:Reservation",
    "Type:Payment",
    "Service:inventory",
    "Service:payments",
    "Saga:s",
  ],
  "normative-3.arch": [
    "Type:Order",
    "Type:Payment",
    "Type:Shipment",
    "Service:shipping",
    "Service:payments",
    "Saga:s2",
  ],
  "normative-4.arch": ["Store:db", "Service:a", "Service:b"],
  "normative-5.arch": ["Service:a", "Service:b"],
};

describe("LANGUAGE.md examples", () => {
  it("has every fragment and normative example as a fixture", () => {
    expect(specFiles).toEqual(Object.keys(expectedDecls).sort());
  });

  for (const file of specFiles) {
    it(`${file} parses with zero diagnostics`, () => {
      const { ast, diagnostics } = parse(readFixture(`spec/${file}`), file);
      expect(listDiagnostics(diagnostics)).toBe("");
      expect(declSummary(ast)).toEqual(expectedDecls[file]);
    });
  }

  it("keeps every member of the service fragment (§2.4)", () => {
    const { ast } = parse(readFixture("spec/fragment-04.arch"));
    const service = ast.decls[0];
    if (service.kind !== "Service") throw new Error("expected a service");
    expect(service.doc).toBe("Order lifecycle from creation to fulfilment");
    expect(service.title?.value).toBe("Order service");
    expect(service.members.map((m) => m.kind)).toEqual([
      "Property", // owner
      "Property", // tech
      "Property", // image
      "Property", // port
      "Replicas",
      "Resources",
      "Property", // health
      "Property", // ready
      "Property", // availability
      "Balance",
      "Env",
      "Secret",
      "Flag", // public
      "Uses",
      "Uses",
      "Api",
      "Calls",
      "Calls",
      "Publishes",
      "Consumes",
    ]);
    const api = service.members.find((m) => m.kind === "Api");
    if (api?.kind !== "Api") throw new Error("expected an api");
    expect(api.ops.map((o) => o.name.text)).toEqual(["place", "get", "cancel"]);
    expect(api.ops[0].errors.map((e) => e.text)).toEqual(["OutOfStock", "PaymentDeclined"]);
    expect(api.ops[1].modifiers.map((m) => (m.kind === "Flag" ? m.name.text : m.key.text))).toEqual([
      "readonly",
      "latency",
    ]);
  });

  it("keeps the saga's steps, sources, compensations and kinds (§2.6)", () => {
    const { ast } = parse(readFixture("spec/fragment-06.arch"));
    const saga = ast.decls[0];
    if (saga.kind !== "Saga") throw new Error("expected a saga");
    const steps = saga.items.flatMap((i) => (i.kind === "Step" ? [i] : i.steps));
    expect(
      steps.map((s) => [
        s.role,
        s.name.text,
        s.action.source?.text ?? "input",
        s.compensation?.ref.op.text ?? "-",
        s.retriable,
      ]),
    ).toEqual([
      ["step", "create", "input", "reject", false],
      ["step", "reserve", "create", "release", false],
      ["step", "charge", "create", "refund", false],
      ["pivot", "approve", "create", "-", false],
      ["step", "notify", "create", "-", true],
    ]);
  });
});
