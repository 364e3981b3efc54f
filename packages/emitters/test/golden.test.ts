// Golden files: what `archc emit all` produces for each example, committed under
// test/golden/<example>/ and reviewed like code. Regenerate with
//   UPDATE_GOLDEN=1 npx vitest run packages/emitters/test/golden.test.ts

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { emitAsync } from "../src/index.js";
import { compileExample, presentExamples } from "./support/examples.js";
import { sampleShop } from "./support/sample-shop.js";

const GOLDEN = path.join(path.dirname(fileURLToPath(import.meta.url)), "golden");

function readTree(dir: string, rel = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(path.join(dir, rel))) return out;
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of readTree(dir, r)) out.set(k, v);
    else out.set(r, readFileSync(path.join(dir, r), "utf8"));
  }
  return out;
}

describe("deterministic output", () => {
  it("emitting twice gives byte-identical files", async () => {
    const a = (await emitAsync(sampleShop(), "all")).files;
    const b = (await emitAsync(sampleShop(), "all")).files;
    expect([...b]).toEqual([...a]);
  });
});

describe("golden files", () => {
  it.each(presentExamples)("examples/%s matches its files under test/golden/", async (name) => {
    const files = (await emitAsync(compileExample(name), "all")).files;
    const dir = path.join(GOLDEN, name);
    if (process.env.UPDATE_GOLDEN) {
      rmSync(dir, { recursive: true, force: true });
      for (const [rel, text] of files) {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), text);
      }
    }
    const golden = readTree(dir);
    expect([...files.keys()].sort()).toEqual([...golden.keys()].sort());
    for (const [rel, text] of files) expect({ rel, text }).toEqual({ rel, text: golden.get(rel) });
  });
});
