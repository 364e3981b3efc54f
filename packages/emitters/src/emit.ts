// Dispatch to the targets. A single target's files sit at the root of the output; `all` puts
// each target in a folder of its own name.
//
// Two entry points: `emitAsync` for every target (the diagram is laid out by elkjs, which is
// asynchronous) and `emit`, synchronous, for the targets that need no layout; its `all` is
// every synchronous target.

import type { Model } from "@archc/compiler";
import { compareDiagnostics, type Diagnostic } from "@archc/dsl";
import { emitAsyncApi } from "./asyncapi/emit-asyncapi.js";
import { emitCompose } from "./compose/emit-compose.js";
import { type EmitContext, selectDeployment } from "./context.js";
import { modelRelations } from "./model-relations.js";
import { sharedComponents } from "./schema/shared-components.js";
import { emitDiagramFiles } from "./diagram/emit-diagram.js";
import { emitKubernetes } from "./kubernetes/emit-kubernetes.js";
import { emitOpenApi } from "./openapi/emit-openapi.js";

/** Targets `emit` produces synchronously. */
export const syncEmitTargets = ["compose", "k8s", "openapi", "asyncapi"] as const;
/** Every target, in the order `all` emits them. */
export const emitTargets = [...syncEmitTargets, "diagram"] as const;
export type SyncEmitTarget = (typeof syncEmitTargets)[number] | "all";
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

/** The synchronous targets; `all` means compose, k8s, openapi and asyncapi. */
export function emit(model: Model, target: SyncEmitTarget, options: EmitOptions = {}): EmitResult {
  const run = startRun(model, target, syncEmitTargets, options);
  for (const [t, ctx] of run.targets) run.add(t, emitSync(ctx, t));
  return run.result();
}

/** Every target; `all` includes the diagram. */
export async function emitAsync(
  model: Model,
  target: EmitTarget,
  options: EmitOptions = {},
): Promise<EmitResult> {
  const run = startRun(model, target, emitTargets, options);
  for (const [t, ctx] of run.targets)
    run.add(t, t === "diagram" ? await emitDiagramFiles(ctx) : emitSync(ctx, t));
  return run.result();
}

function startRun<T extends (typeof emitTargets)[number]>(
  model: Model,
  target: T | "all",
  all: readonly T[],
  options: EmitOptions,
) {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string>();
  const single = target !== "all";
  const targets: [T, EmitContext][] = [];
  let deployChecked = false;
  const relations = modelRelations(model);
  const components = sharedComponents(model);
  for (const t of single ? [target] : all) {
    const kind = t === "compose" ? "compose" : "kubernetes";
    // Report an unknown --deploy once, not once per target.
    const deploy = selectDeployment(model, options.deploy, kind, deployChecked ? [] : diagnostics);
    deployChecked = true;
    targets.push([t, { model, deploy, diagnostics, relations, components }]);
  }
  return {
    targets,
    add(t: T, out: Map<string, string>): void {
      for (const [path, content] of out) files.set(single ? path : `${t}/${path}`, content);
    },
    result(): EmitResult {
      return {
        files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
        diagnostics: dedupe(diagnostics).sort(compareDiagnostics),
      };
    },
  };
}

function emitSync(ctx: EmitContext, target: (typeof syncEmitTargets)[number]): Map<string, string> {
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
