// `archc explain` end to end with the bundled CLI.

import { readFileSync } from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCli, repo, runArchc } from "./support/run-archc.js";

beforeAll(buildCli, 120_000);

describe("archc explain", () => {
  it("prints a rule's docs page", () => {
    const r = runArchc(repo, ["explain", "retry-amplification"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(path.join(repo, "docs/rules/retry-amplification.md"), "utf8"));
  });

  it("prints a diagnostic code's explanation from any folder", () => {
    const r = runArchc("/", ["explain", "E0301"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# E0301: composition type mismatch\n/);
  });

  it("lists rules and codes without an argument", () => {
    const r = runArchc(repo, ["explain"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^Rules \(archc explain <rule>\):\n {2}shared-store {23}error {4}a store is written/,
    );
    expect(r.stdout).toContain("\n  E0001 ");
  });

  it("exits 2 with a suggestion for an unknown name", () => {
    const r = runArchc(repo, ["explain", "shared-stor"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "archc: no rule or code `shared-stor` (did you mean `shared-store`?); `archc explain` lists them all\n",
    );
  });
});
