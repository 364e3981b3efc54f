// Dispatch to the targets. A single target's files sit at the root of the output; `all` puts
// each target in a folder of its own name.

import type { Model } from "@archc/compiler";
import { compareDiagnostics, type Diagnostic } from "@archc/dsl";
import { emitAsyncApi } from "./asyncapi/emit-asyncapi.js";
import { emitCompose } from "./compose/emit-compose.js";
import { type EmitContext, selectDeployment } from "./context.js";
import { emitKubernetes } from "./kubernetes/emit-kubernetes.js";
import { emitOpenApi } from "./openapi/emit-openapi.js";

export const emitTargets = ["compose", "k8s", "openapi", "asyncapi"] as const;
export type EmitTarget = (typeof emitTargets)[number] | "all";

export interface EmitOptions {
  /** The deployment to emit for; default: the first whose target matches (compose or kubernetes). */
  readonly deploy?: string;
}

export interface EmitResult {
  /** Relative path (always `/`-separated) → file content, sorted by path. */
  readonly files: Map<string, string>;
  readonly diagnostics: Diagnostic[];
}

export function emit(model: Model, target: EmitTarget, options: EmitOptions = {}): EmitResult {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string>();
  const single = target !== "all";
  const targets = single ? [target] : emitTargets;
  let deployChecked = false;
  for (const t of targets) {
    const kind = t === "compose" ? "compose" : "kubernetes";
    // Report an unknown --deploy once, not once per target.
    const deploy = selectDeployment(model, options.deploy, kind, deployChecked ? [] : diagnostics);
    deployChecked = true;
    const ctx: EmitContext = { model, deploy, diagnostics };
    const out = emitOne(ctx, t);
    for (const [path, content] of out) files.set(single ? path : `${t}/${path}`, content);
  }
  return {
    files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    diagnostics: dedupe(diagnostics).sort(compareDiagnostics),
  };
}

function emitOne(ctx: EmitContext, target: (typeof emitTargets)[number]): Map<string, string> {
  switch (target) {
    case "compose":
      return emitCompose(ctx);
    case "k8s":
      return emitKubernetes(ctx);
    case "openapi":
      return emitOpenApi(ctx);
    case "asyncapi":
      return emitAsyncApi(ctx);
  }
}

function dedupe(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const key = `${d.code}|${d.span.file}|${d.span.start}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
