// The engine's own findings about the `rules { }` block and `// archc-allow` comments. They
// have metas like every rule (for SARIF, docs and `archc explain`) but no `check`: the engine
// reports them while it applies the configuration.

import { ruleMeta } from "../rule.js";

export const rulesConfigMeta = ruleMeta({
  id: "rules-config",
  severity: "error",
  category: "configuration",
  summary:
    "the `rules { }` block or an `// archc-allow` comment names an unknown rule or option, a bad value, or gives no reason",
  options: [],
  source: "archc",
});

export const unusedAllowMeta = ruleMeta({
  id: "unused-allow",
  severity: "warning",
  category: "configuration",
  summary: "an `allow` or `// archc-allow` silences no finding",
  options: [],
  source: "archc (after ESLint's --report-unused-disable-directives)",
});

export const engineMetas = [rulesConfigMeta, unusedAllowMeta] as const;
