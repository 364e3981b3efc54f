// A topic partitions by its `key`; an event on the topic without that field cannot be
// partitioned, so per-key ordering is lost for it.

import type { Model, TypeExpr } from "@archc/compiler";
import { type Rule, ruleMeta } from "../rule.js";
import { modelLists } from "../graph/model-lists.js";

export const topicKeyMissing: Rule = {
  meta: ruleMeta({
    id: "topic-key-missing",
    severity: "error",
    category: "events",
    summary: "a topic's `key` is not a field of every payload on it",
    options: [],
    source: "partitioned ordering (Kafka keys)",
  }),
  reads: ["topics", "events", "types", "index.topicEvents"],
  check(ctx) {
    const { model } = ctx;
    for (const topic of modelLists(model).topics) {
      if (topic.key === undefined) continue;
      for (const eventName of model.index.topicEvents[topic.name] ?? []) {
        const event = model.events[eventName];
        if (event === undefined || event.payload.kind === "error") continue;
        if (hasField(model, event.payload, topic.key)) continue;
        ctx.report({
          message: `topic ${topic.name} is keyed by ${topic.key}, but the payload ${describe(event.payload)} of event ${event.name} has no field ${topic.key}`,
          span: event.nameSpan,
          elements: [topic.name, event.name],
          related: [{ span: topic.keySpan ?? topic.nameSpan, message: `key ${topic.key} declared here` }],
          help: `add \`${topic.key}\` to the payload of ${event.name}, or move ${event.name} to another topic`,
        });
      }
    }
  },
};

/** Whether a record payload (or any record in a product payload) has the field. */
function hasField(model: Model, t: TypeExpr, field: string): boolean {
  if (t.kind === "product") return t.parts.some((p) => hasField(model, p, field));
  if (t.kind !== "ref") return false;
  const def = model.types[t.name];
  if (def?.kind === "alias") return hasField(model, def.target, field);
  return def?.kind === "record" && def.fields.some((f) => f.name === field);
}

function describe(t: TypeExpr): string {
  switch (t.kind) {
    case "prim":
      return t.name;
    case "ref":
      return t.name;
    case "list":
      return `list<${describe(t.element)}>`;
    case "map":
      return `map<${describe(t.key)}, ${describe(t.value)}>`;
    case "product":
      return t.parts.map(describe).join(" * ");
    case "error":
      return "?";
  }
}
