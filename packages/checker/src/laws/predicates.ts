// The laws of LAWS.md §C.1–4 as plain predicates over one case (a start state and a saga input),
// in the style of fp-ts-laws: each says whether the law holds, fails (and why), or does not
// apply to the case (an earlier step failed for business reasons). `sagaLaws` wraps them in
// fast-check properties.

import type fc from "fast-check";
import {
  compensateStep,
  compensationArg,
  inputOf,
  type LawEnv,
  observe,
  reach,
  runStep,
  show,
} from "./harness.js";
import type { StepShape } from "./saga-shape.js";
import type { StepIo } from "./types.js";

export type Verdict =
  | { readonly kind: "holds" }
  | { readonly kind: "fails"; readonly why: string }
  | { readonly kind: "skip" };

const HOLDS: Verdict = { kind: "holds" };
const SKIP: Verdict = { kind: "skip" };
const fails = (why: string): Verdict => ({ kind: "fails", why });

/** §C.1 Semantic undo: obs(compensate(run(s, x))) ≈ obs(s). */
export async function semanticUndo<S>(
  env: LawEnv<S, unknown>,
  step: StepShape,
  s0: S,
  x: unknown,
): Promise<Verdict> {
  const r = await reach(env, s0, x, step.index);
  if (!r) return SKIP;
  const before = observe(env, r.state);
  const res = await runStep(env, step, r.state, inputOf(step, x, r.outputs));
  if (!res.ok) return SKIP;
  await compensateStep(env, step, r.state, compensationArg(step, res.output, x, r.outputs));
  const after = observe(env, r.state);
  return env.eq(after, before)
    ? HOLDS
    : fails(
        `after ${step.op} and its compensation ${step.compensationOp} the state observes as ${show(after)}, not ${show(before)} as before the step`,
      );
}

/** §C.2 Tolerates absent effect: obs(compensate(s)) ≈ obs(s) when the step never ran (a timeout). */
export async function toleratesAbsent<S>(
  env: LawEnv<S, unknown>,
  step: StepShape,
  s0: S,
  x: unknown,
): Promise<Verdict> {
  const r = await reach(env, s0, x, step.index);
  if (!r) return SKIP;
  // The output the step would have returned, computed on a copy: the real request was lost.
  const res = await runStep(env, step, env.clone(r.state), inputOf(step, x, r.outputs));
  if (!res.ok) return SKIP;
  const before = observe(env, r.state);
  await compensateStep(env, step, r.state, compensationArg(step, res.output, x, r.outputs));
  const after = observe(env, r.state);
  return env.eq(after, before)
    ? HOLDS
    : fails(
        `${step.compensationOp} ran for ${step.name}, which never happened, and changed the state from ${show(before)} to ${show(after)}`,
      );
}

/** §C.3 Idempotence of a compensation: compensating twice ≈ once. */
export async function compensationIdempotent<S>(
  env: LawEnv<S, unknown>,
  step: StepShape,
  s0: S,
  x: unknown,
): Promise<Verdict> {
  const r = await reach(env, s0, x, step.index);
  if (!r) return SKIP;
  const res = await runStep(env, step, r.state, inputOf(step, x, r.outputs));
  if (!res.ok) return SKIP;
  const arg = compensationArg(step, res.output, x, r.outputs);
  await compensateStep(env, step, r.state, arg);
  const once = observe(env, r.state);
  await compensateStep(env, step, r.state, arg);
  const twice = observe(env, r.state);
  return env.eq(twice, once)
    ? HOLDS
    : fails(`${step.compensationOp} applied twice observes as ${show(twice)}, once as ${show(once)}`);
}

/** §C.3 Idempotence of a step (retriable, or declared idempotent): running twice ≈ once. */
export async function runIdempotent<S>(
  env: LawEnv<S, unknown>,
  step: StepShape,
  s0: S,
  x: unknown,
): Promise<Verdict> {
  const r = await reach(env, s0, x, step.index);
  if (!r) return SKIP;
  const input = inputOf(step, x, r.outputs);
  const first = await runStep(env, step, r.state, input);
  if (!first.ok) return SKIP;
  const once = observe(env, r.state);
  const second = await runStep(env, step, r.state, input);
  if (!second.ok)
    return fails(
      `${step.op} succeeded, then failed with ${second.error.code} when sent again with the same input`,
    );
  const twice = observe(env, r.state);
  return env.eq(twice, once)
    ? HOLDS
    : fails(`${step.op} run twice observes as ${show(twice)}, once as ${show(once)}`);
}

/**
 * §C.4 Commutation: the compensations of two steps of one `parallel` group give the same state
 * in either order, and when run concurrently under `fc.scheduler` (which decides, at every
 * `io.pause`, which one goes on).
 */
export async function compensationsCommute<S>(
  env: LawEnv<S, unknown>,
  a: StepShape,
  b: StepShape,
  s0: S,
  x: unknown,
  scheduler?: fc.Scheduler,
): Promise<Verdict> {
  const lastOfGroup = Math.max(...env.shape.steps.filter((s) => s.stage === a.stage).map((s) => s.index));
  const r = await reach(env, s0, x, lastOfGroup + 1);
  if (!r) return SKIP;
  const argA = compensationArg(a, r.outputs.get(a.name), x, r.outputs);
  const argB = compensationArg(b, r.outputs.get(b.name), x, r.outputs);
  const ab = env.clone(r.state);
  await compensateStep(env, a, ab, argA);
  await compensateStep(env, b, ab, argB);
  const ba = env.clone(r.state);
  await compensateStep(env, b, ba, argB);
  await compensateStep(env, a, ba, argA);
  const obsAB = observe(env, ab);
  const obsBA = observe(env, ba);
  if (!env.eq(obsAB, obsBA))
    return fails(
      `${a.compensationOp} then ${b.compensationOp} observes as ${show(obsAB)}, the other order as ${show(obsBA)}`,
    );
  if (!scheduler) return HOLDS;
  const together = env.clone(r.state);
  const io: StepIo = { pause: (label) => scheduler.schedule(Promise.resolve(), label) };
  const done = Promise.all([
    compensateStep(env, a, together, argA, io),
    compensateStep(env, b, together, argB, io),
  ]);
  await scheduler.waitIdle();
  await done;
  const obsTogether = observe(env, together);
  return env.eq(obsTogether, obsAB)
    ? HOLDS
    : fails(
        `${a.compensationOp} and ${b.compensationOp} run concurrently observe as ${show(obsTogether)}, one after the other as ${show(obsAB)}`,
      );
}
