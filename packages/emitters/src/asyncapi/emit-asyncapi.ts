// The AsyncAPI target: one AsyncAPI 3.0 document per service that publishes or consumes, at
// `<service>.yaml` (an AsyncAPI document describes one application). Channels from topics,
// messages from events with payload schemas, `send` operations from `publishes`, `receive`
// operations from `consumes`, and the topic's broker as the server. Kafka topics carry their
// partitions, replication and retention as channel bindings.

import type { Event, Model, Service, TypeExpr } from "@archc/compiler";
import { dnsLabel } from "../common/names.js";
import { toYaml } from "../common/yaml.js";
import type { EmitContext } from "../context.js";
import { componentSchemas, reachableTypes, schemaOf } from "../schema/json-schema.js";
import { keyedByName } from "../common/keyed.js";

const KAFKA_BINDING_VERSION = "0.5.0";

export function emitAsyncApi(ctx: EmitContext): Map<string, string> {
  const files = new Map<string, string>();
  for (const svc of Object.values(ctx.model.services)) {
    if (!svc.publishes.length && !svc.consumes.length) continue;
    files.set(`${dnsLabel(svc.name)}.yaml`, toYaml(asyncApiDocument(ctx, svc)));
  }
  return files;
}

/** The channel an event travels on: its topic, or a channel named after the event. */
function channelKey(e: Event): string {
  return e.topic ?? e.name;
}

export function asyncApiDocument(ctx: EmitContext, svc: Service): Record<string, unknown> {
  const { model } = ctx;
  const used = [
    ...svc.publishes.map((p) => ({ event: p.event, action: "send" as const })),
    ...svc.consumes.map((c) => ({ event: c.event, action: "receive" as const, handler: c.handler })),
  ].filter((u) => Object.hasOwn(model.events, u.event));
  const events = [...new Set(used.map((u) => u.event))].map((n) => model.events[n]);

  const servers = keyedByName<unknown>();
  const channels = keyedByName<Record<string, unknown>>();
  for (const e of events) {
    const key = channelKey(e);
    const topic = e.topic ? model.topics[e.topic] : undefined;
    channels[key] ??= { address: topic?.name ?? e.name, messages: keyedByName() };
    const channel = channels[key];
    (channel.messages as Record<string, unknown>)[e.name] = { $ref: `#/components/messages/${e.name}` };
    if (topic?.doc) channel.description = topic.doc;
    const broker = topic?.broker ? model.brokers[topic.broker] : undefined;
    if (broker) {
      const b = ctx.relations.backing(`broker:${broker.name}`)!;
      servers[broker.name] ??= {
        host: b.kind ? `${b.host}:${b.port}` : b.host,
        protocol: broker.kind,
        ...(broker.doc ? { description: broker.doc } : {}),
      };
      channel.servers = [{ $ref: `#/servers/${broker.name}` }];
      if (broker.kind === "kafka" && topic) channel.bindings = { kafka: kafkaChannelBinding(topic) };
    }
  }

  const operations = keyedByName<unknown>();
  for (const u of used) {
    const e = model.events[u.event];
    const id = `${u.action === "send" ? "publish" : "consume"}${e.name}`;
    const op: Record<string, unknown> = {
      action: u.action,
      channel: { $ref: `#/channels/${channelKey(e)}` },
      messages: [{ $ref: `#/channels/${channelKey(e)}/messages/${e.name}` }],
      summary: u.action === "send" ? `${svc.name} publishes ${e.name}` : `${svc.name} consumes ${e.name}`,
    };
    if ("handler" in u && u.handler) op.description = `Handled by \`${u.handler}\`.`;
    operations[id] = op;
  }

  const messages = keyedByName<unknown>();
  for (const e of events) {
    const m: Record<string, unknown> = {
      name: e.name,
      title: e.name,
      contentType: "application/json",
      payload: schemaOf(e.payload, "draft-07"),
    };
    if (e.doc) m.description = e.doc;
    const topic = e.topic ? model.topics[e.topic] : undefined;
    const keySchema = topic?.key ? fieldSchema(model, e.payload, topic.key) : undefined;
    if (keySchema && topic?.broker && model.brokers[topic.broker]?.kind === "kafka")
      m.bindings = { kafka: { key: keySchema, bindingVersion: KAFKA_BINDING_VERSION } };
    messages[e.name] = m;
  }

  const info: Record<string, unknown> = {
    title: `${svc.title ?? svc.name} events`,
    version: model.system.version ?? "0.0.0",
  };
  if (svc.doc) info.description = svc.doc;
  const doc: Record<string, unknown> = { asyncapi: "3.0.0", info, defaultContentType: "application/json" };
  if (Object.keys(servers).length) doc.servers = servers;
  doc.channels = channels;
  doc.operations = operations;
  doc.components = {
    messages,
    schemas: componentSchemas(
      ctx.components,
      reachableTypes(
        model,
        events.map((e) => e.payload),
      ),
      "draft-07",
    ),
  };
  return doc;
}

function kafkaChannelBinding(topic: Model["topics"][string]): Record<string, unknown> {
  const b: Record<string, unknown> = { topic: topic.name };
  if (topic.partitions !== undefined) b.partitions = topic.partitions;
  if (topic.replication !== undefined) b.replicas = topic.replication;
  if (topic.retentionMs !== undefined)
    b.topicConfiguration = { "retention.ms": Math.round(topic.retentionMs) };
  b.bindingVersion = KAFKA_BINDING_VERSION;
  return b;
}

function fieldSchema(model: Model, payload: TypeExpr, field: string): Record<string, unknown> | undefined {
  if (payload.kind !== "ref") return undefined;
  const def = model.types[payload.name];
  const f = def?.kind === "record" ? def.fields.find((x) => x.name === field) : undefined;
  return f ? schemaOf(f.type, "draft-07") : undefined;
}
