// How an op is named in messages: `svc.op` when that reaches it (the newest API version),
// else the full `svc.api.op`, so the name can be pasted back into a model.

import type { Model } from "@archc/compiler";

/**
 * What an op's label and declaration site are computed from: the op and the newest API of its
 * service (inputs for `forElement`).
 */
export function opInputs(model: Model, opId: string | undefined): readonly unknown[] {
  if (opId === undefined) return [undefined];
  const op = model.ops[opId];
  return op === undefined ? [undefined] : [op, model.index.newestApi[op.service]];
}

export function opLabel(model: Model, opId: string): string {
  const op = model.ops[opId];
  if (op === undefined) return opId;
  return model.index.newestApi[op.service] === op.api ? `${op.service}.${op.name}` : op.id;
}
