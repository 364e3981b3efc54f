// The place-order orchestrator, in memory. It keeps nothing in its own memory: every tick it
// reads its durable log, decides its next move, writes "started" before a call and the outcome
// after it. So a new runner object after a crash picks up where the log says, and a call whose
// outcome the log does not know (started, no outcome) is sent again: every op is idempotent.

import type { RunnerContext, SagaRunner } from "../../../packages/checker/src/laws/index.js";
import { BusinessError } from "../../../packages/checker/src/laws/index.js";
import type { World } from "./world.js";

type Entry =
  | { readonly type: "started" | "compensating"; readonly step: string }
  | { readonly type: "completed"; readonly step: string; readonly output: unknown }
  | { readonly type: "failed"; readonly step: string; readonly error: string }
  | { readonly type: "compensated"; readonly step: string };

/** The saga's stages in order (a `parallel` group is one stage), where each step takes its input. */
export const PLACE_ORDER = {
  stages: [["create"], ["reserve", "authorize"], ["approve"], ["capture"], ["commit"]],
  source: {
    create: "input",
    reserve: "create",
    authorize: "create",
    approve: "create",
    capture: "authorize",
    commit: "reserve",
  } as Record<string, string>,
  compensated: new Set(["create", "reserve", "authorize"]),
  pivot: "approve",
};

export interface LogView {
  readonly outputs: Map<string, unknown>;
  readonly failed: boolean;
  readonly compensated: Set<string>;
  readonly started: Set<string>;
  readonly compensating: Set<string>;
}

export function readLog(entries: readonly unknown[]): LogView {
  const view: LogView = {
    outputs: new Map(),
    failed: false,
    compensated: new Set(),
    started: new Set(),
    compensating: new Set(),
  };
  let failed = false;
  for (const e of entries as Entry[]) {
    if (e.type === "started") view.started.add(e.step);
    if (e.type === "completed") view.outputs.set(e.step, e.output);
    if (e.type === "failed") failed = true;
    if (e.type === "compensating") view.compensating.add(e.step);
    if (e.type === "compensated") view.compensated.add(e.step);
  }
  return { ...view, failed };
}

/** Compensation order: the stages before the failure, latest first. Overridable to show a broken runner. */
export type CompensationOrder = (stages: readonly (readonly string[])[]) => readonly (readonly string[])[];
export const reverseStages: CompensationOrder = (stages) => [...stages].reverse();

export class PlaceOrderRunner implements SagaRunner<World> {
  constructor(private readonly order: CompensationOrder = reverseStages) {}

  async tick(ctx: RunnerContext<World>): Promise<"running" | "done"> {
    const log = readLog(ctx.log.entries);
    if (log.failed) return this.compensateNext(ctx, log);
    for (const stage of PLACE_ORDER.stages) {
      // Members of a parallel stage are sent one per tick; the stage is done when all are.
      const next = stage.find((step) => !log.outputs.has(step));
      if (next === undefined) continue;
      const src = PLACE_ORDER.source[next];
      const input = src === "input" ? ctx.input : log.outputs.get(src);
      ctx.log.append({ type: "started", step: next });
      try {
        const output = await ctx.steps[next].run(ctx.state, input, ctx.io);
        ctx.log.append({ type: "completed", step: next, output });
      } catch (e) {
        if (!(e instanceof BusinessError)) throw e;
        ctx.log.append({ type: "failed", step: next, error: e.code });
      }
      return "running";
    }
    return "done";
  }

  private async compensateNext(ctx: RunnerContext<World>, log: LogView): Promise<"running" | "done"> {
    for (const stage of this.order(PLACE_ORDER.stages)) {
      const owed = stage.find(
        (step) => PLACE_ORDER.compensated.has(step) && log.outputs.has(step) && !log.compensated.has(step),
      );
      if (owed === undefined) continue;
      ctx.log.append({ type: "compensating", step: owed });
      await ctx.steps[owed].compensate!(ctx.state, log.outputs.get(owed), ctx.io);
      ctx.log.append({ type: "compensated", step: owed });
      return "running";
    }
    return "done";
  }
}
