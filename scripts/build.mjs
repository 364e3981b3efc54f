// Bundles the CLI (and, once present, the language server) into single ESM files with esbuild.
import { existsSync } from "node:fs";
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
