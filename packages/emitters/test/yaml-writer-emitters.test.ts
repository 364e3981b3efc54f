// Every YAML document the emitters write for the examples and the sample shop, written both by
// the block writer and by the `yaml` package's document model: the two texts must be the same.

import { describe, expect, it, vi } from "vitest";
import { emitAsync } from "../src/index.js";
import { compileExample, presentExamples } from "./support/examples.js";
import { sampleShop } from "./support/sample-shop.js";

const compared = { documents: 0, differing: [] as string[] };

vi.mock("../src/common/yaml.js", async (importOriginal) => {
  const real = await importOriginal<typeof import("../src/common/yaml.js")>();
  return {
    ...real,
    toYaml(value: unknown, header?: string): string {
      const text = real.toYaml(value, header);
      compared.documents++;
      if (text !== real.toYamlWithPackage(value, header)) compared.differing.push(text.slice(0, 200));
      return text;
    },
  };
});

describe("YAML block writer on emitted documents", () => {
  it.each(["sample shop", ...presentExamples])(
    "%s: every document as the yaml package writes it",
    async (name) => {
      const before = compared.documents;
      await emitAsync(name === "sample shop" ? sampleShop() : compileExample(name), "all");
      expect(compared.documents - before).toBeGreaterThan(10);
      expect(compared.differing).toEqual([]);
    },
  );
});
