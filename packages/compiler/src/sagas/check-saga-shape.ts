// Saga shape (LAWS.md §A8): `(compensatable | readonly)* pivot? retriable*` with at most one
// pivot; pivots and retriable steps take no compensation; a pivot is not part of a parallel
// group. A non-readonly step before the pivot without compensation is not a shape error: it
// is kind `uncompensated`, and the checker's `saga-missing-compensation` rule reports it.

import type { CompileContext } from "../context.js";
import type { Saga } from "../model/schema.js";

export function checkSagaShape(ctx: CompileContext, saga: Saga): void {
  const { sink } = ctx;
  const steps = saga.steps;
  const pivotIndex = steps.findIndex((s) => s.kind === "pivot");
  const pivot = steps[pivotIndex];
  const firstRetriable = steps.findIndex((s) => s.kind === "retriable");

  steps.forEach((step, i) => {
    if (step.kind === "pivot") {
      if (i !== pivotIndex)
        sink.error("E0405", step.nameSpan, `saga \`${saga.name}\` has a second pivot \`${step.name}\``, {
          related: [{ span: pivot.nameSpan, message: `\`${pivot.name}\` is the pivot` }],
          help: "a saga has one point of no return; make the steps after it `retriable`",
        });
      if (step.group !== undefined)
        sink.error("E0408", step.nameSpan, `pivot \`${step.name}\` is inside a \`parallel\` group`, {
          help: "the pivot is a single point in the saga's order; move it out of the group",
        });
    } else if (step.kind === "retriable") {
      if (pivotIndex >= 0 && i < pivotIndex)
        sink.error(
          "E0406",
          step.nameSpan,
          `retriable step \`${step.name}\` comes before the pivot \`${pivot.name}\``,
          {
            related: [{ span: pivot.nameSpan, message: "the pivot" }],
            help: "retriable steps follow the pivot; before it, a step is compensatable or readonly",
          },
        );
    } else if (pivotIndex >= 0 && i > pivotIndex) {
      // Steps sharing the pivot's parallel group are already reported by E0408.
      if (pivot.group === undefined || step.group !== pivot.group)
        sink.error(
          "E0404",
          step.nameSpan,
          `step \`${step.name}\` is ${step.kind} but comes after the pivot \`${pivot.name}\`; only retriable steps may follow the pivot`,
          {
            related: [{ span: pivot.nameSpan, message: "the pivot" }],
            help: "move the step before the pivot, or mark it `retriable` (without a compensation)",
          },
        );
    } else if (pivotIndex < 0 && firstRetriable >= 0 && i > firstRetriable) {
      const first = steps[firstRetriable];
      sink.error(
        "E0404",
        step.nameSpan,
        `step \`${step.name}\` is ${step.kind} but comes after the retriable step \`${first.name}\`; only retriable steps may follow it`,
        {
          related: [{ span: first.nameSpan, message: "the first retriable step" }],
          help: "move the step before the retriable steps, or mark it `retriable`",
        },
      );
    }
    if ((step.kind === "pivot" || step.kind === "retriable") && step.compensation !== undefined)
      sink.error(
        "E0407",
        step.compensation.span,
        `${step.kind === "pivot" ? "pivot" : "retriable step"} \`${step.name}\` cannot have a compensation`,
        {
          help:
            step.kind === "pivot"
              ? "the pivot is the point of no return and is never undone; remove `compensate`"
              : "a retriable step is retried until it succeeds, never undone; remove `compensate`",
        },
      );
  });
}
