// Event wiring checks: a consumer's handler op takes exactly the event's payload (LAWS.md §A7),
// and a topic's partition key is a field of every payload on the topic.

import type { Span } from "@archc/dsl";
import type { CompileContext } from "../context.js";
import type { TypeExpr } from "../model/schema.js";
import { compatible, showType } from "../types/type-expr.js";

export function checkHandler(ctx: CompileContext, event: string, opId: string, span: Span): void {
  const ev = ctx.model.events[event];
  const op = ctx.model.ops[opId];
  if (ev === undefined || op === undefined || compatible(op.domain, ev.payload)) return;
  ctx.sink.error(
    "E0501",
    span,
    `handler \`${opId}\` takes ${showType(op.domain)}, but event \`${event}\` carries ${showType(ev.payload)}`,
    {
      related: [
        { span: ev.nameSpan, message: `\`${event}\` is declared with payload ${showType(ev.payload)}` },
        { span: op.nameSpan, message: `\`${op.name}\` takes ${showType(op.domain)}` },
      ],
      help: `a handler's domain must be the event's payload: \`op ${op.name}: ${showType(ev.payload)} -> …\``,
    },
  );
}

/** Every event on a keyed topic must have a record payload with the key field. */
export function checkTopicKeys(ctx: CompileContext): void {
  const { model, replay } = ctx;
  if (replay !== undefined)
    replay.run(ctx, "topic-keys", [model.events, model.topics, model.types], checkKeys);
  else checkKeys(ctx);
}

function checkKeys(ctx: CompileContext): void {
  const { model } = ctx;
  const eventsByTopic = new Map<string, string[]>();
  for (const ev of Object.values(model.events)) {
    if (ev.topic === undefined) continue;
    const list = eventsByTopic.get(ev.topic);
    if (list) list.push(ev.name);
    else eventsByTopic.set(ev.topic, [ev.name]);
  }
  for (const topic of Object.values(model.topics)) {
    if (topic.key === undefined || topic.keySpan === undefined) continue;
    const missing: { event: string; why: string }[] = [];
    for (const name of eventsByTopic.get(topic.name) ?? []) {
      const why = missingKey(ctx, model.events[name].payload, topic.key);
      if (why !== undefined) missing.push({ event: name, why });
    }
    if (missing.length === 0) continue;
    const list = missing.map((m) => `\`${m.event}\``).join(", ");
    ctx.sink.error(
      "E0502",
      topic.keySpan,
      `topic \`${topic.name}\` is keyed by \`${topic.key}\`, but the payload of ${list} has no field \`${topic.key}\``,
      {
        related: missing.map((m) => ({ span: model.events[m.event].nameSpan, message: m.why })),
        help: "every event on a keyed topic needs the key field in its payload record",
      },
    );
  }
}

/** Why `payload` lacks field `key` (undefined when it has it, or when its type is unknown). */
function missingKey(ctx: CompileContext, payload: TypeExpr, key: string): string | undefined {
  if (payload.kind === "error") return undefined;
  if (payload.kind !== "ref") return `its payload ${showType(payload)} is not a record`;
  const def = ctx.model.types[payload.name];
  if (def === undefined) return undefined;
  if (def.kind !== "record") return `its payload ${payload.name} is an enum, not a record`;
  return def.fields.some((f) => f.name === key)
    ? undefined
    : `its payload ${payload.name} has no field \`${key}\``;
}
