// An API without a version number has no way to change incompatibly without breaking its
// callers; `v1`, `v2` let both run side by side (and canaries route between them).

import { elementOnly, type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const noApiVersion: Rule = {
  meta: ruleMeta({
    id: "no-api-version",
    severity: "warning",
    category: "communication",
    summary: "an `api` block whose name is not `v<digits>`",
    options: [],
    source: "MSANose (no API versioning); Taibi et al. 2020",
  }),
  reads: ["services.name", "services.apis"],
  check(ctx) {
    for (const service of modelLists(ctx.model).services)
      ctx.forElement(service, elementOnly, () => {
        for (const api of service.apis) {
          if (api.version !== undefined) continue;
          ctx.report({
            message: `api ${api.name} of ${service.name} has no version: name it v1, v2, …`,
            span: api.nameSpan,
            elements: [service.name],
            help: "rename the api to `v1` (ops are addressed `svc.op` or `svc.v1.op`, so callers keep working)",
            fixes: [{ title: "rename to v1", edits: [{ span: api.nameSpan, newText: "v1" }] }],
          });
        }
      });
  },
};
