// Bundles the CLI (and, once present, the language server) into single ESM files with esbuild.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { build } from "esbuild";

const entries = [
  { in: "packages/cli/src/main.ts", out: "packages/cli/dist/archc.mjs" },
  { in: "packages/lsp/src/server-main.ts", out: "packages/lsp/dist/server.mjs" },
].filter((e) => existsSync(e.in));

for (const entry of entries) {
  await build({
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
    banner: {
      js: "import { createRequire as __archcRequire } from 'node:module'; const require = __archcRequire(import.meta.url);",
    },
  });
}

// The language server's checker thread: one bundle, copied next to every bundle that embeds the
// server (it is found beside `import.meta.url`), so `archc lsp` and the .vsix check off-thread.
if (existsSync("packages/lsp/src/workspace/check-worker.ts")) {
  await build({
    entryPoints: ["packages/lsp/src/workspace/check-worker.ts"],
    outfile: "packages/lsp/dist/check-worker.mjs",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    legalComments: "none",
    logLevel: "warning",
    banner: {
      js: "import { createRequire as __archcRequire } from 'node:module'; const require = __archcRequire(import.meta.url);",
    },
  });
  mkdirSync("packages/cli/dist", { recursive: true });
  copyFileSync("packages/lsp/dist/check-worker.mjs", "packages/cli/dist/check-worker.mjs");
}

// The VS Code extension: its client as CommonJS (what the extension host loads; `vscode` is
// provided by the editor) and a copy of the server bundle, so the .vsix is self-contained.
if (existsSync("packages/vscode/src/extension.ts") && existsSync("packages/lsp/dist/server.mjs")) {
  mkdirSync("packages/vscode/dist", { recursive: true });
  copyFileSync("packages/lsp/dist/server.mjs", "packages/vscode/dist/server.mjs");
  copyFileSync("packages/lsp/dist/check-worker.mjs", "packages/vscode/dist/check-worker.mjs");
  await build({
    entryPoints: ["packages/vscode/src/extension.ts"],
    outfile: "packages/vscode/dist/extension.cjs",
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["vscode"],
    legalComments: "none",
    logLevel: "warning",
  });
}
