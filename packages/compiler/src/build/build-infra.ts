// Stage: stores, brokers, topics and events. Topics name their broker and events their topic
// and payload type; those references are resolved here.

import { buildEntry, type CompileContext } from "../context.js";
import type { Broker, Event, Store, Topic } from "../model/schema.js";
import { lookup, type SymbolOf } from "../names/collect-decls.js";
import { defined, PropReader } from "./read-props.js";

export function buildInfra(ctx: CompileContext): void {
  const { model } = ctx;
  // Incremental compilation may keep the previous (frozen) tables whole: nothing writes to them.
  const kept = ctx.declReuse?.keptInfra(ctx);
  if (kept !== undefined) {
    Object.assign(model, kept);
    return;
  }
  const all = ctx.symbols.all();
  for (let i = 0; i < all.length; i++) {
    const sym = all[i];
    switch (sym.kind) {
      case "store":
        model.stores[sym.name] = buildEntry(ctx, "stores", sym, buildStore);
        break;
      case "broker":
        model.brokers[sym.name] = buildEntry(ctx, "brokers", sym, buildBroker);
        break;
      case "topic":
        model.topics[sym.name] = buildEntry(ctx, "topics", sym, buildTopic);
        break;
      case "event":
        model.events[sym.name] = buildEntry(ctx, "events", sym, buildEvent);
        break;
    }
  }
}

function buildStore(ctx: CompileContext, sym: SymbolOf<"store">): Store {
  const d = sym.decl;
  const p = new PropReader(d.props ?? [], ctx.sink);
  return defined({
    name: sym.name,
    kind: d.storeKind?.text ?? "",
    version: p.string("version"),
    sizeBytes: p.sizeBytes("size"),
    backup: p.name("backup")?.text,
    image: p.string("image"),
    port: p.int("port"),
    external: p.flag("external"),
    doc: d.doc,
    span: d.span,
    nameSpan: d.name.span,
  });
}

function buildBroker(ctx: CompileContext, sym: SymbolOf<"broker">): Broker {
  const d = sym.decl;
  const p = new PropReader(d.props ?? [], ctx.sink);
  return defined({
    name: sym.name,
    kind: d.brokerKind?.text ?? "",
    version: p.string("version"),
    replication: p.int("replication"),
    partitions: p.int("partitions"),
    image: p.string("image"),
    port: p.int("port"),
    external: p.flag("external"),
    doc: d.doc,
    span: d.span,
    nameSpan: d.name.span,
  });
}

function buildTopic(ctx: CompileContext, sym: SymbolOf<"topic">): Topic {
  const d = sym.decl;
  const p = new PropReader(d.props ?? [], ctx.sink);
  const key = p.name("key");
  return defined({
    name: sym.name,
    broker: lookup(ctx.symbols, ctx.sink, d.broker, ["broker"], "broker")?.name,
    partitions: p.int("partitions"),
    replication: p.int("replication"),
    key: key?.text,
    keySpan: key?.span,
    retentionMs: p.durationMs("retention"),
    doc: d.doc,
    span: d.span,
    nameSpan: d.name.span,
  });
}

function buildEvent(ctx: CompileContext, sym: SymbolOf<"event">): Event {
  const d = sym.decl;
  return defined({
    name: sym.name,
    payload: ctx.types.resolve(d.payload),
    topic: lookup(ctx.symbols, ctx.sink, d.topic, ["topic"], "topic")?.name,
    doc: d.doc,
    span: d.span,
    nameSpan: d.name.span,
  });
}
