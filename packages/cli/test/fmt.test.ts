// `archc fmt` end to end: the real bundled CLI on temporary copies of files.

import { spawnSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const bin = path.join(repo, "packages/cli/bin/archc.mjs");

const MESSY =
  'store db: postgres {version "16"   size 20Gi}\ntype Money {amount:decimal,currency:string} // money\n';
const TIDY =
  'store db: postgres { version "16"  size 20Gi }\n\ntype Money { amount: decimal, currency: string } // money\n';
const BROKEN = "type A { x int }\nservice   s {}\n";

let dir: string;

function archc(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, "fmt", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), text);
}

const read = (name: string) => readFileSync(path.join(dir, name), "utf8");

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "archc-fmt-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("archc fmt --check", () => {
  it("exits 0 when every file is formatted", () => {
    write("a.arch", TIDY);
    write("sub/b.arch", TIDY);
    const r = archc("--check");
    expect(r.stdout).toBe("");
    expect(r.status).toBe(0);
  });

  it("exits 1 listing the unformatted files, and changes nothing", () => {
    write("a.arch", TIDY);
    write("sub/b.arch", MESSY);
    write("c.arch", MESSY);
    const r = archc("--check", ".");
    expect(r.stdout).toBe(`c.arch\n${path.join("sub", "b.arch")}\n`);
    expect(r.stderr).toContain("2 files are not formatted");
    expect(r.status).toBe(1);
    expect(read("c.arch")).toBe(MESSY);
  });
});

describe("archc fmt (in place)", () => {
  it("rewrites unformatted files, lists them, and leaves formatted ones alone", () => {
    write("messy.arch", MESSY);
    write("tidy.arch", TIDY);
    chmodSync(path.join(dir, "messy.arch"), 0o640);
    const tidyBefore = statSync(path.join(dir, "tidy.arch")).mtimeMs;
    const r = archc();
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("messy.arch\n");
    expect(read("messy.arch")).toBe(TIDY);
    expect(statSync(path.join(dir, "messy.arch")).mode & 0o777).toBe(0o640);
    expect(statSync(path.join(dir, "tidy.arch")).mtimeMs).toBe(tidyBefore);
    // No temporary files are left behind.
    expect(readdirSync(dir).sort()).toEqual(["messy.arch", "tidy.arch"]);
    expect(archc("--check").status).toBe(0);
  });

  it("formats only the files and folders named", () => {
    write("one.arch", MESSY);
    write("two.arch", MESSY);
    expect(archc("one.arch").status).toBe(0);
    expect(read("one.arch")).toBe(TIDY);
    expect(read("two.arch")).toBe(MESSY);
  });

  it("never rewrites a file with a syntax error: prints its diagnostics and exits 1", () => {
    write("bad.arch", BROKEN);
    write("good.arch", MESSY);
    const r = archc();
    expect(r.status).toBe(1);
    expect(read("bad.arch")).toBe(BROKEN);
    expect(read("good.arch")).toBe(TIDY);
    expect(r.stderr).toContain("error[E0110]");
    expect(r.stderr).toContain("bad.arch:1:12");
    expect(r.stdout).toBe("good.arch\n");
  });
});

describe("archc fmt --stdout", () => {
  it("prints the formatted text and changes nothing", () => {
    write("messy.arch", MESSY);
    const r = archc("--stdout", "messy.arch");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(TIDY);
    expect(read("messy.arch")).toBe(MESSY);
  });

  it("prints diagnostics, not text, for a file with syntax errors", () => {
    write("bad.arch", BROKEN);
    const r = archc("--stdout", "bad.arch");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("E0110");
  });
});

describe("archc fmt usage errors", () => {
  it("exits 2 for a path that does not exist, a folder without .arch files, or both modes", () => {
    expect(archc("missing.arch").status).toBe(2);
    mkdirSync(path.join(dir, "empty"));
    const empty = archc("empty");
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain("no .arch files found");
    write("a.arch", TIDY);
    expect(archc("--check", "--stdout").status).toBe(2);
  });
});
