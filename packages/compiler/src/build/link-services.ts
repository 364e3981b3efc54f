// Stage: a service's links to the rest of the system — the stores it uses, the ops it calls,
// the events it publishes and consumes (with their handler ops). Runs after every service's
// APIs are known, so references may point forward.

import type { BreakerPolicy, CallsMember, Name, ServiceDecl, Span } from "@archc/dsl";
import { isQuantityOf } from "@archc/dsl";
import { checkHandler } from "../check/check-events.js";
import type { CompileContext } from "../context.js";
import { present } from "../diagnostics.js";
import type { Call, CallPolicy, Service } from "../model/schema.js";
import { resolveOpRefAst, resolveServiceOp } from "../names/api-table.js";
import { lookup } from "../names/collect-decls.js";
import { duplicate } from "./build-services.js";
import { defined, PropReader } from "./read-props.js";
import { toMs } from "./units.js";

export function linkServices(ctx: CompileContext): void {
  const { reuse } = ctx;
  const services = ctx.symbols.ofKind("service");
  for (let i = 0; i < services.length; i++) {
    const sym = services[i];
    if (reuse !== undefined) {
      reuse.link(ctx, sym.name, sym.decl, linkService);
      continue;
    }
    const svc = ctx.model.services[sym.name];
    if (svc !== undefined) linkService(ctx, svc, sym.decl);
  }
}

function linkService(ctx: CompileContext, svc: Service, d: ServiceDecl): void {
  const { symbols, sink } = ctx;
  const storesSeen = new Map<string, Name>();
  const callsSeen = new Map<string, Span>();
  const publishedSeen = new Map<string, Name>();
  const consumedSeen = new Map<string, Name>();
  for (const m of d.members ?? []) {
    switch (m.kind) {
      case "Uses": {
        const store = lookup(symbols, sink, m.store, ["store"], "store");
        if (store === undefined || duplicate(ctx, storesSeen, m.store, "use of store")) break;
        const mode = m.mode?.text === "read" ? "read" : m.mode?.text === "write" ? "write" : "readwrite";
        svc.uses.push({ store: store.name, mode, span: m.span });
        break;
      }
      case "Calls": {
        const call = buildCall(ctx, svc.name, m);
        if (call === undefined) break;
        if (call.op !== undefined) {
          const first = callsSeen.get(call.op);
          if (first) {
            sink.error(
              "E0206",
              call.targetSpan,
              `\`${svc.name}\` declares its call of \`${call.op}\` twice`,
              {
                related: [{ span: first, message: "first declared here" }],
                help: "merge the two policies into one `calls` member",
              },
            );
            break;
          }
          callsSeen.set(call.op, call.targetSpan);
        }
        svc.calls.push(call);
        break;
      }
      case "Publishes": {
        const ev = lookup(symbols, sink, m.event, ["event"], "event");
        if (ev === undefined || duplicate(ctx, publishedSeen, m.event, "publication of event")) break;
        svc.publishes.push({ event: ev.name, span: m.span });
        break;
      }
      case "Consumes": {
        const ev = lookup(symbols, sink, m.event, ["event"], "event");
        if (ev === undefined || duplicate(ctx, consumedSeen, m.event, "subscription to event")) break;
        let handler: string | undefined;
        if (m.handler !== undefined) {
          handler = resolveServiceOp(ctx.apis, sink, svc.name, m.handler.api, m.handler.op, m.handler.span);
          if (handler !== undefined) checkHandler(ctx, ev.name, handler, m.handler.span);
        }
        svc.consumes.push(defined({ event: ev.name, handler, span: m.span }));
        break;
      }
    }
  }
}

function buildCall(ctx: CompileContext, from: string, m: CallsMember): Call | undefined {
  const target = m.target;
  if (target === undefined || !present(target.service)) return undefined;
  const op = resolveOpRefAst(ctx.symbols, ctx.apis, ctx.sink, target);
  const toService = op !== undefined ? ctx.model.ops[op].service : target.service.text;
  return defined({
    from,
    op,
    toService,
    policy: callPolicy(ctx, m),
    hasPolicyBlock: m.hasBlock,
    span: m.span,
    targetSpan: target.span,
  });
}

function callPolicy(ctx: CompileContext, m: CallsMember): CallPolicy {
  const p = new PropReader(m.policy ?? [], ctx.sink);
  let breaker: BreakerPolicy | undefined;
  for (const item of m.policy ?? []) {
    if (item.kind !== "Breaker") continue;
    if (breaker !== undefined) {
      ctx.sink.error("E0207", item.span, "`breaker` is set twice", {
        related: [{ span: breaker.span, message: "first set here" }],
        help: "keep one of them",
      });
      continue;
    }
    breaker = item;
  }
  const breakerOk =
    breaker?.failures !== undefined &&
    breaker.window !== undefined &&
    isQuantityOf(breaker.failures, "int") &&
    isQuantityOf(breaker.window, "duration");
  return defined({
    timeoutMs: p.durationMs("timeout"),
    perTryMs: p.durationMs("per-try"),
    retries: p.int("retries") ?? 0,
    backoff: p.durationRangeMs("backoff"),
    breaker:
      breakerOk && breaker ? { failures: breaker.failures.value, windowMs: toMs(breaker.window) } : undefined,
    bulkhead: p.int("bulkhead"),
  });
}
