// The formatter over every fixture file: idempotent, tree-preserving, comment-preserving; and
// the spec fragments in their canonical form (a golden check of the style).

import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatSource } from "../src/format/index.js";
import { parseSource } from "../src/parse.js";
import { stripSpans } from "./format-arbitrary.js";
import { fixturesDir, readFixture } from "./helpers.js";

function archFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? archFiles(full) : e.name.endsWith(".arch") ? [full] : [];
    })
    .sort();
}

const fixtures = archFiles(fixturesDir).map((f) => path.relative(fixturesDir, f).split(path.sep).join("/"));

describe("formatting every fixture", () => {
  it("finds the fixtures", () => {
    expect(fixtures.filter((f) => f.startsWith("spec/")).length).toBeGreaterThanOrEqual(14);
  });

  for (const name of fixtures) {
    it(name, () => {
      const text = readFileSync(path.join(fixturesDir, name), "utf8");
      const parsed = parseSource(name, text);
      const first = formatSource(name, text);
      if (parsed.diagnostics.some((d) => d.severity === "error")) {
        // A file with syntax errors is handed back untouched, with its diagnostics.
        expect(first.text).toBe(text);
        expect(first.changed).toBe(false);
        expect(first.diagnostics).toEqual(parsed.diagnostics);
        return;
      }
      expect(first.diagnostics).toEqual([]);
      const second = formatSource(name, first.text);
      expect(second.text).toBe(first.text);
      expect(second.changed).toBe(false);
      const reparsed = parseSource(name, first.text).ast;
      const { comments: before, ...treeBefore } = parsed.ast;
      const { comments: after, ...treeAfter } = reparsed;
      expect(stripSpans(treeAfter)).toEqual(stripSpans(treeBefore));
      expect(after.map((c) => c.text.trimEnd()).sort()).toEqual(before.map((c) => c.text.trimEnd()).sort());
    });
  }
});

describe("canonical style of the spec fragments", () => {
  const format = (name: string) => formatSource(name, readFixture(name)).text;

  it("keeps small blocks on one line, properties two spaces apart", () => {
    expect(format("spec/fragment-03.arch")).toBe(
      [
        'store orders-db: postgres { version "16"  size 20Gi  backup daily }',
        "",
        "store cart-cache: redis",
        "",
        "broker bus: kafka { replication 3 }",
        "",
        "topic order-events on bus { partitions 6  replication 2  key customer  retention 7d }",
        "",
        "event OrderPlaced: Order on order-events // payload type, and the topic it travels on",
        "",
      ].join("\n"),
    );
  });

  it("puts one member per line in services and APIs, blank lines kept", () => {
    const out = format("spec/fragment-04.arch");
    expect(out).toContain('  health "/health"\n  ready "/ready"\n');
    expect(out).toContain("  public // reachable from outside — only through a gateway\n\n  uses orders-db");
    expect(out).toContain(
      '  api v1 rest {\n    op place: PlaceOrder -> Order ! OutOfStock | PaymentDeclined POST "/orders"\n',
    );
    expect(out).toContain(
      "  calls inventory.reserve { timeout 500ms  retries 2  backoff 50ms..1s  breaker 5 in 30s }\n",
    );
    expect(out).toContain("  replicas 2..10 cpu 70% // autoscaling range");
  });

  it("prints flows with single spaces around operators and keeps needed parentheses", () => {
    expect(format("spec/fragment-05.arch")).toBe(
      [
        "flow checkout: PlaceOrder -> Payment = orders.place ; payments.charge {",
        "  by edge // who drives the chain: a service or a gateway",
        "  slo latency 800ms availability 99.9%",
        "}",
        "",
        "flow product-page = catalog.get & (pricing.quote ; currency.convert)",
        "",
        "flow pair = inventory.check * payments.check",
        "",
      ].join("\n"),
    );
  });

  it("prints records and enums with commas on one line", () => {
    const out = format("spec/fragment-02.arch");
    expect(out).toContain("type Money { amount: decimal, currency: string }\n");
    expect(out).toContain("enum OrderStatus { pending, confirmed, cancelled }\n");
    expect(out).toContain("  coupon?: string // optional field\n");
  });

  it("keeps sagas, gateways, deploys and rules one member per line", () => {
    expect(format("spec/fragment-06.arch")).toContain(
      "  step reserve: inventory.reserve(create) compensate inventory.release\n  step charge:",
    );
    expect(format("spec/fragment-07.arch")).toContain(
      '  cors { origins "https://app.shop.example"  credentials }\n  route "/api/orders" -> orders.v1 { rate 1000/hour  balance round-robin  timeout 30s }\n',
    );
    expect(format("spec/fragment-08.arch")).toContain("deploy local {\n  target compose\n}\n");
    expect(format("spec/fragment-09.arch")).toBe(readFixture("spec/fragment-09.arch"));
  });
});
