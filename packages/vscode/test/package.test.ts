// `vsce package` builds the .vsix offline (no network: proxies point at a closed port), and
// what it holds works on its own: the manifest's files are inside, the client bundle needs
// nothing but `vscode` and Node, and the packaged server — run from the unpacked extension,
// far from any node_modules — answers a real LSP client.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtures, LspTestClient, uriOf } from "../../lsp/test/support/lsp-client.js";
import { unzip } from "./support/unzip.js";

const pkg = path.resolve(fileURLToPath(import.meta.url), "../..");
const work = mkdtempSync(path.join(tmpdir(), "archc-vsix-"));
const vsix = path.join(work, "archc.vsix");
let files: Map<string, Buffer>;
let packaging = "";

beforeAll(() => {
  for (const bundle of ["dist/extension.cjs", "dist/server.mjs", "dist/check-worker.mjs"])
    if (!existsSync(path.join(pkg, bundle)))
      throw new Error(`${bundle} is missing: run \`node scripts/build.mjs\` first`);
  const r = spawnSync(
    path.join(pkg, "node_modules/.bin/vsce"),
    ["package", "--no-dependencies", "--allow-missing-repository", "--out", vsix],
    {
      cwd: pkg,
      encoding: "utf8",
      input: "",
      env: {
        ...process.env,
        HTTP_PROXY: "http://127.0.0.1:9",
        HTTPS_PROXY: "http://127.0.0.1:9",
        npm_config_offline: "true",
      },
      timeout: 120_000,
    },
  );
  packaging = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) throw new Error(`vsce package failed (${r.status}):\n${packaging}`);
  files = unzip(readFileSync(vsix));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the .vsix", () => {
  it("holds the manifest, grammar, language configuration and both bundles, and nothing else", () => {
    expect([...files.keys()].sort()).toEqual([
      "[Content_Types].xml",
      "extension.vsixmanifest",
      "extension/LICENSE.txt",
      "extension/dist/check-worker.mjs",
      "extension/dist/extension.cjs",
      "extension/dist/server.mjs",
      "extension/language-configuration.json",
      "extension/package.json",
      "extension/readme.md",
      "extension/syntaxes/arch.tmLanguage.json",
    ]);
    const manifest = JSON.parse(files.get("extension/package.json")!.toString());
    expect(files.has(`extension/${manifest.main.replace(/^\.\//, "")}`)).toBe(true);
    expect(files.has(`extension/${manifest.contributes.grammars[0].path.replace(/^\.\//, "")}`)).toBe(true);
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command)).toContain(
      "archc.showReport",
    );
    const config = JSON.parse(files.get("extension/language-configuration.json")!.toString());
    expect(config.comments).toEqual({ lineComment: "//", blockComment: ["/*", "*/"] });
  });

  it("has a client bundle that requires only vscode and Node built-ins", () => {
    const source = files.get("extension/dist/extension.cjs")!.toString();
    const required = new Set([...source.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]));
    const allowed = new Set(["vscode", ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect([...required].filter((m) => !allowed.has(m))).toEqual([]);
    expect(required.has("vscode")).toBe(true);
  });

  it("runs the packaged server standalone, as the extension starts it", async () => {
    const unpacked = path.join(work, "unpacked");
    for (const [name, data] of files) {
      const target = path.join(unpacked, name);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, data);
    }
    const server = path.join(unpacked, "extension/dist/server.mjs");
    const root = path.join(fixtures, "shop");
    const { client, init } = await LspTestClient.start(root, {
      command: [process.execPath, server, "--stdio"],
    });
    try {
      expect(init.serverInfo?.name).toBe("archc");
      const uri = client.open(path.join(root, "main.arch"));
      const p = await client.diagnostics(uri, (x) => x.diagnostics.length > 0);
      expect(p.diagnostics.map((d) => d.code)).toContain("unprotected-call");
      const report = await client.request<{ html: string }>("archc/report", { uri });
      expect(report.html).toContain("<svg");
      expect(client.log.filter((m) => m.includes("server thread"))).toEqual([]);
    } finally {
      expect(await client.stop()).toBe(0);
    }
    expect(uriOf(server)).toMatch(/^file:/);
  });
});
