// The real validators the emitted files must satisfy. A validator that is missing fails the
// test under CI (CI=true) and skips it on a developer machine without it.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { Parser } from "@asyncapi/parser";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { Ajv2019 } from "ajv/dist/2019.js";
import type { ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";

export const COMPOSE_SCHEMA_PATH = "/usr/lib/python3/dist-packages/compose/config/compose_spec.json";

function hasDockerCompose(): boolean {
  try {
    execFileSync("docker-compose", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export const dockerComposeAvailable = hasDockerCompose();
export const composeSchemaAvailable = existsSync(COMPOSE_SCHEMA_PATH);
/** Skip only outside CI: under CI a missing validator must fail the run. */
export const skipWithout = (available: boolean) => !available && !process.env.CI;

let composeValidate: ValidateFunction | undefined;

/** Errors from the compose-spec JSON schema (the copy Debian's docker-compose ships). */
export function composeSchemaErrors(doc: unknown): unknown[] {
  if (!composeValidate) {
    const schema = JSON.parse(readFileSync(COMPOSE_SCHEMA_PATH, "utf8")) as Record<string, unknown>;
    // It declares draft 2019-09 under the old http URI, which Ajv2019 knows as https.
    delete schema.$schema;
    dropDraft4Ids(schema);
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    // Formats in the spirit of docker-compose's own checks (compose/config/validation.py):
    // durations are Go durations (`10s`, `1m30s`), not ISO 8601 as in ajv-formats.
    ajv.addFormat("duration", /^(?:[0-9]+(?:\.[0-9]+)?(?:ns|us|µs|ms|s|m|h))+$/);
    ajv.addFormat("expose", /^\d+(?:-\d+)?(?:\/(?:udp|tcp|sctp))?$/i);
    ajv.addFormat("ports", /^(?:(?:[0-9.:[\]a-f]*:)?\d*(?:-\d+)?:)?\d+(?:-\d+)?(?:\/(?:udp|tcp|sctp))?$/i);
    ajv.addFormat("subnet_ip_address", /^[0-9a-f.:]+\/\d{1,3}$/i);
    composeValidate = ajv.compile(schema);
  }
  return composeValidate(doc) ? [] : ((composeValidate.errors as unknown[]) ?? ["invalid"]);
}

/** `id` (draft-04's `$id`) is refused by Ajv; the schema resolves its refs without them. */
function dropDraft4Ids(node: unknown, underProperties = false): void {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const x of node) dropDraft4Ids(x);
    return;
  }
  const obj = node as Record<string, unknown>;
  if (!underProperties && typeof obj.id === "string") delete obj.id;
  for (const [k, v] of Object.entries(obj))
    dropDraft4Ids(v, !underProperties && (k === "properties" || k === "patternProperties"));
}

/** Runs `docker-compose config -q` on the file; returns the exit code and stderr. */
export function dockerComposeConfig(
  text: string,
  env: Record<string, string> = {},
): { code: number; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "archc-compose-"));
  try {
    writeFileSync(path.join(dir, "compose.yaml"), text);
    const r = spawnSync("docker-compose", ["-f", "compose.yaml", "config", "-q"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", HOME: dir, ...env },
      encoding: "utf8",
    });
    return { code: r.status ?? 1, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Variables a compose file requires (`${NAME:?…}`), so config -q can be run with them set. */
export function requiredComposeVariables(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of text.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*):\?/g)) env[m[1]] = "set-by-test";
  return env;
}

let redoclyConfig: Awaited<ReturnType<typeof createConfig>> | undefined;

export interface LintProblem {
  severity: string;
  ruleId: string;
  message: string;
}

/** @redocly/openapi-core with the `recommended` ruleset. */
export async function lintOpenApi(text: string, name = "openapi.yaml"): Promise<LintProblem[]> {
  redoclyConfig ??= await createConfig({ extends: ["recommended"] });
  const problems = await lintFromString({ source: text, absoluteRef: name, config: redoclyConfig });
  return problems.map((p) => ({ severity: p.severity, ruleId: p.ruleId, message: p.message }));
}

/** @asyncapi/parser diagnostics at error severity (0). */
export async function asyncApiErrors(text: string): Promise<string[]> {
  const { diagnostics } = await new Parser().parse(text);
  return diagnostics
    .filter((d) => d.severity === 0)
    .map((d) => `${d.code}: ${d.message} at ${d.path.join("/")}`);
}
