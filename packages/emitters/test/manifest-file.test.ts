// Multi-document Kubernetes files read back, document by document, as exactly the objects the
// emitter put in them, under YAML 1.1 (kubectl, kustomize) and YAML 1.2 readers alike.

import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { emit } from "../src/index.js";
import type { K8sObject } from "../src/kubernetes/resource.js";
import { compileExample, presentExamples } from "./support/examples.js";
import { manifestObjects } from "./support/kubernetes-objects.js";
import { sampleShop } from "./support/sample-shop.js";

/** Each manifest text the emitter wrote → the objects it wrote into it. */
const written = new Map<string, K8sObject[]>();

vi.mock("../src/kubernetes/manifest-file.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../src/kubernetes/manifest-file.js")>();
  return {
    ...real,
    manifestFile(objects: readonly K8sObject[]): string {
      const text = real.manifestFile(objects);
      written.set(text, structuredClone([...objects]));
      return text;
    },
  };
});

const { manifestFile } = await vi.importActual<typeof import("../src/kubernetes/manifest-file.js")>(
  "../src/kubernetes/manifest-file.js",
);

/** What a YAML reader can give back: no `undefined` fields. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe("multi-document manifest files", () => {
  it.each(["sample shop", ...presentExamples])(
    "%s: each file parses back to the objects emitted into it",
    (name) => {
      const files = emit(name === "sample shop" ? sampleShop() : compileExample(name), "k8s").files;
      let multi = 0;
      for (const [file, text] of files) {
        if (file === "kustomization.yaml") continue;
        const objects = written.get(text);
        expect({ file, emitted: objects !== undefined }).toEqual({ file, emitted: true });
        if (objects && objects.length > 1) multi++;
        for (const version of ["1.1", "1.2"] as const)
          expect({ file, version, objects: manifestObjects(file, text, version) }).toEqual({
            file,
            version,
            objects: plain(objects),
          });
      }
      expect(multi).toBeGreaterThan(0);
    },
  );

  it("keeps document boundaries whatever the strings hold", () => {
    const awkward = fc.oneof(
      fc.constantFrom("---", "--- x", "...", "a\n---\nb", "a\n...\n", "a\n\n", "\n", "# c", "%YAML 1.1", ""),
      fc.string({ unit: "grapheme" }),
    );
    const object = fc.record({
      apiVersion: fc.constant("v1"),
      kind: fc.constant("ConfigMap"),
      metadata: fc.record({ name: fc.string({ minLength: 1 }) }),
      data: fc.dictionary(awkward, awkward),
    });
    fc.assert(
      fc.property(fc.array(object, { minLength: 1, maxLength: 4 }), (objects) => {
        const text = manifestFile(objects);
        for (const version of ["1.1", "1.2"] as const)
          expect(manifestObjects("test.yaml", text, version)).toEqual(objects);
      }),
      { numRuns: 200 },
    );
  });
});
