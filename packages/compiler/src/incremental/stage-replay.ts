// A check whose inputs are Model tables kept whole from the previous compilation (the same
// frozen objects) finds what it found then: its diagnostics are replayed, in the same order,
// instead of computed again.

import type { Diagnostic } from "@archc/dsl";
import type { Stage } from "../compile.js";
import type { CompileContext } from "../context.js";

/** What a check found, and from which tables. */
export interface Replay {
  readonly inputs: readonly object[];
  readonly diagnostics: readonly Diagnostic[];
}

export class StageReplay {
  /** Counts, for tests and benchmarks. */
  readonly stats = { replayed: 0 };

  constructor(private readonly replays: Map<Stage, Replay>) {}

  /** Runs `check` (a function of `inputs` alone), or replays what it found on the same inputs. */
  run(
    ctx: CompileContext,
    stage: Stage,
    inputs: readonly object[],
    check: (ctx: CompileContext) => void,
  ): void {
    const last = this.replays.get(stage);
    if (
      last !== undefined &&
      last.inputs.length === inputs.length &&
      last.inputs.every((t, i) => t === inputs[i])
    ) {
      for (const d of last.diagnostics) ctx.sink.list.push(d);
      this.stats.replayed++;
      return;
    }
    const from = ctx.sink.list.length;
    check(ctx);
    this.replays.set(stage, { inputs, diagnostics: ctx.sink.list.slice(from) });
  }
}
