// Bundles the CLI, the language server (with its checker thread) and the VS Code extension
// client with esbuild. Every output file is written atomically (a temporary file, then a
// rename), so concurrent builds — test files run in parallel — never expose half a bundle.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { build } from "esbuild";

const ESM_REQUIRE_SHIM =
  "import { createRequire as __archcRequire } from 'node:module'; const require = __archcRequire(import.meta.url);";

function writeAtomically(path, contents) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/** Bundles one entry; returns its output files (bundle and source map) without writing them. */
async function bundle(entry, outfile, options = {}) {
  const result = await build({
    entryPoints: [entry],
    ...(options.splitting ? {} : { outfile }),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    legalComments: "none",
    logLevel: "warning",
    write: false,
    banner: options.format === "cjs" ? undefined : { js: ESM_REQUIRE_SHIM },
    ...options,
  });
  return result.outputFiles.map((f) => ({ path: f.path, contents: f.contents }));
}

const outputs = [];
const has = (p) => existsSync(p);

// The CLI is split: modules it imports dynamically (elkjs, 3.4 MB, loaded only to lay out a
// diagram) go to dist/chunks, so no other command parses them at start-up.
const CLI_CHUNKS = "packages/cli/dist/chunks";
if (has("packages/cli/src/main.ts")) {
  outputs.push(
    ...(await bundle("packages/cli/src/main.ts", "packages/cli/dist/archc.mjs", {
      sourcemap: "linked",
      splitting: true,
      outdir: "packages/cli/dist",
      entryNames: "archc",
      chunkNames: "chunks/[name]-[hash]",
      outExtension: { ".js": ".mjs" },
    })),
  );
}
const server = has("packages/lsp/src/server-main.ts")
  ? await bundle("packages/lsp/src/server-main.ts", "packages/lsp/dist/server.mjs", { sourcemap: "linked" })
  : [];
outputs.push(...server);

// The language server's checker thread is found beside `import.meta.url` of the bundle that
// embeds the server, so a copy sits next to each of them.
const worker = has("packages/lsp/src/workspace/check-worker.ts")
  ? (await bundle("packages/lsp/src/workspace/check-worker.ts", "packages/lsp/dist/check-worker.mjs")).find(
      (f) => f.path.endsWith(".mjs"),
    )
  : undefined;
if (worker) {
  outputs.push(worker, { path: "packages/cli/dist/check-worker.mjs", contents: worker.contents });
}

// The VS Code extension: its client as CommonJS (`vscode` is provided by the editor) and copies
// of the server bundles, so the .vsix is self-contained.
if (has("packages/vscode/src/extension.ts") && server.length > 0) {
  const serverJs = server.find((f) => f.path.endsWith(".mjs"));
  if (serverJs) outputs.push({ path: "packages/vscode/dist/server.mjs", contents: serverJs.contents });
  if (worker) outputs.push({ path: "packages/vscode/dist/check-worker.mjs", contents: worker.contents });
  outputs.push(
    ...(await bundle("packages/vscode/src/extension.ts", "packages/vscode/dist/extension.cjs", {
      format: "cjs",
      external: ["vscode"],
    })),
  );
}

// Chunks first, entry points last: a bundle never refers to a chunk not yet written.
const isChunk = (file) => file.path.includes("/chunks/");
for (const file of outputs.filter(isChunk)) writeAtomically(file.path, file.contents);
for (const file of outputs.filter((f) => !isChunk(f))) writeAtomically(file.path, file.contents);
// Chunks of earlier builds (content-hashed names) are removed; concurrent builds of the same
// sources produce the same names, so they never remove each other's.
if (existsSync(CLI_CHUNKS)) {
  const current = new Set(outputs.filter(isChunk).map((f) => resolve(f.path)));
  for (const name of readdirSync(CLI_CHUNKS)) {
    const path = resolve(join(CLI_CHUNKS, name));
    if (!current.has(path) && !name.endsWith(".tmp")) rmSync(path, { force: true });
  }
}
