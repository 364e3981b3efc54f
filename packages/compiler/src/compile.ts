// The compiler's pipeline: a loaded workspace (ASTs) to the checked, frozen Model plus every
// diagnostic. Stages run in a fixed order; each is a file named after what it does.

import * as path from "node:path";
import {
  compareDiagnostics,
  type Diagnostic,
  expandEntries,
  loadWorkspace,
  type Workspace,
  workspaceDiagnostics,
} from "@archc/dsl";
import { buildDeployments } from "./build/build-deployments.js";
import { buildGateways } from "./build/build-gateways.js";
import { buildInfra } from "./build/build-infra.js";
import { buildRules, buildSuppressions } from "./build/build-rules.js";
import { buildServices } from "./build/build-services.js";
import { buildSystem } from "./build/build-system.js";
import { linkServices } from "./build/link-services.js";
import { checkTopicKeys } from "./check/check-events.js";
import type { CompileContext } from "./context.js";
import { DiagnosticSink } from "./diagnostics.js";
import { buildFlows } from "./flows/build-flows.js";
import { freezeModel } from "./freeze.js";
import type { DeclReuse } from "./incremental/decl-reuse.js";
import type { ServiceReuse } from "./incremental/service-reuse.js";
import type { StageReplay } from "./incremental/stage-replay.js";
import type { TypeReuse } from "./incremental/type-reuse.js";
import { buildIndex } from "./index/build-index.js";
import { MEMORY_ROOT, memoryHost } from "./memory-host.js";
import type { Model, ModelIndex } from "./model/schema.js";
import { ApiTable } from "./names/api-table.js";
import { type CollectedDecls, collectDecls } from "./names/collect-decls.js";
import { buildSagas } from "./sagas/build-sagas.js";
import { buildTypes } from "./types/build-types.js";
import { TypeResolver } from "./types/resolve-types.js";

export interface Compilation {
  /** The checked Model: frozen; partial (but well formed) when there are errors. */
  readonly model: Model;
  /** Load, parse and compile diagnostics, in source order. */
  readonly diagnostics: Diagnostic[];
  readonly workspace: Workspace;
}

function emptyModel(ws: Workspace): Model {
  return {
    schemaVersion: 1,
    system: { name: "" },
    files: ws.files.map((f) => f.file),
    types: {},
    stores: {},
    brokers: {},
    topics: {},
    events: {},
    services: {},
    ops: {},
    flows: {},
    sagas: {},
    gateways: {},
    deployments: {},
    rules: { settings: [], allows: [] },
    suppressions: [],
    index: {
      callees: {},
      callers: {},
      opCallers: {},
      storeUsers: {},
      producers: {},
      consumers: {},
      topicEvents: {},
      routes: {},
      newestApi: {},
    },
  };
}

export function compileWorkspace(ws: Workspace): Compilation {
  return runPipeline(ws);
}

/** The stages after collecting declarations, in order; each reads what earlier ones wrote. */
const STAGES = [
  ["system", buildSystem],
  ["types", buildTypes],
  ["infra", buildInfra],
  ["services", buildServices],
  ["links", linkServices],
  ["topic-keys", checkTopicKeys],
  ["flows", buildFlows],
  ["sagas", buildSagas],
  ["gateways", buildGateways],
  ["deployments", buildDeployments],
  ["rules", buildRules],
  ["suppressions", buildSuppressions],
] as const satisfies readonly (readonly [string, (ctx: CompileContext) => void])[];

export type Stage = (typeof STAGES)[number][0];

/** What incremental compilation hooks into the pipeline. */
export interface PipelineHooks {
  /** Skips unchanged services. */
  readonly services?: ServiceReuse;
  /** Skips unchanged records and enums. */
  readonly types?: TypeReuse;
  /** Skips unchanged infrastructure entries, flows and sagas. */
  readonly decls?: DeclReuse;
  /** Collects the declarations (instead of collectDecls). */
  readonly collect?: (ws: Workspace, sink: DiagnosticSink) => CollectedDecls;
  /** Replays checks whose inputs are the previous tables. */
  readonly replay?: StageReplay;
  /** Told before each stage runs (the Model tables of the earlier ones are final). */
  readonly beforeStage?: (stage: Stage, ctx: CompileContext) => void;
  /** The previous index tables that stand for this compilation (see buildIndex). */
  readonly keepIndex?: (ctx: CompileContext) => Partial<ModelIndex>;
  /** Sees the finished Model (and the context) before it is frozen. */
  readonly beforeFreeze?: (ctx: CompileContext) => void;
}

/** The stages, in order. */
export function runPipeline(ws: Workspace, hooks: PipelineHooks = {}): Compilation {
  const sink = new DiagnosticSink();
  const collected = hooks.collect?.(ws, sink) ?? collectDecls(ws, sink);
  const ctx: CompileContext = {
    workspace: ws,
    sink,
    symbols: collected.symbols,
    types: new TypeResolver(collected.symbols, sink),
    apis: new ApiTable(),
    system: collected.system,
    rules: collected.rules,
    comments: collected.comments,
    model: emptyModel(ws),
    reuse: hooks.services,
    typeReuse: hooks.types,
    declReuse: hooks.decls,
    replay: hooks.replay,
  };
  for (const [stage, run] of STAGES) {
    hooks.beforeStage?.(stage, ctx);
    run(ctx);
  }
  ctx.model.index = buildIndex(ctx.model, (svc) => ctx.apis.newest(svc)?.name, hooks.keepIndex?.(ctx));
  hooks.beforeFreeze?.(ctx);

  const diagnostics = [...workspaceDiagnostics(ws), ...sink.list].sort(compareDiagnostics);
  return { model: freezeModel(ctx.model), diagnostics, workspace: ws };
}

/** Compiles files and folders on disk (folders expand to the `.arch` files inside them). */
export function compilePaths(paths: string[], options: { root?: string } = {}): Compilation {
  return compileWorkspace(loadWorkspace(expandEntries(paths), { root: options.root }));
}

/** Compiles in-memory files: `entry` and whatever it imports from `files`. */
export function compileFiles(files: Record<string, string>, entry: string): Compilation {
  const ws = loadWorkspace([path.resolve(MEMORY_ROOT, entry)], {
    root: MEMORY_ROOT,
    host: memoryHost(files),
  });
  return compileWorkspace(ws);
}

/** Compiles one in-memory file. */
export function compileText(text: string, file = "main.arch"): Compilation {
  return compileFiles({ [file]: text }, file);
}
