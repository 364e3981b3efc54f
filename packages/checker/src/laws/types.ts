// What a team hands the law kit: its saga implementation (one `run` and one `compensate` per
// step), how to observe its state, how to generate states and inputs, and optionally its saga
// runner (orchestrator) for the runner law. docs/law-kit.md walks through each part.

import type fc from "fast-check";

/**
 * Lets an implementation mark the points where real I/O would yield (a read before a write).
 * The kit resolves them at once, except in the commutation law, where `fc.scheduler` decides
 * which concurrent compensation goes on: that is how lost updates between them show up.
 */
export interface StepIo {
  pause(label?: string): Promise<void>;
}

/**
 * One saga step. `run` performs the step's effect on `state` (mutating it; the kit hands it a
 * copy it owns) and returns the step's output; it throws a `BusinessError` for a declared
 * business failure. `compensate` undoes the step given the output it undoes (or the source the
 * saga names for it).
 */
export interface StepImplementation<S> {
  run(state: S, input: unknown, io: StepIo): unknown | Promise<unknown>;
  compensate?(state: S, output: unknown, io: StepIo): void | Promise<void>;
}

export type SagaImplementation<S> = Readonly<Record<string, StepImplementation<S>>>;

/** A declared business failure of an op (its `! Error` types): a definite "no". */
export class BusinessError extends Error {
  constructor(
    readonly code: string,
    message = code,
  ) {
    super(message);
    this.name = "BusinessError";
  }
}

/**
 * The runner's durable log: whatever it appends survives a crash. A crash discards the runner
 * object; the next one is built from the same log.
 */
export interface DurableLog {
  readonly entries: readonly unknown[];
  append(entry: unknown): void;
}

export interface RunnerContext<S> {
  /** The world the saga acts on (shared by every runner object across crashes). */
  readonly state: S;
  readonly input: unknown;
  readonly log: DurableLog;
  /** The steps to call: the team's implementation, instrumented by the kit. */
  readonly steps: SagaImplementation<S>;
  readonly io: StepIo;
}

/** A saga runner (orchestrator): each tick performs its next move. */
export interface SagaRunner<S> {
  /** Returns "done" once the saga has completed or finished compensating. */
  tick(ctx: RunnerContext<S>): "running" | "done" | Promise<"running" | "done">;
}

export interface SagaLawOptions<S, O = unknown> {
  /** What of the state the laws compare (e.g. balances and statuses, not timestamps). */
  readonly obs: (state: S) => O;
  /** Equivalence of observations (default: structural equality). */
  readonly eq?: (a: O, b: O) => boolean;
  /** Initial states. They are copied (`clone`) before every use, so steps may mutate them. */
  readonly state: fc.Arbitrary<S>;
  /** Saga inputs. */
  readonly input: fc.Arbitrary<unknown>;
  /** How to copy a state (default: `structuredClone`). */
  readonly clone?: (state: S) => S;
  /** Builds a fresh runner: enables the runner law. Called again after every simulated crash. */
  readonly runner?: () => SagaRunner<S>;
}

export interface SagaLawRunOptions {
  readonly numRuns?: number;
  readonly seed?: number;
  /** Run only the laws with these names or kinds. */
  readonly only?: readonly string[];
  /** Pass-through for replaying a failure (with `seed`). */
  readonly path?: string;
}
