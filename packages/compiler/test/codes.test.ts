// The code catalogue: every compiler code has a title, an explanation and an example that
// raises exactly that code, and the catalogue agrees with the codes the compiler emits.

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { frontEndCodes } from "@archc/dsl";
import { describe, expect, it } from "vitest";
import { allCodes, compilerCodes } from "../src/index.js";
import { compile } from "./helpers.js";

function exampleOf(explanation: string): string | undefined {
  return /```arch\n([\s\S]*?)```/.exec(explanation)?.[1];
}

describe("compiler code catalogue", () => {
  for (const [code, info] of Object.entries(compilerCodes)) {
    it(`${code} (${info.title}): its example raises exactly ${code}`, () => {
      const example = exampleOf(info.explanation);
      expect(example, `${code} has an example`).toBeDefined();
      const { diagnostics } = compile(example ?? "");
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(diagnostics.map((d) => d.code)).toEqual(diagnostics.map(() => code));
      for (const d of diagnostics) expect(d.severity).toBe("error");
    });
  }

  it("codes are grouped E02xx..E05xx and do not collide with the front end's", () => {
    for (const code of Object.keys(compilerCodes)) {
      expect(code).toMatch(/^E0[2-5]\d\d$/);
      expect(Object.keys(frontEndCodes)).not.toContain(code);
    }
    expect(Object.keys(allCodes)).toEqual([...Object.keys(frontEndCodes), ...Object.keys(compilerCodes)]);
  });

  it("every code the compiler source can emit is in the catalogue, and every catalogued code is emitted", () => {
    const srcDir = fileURLToPath(new URL("../src/", import.meta.url));
    const files = readdirSync(srcDir, { recursive: true, encoding: "utf8" }).filter(
      (f) => f.endsWith(".ts") && f !== "codes.ts",
    );
    const used = new Set<string>();
    for (const f of files)
      for (const m of readFileSync(srcDir + f, "utf8").matchAll(/"(E0[2-5]\d\d)"/g)) used.add(m[1]);
    expect([...used].sort()).toEqual(Object.keys(compilerCodes).sort());
  });
});
