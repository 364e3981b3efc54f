// vitest global set-up: bundle the CLI and the language server once before any test file runs,
// so tests that spawn `archc` or the server never race each other to build them.
import { spawnSync } from "node:child_process";

export default function setup(): void {
  const result = spawnSync(process.execPath, ["scripts/build.mjs"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`scripts/build.mjs failed:\n${result.stderr}`);
}
