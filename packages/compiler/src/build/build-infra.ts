// Stage: stores, brokers, topics and events. Topics name their broker and events their topic
// and payload type; those references are resolved here.

import { buildEntry, type CompileContext } from "../context.js";
import { lookup } from "../names/collect-decls.js";
import { defined, PropReader } from "./read-props.js";

export function buildInfra(ctx: CompileContext): void {
  const { symbols, sink, model } = ctx;
  for (const sym of symbols.all()) {
    switch (sym.kind) {
      case "store": {
        const d = sym.decl;
        model.stores[sym.name] = buildEntry(ctx, "stores", sym.name, d, () => {
          const p = new PropReader(d.props ?? [], sink);
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
        });
        break;
      }
      case "broker": {
        const d = sym.decl;
        model.brokers[sym.name] = buildEntry(ctx, "brokers", sym.name, d, () => {
          const p = new PropReader(d.props ?? [], sink);
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
        });
        break;
      }
      case "topic": {
        const d = sym.decl;
        model.topics[sym.name] = buildEntry(ctx, "topics", sym.name, d, () => {
          const p = new PropReader(d.props ?? [], sink);
          const key = p.name("key");
          return defined({
            name: sym.name,
            broker: lookup(symbols, sink, d.broker, ["broker"], "broker")?.name,
            partitions: p.int("partitions"),
            replication: p.int("replication"),
            key: key?.text,
            keySpan: key?.span,
            retentionMs: p.durationMs("retention"),
            doc: d.doc,
            span: d.span,
            nameSpan: d.name.span,
          });
        });
        break;
      }
      case "event": {
        const d = sym.decl;
        model.events[sym.name] = buildEntry(ctx, "events", sym.name, d, () =>
          defined({
            name: sym.name,
            payload: ctx.types.resolve(d.payload),
            topic: lookup(symbols, sink, d.topic, ["topic"], "topic")?.name,
            doc: d.doc,
            span: d.span,
            nameSpan: d.name.span,
          }),
        );
        break;
      }
    }
  }
}
