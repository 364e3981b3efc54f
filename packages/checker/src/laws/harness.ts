// Running a team's steps for the laws: copies of states so mutation is safe, step inputs
// resolved from the saga's sources, business errors told apart from bugs, and observations
// compared with the team's equivalence.

import type { SagaShape, StepShape } from "./saga-shape.js";
import { BusinessError, type SagaImplementation, type StepIo } from "./types.js";

export interface LawEnv<S, O> {
  readonly shape: SagaShape;
  readonly impl: SagaImplementation<S>;
  readonly obs: (state: S) => O;
  readonly eq: (a: O, b: O) => boolean;
  readonly clone: (state: S) => S;
}

export const immediateIo: StepIo = { pause: () => Promise.resolve() };

/** What the forward steps produced so far. */
export interface Reached<S> {
  readonly state: S;
  readonly outputs: Map<string, unknown>;
}

export type StepResult = { ok: true; output: unknown } | { ok: false; error: BusinessError };

export async function runStep<S>(
  env: LawEnv<S, unknown>,
  step: StepShape,
  state: S,
  input: unknown,
  io: StepIo = immediateIo,
): Promise<StepResult> {
  try {
    return { ok: true, output: await env.impl[step.name].run(state, input, io) };
  } catch (e) {
    if (e instanceof BusinessError) return { ok: false, error: e };
    throw e;
  }
}

export async function compensateStep<S>(
  env: LawEnv<S, unknown>,
  step: StepShape,
  state: S,
  arg: unknown,
  io: StepIo = immediateIo,
): Promise<void> {
  await env.impl[step.name].compensate!(state, arg, io);
}

/** A step's input: the saga's input or an earlier step's output. */
export function inputOf(step: StepShape, sagaInput: unknown, outputs: ReadonlyMap<string, unknown>): unknown {
  return step.source === "input" ? sagaInput : outputs.get(step.source);
}

/** What the compensation receives: by default the step's own output, else its declared source. */
export function compensationArg(
  step: StepShape,
  own: unknown,
  sagaInput: unknown,
  outputs: ReadonlyMap<string, unknown>,
): unknown {
  const src = step.compensationSource;
  if (src === undefined || src === step.name) return own;
  return src === "input" ? sagaInput : outputs.get(src);
}

/**
 * Runs, in saga order, every step before index `upto` on a copy of `s0`. Undefined when one of
 * them fails with a business error (the case does not reach the step under test).
 */
export async function reach<S>(
  env: LawEnv<S, unknown>,
  s0: S,
  sagaInput: unknown,
  upto: number,
): Promise<Reached<S> | undefined> {
  const state = env.clone(s0);
  const outputs = new Map<string, unknown>();
  for (const step of env.shape.steps.slice(0, upto)) {
    const r = await runStep(env, step, state, inputOf(step, sagaInput, outputs));
    if (!r.ok) return undefined;
    outputs.set(step.name, r.output);
  }
  return { state, outputs };
}

/** The observation of a state, taken on a copy so later mutation cannot change it. */
export function observe<S, O>(env: LawEnv<S, O>, state: S): O {
  return env.obs(env.clone(state));
}

/** Structural equality of plain data: primitives, arrays, plain objects, Maps, Sets, Dates. */
export function structuralEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => structuralEqual(x, b[i]));
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !structuralEqual(v, b.get(k))) return false;
    return true;
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set) || !(b instanceof Set) || a.size !== b.size) return false;
    for (const v of a) if (!b.has(v)) return false;
    return true;
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    structuralEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** A short, stable rendering of an observation for failure messages. */
export function show(v: unknown): string {
  try {
    const text = JSON.stringify(v, (_k, x) =>
      x instanceof Map ? Object.fromEntries(x) : x instanceof Set ? [...x] : x,
    );
    return text === undefined ? String(v) : text.length > 400 ? `${text.slice(0, 400)}…` : text;
  } catch {
    return String(v);
  }
}
