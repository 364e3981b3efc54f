// `archc compile` and `archc schema`, run in process through the command table.

import { rmSync } from "node:fs";
import * as path from "node:path";
import { Writable } from "node:stream";
import { ModelSchema } from "@archc/compiler";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIO } from "../src/index.js";
import { runCli } from "../src/index.js";
import { repo, tempProject } from "./support/run-archc.js";

function capture(cwd: string): { io: CliIO; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk));
        done();
      },
    });
  return {
    io: { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), cwd, env: { NO_COLOR: "1" } },
    out: () => out,
    err: () => err,
  };
}

async function run(cwd: string, args: string[]) {
  const c = capture(cwd);
  const status = await runCli(args, c.io);
  return { status, stdout: c.out(), stderr: c.err() };
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const project = (files: Record<string, string>) => {
  const d = tempProject(files);
  dirs.push(d);
  return d;
};

describe("archc compile", () => {
  it("compiles the shop example clean, with a one-line summary", async () => {
    const r = await run(repo, ["compile", "examples/shop/shop.arch"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      "compiled shop from 4 files: 4 services, 20 ops, 18 types, 2 flows, 1 saga, 4 events, 4 stores, 1 gateway, 2 deployments\n",
    );
  });

  it("prints the Model as JSON on stdout with --json, and it satisfies the schema", async () => {
    const r = await run(repo, ["compile", "--json", "examples/shop/shop.arch"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const model = ModelSchema.parse(JSON.parse(r.stdout));
    expect(model.index.newestApi.orders).toBe("v2");
  });

  it("reports errors rustc-style and exits 1; with --json the diagnostics go to stderr", async () => {
    const dir = project({
      "main.arch": "type Order { id: uuid }\nservice s { api v1 { op f: Ordr -> unit } }\n",
    });
    const r = await run(dir, ["compile"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("error[E0202]: unknown type `Ordr` (did you mean `Order`?)");
    expect(r.stdout).toContain("--> main.arch:2:28");
    expect(r.stdout).toContain("compiled with errors main from 1 file: 1 service, 1 op, 1 type");
    const j = await run(dir, ["compile", "--json"]);
    expect(j.status).toBe(1);
    expect(JSON.parse(j.stdout).services.s.apis[0].ops).toEqual(["s.v1.f"]);
    expect(j.stderr).toContain("error[E0202]");
  });

  it("treats a missing path as a usage error", async () => {
    const r = await run(repo, ["compile", "no/such/file.arch"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("archc: no such file or folder: no/such/file.arch\n");
  });

  it("honours --root", async () => {
    const dir = project({ "a/main.arch": 'import "../b/types.arch"\n', "b/types.arch": "type T { }\n" });
    expect((await run(dir, ["compile", "a/main.arch"])).status).toBe(1);
    const r = await run(dir, ["compile", "--root", ".", "a/main.arch"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("compiled main from 2 files: 1 type\n");
    expect(path.isAbsolute(dir)).toBe(true);
  });
});

describe("archc schema", () => {
  it("prints the Model's JSON Schema", async () => {
    const r = await run(repo, ["schema"]);
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.type).toBe("object");
    expect(schema.required).toContain("services");
  });
});
