// The saga model checker (LAWS.md §B): explores N concurrent instances of every saga under
// business errors, ambiguous timeouts, orchestrator crashes, duplicate deliveries and failing
// compensations, and reports saga-stuck, saga-partial-commit, saga-isolation and
// saga-duplicate-effect with the shortest counterexample. docs/model-checking.md is the manual.

import { freemem } from "node:os";
import type { Model } from "@archc/compiler";
import { compareDiagnostics, type Diagnostic } from "@archc/dsl";
import { type Exploration, type ExploreProgress, explore } from "./explore.js";
import { findingsOf, type ModelCheckFinding } from "./findings.js";

export type { ModelCheckFinding } from "./findings.js";
import { findFairLasso, type Lasso } from "./liveness.js";
import { planSaga } from "./plan.js";
import { SagaSpace } from "./saga-space.js";
import { sagaShapeKey } from "./shape.js";
import { StateSet } from "./state-set.js";

export { type ItfMeta, type ItfTrace, itfTraceFiles, toItf } from "./itf.js";
export { formatModelCheckSummary, formatTrace, type SagaSummaryStats } from "./format.js";
export { type ModelCheckRuleId, type ModelCheckRuleMeta, modelCheckRule, modelCheckRules } from "./rules.js";
export { type ReplayOptions, type ReplayResult, replayTrace } from "./replay.js";
export { MAX_INSTANCES } from "./product.js";
import { MAX_INSTANCES } from "./product.js";

export const DEFAULT_INSTANCES = 2;
export const DEFAULT_MAX_STATES = 20_000_000;
export const DEFAULT_MAX_CRASHES = 1;

export interface ModelCheckProgress extends ExploreProgress {
  readonly saga: string;
}

export interface ModelCheckOptions {
  /** Concurrent instances of each saga (default 2, at most 8). */
  readonly instances?: number;
  /** Stop after this many distinct states per saga and say "bounded" (default 20 million, less if memory is short). */
  readonly maxStates?: number;
  /** Orchestrator crashes explored per run (default 1). */
  readonly maxCrashes?: number;
  /** Only these sagas (default: all). */
  readonly sagas?: readonly string[];
  /** Called about once a second while a saga's exploration runs longer than a second. */
  readonly onProgress?: (p: ModelCheckProgress) => void;
  /** Bytes the explorer may use (default: half the free memory, at most 4 GiB). */
  readonly memoryBudgetBytes?: number;
  /** Store one state per permutation of interchangeable instances (default true; see docs). */
  readonly symmetry?: boolean;
}

export interface SagaCheckStats {
  readonly saga: string;
  readonly instances: number;
  /** Successor states generated, repeats included (TLC's "states generated"). */
  readonly statesExplored: number;
  readonly distinctStates: number;
  /** Distinct states per second of exploration. */
  readonly statesPerSecond: number;
  /** Exploration time (ms); the fairness analysis is `livenessMs`. */
  readonly elapsedMs: number;
  /** CPU time of the exploration (ms): on a busy machine, less than `elapsedMs`. */
  readonly cpuMs: number;
  readonly livenessMs: number;
  /** True when a bound stopped the search: then nothing is proved. */
  readonly bounded: boolean;
  readonly boundReason?: "max-states" | "memory";
  readonly maxStates: number;
  readonly fairness: "weak";
  /** States were stored one per permutation of the interchangeable instances. */
  readonly symmetryReduced: boolean;
  /** No instance can loop, so termination followed from deadlock freedom (no lasso search). */
  readonly acyclic: boolean;
  readonly findings: number;
  /** Why the saga was not explored (unresolved ops: the compiler reports those). */
  readonly skipped?: string;
  /**
   * The earlier saga of the same shape whose exploration this one reuses (see shape.ts): the
   * state counts are that exploration's, and no time was spent exploring again.
   */
  readonly sameShapeAs?: string;
}

export interface ModelCheckResult {
  readonly diagnostics: Diagnostic[];
  /** The same findings with the model elements each involves (for `allow <rule> on <name>`). */
  readonly findings: ModelCheckFinding[];
  readonly stats: { readonly sagas: SagaCheckStats[] };
}

/** An exploration kept for later sagas of the same shape. */
interface ShapeResult {
  readonly saga: string;
  /** Kept only when it holds a counterexample to rebuild; otherwise there is nothing to rebuild. */
  readonly explored: Exploration | undefined;
  readonly lasso: Lasso | undefined;
  readonly stats: SagaCheckStats;
}

/** Explorations larger than this are not kept in memory for reuse (they are redone instead). */
const MAX_KEPT_STATES = 2_000_000;

/** Bytes per explored state at worst: the state set just after it grew, plus the liveness pass's arrays. */
function bytesPerState(words: number): number {
  return StateSet.bytesPerState(words) + 7 * 4 + 1;
}

export function modelCheck(model: Model, opts: ModelCheckOptions = {}): ModelCheckResult {
  const instances = opts.instances ?? DEFAULT_INSTANCES;
  const maxCrashes = opts.maxCrashes ?? DEFAULT_MAX_CRASHES;
  // Usage errors, not findings: the CLI validates its flags, so reaching here is a caller's bug.
  if (!Number.isInteger(instances) || instances < 1 || instances > MAX_INSTANCES)
    throw new RangeError(`instances must be an integer from 1 to ${MAX_INSTANCES}, not ${instances}`);
  if (!Number.isInteger(maxCrashes) || maxCrashes < 0)
    throw new RangeError(`maxCrashes must be a whole number, not ${maxCrashes}`);
  if (opts.maxStates !== undefined && !(opts.maxStates >= 1))
    throw new RangeError(`maxStates must be at least 1, not ${opts.maxStates}`);
  const budget = opts.memoryBudgetBytes ?? Math.min(4 * 2 ** 30, Math.floor(freemem() / 2));
  const requested = opts.maxStates ?? DEFAULT_MAX_STATES;
  const findings: ModelCheckFinding[] = [];
  const sagas: SagaCheckStats[] = [];
  const wanted = opts.sagas ? new Set(opts.sagas) : undefined;
  const shapes = new Map<string, ShapeResult>();
  for (const saga of Object.values(model.sagas)) {
    if (wanted && !wanted.has(saga.name)) continue;
    const base = { saga: saga.name, instances, fairness: "weak" as const };
    const planned = planSaga(model, saga);
    const shape = planned.ok ? sagaShapeKey(planned.plan) : "";
    const same = shapes.get(shape);
    const reuse = (found: ModelCheckFinding[]): void => {
      findings.push(...found);
      sagas.push({
        ...same!.stats,
        saga: saga.name,
        elapsedMs: 0,
        cpuMs: 0,
        livenessMs: 0,
        findings: found.length,
        sameShapeAs: same!.saga,
      });
    };
    // Nothing to rebuild: the shape's exploration found nothing, so neither does this saga's.
    if (same && same.stats.findings === 0) {
      reuse([]);
      continue;
    }
    let space: SagaSpace | undefined;
    let skipped = planned.ok ? undefined : planned.reason;
    if (planned.ok) {
      try {
        space = new SagaSpace(planned.plan, instances, maxCrashes, opts.symmetry ?? true);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        skipped = e.message;
      }
    }
    if (!space) {
      sagas.push({
        ...base,
        statesExplored: 0,
        distinctStates: 0,
        statesPerSecond: 0,
        elapsedMs: 0,
        cpuMs: 0,
        livenessMs: 0,
        bounded: false,
        maxStates: requested,
        symmetryReduced: false,
        acyclic: false,
        findings: 0,
        skipped,
      });
      continue;
    }
    // Counterexamples are rebuilt from the kept exploration with this saga's own plan.
    if (same?.explored) {
      reuse(findingsOf(model, space, same.explored, same.lasso));
      continue;
    }
    const memoryCap = Math.max(1, Math.floor(budget / bytesPerState(space.words)));
    const maxStates = Math.min(requested, memoryCap);
    const explored = explore(space.product, {
      maxStates,
      onProgress: opts.onProgress && ((p) => opts.onProgress?.({ ...p, saga: saga.name })),
    });
    const t0 = performance.now();
    // With no cycle among an instance's local states there is no lasso to look for.
    const lasso = space.local.acyclic ? undefined : findFairLasso(space, explored);
    const livenessMs = performance.now() - t0;
    const found = findingsOf(model, space, explored, lasso);
    findings.push(...found);
    const stats: SagaCheckStats = {
      ...base,
      statesExplored: explored.generated,
      distinctStates: explored.set.size,
      statesPerSecond:
        explored.elapsedMs > 0 ? Math.round((explored.set.size * 1000) / explored.elapsedMs) : 0,
      elapsedMs: explored.elapsedMs,
      cpuMs: explored.cpuMs,
      livenessMs,
      bounded: explored.bounded,
      boundReason: explored.bounded ? (maxStates < requested ? "memory" : "max-states") : undefined,
      maxStates,
      symmetryReduced: space.symmetric,
      acyclic: space.local.acyclic,
      findings: found.length,
    };
    sagas.push(stats);
    if (!same) {
      const keep = found.length > 0 && explored.set.size <= MAX_KEPT_STATES;
      shapes.set(shape, { saga: saga.name, explored: keep ? explored : undefined, lasso, stats });
    }
  }
  if (wanted) {
    for (const name of wanted) {
      if (!model.sagas[name])
        sagas.push({
          saga: name,
          instances,
          fairness: "weak",
          statesExplored: 0,
          distinctStates: 0,
          statesPerSecond: 0,
          elapsedMs: 0,
          cpuMs: 0,
          livenessMs: 0,
          bounded: false,
          maxStates: requested,
          symmetryReduced: false,
          acyclic: false,
          findings: 0,
          skipped: "no saga of that name",
        });
    }
  }
  findings.sort((a, b) => compareDiagnostics(a.diagnostic, b.diagnostic));
  return { diagnostics: findings.map((f) => f.diagnostic), findings, stats: { sagas } };
}
