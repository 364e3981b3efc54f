#!/usr/bin/env node
// The CLI is bundled by scripts/build.mjs (run on install); this shim only loads the bundle.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bundle = new URL("../dist/archc.mjs", import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write(
    "archc: the CLI bundle is missing; run `npx -y pnpm@10 install` (or `pnpm build`) first\n",
  );
  process.exit(2);
}
await import(bundle.href);
