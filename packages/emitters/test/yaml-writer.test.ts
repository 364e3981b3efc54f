// The block writer behind toYaml must write exactly what the `yaml` package writes for the same
// value (the reviewed goldens were made by the package): compared here on adversarial strings,
// nested shapes and numbers (yaml-writer-emitters.test.ts compares them on emitted documents).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toYaml, toYamlWithPackage } from "../src/common/yaml.js";
import { shareInYaml } from "../src/common/yaml-shared.js";
import { writeBlockYaml } from "../src/common/yaml-writer.js";

const tricky = fc.oneof(
  fc.constantFrom(
    "yes",
    "no",
    "on",
    "off",
    "Y",
    "n",
    "y",
    "true",
    "NULL",
    "null",
    "~",
    "0755",
    "007",
    "1_000",
    "0x1F",
    "0o17",
    "0b101",
    "1e3",
    ".5",
    "5.",
    ".inf",
    "-.INF",
    ".NaN",
    "1:20",
    "1:20.5",
    "2024-01-01",
    "2024-1-1 10:00:00",
    "<<",
    "<<:",
    "=",
    "-",
    "?",
    "- x",
    "? k",
    "a: b",
    "a:",
    "a:b",
    "#x",
    "a #x",
    "a#x",
    "'q'",
    '"d"',
    `it's "x"`,
    "a\nb",
    "a\n\nb",
    "a\n",
    "a\n\n",
    "\na",
    "\n",
    "\n\n",
    " lead",
    "  lead\nx",
    "trail ",
    "trail\t",
    "a \nb",
    "a\n b",
    "line\n  ",
    "",
    " ",
    "é✓🚀",
    "$HOME",
    "%YAML",
    "%x\ny",
    "---",
    "--- x",
    "...",
    "x\n---\ny",
    "a\u0085b",
    "nb\u00a0sp",
    "\u2028",
    "\u0007bell",
    "\u001b[0m",
    "\t",
    "--",
    "[a]",
    "{a}",
    "a, b",
    "*ref",
    "&anc",
    "!tag",
    "|",
    ">",
    "@x",
    "`x`",
    "x".repeat(1030),
    `${"long text ".repeat(6)}\nsecond line`,
    `${"long text ".repeat(6)}\n\n third \nline`,
    `"${"q".repeat(50)}"\n'x'`,
  ),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc
    .array(fc.constantFrom("a", " ", "\n", ":", "#", "-", "'", '"', "\t", "%", "1", "."), { maxLength: 12 })
    .map((cs) => cs.join("")),
  // long enough for the package's multi-line double-quoted form (from 40 characters)
  fc
    .array(fc.constantFrom("word", "words ", " ", "\n", "\n ", " \n", "'", '"', "\u0007"), { maxLength: 24 })
    .map((cs) => cs.join("")),
);

const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1e21, -1e-7, 0.1, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY),
);

const { value: data } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tricky,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(tricky, fc.oneof(tie("value"), fc.constant(undefined)), { maxKeys: 4 }),
  ),
}));

const document = fc.oneof(fc.dictionary(tricky, data, { maxKeys: 5 }), fc.array(data, { maxLength: 5 }));

describe("YAML block writer", () => {
  it("writes what the yaml package writes, for any plain data", () => {
    fc.assert(
      fc.property(document, (value) => {
        expect(toYaml(value)).toBe(toYamlWithPackage(value));
      }),
      { numRuns: 3000 },
    );
  });

  it("writes every string the way the package does, as key and as value at any depth", () => {
    fc.assert(
      fc.property(tricky, (s) => {
        for (const value of [
          { [s]: s },
          { a: { [s]: [s, { [s]: s }] } },
          [[s]],
          { "<<": s, b: [{ "<<": s }] },
        ])
          expect(toYaml(value, undefined)).toBe(toYamlWithPackage(value, undefined));
      }),
      { numRuns: 2000 },
    );
  });

  it("writes a shared value as the package does wherever it appears, at any depth, again and again", () => {
    fc.assert(
      fc.property(document, (value) => {
        const shared = shareInYaml(structuredClone(value));
        const doc = { a: shared, b: [shared, { c: shared }], d: { e: { f: [[shared]] } } };
        const expected = toYamlWithPackage(doc);
        expect(toYaml(doc)).toBe(expected);
        expect(toYaml(doc)).toBe(expected);
        expect(Object.isFrozen(shared)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("writes headers the way the package does", () => {
    for (const header of ["", " one", "two lines\n second", "\n", "x\n\ny"])
      expect(toYaml({ a: 1 }, header)).toBe(toYamlWithPackage({ a: 1 }, header));
  });

  it("leaves values it does not handle to the package", () => {
    for (const value of [
      "scalar",
      1,
      null,
      { d: new Date(0) },
      { m: new Map() },
      { b: 1n },
      [undefined],
      new Array(2), // holes
    ])
      expect(writeBlockYaml(value)).toBeUndefined();
    expect(toYaml({ d: new Date(0) })).toBe(toYamlWithPackage({ d: new Date(0) }));
  });
});
