// What the cursor position accepts, read from the text before it. Each case is the text up to
// the cursor (the word being typed excluded) and what completion should offer there.

import { describe, expect, it } from "vitest";
import { completionWants, type Want } from "../src/features/completion-context.js";

const kinds = (text: string) => completionWants(text).map((w) => w.kind);
const words = (text: string) =>
  completionWants(text).flatMap((w: Want) => (w.kind === "keywords" || w.kind === "values" ? w.words : []));

describe("completion context", () => {
  it("top level: declaration keywords, and the kinds after `store x:` / `broker x:`", () => {
    expect(words("")).toContain("service");
    expect(words("store db: postgres\n")).toContain("flow");
    expect(words("store db: ")).toContain("postgres");
    expect(words("broker bus: ")).toEqual(["kafka", "rabbitmq", "nats", "pubsub", "sqs"]);
    expect(completionWants("service ")).toEqual([]); // naming a new service
  });

  it("names in references: topics, brokers, types, services", () => {
    expect(kinds("event E: Order on ")).toEqual(["topics"]);
    expect(kinds("topic t on ")).toEqual(["brokers"]);
    expect(kinds("event E: ")).toEqual(["types"]);
    expect(kinds("type T = list<")).toEqual(["types"]);
    expect(kinds("saga s(")).toEqual(["types"]);
    expect(kinds("saga s(Order) by ")).toEqual(["services"]);
  });

  it("inside a service: member keywords, calls, uses, consumes handlers", () => {
    expect(words("service orders {\n  ")).toEqual(
      expect.arrayContaining(["calls", "uses", "api", "replicas"]),
    );
    expect(kinds("service orders {\n  calls ")).toEqual(["services"]);
    expect(completionWants("service orders {\n  calls payments.")).toEqual([
      { kind: "ops", service: "payments", withApis: true },
    ]);
    expect(completionWants("service orders {\n  calls payments.v1.")).toEqual([
      { kind: "ops", service: "payments", api: "v1", withApis: false },
    ]);
    expect(kinds("service orders {\n  uses ")).toEqual(["stores"]);
    expect(words("service orders {\n  uses db ")).toEqual(expect.arrayContaining(["read", "write"]));
    expect(kinds("service orders {\n  publishes ")).toEqual(["events"]);
    expect(completionWants("service orders {\n  consumes Paid -> ")).toEqual([
      { kind: "ops", service: "orders", withApis: true },
    ]);
    expect(words("service orders {\n  balance ")).toContain("least-conn");
    expect(words("service orders {\n  api v1 ")).toEqual(["rest", "grpc", "graphql"]);
  });

  it("a service named like a keyword is still a service block", () => {
    expect(words("service api {\n  ")).toContain("calls");
    expect(kinds("service store {\n  calls ")).toEqual(["services"]);
  });

  it("inside an api: op signatures take types, then modifiers", () => {
    expect(words("service s { api v1 {\n    ")).toEqual(["op"]);
    expect(kinds("service s { api v1 {\n    op get: ")).toEqual(["types"]);
    expect(kinds("service s { api v1 {\n    op get: Id -> ")).toEqual(["types"]);
    expect(kinds("service s { api v1 {\n    op get: Id -> Order ! ")).toEqual(["types"]);
    expect(words("service s { api v1 {\n    op get: Id -> Order ")).toEqual(
      expect.arrayContaining(["readonly", "GET", "latency", "op"]),
    );
  });

  it("calls policies, records, flows", () => {
    expect(words("service s { calls a.b { ")).toEqual(
      expect.arrayContaining(["timeout", "retries", "breaker"]),
    );
    expect(words("service s { calls a.b { breaker 5 ")).toEqual(["in"]);
    expect(kinds("type Order { id: ")).toEqual(["types"]);
    expect(completionWants("type Order { ")).toEqual([]);
    expect(kinds("flow f = ")).toEqual(["services", "keywords"]);
    expect(kinds("flow f = a.b ; ")).toEqual(["services", "keywords"]);
    expect(completionWants("flow f = a.b ; pay.")).toEqual([{ kind: "ops", service: "pay", withApis: true }]);
    expect(kinds("flow f: ")).toEqual(["types"]);
    expect(kinds("flow f = a.b { by ")).toEqual(["services", "gateways"]);
  });

  it("sagas: ops, earlier steps as sources, compensations", () => {
    const saga = "saga s(Order) by orders {\n  step create: orders.place\n  ";
    expect(words(saga)).toEqual(expect.arrayContaining(["step", "pivot", "compensate", "retriable"]));
    expect(kinds(`${saga}step pay: `)).toEqual(["services"]);
    expect(completionWants(`${saga}step pay: payments.charge(`)).toEqual([
      { kind: "steps", saga: "s" },
      { kind: "keywords", words: ["input"] },
    ]);
    expect(kinds(`${saga}step pay: payments.charge(create) compensate `)).toEqual(["services"]);
    expect(completionWants(`${saga}parallel {\n    step x: a.b(`)[0]).toEqual({ kind: "steps", saga: "s" });
  });

  it("gateways, deployments, rules", () => {
    expect(kinds('gateway edge { route "/x" -> ')).toEqual(["services"]);
    expect(completionWants('gateway edge { route "/x" -> orders.')).toEqual([
      { kind: "apis", service: "orders" },
    ]);
    expect(words("gateway edge { auth ")).toContain("jwt");
    expect(words("deploy prod { target ")).toEqual(["kubernetes", "compose"]);
    expect(words("deploy prod { mesh istio { mtls ")).toContain("strict");
    expect(completionWants("deploy prod { canary orders.")).toEqual([{ kind: "apis", service: "orders" }]);
    expect(kinds("rules { allow ")).toEqual(["rules"]);
    expect(words("rules { allow shared-store ")).toEqual(["on"]);
    expect(kinds("rules { allow shared-store on ")).toEqual(["anyTopLevel"]);
    expect(words("rules { fail-on ")).toEqual(["error", "warning", "info"]);
  });
});
