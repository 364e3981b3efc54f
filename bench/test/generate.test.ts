// The benchmark generator: deterministic, and its systems parse cleanly and compile without a
// single diagnostic (flows, sagas, handlers and topic keys all line up).

import { describe, expect, it } from "vitest";
import { compileFiles } from "../../packages/compiler/src/index.js";
import { parseSource } from "../../packages/dsl/src/parse.js";
import { MAX_FILE_BYTES } from "../../packages/dsl/src/source-text.js";
import { generateSystem, systemBytes } from "../generate.js";

describe("generateSystem", () => {
  it("gives byte-identical files for the same seed, and different ones for another seed", () => {
    const a = generateSystem({ services: 40, seed: 7 });
    const b = generateSystem({ services: 40, seed: 7 });
    const c = generateSystem({ services: 40, seed: 8 });
    expect([...a.files]).toEqual([...b.files]);
    expect([...a.files]).not.toEqual([...c.files]);
  });

  for (const [services, seed] of [
    [1, 1],
    [2, 3],
    [7, 11],
    [60, 5],
  ] as const) {
    it(`${services} service(s), seed ${seed}: parses and compiles with zero diagnostics`, () => {
      const system = generateSystem({ services, seed });
      for (const [file, text] of system.files) {
        expect(parseSource(file, text).diagnostics, file).toEqual([]);
      }
      const compiled = compileFiles(Object.fromEntries(system.files), "main.arch");
      expect(compiled.diagnostics.map((d) => `${d.code} ${d.span.file}:${d.span.line} ${d.message}`)).toEqual(
        [],
      );
      const model = compiled.model;
      expect(Object.keys(model.services)).toHaveLength(services);
      if (services >= 7) {
        expect(Object.keys(model.flows).length).toBeGreaterThan(0);
        expect(Object.keys(model.sagas).length).toBeGreaterThan(0);
        expect(Object.keys(model.events)).toHaveLength(services);
      }
    });
  }

  it("declares every construct a benchmark should exercise", () => {
    const text = [...generateSystem({ services: 60, seed: 5 }).files.values()].join("\n");
    for (const construct of [
      /^system /m,
      /^type \w+ \{/m,
      /^enum /m,
      /^store [\w-]+: \w+ \{/m,
      /^broker /m,
      /^topic [\w-]+ on [\w-]+ \{.*key customer/m,
      /^event \w+: \w+ on /m,
      /^ {2}api v2 rest \{/m,
      /^ {2}calls [\w-]+\.[\w-]+ \{ timeout/m,
      /^ {2}uses [\w-]+ read$/m,
      /^ {2}consumes \w+ -> on-/m,
      /^flow [\w-]+: .* = .* ; /m,
      /^flow [\w-]+: .* = .* & /m,
      /^flow [\w-]+: .* \* .* id</m,
      /^saga [\w-]+\(\w+\) by /m,
      /^ {2}parallel \{/m,
      /^ {2}pivot approve: /m,
      /compensate [\w-]+\.undo/,
      /retriable$/m,
      /^gateway edge \{/m,
      /^ {2}route "/m,
      /^deploy prod \{/m,
      /^ {2}canary /m,
    ]) {
      expect(text).toMatch(construct);
    }
  });

  it("keeps every file of a 1,000-service system under the file-size limit", () => {
    const system = generateSystem({ services: 1_000, seed: 1 });
    expect(systemBytes(system)).toBeGreaterThan(1_000_000);
    for (const [file, text] of system.files)
      expect(Buffer.byteLength(text), file).toBeLessThan(MAX_FILE_BYTES);
  });
});
