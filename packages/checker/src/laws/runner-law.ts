// §C.5 The runner law. A team's saga runner drives its own steps, instrumented by the kit, while
// fast-check generates a failure point (a step that answers with a business error) and a
// sequence of commands: ticks, crashes between ticks, and crashes in the middle of a call
// (before or after the participant's effect). After each crash the runner object is thrown
// away and a new one resumes from its durable log. When the run is over, the log of calls must
// show: steps in saga order; on failure, the committed prefix compensated in reverse order,
// each compensation completing exactly once, never the failing step, never after the pivot;
// each compensation given the output of the run it undoes.

import fc from "fast-check";
import { structuralEqual, show } from "./harness.js";
import type { SagaShape, StepShape } from "./saga-shape.js";
import {
  BusinessError,
  type DurableLog,
  type RunnerContext,
  type SagaImplementation,
  type SagaRunner,
  type StepImplementation,
  type StepIo,
} from "./types.js";

/** Thrown from inside an instrumented call to simulate the orchestrator dying there. */
class CrashSignal extends Error {
  constructor() {
    super("simulated crash (the law kit stops the runner here; do not catch this)");
    this.name = "CrashSignal";
  }
}

export interface CallEvent {
  readonly kind: "run" | "compensate";
  readonly step: string;
  readonly phase: "start" | "complete" | "business-error" | "crash-before-effect" | "crash-after-effect";
  readonly value?: unknown;
}

class MemoryLog implements DurableLog {
  readonly entries: unknown[] = [];
  append(entry: unknown): void {
    // Durable means serialised: later changes to the runner's objects must not reach the log.
    this.entries.push(structuredClone(entry));
  }
}

/** The system under test of the model run: the world, the log, the current runner object. */
export class RunnerHarness<S> {
  readonly events: CallEvent[] = [];
  readonly log = new MemoryLog();
  crashes = 0;
  done = false;
  private runner: SagaRunner<S>;
  private armed: "before" | "after" | undefined;
  private crashThrown = false;
  private readonly ctx: RunnerContext<S>;

  constructor(
    shape: SagaShape,
    impl: SagaImplementation<S>,
    private readonly makeRunner: () => SagaRunner<S>,
    state: S,
    input: unknown,
    readonly failAt: string | undefined,
    io: StepIo,
  ) {
    const steps: Record<string, StepImplementation<S>> = {};
    for (const step of shape.steps) steps[step.name] = this.instrument(step, impl[step.name]);
    this.ctx = { state, input, log: this.log, steps, io };
    this.runner = makeRunner();
  }

  private instrument(step: StepShape, real: StepImplementation<S>): StepImplementation<S> {
    const call = async (kind: "run" | "compensate", arg: unknown, body: () => unknown): Promise<unknown> => {
      this.events.push({ kind, step: step.name, phase: "start", value: arg });
      if (kind === "run" && this.failAt === step.name) {
        this.events.push({ kind, step: step.name, phase: "business-error" });
        throw new BusinessError(
          step.errors[0] ?? "InjectedFailure",
          `${step.op} fails (injected by the law kit)`,
        );
      }
      if (this.armed === "before") return this.crash(kind, step, "crash-before-effect", undefined);
      let value: unknown;
      try {
        value = await body();
      } catch (e) {
        // A business error of the team's own step is a failure point as good as an injected one.
        if (e instanceof BusinessError)
          this.events.push({ kind, step: step.name, phase: "business-error", value: e.code });
        throw e;
      }
      if (this.armed === "after") return this.crash(kind, step, "crash-after-effect", value);
      this.events.push({ kind, step: step.name, phase: "complete", value });
      return value;
    };
    return {
      run: (state, input, io) => call("run", input, () => real.run(state, input, io)),
      compensate: real.compensate
        ? async (state, output, io) => {
            await call("compensate", output, () => real.compensate!(state, output, io));
          }
        : undefined,
    };
  }

  private crash(
    kind: "run" | "compensate",
    step: StepShape,
    phase: CallEvent["phase"],
    value: unknown,
  ): never {
    this.armed = undefined;
    this.crashThrown = true;
    this.events.push({ kind, step: step.name, phase, value });
    throw new CrashSignal();
  }

  /** One move of the runner; a crash inside it restarts the runner from its log. */
  async tick(): Promise<void> {
    this.crashThrown = false;
    try {
      const r = await this.runner.tick(this.ctx);
      if (this.crashThrown)
        throw new Error(
          "the runner caught the kit's simulated crash and went on; it must let unknown errors through",
        );
      if (r === "done") this.done = true;
    } catch (e) {
      if (!(e instanceof CrashSignal)) throw e;
      this.restart();
    }
  }

  /** The orchestrator process dies: its memory is gone, its durable log stays. */
  restart(): void {
    this.armed = undefined;
    this.crashes++;
    this.runner = this.makeRunner();
  }

  /** The next call the runner makes crashes, before or after its effect. */
  arm(when: "before" | "after"): void {
    this.armed = when;
  }

  /** Ticks until the runner says it is done. */
  async finish(maxTicks: number): Promise<void> {
    for (let t = 0; !this.done; t++) {
      if (t >= maxTicks) throw new Error(`the runner did not finish within ${maxTicks} ticks`);
      await this.tick();
    }
  }
}

interface RunModel {
  done: boolean;
}

class Tick<S> implements fc.AsyncCommand<RunModel, RunnerHarness<S>> {
  check = (m: Readonly<RunModel>): boolean => !m.done;
  async run(m: RunModel, r: RunnerHarness<S>): Promise<void> {
    await r.tick();
    m.done = r.done;
  }
  toString = (): string => "tick";
}

class CrashBetweenTicks<S> implements fc.AsyncCommand<RunModel, RunnerHarness<S>> {
  check = (m: Readonly<RunModel>): boolean => !m.done;
  async run(_m: RunModel, r: RunnerHarness<S>): Promise<void> {
    r.restart();
  }
  toString = (): string => "crash";
}

class CrashInNextCall<S> implements fc.AsyncCommand<RunModel, RunnerHarness<S>> {
  constructor(readonly when: "before" | "after") {}
  check = (m: Readonly<RunModel>): boolean => !m.done;
  async run(m: RunModel, r: RunnerHarness<S>): Promise<void> {
    r.arm(this.when);
    await r.tick();
    m.done = r.done;
  }
  toString = (): string => `crash-in-next-call(${this.when} effect)`;
}

/** Commands for `fc.commands`: ticks, crashes between ticks, crashes inside a call. */
export function runnerCommands<S>(): fc.Arbitrary<fc.AsyncCommand<RunModel, RunnerHarness<S>>>[] {
  return [
    fc.constant(new Tick<S>()),
    fc.constant(new CrashBetweenTicks<S>()),
    fc.constantFrom<"before" | "after">("before", "after").map((w) => new CrashInNextCall<S>(w)),
  ];
}

/** Steps that may fail with a business error for the law: at or before the pivot, with declared errors. */
export function failurePoints(shape: SagaShape): string[] {
  return shape.steps
    .filter(
      (s) => (shape.pivot < 0 || s.index <= shape.pivot) && s.kind !== "retriable" && s.errors.length > 0,
    )
    .map((s) => s.name);
}

/** What the call log must show once the runner is done. Returns why it does not, or undefined. */
export function runnerVerdict(
  shape: SagaShape,
  events: readonly CallEvent[],
  crashes: number,
): string | undefined {
  const byName = new Map(shape.steps.map((s) => [s.name, s]));
  const firstIndex = (pred: (e: CallEvent) => boolean): number => events.findIndex(pred);
  const completedRuns = new Map<string, CallEvent>();
  const ambiguous = new Set<string>();
  const compCompletions = new Map<string, number[]>();
  events.forEach((e, i) => {
    if (e.kind === "run" && e.phase === "complete") completedRuns.set(e.step, e);
    if (e.kind === "run" && e.phase === "crash-after-effect") ambiguous.add(e.step);
    if (e.kind === "compensate" && e.phase === "complete")
      compCompletions.set(e.step, [...(compCompletions.get(e.step) ?? []), i]);
  });
  const compensated = [...compCompletions.keys()];
  // The step that failed for business reasons (injected by the kit, or the implementation's own).
  const failAt = events.find((e) => e.kind === "run" && e.phase === "business-error")?.step;

  for (const step of shape.steps) {
    const runStart = firstIndex((e) => e.kind === "run" && e.step === step.name && e.phase === "start");
    if (runStart < 0) continue;
    // Forward order: a step starts only once every step of the earlier stages has committed.
    for (const earlier of shape.steps.filter((s) => s.stage < step.stage)) {
      const done = firstIndex((e) => e.kind === "run" && e.step === earlier.name && e.phase === "complete");
      if (done < 0 || done > runStart)
        return `step ${step.name} started before ${earlier.name} had committed`;
    }
  }
  for (const [name, at] of compCompletions) {
    if (at.length > 1)
      return `the compensation of ${name} completed ${at.length} times; it must complete exactly once`;
    if (name === failAt) return `the failing step ${name} was compensated; only committed steps are`;
    if (!completedRuns.has(name) && !ambiguous.has(name))
      return `step ${name} was compensated, but it never took effect`;
  }
  const compStart = (name: string): number =>
    firstIndex((e) => e.kind === "compensate" && e.step === name && e.phase === "start");
  const pivot = shape.pivot >= 0 ? shape.steps[shape.pivot] : undefined;
  if (pivot && completedRuns.has(pivot.name) && compensated.length > 0)
    return `the pivot ${pivot.name} committed, yet ${compensated.join(", ")} was compensated afterwards`;
  // Reverse order: if a committed before b (an earlier stage), b's compensation finishes before a's starts.
  for (const a of compensated) {
    for (const b of compensated) {
      const sa = byName.get(a)!;
      const sb = byName.get(b)!;
      if (sa.stage < sb.stage && compCompletions.get(b)![0] > compStart(a))
        return `${a} committed before ${b}, so ${b}'s compensation must finish before ${a}'s starts; it did not`;
    }
  }
  for (const name of compensated) {
    const step = byName.get(name)!;
    const run = completedRuns.get(name);
    const arg = events[compStart(name)].value;
    const ownSource = step.compensationSource === undefined || step.compensationSource === name;
    if (run && ownSource && !structuralEqual(arg, run.value))
      return `the compensation of ${name} was given ${show(arg)}, not the output ${show(run.value)} of the run it undoes`;
  }
  const allCommitted = shape.steps.every((s) => completedRuns.has(s.name));
  const completed = allCommitted && compensated.length === 0;
  const owed = shape.steps.filter(
    (s) => completedRuns.has(s.name) && s.compensationOp !== undefined && !compCompletions.has(s.name),
  );
  if (failAt !== undefined) {
    if (allCommitted) return `step ${failAt} failed, yet every step committed`;
    if (owed.length > 0)
      return `step ${failAt} failed, but the committed ${owed.map((s) => s.name).join(", ")} ${owed.length === 1 ? "was" : "were"} never compensated`;
    return undefined;
  }
  if (completed) return undefined;
  if (crashes === 0) return "no step failed and nothing crashed, yet the saga did not complete";
  // After a crash a runner may give up on an unknown outcome and compensate; then fully.
  if (owed.length > 0)
    return `the saga turned back, but ${owed.map((s) => s.name).join(", ")} stayed committed`;
  return undefined;
}

/** The call log, one numbered line per event, for failure messages. */
export function showEvents(events: readonly CallEvent[]): string {
  return events
    .map(
      (e, i) =>
        `  ${String(i + 1).padStart(3)}. ${e.kind} ${e.step}: ${e.phase}${e.value === undefined ? "" : ` ${show(e.value)}`}`,
    )
    .join("\n");
}
