// How the benchmarks bundle the code they measure: the way scripts/build.mjs bundles archc (ESM
// for Node 20, with `require` available to bundled CommonJS), so they time what users run
// rather than tsx's transform of the sources.

import { type BuildOptions, build } from "esbuild";

export async function bundleForNode(options: BuildOptions): Promise<void> {
  await build({
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    banner: {
      js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
    },
    ...options,
  });
}
