// A remote step that times out may or may not have committed. The saga then compensates it
// without knowing, so the compensation must be safe when the step never happened (a refund
// of a charge that was never made must do nothing): `tolerates-absent`.

import { insertAt, pointAfter } from "../edits.js";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const sagaAmbiguousTimeout: Rule = {
  meta: ruleMeta({
    id: "saga-ambiguous-timeout",
    severity: "warning",
    category: "sagas",
    summary:
      "a step's call can time out and its compensation is not marked safe when the step never happened",
    options: [],
    source: "LAWS.md §B (ambiguous timeouts) and §C.2 (tolerates absent effect)",
  }),
  reads: ["sagas", "ops"],
  check(ctx) {
    const { model } = ctx;
    for (const saga of modelLists(model).sagas) {
      for (const step of saga.steps) {
        const action = step.action.op ? model.ops[step.action.op] : undefined;
        const comp = step.compensation?.op ? model.ops[step.compensation.op] : undefined;
        if (action === undefined || comp === undefined || step.compensation === undefined) continue;
        // A step the orchestrator runs in-process cannot time out; any remote step can.
        if (saga.by !== undefined && action.service === saga.by) continue;
        if (comp.toleratesAbsent) continue;
        ctx.report({
          message: `saga ${saga.name}: step ${step.name} calls ${action.service}.${action.name} remotely and may time out with its outcome unknown, but its compensation ${comp.service}.${comp.name} is not marked \`tolerates-absent\``,
          span: step.compensation.span,
          elements: [saga.name, comp.service, comp.id, action.service],
          related: [
            { span: step.action.span, message: "this call can time out" },
            { span: comp.nameSpan, message: `${comp.name} is declared here` },
          ],
          help: `make ${comp.name} a no-op when there is nothing to undo, then mark it \`tolerates-absent\``,
          fixes: [
            {
              title: `mark ${comp.service}.${comp.name} tolerates-absent`,
              edits: [insertAt(pointAfter(comp.span), " tolerates-absent")],
            },
          ],
        });
      }
    }
  },
};
