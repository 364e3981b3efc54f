// Events (handlers, topic keys), HTTP bindings (defaults, path parameters, clashes), gateway
// routes and deployment canaries.

import { describe, expect, it } from "vitest";
import { compile, expectClean, onlyError, spanText } from "./helpers.js";

const EVENTS = `
type Order { id: uuid, customer: uuid }
type Payment { id: uuid }
broker bus: kafka
topic orders-t on bus { key customer }
topic pay-t on bus
event OrderPlaced: Order on orders-t
event Paid: Payment on pay-t
`;

describe("events", () => {
  it("links publishers, consumers and typed handlers", () => {
    const { model } = expectClean(`${EVENTS}
service o { api v1 { op paid: Payment -> unit } publishes OrderPlaced consumes Paid -> paid }
service p { api v1 { op x: unit -> unit } api v2 { op on-order: Order -> unit } publishes Paid consumes OrderPlaced -> v2.on-order  consumes Paid }
`);
    expect(model.services.o.consumes).toEqual([
      { event: "Paid", handler: "o.v1.paid", span: expect.anything() },
    ]);
    expect(model.index.producers).toEqual({ OrderPlaced: ["o"], Paid: ["p"] });
    expect(model.index.consumers).toEqual({
      OrderPlaced: [{ service: "p", handler: "p.v2.on-order" }],
      Paid: [{ service: "o", handler: "o.v1.paid" }, { service: "p" }],
    });
    expect(model.index.topicEvents).toEqual({ "orders-t": ["OrderPlaced"], "pay-t": ["Paid"] });
    expect(model.topics["orders-t"]).toMatchObject({ broker: "bus", key: "customer" });
  });

  it("requires the handler to take exactly the payload", () => {
    const text = `${EVENTS}service o { api v1 { op paid: Order -> unit } consumes Paid -> paid }\n`;
    const d = onlyError(text, "E0501");
    expect(d.message).toBe("handler `o.v1.paid` takes Order, but event `Paid` carries Payment");
    expect(spanText(text, d)).toBe("paid");
    expect(d.related.map((r) => r.message)).toEqual([
      "`Paid` is declared with payload Payment",
      "`paid` takes Order",
    ]);
  });

  it("resolves the handler among the consuming service's own ops", () => {
    expect(
      onlyError(`${EVENTS}service o { api v1 { op pay: Payment -> unit } consumes Paid -> paid }\n`, "E0203")
        .message,
    ).toBe("unknown op `paid` in `o.v1` (did you mean `pay`?)");
    expect(onlyError(`${EVENTS}service o { publishes Payed }\n`, "E0202").message).toBe(
      "unknown event `Payed` (did you mean `Paid`?)",
    );
  });

  it("requires a topic's key in every payload on it, pointing at the events", () => {
    const text = `${EVENTS}event Refunded: Payment on orders-t\nevent Counted: int on orders-t\n`;
    const d = onlyError(text, "E0502");
    expect(spanText(text, d)).toBe("customer");
    expect(d.message).toBe(
      "topic `orders-t` is keyed by `customer`, but the payload of `Refunded`, `Counted` has no field `customer`",
    );
    expect(d.related.map((r) => r.message)).toEqual([
      "its payload Payment has no field `customer`",
      "its payload int is not a record",
    ]);
  });

  it("resolves event topics and topic brokers", () => {
    expect(onlyError(`${EVENTS}event E: Order on pay\n`, "E0202").message).toBe(
      "unknown topic `pay` (did you mean `pay-t`?)",
    );
    expect(onlyError(`${EVENTS}topic t on buss\n`, "E0202").message).toBe(
      "unknown broker `buss` (did you mean `bus`?)",
    );
  });
});

describe("HTTP bindings", () => {
  const api = (ops: string) =>
    `type Ref { id: uuid, item: string }\nenum Kind { a, b }\nservice s { api v1 {\n${ops}\n} }\n`;

  it("binds rest ops without a binding to POST /<op>, and keeps written ones with their parameters", () => {
    const { model } =
      expectClean(`${api('op get: Ref -> unit GET "/things/{id}/items/{item}" readonly\nop touch: Ref -> unit')}
service g { api v1 grpc { op call: unit -> unit } }`);
    expect(model.ops["s.v1.get"].http).toEqual({
      method: "GET",
      path: "/things/{id}/items/{item}",
      implicit: false,
      params: ["id", "item"],
    });
    expect(model.ops["s.v1.touch"].http).toEqual({
      method: "POST",
      path: "/touch",
      implicit: true,
      params: [],
    });
    expect(model.ops["g.v1.call"].http).toBeUndefined();
    expect(model.ops["s.v1.get"]).toMatchObject({ readonly: true, idempotent: true });
  });

  it("binds a primitive or enum domain to exactly one parameter", () => {
    expectClean(api('op a: uuid -> unit GET "/a/{anything}"\nop b: Kind -> unit GET "/b/{kind}"'));
    expect(onlyError(api('op a: uuid -> unit GET "/a/{x}/{y}"'), "E0503").message).toBe(
      "`s.v1.a` takes a single uuid, so its path can bind only one parameter; found 2",
    );
    expect(onlyError(api('op a: list<int> -> unit GET "/a/{x}"'), "E0503").message).toBe(
      "`s.v1.a` takes list<int>, which has no field to bind path parameter `{x}`",
    );
  });

  it("names the missing field with a suggestion and a fix on the parameter itself", () => {
    const text = api('op get: Ref -> unit GET "/things/{idd}"');
    const d = onlyError(text, "E0503");
    expect(d.message).toBe(
      "path parameter `{idd}` is not a field of `Ref`, the input of `s.v1.get` (did you mean `id`?)",
    );
    expect(spanText(text, d)).toBe("idd");
    expect(d.fixes?.[0].edits[0].newText).toBe("id");
  });

  it("rejects malformed templates", () => {
    expect(onlyError(api('op a: Ref -> unit GET "/a/{id"'), "E0503").message).toBe(
      'malformed HTTP path "/a/{id": `{` is never closed',
    );
    expect(onlyError(api('op a: Ref -> unit GET "/a/{}"'), "E0503").message).toBe(
      'malformed HTTP path "/a/{}": empty path parameter `{}`',
    );
  });

  it("rejects two ops on one method and path, whatever the parameter names", () => {
    const d = onlyError(api('op a: Ref -> unit GET "/x/{id}"\nop b: Ref -> unit GET "/x/{item}"'), "E0504");
    expect(d.message).toBe('`b` and `a` are both bound to GET "/x/{item}" in API `s.v1`');
    const implicit = onlyError(api('op a: Ref -> unit\nop b: Ref -> unit POST "/a"'), "E0504");
    expect(implicit.related[0].message).toBe('`a` is bound here (by default: POST "/a")');
    expectClean(api('op a: Ref -> unit GET "/x/{id}"\nop b: Ref -> unit DELETE "/x/{id}"'));
  });
});

describe("gateways and deployments", () => {
  const SVCS =
    "service orders { api v1 { op a: unit -> unit } api v2 { op a: unit -> unit } }\nservice legacy { }\n";

  it("resolves routes to a service and API version, the newest when none is named", () => {
    const { model } = expectClean(`${SVCS}gateway edge {
  port 443  tls
  auth jwt { issuer "https://i"  audience "shop"  ttl 1h }
  cors { origins "https://a" "https://b"  credentials }
  route "/o" -> orders { rate 1000/hour  balance hash id  timeout 30s  retries 2  strip-prefix }
  route "/o1" -> orders.v1
  route "/l" -> legacy
}`);
    const gw = model.gateways.edge;
    expect(gw).toMatchObject({
      port: 443,
      tls: true,
      auth: { scheme: "jwt", issuer: "https://i", audience: "shop", ttlMs: 3_600_000 },
    });
    expect(gw.cors).toEqual({ origins: ["https://a", "https://b"], credentials: true });
    expect(gw.routes.map((r) => [r.path, r.service, r.api])).toEqual([
      ["/o", "orders", "v2"],
      ["/o1", "orders", "v1"],
      ["/l", "legacy", undefined],
    ]);
    expect(gw.routes[0]).toMatchObject({
      balance: { strategy: "hash", hashField: "id" },
      timeoutMs: 30_000,
      retries: 2,
      stripPrefix: true,
    });
    expect(gw.routes[0].ratePerSecond).toBeCloseTo(1000 / 3600, 12);
    expect(model.index.routes).toEqual({
      orders: [
        { gateway: "edge", index: 0 },
        { gateway: "edge", index: 1 },
      ],
      legacy: [{ gateway: "edge", index: 2 }],
    });
  });

  it("rejects unknown services and API versions, and duplicate route paths", () => {
    expect(onlyError(`${SVCS}gateway g { route "/x" -> ordrs }`, "E0202").message).toBe(
      "unknown service `ordrs` (did you mean `orders`?)",
    );
    expect(onlyError(`${SVCS}gateway g { route "/x" -> orders.v3 }`, "E0204").message).toBe(
      "unknown API `v3` of service `orders` (did you mean `v1`?)",
    );
    expect(
      onlyError(`${SVCS}gateway g { route "/x" -> orders\n route "/x" -> legacy }`, "E0505").message,
    ).toBe('gateway `g` routes "/x" twice');
  });

  it("reads deployments and checks canaries", () => {
    const { model } = expectClean(`${SVCS}deploy prod {
  target kubernetes { namespace "shop"  registry "ghcr.io/shop" }
  mesh istio { mtls strict }
  tracing otlp { endpoint "http://otel:4317"  sample 10% }
  canary orders.v2 20%
}
deploy local { target compose }`);
    expect(model.deployments.prod).toMatchObject({
      target: { kind: "kubernetes", namespace: "shop", registry: "ghcr.io/shop" },
      mesh: { kind: "istio", mtls: "strict" },
      tracing: { kind: "otlp", endpoint: "http://otel:4317", sample: 0.1 },
      canaries: [{ service: "orders", api: "v2", weight: 0.2 }],
    });
    expect(model.deployments.local.target).toEqual({ kind: "compose" });
    expect(onlyError(`${SVCS}deploy d { canary orders.v9 5% }`, "E0204").message).toContain(
      "unknown API `v9`",
    );
    expect(onlyError(`${SVCS}deploy d { target compose  target kubernetes }`, "E0207").message).toBe(
      "`target` is set twice in deployment `d`",
    );
  });
});

describe("rules and suppressions", () => {
  it("carries the rules block and suppression comments into the Model", () => {
    const text = `rules {
  fail-on warning
  set chatty-flow max 5
  set deadline-inversion margin 50ms
  set flow-slo-availability floor 99.5%
  allow shared-store on legacy-db "strangler migration"
}
// archc-allow sync-cycle: the two halves are being merged this quarter
service a { }
`;
    const { model } = expectClean(text);
    expect(model.rules).toEqual({
      failOn: "warning",
      settings: [
        { rule: "chatty-flow", option: "max", value: 5, span: expect.anything() },
        { rule: "deadline-inversion", option: "margin", value: 50, span: expect.anything() },
        { rule: "flow-slo-availability", option: "floor", value: 0.995, span: expect.anything() },
      ],
      allows: [
        { rule: "shared-store", target: "legacy-db", reason: "strangler migration", span: expect.anything() },
      ],
    });
    expect(model.suppressions).toEqual([
      {
        rule: "sync-cycle",
        reason: "the two halves are being merged this quarter",
        appliesToLine: 9,
        span: expect.anything(),
      },
    ]);
  });

  it("requires a reason on a suppression, and one fail-on", () => {
    const d = onlyError("// archc-allow sync-cycle:\nservice a { }\n", "E0506");
    expect(d.message).toBe("suppression of `sync-cycle` gives no reason");
    expect(d.help).toBe("write `// archc-allow sync-cycle: <why this finding is acceptable>`");
    expect(onlyError("// archc-allow\n", "E0506").message).toBe("`archc-allow` needs a rule id and a reason");
    expect(compile("// archc-allowed is just a word\n").diagnostics).toEqual([]);
    expect(onlyError("rules { fail-on error }\nrules { fail-on info }\n", "E0207").message).toBe(
      "`fail-on` is set twice",
    );
  });
});
