// Stage: checker configuration carried into the Model — `rules { … }` blocks (merged; the
// checker validates rule ids and options) and `// archc-allow <rule>: reason` comments, which
// silence one finding on the next line and must give a reason.

import type { Literal, Name, Span } from "@archc/dsl";
import { isQuantityOf } from "@archc/dsl";
import type { CompileContext } from "../context.js";
import type { RulesConfig } from "../model/schema.js";
import { toBytes, toFraction, toMs } from "./units.js";

export function buildRules(ctx: CompileContext): void {
  const config: RulesConfig = { settings: [], allows: [] };
  let failOnSpan: Span | undefined;
  for (const block of ctx.rules) {
    for (const item of block.items ?? []) {
      switch (item.kind) {
        case "FailOn": {
          const level = item.level?.text;
          if (level !== "error" && level !== "warning" && level !== "info") break;
          if (failOnSpan) {
            ctx.sink.error("E0207", item.span, "`fail-on` is set twice", {
              related: [{ span: failOnSpan, message: "first set here" }],
              help: "keep one of them",
            });
            break;
          }
          failOnSpan = item.span;
          config.failOn = level;
          break;
        }
        case "Set": {
          const value = item.value && settingValue(item.value);
          if (!item.rule?.text || !item.option?.text || value === undefined) break;
          config.settings.push({ rule: item.rule.text, option: item.option.text, value, span: item.span });
          break;
        }
        case "Allow":
          if (!item.rule?.text || !item.target?.text || item.reason === undefined) break;
          config.allows.push({
            rule: item.rule.text,
            target: item.target.text,
            reason: item.reason.value,
            span: item.span,
          });
          break;
      }
    }
  }
  ctx.model.rules = config;
}

/** A setting's value: numbers in the Model's units, names and strings as text. */
function settingValue(v: Literal | Name): string | number | undefined {
  switch (v.kind) {
    case "Name":
      return v.text || undefined;
    case "String":
      return v.value;
    case "Range":
      return `${v.low.raw}..${v.high.raw}`;
    case "Quantity":
      if (v.unit === "") return v.value;
      if (isQuantityOf(v, "duration")) return toMs(v);
      if (isQuantityOf(v, "percent")) return toFraction(v);
      if (isQuantityOf(v, "size")) return toBytes(v);
      return v.raw;
  }
}

const ALLOW = /^\/\/\s*archc-allow\b(.*)$/;
const RULE_AND_REASON = /^\s+([A-Za-z0-9_-]+)\s*(?::(.*))?$/;

export function buildSuppressions(ctx: CompileContext): void {
  for (const comments of ctx.comments)
    for (const c of comments) {
      if (c.style !== "line") continue;
      const m = ALLOW.exec(c.text);
      if (!m) continue;
      const parts = RULE_AND_REASON.exec(m[1]);
      const rule = parts?.[1];
      const reason = parts?.[2]?.trim() ?? "";
      if (rule === undefined || reason === "") {
        ctx.sink.error(
          "E0506",
          c.span,
          rule === undefined
            ? "`archc-allow` needs a rule id and a reason"
            : `suppression of \`${rule}\` gives no reason`,
          { help: `write \`// archc-allow ${rule ?? "<rule>"}: <why this finding is acceptable>\`` },
        );
        continue;
      }
      ctx.model.suppressions.push({ rule, reason, appliesToLine: c.span.line + 1, span: c.span });
    }
}
