// The compiled saga as the laws need it: steps in order with their stage (a `parallel` group is
// one stage), where each step and compensation takes its input from, and what the model
// declares about their ops (idempotent, tolerates-absent, business errors).

import type { Model } from "@archc/compiler";
import type { SagaImplementation } from "./types.js";

export interface StepShape {
  readonly name: string;
  readonly index: number;
  readonly stage: number;
  readonly kind: "compensatable" | "readonly" | "pivot" | "retriable" | "uncompensated";
  /** "input" or an earlier step's name. */
  readonly source: string;
  /** Where the compensation's argument comes from: this step's own output, "input", or another step. */
  readonly compensationSource?: string;
  readonly op: string;
  readonly compensationOp?: string;
  readonly idempotent: boolean;
  readonly errors: readonly string[];
  readonly compensationIdempotent: boolean;
  readonly toleratesAbsent: boolean;
}

export interface SagaShape {
  readonly name: string;
  readonly steps: readonly StepShape[];
  /** Step names per stage, in order. */
  readonly stages: readonly (readonly string[])[];
  /** Index of the pivot step, or -1. */
  readonly pivot: number;
}

export function sagaShape(model: Model, sagaName: string): SagaShape {
  const saga = model.sagas[sagaName];
  if (!saga) throw new TypeError(`the model has no saga ${sagaName}`);
  const stages: string[][] = [];
  const steps: StepShape[] = saga.steps.map((step, index) => {
    const prev = index > 0 ? saga.steps[index - 1] : undefined;
    if (stages.length > 0 && step.group !== undefined && prev?.group === step.group)
      stages[stages.length - 1].push(step.name);
    else stages.push([step.name]);
    const op = step.action.op === undefined ? undefined : model.ops[step.action.op];
    if (!op) throw new TypeError(`saga ${sagaName}: step ${step.name} calls an unresolved op`);
    const comp = step.compensation?.op === undefined ? undefined : model.ops[step.compensation.op];
    if (step.compensation && !comp)
      throw new TypeError(`saga ${sagaName}: the compensation of step ${step.name} is unresolved`);
    return {
      name: step.name,
      index,
      stage: stages.length - 1,
      kind: step.kind,
      source: step.action.source,
      compensationSource: step.compensation?.source,
      op: `${op.service}.${op.name}`,
      compensationOp: comp ? `${comp.service}.${comp.name}` : undefined,
      idempotent: op.idempotent || op.readonly,
      errors: op.errors,
      compensationIdempotent: comp ? comp.idempotent : false,
      toleratesAbsent: comp ? comp.toleratesAbsent : false,
    };
  });
  return { name: sagaName, steps, stages, pivot: steps.findIndex((s) => s.kind === "pivot") };
}

/** The implementation must cover every step, and give a compensation wherever the saga has one. */
export function checkCoverage<S>(shape: SagaShape, impl: SagaImplementation<S>): void {
  for (const step of shape.steps) {
    const s = impl[step.name];
    if (!s || typeof s.run !== "function")
      throw new TypeError(`saga ${shape.name}: the implementation has no run for step ${step.name}`);
    if (step.compensationOp && typeof s.compensate !== "function")
      throw new TypeError(
        `saga ${shape.name}: step ${step.name} is compensated by ${step.compensationOp}, but the implementation has no compensate`,
      );
  }
}
