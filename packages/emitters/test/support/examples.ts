// Compiles the repository's examples with the real compiler, for golden and validator tests.

import { existsSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { compilePaths, type Model } from "@archc/compiler";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
export const EXAMPLES = ["shop", "sock-shop", "online-boutique", "agent-platform"] as const;

export function exampleEntry(name: string): string {
  const dir = path.join(REPO_ROOT, "examples", name);
  const named = path.join(dir, `${name}.arch`);
  return existsSync(named) ? named : dir;
}

export function exampleExists(name: string): boolean {
  return existsSync(path.join(REPO_ROOT, "examples", name));
}

/** The examples present in this checkout (others land with their engineers' work). */
export const presentExamples = EXAMPLES.filter(exampleExists);

export function compileExample(name: string): Model {
  const c = compilePaths([exampleEntry(name)]);
  const errors = c.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`${name}: ${errors.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return c.model;
}
