// `archc emit` end to end: the real bundled CLI on temporary models and output directories.

import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { unifiedDiff } from "../src/emit/unified-diff.js";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const bin = path.join(repo, "packages/cli/bin/archc.mjs");

const MODEL = `
type Order { id: uuid }
store db: postgres
service orders { port 8000  health "/health"  uses db  api v1 { op get: Order -> Order GET "/orders/{id}" } }
service web { public  calls orders.get { timeout 1s } }
gateway edge { route "/api" -> web }
`;

let dir: string;

function archc(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, "emit", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "archc-emit-"));
  writeFileSync(path.join(dir, "model.arch"), MODEL);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("archc emit", () => {
  it("writes the target's files, and emitting twice gives byte-identical files", () => {
    expect(archc("k8s", "model.arch", "--out", "out").status).toBe(0);
    const first = readFileSync(path.join(dir, "out/services/orders.yaml"), "utf8");
    expect(archc("k8s", "model.arch", "--out", "out").status).toBe(0);
    expect(readFileSync(path.join(dir, "out/services/orders.yaml"), "utf8")).toBe(first);
    // No temporary directories are left beside --out.
    expect(readdirSync(dir).sort()).toEqual(["model.arch", "out"]);
  });

  it("--check passes on fresh output and fails with a unified diff on drift", () => {
    expect(archc("all", "model.arch", "--out", "gen").status).toBe(0);
    expect(archc("all", "model.arch", "--out", "gen", "--check").status).toBe(0);
    writeFileSync(path.join(dir, "model.arch"), MODEL.replace("port 8000", "port 9000"));
    const r = archc("all", "model.arch", "--out", "gen", "--check");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("--- a/compose/compose.yaml");
    expect(r.stdout).toContain('-      - "8000"');
    expect(r.stdout).toContain('+      - "9000"');
    // --check writes nothing.
    expect(readFileSync(path.join(dir, "gen/compose/compose.yaml"), "utf8")).toContain('"8000"');
  });

  it("replaces stale files when the model drops an element", () => {
    expect(archc("k8s", "model.arch", "--out", "out").status).toBe(0);
    expect(existsSync(path.join(dir, "out/stores/db.yaml"))).toBe(true);
    writeFileSync(
      path.join(dir, "model.arch"),
      MODEL.replace("store db: postgres", "").replace("uses db", ""),
    );
    expect(archc("k8s", "model.arch", "--out", "out").status).toBe(0);
    expect(existsSync(path.join(dir, "out/stores"))).toBe(false);
  });

  it("refuses a model with errors, and writes nothing", () => {
    writeFileSync(path.join(dir, "model.arch"), `${MODEL}\nservice x { calls nowhere.op }\n`);
    const r = archc("compose", "model.arch", "--out", "out");
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("not emitting from a model with errors");
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("refuses to replace a directory it did not write", () => {
    mkdirSync(path.join(dir, "mine"));
    writeFileSync(path.join(dir, "mine/notes.txt"), "keep me");
    const r = archc("compose", "model.arch", "--out", "mine");
    expect(r.status).toBe(2);
    expect(readFileSync(path.join(dir, "mine/notes.txt"), "utf8")).toBe("keep me");
  });

  it("reports an unknown deployment and an unknown target", () => {
    expect(archc("k8s", "model.arch", "--out", "out", "--deploy", "nope").status).toBe(1);
    expect(archc("helm", "model.arch", "--out", "out").status).toBe(2);
  });
});

describe("unifiedDiff", () => {
  it("shows changed lines with context, and nothing for equal texts", () => {
    expect(unifiedDiff("f", "a\nb\nc\n", "a\nb\nc\n")).toBe("");
    expect(unifiedDiff("f", "a\nb\nc\n", "a\nB\nc\n")).toBe(
      "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n",
    );
    expect(unifiedDiff("f", undefined, "x\n")).toBe("--- /dev/null\n+++ b/f\n@@ -0,0 +1,1 @@\n+x\n");
  });
});
