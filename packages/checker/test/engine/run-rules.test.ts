import { describe, expect, it } from "vitest";
import { evaluateRules, runRules } from "../../src/engine/run-rules.js";
import { rules } from "../../src/rules/index.js";
import { buildModel } from "../support/model-builder.js";

const sharedDb = (extra: (b: import("../support/model-builder.js").ModelBuilder) => void = () => {}) =>
  buildModel((b) => {
    b.store("db");
    b.service("a", (s) => s.op("f").op("g").uses("db"));
    b.service("b", (s) => s.op("f").op("g").uses("db"));
    extra(b);
  });

describe("runRules", () => {
  it("reports a finding with the rule id as code and its default severity", () => {
    const m = sharedDb();
    const [d] = runRules(m);
    expect(d.code).toBe("shared-store");
    expect(d.severity).toBe("error");
    expect(d.span).toEqual(m.stores.db.nameSpan);
    expect(d.related.map((r) => r.span)).toEqual([m.services.a.uses[0].span, m.services.b.uses[0].span]);
  });

  it("set <rule> severity changes the severity, and off disables the rule", () => {
    expect(runRules(sharedDb((b) => b.set("shared-store", "severity", "warning")))[0].severity).toBe(
      "warning",
    );
    expect(runRules(sharedDb((b) => b.set("shared-store", "severity", "off")))).toEqual([]);
  });

  it("set <rule> <option> changes a threshold", () => {
    const m = (max?: number) =>
      buildModel((b) => {
        b.service("a", (s) => s.op("f").op("g").op("h"));
        if (max !== undefined) b.set("mega-service", "max", max);
      });
    expect(runRules(m()).filter((d) => d.code === "mega-service")).toEqual([]);
    const [d] = runRules(m(2)).filter((x) => x.code === "mega-service");
    expect(d.message).toBe("a has 3 ops (max 2): v1 3");
  });

  it("reports unknown rules and options with a suggestion, and bad values", () => {
    const m = buildModel((b) => {
      b.set("shared-stor", "severity", "off");
      b.set("chatty-flow", "pairmax", 3);
      b.set("chatty-flow", "max", "lots");
      b.set("chatty-flow", "severity", "fatal");
    });
    const config = runRules(m).filter((d) => d.code === "rules-config");
    expect(config.map((d) => d.message)).toEqual([
      "unknown rule `shared-stor` (did you mean `shared-store`?)",
      "rule chatty-flow has no option `pairmax` (did you mean `pair-max`?)",
      "chatty-flow max must be a whole number ≥ 0, not lots",
      "chatty-flow severity must be one of error, warning, info, off, not fatal",
    ]);
    expect(config.map((d) => d.span)).toEqual(m.rules.settings.map((s) => s.span));
    expect(config.every((d) => d.severity === "error")).toBe(true);
  });

  it("allow <rule> on <name> silences findings involving the name, and counts them", () => {
    const run = evaluateRules(sharedDb((b) => b.allow("shared-store", "b", "migration")));
    expect(run.diagnostics).toEqual([]);
    expect(run.suppressed.map((d) => d.code)).toEqual(["shared-store"]);
  });

  it("an allow that silences nothing is reported as unused-allow", () => {
    const m = sharedDb((b) => b.allow("shared-store", "c").allow("sync-cycle", "a"));
    const unused = runRules(m).filter((d) => d.code === "unused-allow");
    expect(unused.map((d) => d.message)).toEqual([
      "allow shared-store on c silences nothing: no shared-store finding involves c; no element is named c (did you mean `a`?)",
      "allow sync-cycle on a silences nothing: no sync-cycle finding involves a",
    ]);
    expect(unused.map((d) => d.severity)).toEqual(["warning", "warning"]);
  });

  it("an allow of an unknown rule is a rules-config error", () => {
    const m = sharedDb((b) => b.allow("shared-stores", "db"));
    const d = runRules(m).find((x) => x.code === "rules-config");
    expect(d?.message).toBe("allow names an unknown rule `shared-stores` (did you mean `shared-store`?)");
  });

  it("an allow of a rule that is off is not reported as unused", () => {
    const m = sharedDb((b) => b.set("shared-store", "severity", "off").allow("shared-store", "db"));
    expect(runRules(m)).toEqual([]);
  });

  it("// archc-allow silences the rule's finding whose primary range starts on the next line", () => {
    const base = sharedDb();
    const line = base.stores.db.nameSpan.line;
    expect(runRules(sharedDb((b) => b.suppress("shared-store", line)))).toEqual([]);
    const wrongRule = runRules(sharedDb((b) => b.suppress("sync-cycle", line)));
    expect(wrongRule.map((d) => d.code).sort()).toEqual(["shared-store", "unused-allow"]);
    const wrongLine = runRules(sharedDb((b) => b.suppress("shared-store", line + 1)));
    expect(wrongLine.map((d) => d.code).sort()).toEqual(["shared-store", "unused-allow"]);
  });

  it("an archc-allow without a reason does not silence and is reported", () => {
    const line = sharedDb().stores.db.nameSpan.line;
    const out = runRules(sharedDb((b) => b.suppress("shared-store", line, "  ")));
    expect(out.map((d) => d.code).sort()).toEqual(["rules-config", "shared-store"]);
    expect(out.find((d) => d.code === "rules-config")?.message).toBe(
      "archc-allow shared-store gives no reason, so it silences nothing",
    );
  });

  it("applies allows to findings from outside the engine by their enclosing element", () => {
    const m = buildModel((b) => {
      b.service("pay", (s) => s.op("charge", { idempotent: true }));
      b.saga("s", "pay", [{ name: "x", kind: "readonly", op: "pay.charge" }]);
      b.allow("saga-stuck", "s", "known");
    });
    const external = {
      code: "saga-stuck",
      severity: "error" as const,
      message: "stuck",
      span: m.sagas.s.nameSpan,
      related: [],
    };
    const stuckMeta = { ...rules[0].meta, id: "saga-stuck" };
    const run = evaluateRules(m, { externalMetas: [stuckMeta], externalFindings: [external] });
    expect(run.diagnostics.filter((d) => d.code !== "nano-service")).toEqual([]);
    expect(run.suppressed).toEqual([external]);
  });

  it("output is sorted by file, offset and code", () => {
    const m = buildModel((b) => {
      b.service("a", (s) => s.op("f").calls("b.g"));
      b.service("b", (s) => s.op("g").calls("a.f"));
    });
    const out = runRules(m);
    const sorted = [...out].sort((x, y) => x.span.start - y.span.start || (x.code < y.code ? -1 : 1));
    expect(out).toEqual(sorted);
  });

  it("every rule in the registry has a unique id and a docs path derived from it", () => {
    const ids = rules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rules) {
      expect(r.meta.docs).toBe(`docs/rules/${r.meta.id}.md`);
      expect(r.meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
  });
});
