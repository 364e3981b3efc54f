// `archc lsp --stdio` from the built CLI (packages/cli/bin/archc.mjs → dist/archc.mjs): the
// command an editor is configured with. Needs `node scripts/build.mjs` first, as CI does.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtures, LspTestClient, repoRoot, serverCommand } from "./support/lsp-client.js";

const bundle = path.join(repoRoot, "packages/cli/dist/archc.mjs");

describe("archc lsp --stdio", () => {
  it("serves LSP on stdio and exits 0 after shutdown and exit", async () => {
    expect(existsSync(bundle), "run `node scripts/build.mjs` first").toBe(true);
    const root = path.join(fixtures, "shop");
    const { client, init } = await LspTestClient.start(root, { command: serverCommand("cli") });
    expect(init.serverInfo).toEqual({ name: "archc", version: "0.1.0" });
    const uri = client.open(path.join(root, "payments.arch"));
    const p = await client.diagnostics(uri);
    expect(p.diagnostics).toEqual([]);
    // The bundle found its checker thread (dist/check-worker.mjs beside it).
    expect(client.log.filter((m) => m.includes("server thread"))).toEqual([]);
    expect(await client.stop()).toBe(0);
  });

  it("exits when the editor goes away without a shutdown (stdin closed)", async () => {
    const [cmd, ...args] = serverCommand("cli");
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        resolve(-1);
      }, 10_000);
      child.once("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).not.toBe(-1);
  });

  it("lists lsp in the help", async () => {
    const out = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, [path.join(repoRoot, "packages/cli/bin/archc.mjs"), "--help"]);
      let text = "";
      child.stdout.on("data", (b: Buffer) => {
        text += b.toString();
      });
      child.on("exit", () => resolve(text));
    });
    expect(out).toMatch(/lsp \[options\]\s+run the language server/);
  });
});
