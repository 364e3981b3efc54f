// Error tolerance: whatever the editor holds, the compiler returns a partial Model that
// satisfies the schema, plus diagnostics with sane spans, and never throws. Exercised by
// mutating the shop example at random.

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileFiles, ModelSchema } from "../src/index.js";

const NAMES = ["shop.arch", "types.arch", "services.arch", "platform.arch"];
const SOURCES = Object.fromEntries(
  NAMES.map((n) => [n, readFileSync(new URL(`../../../examples/shop/${n}`, import.meta.url), "utf8")]),
);

const FRAGMENTS = [
  "}",
  "{",
  "(",
  ")",
  ";",
  "&",
  "*",
  "->",
  ":",
  ".",
  "op",
  "step",
  "pivot",
  "service",
  "x",
  '"',
  "1s",
  "<",
  ">",
  "\n",
];

const mutation = fc.record({
  file: fc.constantFrom(...NAMES),
  at: fc.nat(),
  cut: fc.nat({ max: 40 }),
  insert: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map((xs) => xs.join(" ")),
});

describe("error tolerance", () => {
  it("a mutated system still compiles to a schema-valid Model with in-file diagnostics", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const files = { ...SOURCES };
        for (const m of mutations) {
          const text = files[m.file];
          const at = m.at % (text.length + 1);
          files[m.file] = text.slice(0, at) + m.insert + text.slice(at + m.cut);
        }
        const c = compileFiles(files, "shop.arch");
        const parsed = ModelSchema.safeParse(c.model);
        expect(parsed.success, parsed.success ? "" : parsed.error.message).toBe(true);
        for (const d of c.diagnostics) {
          const text = files[d.span.file];
          expect(text, `diagnostic in a known file: ${d.span.file}`).toBeDefined();
          expect(d.span.start).toBeGreaterThanOrEqual(0);
          expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
          expect(d.span.end).toBeLessThanOrEqual(text.length);
          expect(d.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("keeps everything that is still well formed", () => {
    const broken = { ...SOURCES, "types.arch": SOURCES["types.arch"].replace("type Money {", "type Money") };
    const c = compileFiles(broken, "shop.arch");
    expect(c.diagnostics.length).toBeGreaterThan(0);
    expect(Object.keys(c.model.services)).toEqual(["orders", "inventory", "payments", "notifications"]);
    expect(c.model.sagas["place-order"].steps.map((s) => s.name)).toEqual([
      "create",
      "reserve",
      "authorize",
      "approve",
      "capture",
      "commit",
    ]);
  });
});
