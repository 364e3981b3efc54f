// The saga law kit (LAWS.md §C), exported as `@archc/checker/laws`. `sagaLaws` turns a compiled
// saga and a team's implementation into named fast-check properties; `assertSagaLaws` runs them
// (for vitest or jest) and, on failure, throws an error that names the law and carries
// fast-check's seed, path and replay path. docs/law-kit.md is the manual.

import type { Model } from "@archc/compiler";
import fc from "fast-check";
import { type LawEnv, structuralEqual } from "./harness.js";
import {
  compensationIdempotent,
  compensationsCommute,
  runIdempotent,
  semanticUndo,
  toleratesAbsent,
  type Verdict,
} from "./predicates.js";
import { failurePoints, RunnerHarness, runnerCommands, runnerVerdict, showEvents } from "./runner-law.js";
import { checkCoverage, type SagaShape, type StepShape, sagaShape } from "./saga-shape.js";
import type { SagaImplementation, SagaLawOptions, SagaLawRunOptions } from "./types.js";

export {
  compensationIdempotent,
  compensationsCommute,
  runIdempotent,
  semanticUndo,
  toleratesAbsent,
  type Verdict,
} from "./predicates.js";
export { type CallEvent, runnerVerdict } from "./runner-law.js";
export { type SagaShape, type StepShape, sagaShape } from "./saga-shape.js";
export { structuralEqual } from "./harness.js";
export * from "./types.js";

export type LawKind =
  | "semantic-undo"
  | "tolerates-absent"
  | "compensation-idempotence"
  | "run-idempotence"
  | "commutation"
  | "runner";

export interface SagaLaw {
  /** e.g. "compensation idempotence of step authorize (payments.void)". */
  readonly name: string;
  readonly kind: LawKind;
  readonly steps: readonly string[];
  /** Runs with `fc.check` / `fc.assert` (the generated values differ from law to law). */
  readonly property: fc.IRawProperty<unknown[], true>;
}

/** A law that does not hold: its name, why, and how to replay the counterexample. */
export class SagaLawError extends Error {
  constructor(
    readonly law: string,
    readonly seed: number,
    readonly path: string | undefined,
    readonly replayPath: string | undefined,
    readonly report: string,
  ) {
    super(
      `Saga law "${law}" does not hold.\n` +
        `Replay with { seed: ${seed}, path: ${JSON.stringify(path ?? "")}${replayPath ? `, replayPath: ${JSON.stringify(replayPath)}` : ""} }\n\n${report}`,
    );
    this.name = "SagaLawError";
  }
}

class LawViolation extends Error {
  constructor(why: string) {
    super(why);
    this.name = "LawViolation";
  }
}

function settle(v: Verdict): void {
  if (v.kind === "skip") fc.pre(false);
  if (v.kind === "fails") throw new LawViolation(v.why);
}

/** The laws of §C that apply to this saga, each a named fast-check property. */
export function sagaLaws<S, O>(
  model: Model,
  sagaName: string,
  impl: SagaImplementation<S>,
  opts: SagaLawOptions<S, O>,
): SagaLaw[] {
  const shape = sagaShape(model, sagaName);
  checkCoverage(shape, impl);
  const env: LawEnv<S, unknown> = {
    shape,
    impl,
    obs: opts.obs,
    eq: (opts.eq as ((a: unknown, b: unknown) => boolean) | undefined) ?? structuralEqual,
    clone: opts.clone ?? ((s) => structuredClone(s)),
  };
  const laws: SagaLaw[] = [];
  const perStep = (
    kind: LawKind,
    label: string,
    step: StepShape,
    ops: string,
    pred: (env: LawEnv<S, unknown>, step: StepShape, s: S, x: unknown) => Promise<Verdict>,
  ) => {
    laws.push({
      name: `${label} of step ${step.name} (${ops})`,
      kind,
      steps: [step.name],
      property: fc.asyncProperty(opts.state, opts.input, async (s, x) => settle(await pred(env, step, s, x))),
    });
  };
  const compensated = shape.steps.filter((s) => s.compensationOp !== undefined);
  for (const step of compensated)
    perStep("semantic-undo", "semantic undo", step, `${step.compensationOp} after ${step.op}`, semanticUndo);
  for (const step of compensated.filter((s) => s.toleratesAbsent))
    perStep("tolerates-absent", "tolerates absent effect", step, `${step.compensationOp}`, toleratesAbsent);
  for (const step of compensated)
    perStep(
      "compensation-idempotence",
      "compensation idempotence",
      step,
      `${step.compensationOp}`,
      compensationIdempotent,
    );
  for (const step of shape.steps.filter((s) => s.kind === "retriable" || s.idempotent))
    perStep("run-idempotence", "run idempotence", step, step.op, runIdempotent);
  for (const [a, b] of parallelPairs(shape)) {
    laws.push({
      name: `commutation of the compensations of ${a.name} and ${b.name} (${a.compensationOp}, ${b.compensationOp})`,
      kind: "commutation",
      steps: [a.name, b.name],
      property: fc.asyncProperty(opts.state, opts.input, fc.scheduler(), async (s, x, scheduler) =>
        settle(await compensationsCommute(env, a, b, s, x, scheduler)),
      ),
    });
  }
  if (opts.runner) laws.push(runnerLaw(shape, env, opts));
  return laws;
}

function parallelPairs(shape: SagaShape): [StepShape, StepShape][] {
  const pairs: [StepShape, StepShape][] = [];
  for (const stage of shape.stages) {
    const members = stage.map((n) => shape.steps.find((s) => s.name === n)!).filter((s) => s.compensationOp);
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) pairs.push([members[i], members[j]]);
  }
  return pairs;
}

function runnerLaw<S, O>(shape: SagaShape, env: LawEnv<S, unknown>, opts: SagaLawOptions<S, O>): SagaLaw {
  const points = failurePoints(shape);
  const failAt =
    points.length > 0 ? fc.option(fc.constantFrom(...points), { nil: undefined }) : fc.constant(undefined);
  const maxTicks = 20 * shape.steps.length + 20;
  return {
    name: "runner law (compensation log = reverse of the committed prefix, each compensation exactly once, through crashes)",
    kind: "runner",
    steps: shape.steps.map((s) => s.name),
    property: fc.asyncProperty(
      opts.state,
      opts.input,
      failAt,
      fc.commands(runnerCommands<S>(), { size: "small" }),
      async (s, x, fail, commands) => {
        const harness = new RunnerHarness(shape, env.impl, opts.runner!, env.clone(s), x, fail, {
          pause: () => Promise.resolve(),
        });
        await fc.asyncModelRun(() => ({ model: { done: false }, real: harness }), commands);
        await harness.finish(maxTicks);
        const why = runnerVerdict(shape, harness.events, harness.crashes);
        if (why)
          throw new LawViolation(
            `${why}; ${harness.crashes} crash(es). Calls:\n${showEvents(harness.events)}`,
          );
      },
    ),
  };
}

/**
 * Runs every law (or those named in `only`: a law's name or kind) with `fc.check` and throws a
 * `SagaLawError` for the first that fails, with the law's name, seed, path, replay path and
 * fast-check's report (the shrunk counterexample).
 */
export async function assertSagaLaws<S, O>(
  model: Model,
  sagaName: string,
  impl: SagaImplementation<S>,
  opts: SagaLawOptions<S, O>,
  run: SagaLawRunOptions = {},
): Promise<void> {
  for (const law of selected(sagaLaws(model, sagaName, impl, opts), run.only)) {
    const details = await fc.check(law.property, {
      numRuns: run.numRuns,
      seed: run.seed,
      path: run.path,
    });
    if (!details.failed) continue;
    const why =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const report = `${(await fc.asyncDefaultReportMessage(details)) ?? ""}\n\nWhy it fails: ${why}`;
    const replayPath = /replayPath="([^"]*)"/.exec(report)?.[1];
    throw new SagaLawError(
      law.name,
      details.seed,
      details.counterexamplePath ?? undefined,
      replayPath,
      report,
    );
  }
}

function selected(laws: SagaLaw[], only: readonly string[] | undefined): SagaLaw[] {
  if (!only) return laws;
  return laws.filter((l) => only.includes(l.name) || only.includes(l.kind));
}
