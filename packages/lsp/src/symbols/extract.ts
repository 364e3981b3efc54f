// Walks one file's syntax tree and lists its declarations and every name it references, with
// spans. Works on trees that recovery left incomplete: any child may be missing, and names from
// recovered tokens (NaN offsets) are skipped.

import type * as A from "@archc/dsl";
import { isUsableSpan } from "../text/positions.js";
import {
  type FileSymbols,
  type RefTarget,
  type SymbolDecl,
  type SymbolKind,
  type SymbolRef,
  typeKinds,
} from "./types.js";

const cache = new WeakMap<A.SourceFileAst, FileSymbols>();

/** The symbols of a file, computed once per syntax tree (trees are immutable). */
export function fileSymbols(ast: A.SourceFileAst): FileSymbols {
  const hit = cache.get(ast);
  if (hit) return hit;
  const made = new Extractor(ast.path).run(ast);
  cache.set(ast, made);
  return made;
}

function usable(name: A.Name | undefined): name is A.Name {
  return (
    name !== undefined && typeof name.text === "string" && name.text.length > 0 && isUsableSpan(name.span)
  );
}

class Extractor {
  private readonly decls: SymbolDecl[] = [];
  private readonly refs: SymbolRef[] = [];

  constructor(private readonly file: string) {}

  run(ast: A.SourceFileAst): FileSymbols {
    for (const d of ast.decls ?? []) if (d) this.decl(d);
    return { file: this.file, decls: this.decls, refs: this.refs };
  }

  private declare(
    key: string,
    kind: SymbolKind,
    name: A.Name | undefined,
    node: SymbolDecl["node"],
    extra: { container?: string; api?: string; doc?: string } = {},
  ): void {
    if (!usable(name) || !isUsableSpan(node.span)) return;
    this.decls.push({
      key,
      kind,
      name: name.text,
      file: this.file,
      nameSpan: name.span,
      span: node.span,
      node,
      ...extra,
    });
  }

  private ref(target: RefTarget, name: A.Name | undefined): void {
    if (!usable(name)) return;
    this.refs.push({ target, span: name.span, file: this.file });
  }

  private top(name: A.Name | undefined, expect: readonly SymbolKind[]): void {
    if (usable(name)) this.ref({ kind: "top", name: name.text, expect }, name);
  }

  private decl(d: A.Decl): void {
    const doc = d.doc;
    switch (d.kind) {
      case "System":
        this.declare(`top:${d.name?.text}`, "system", d.name, d, { doc });
        return;
      case "Type":
        this.declare(`top:${d.name?.text}`, "record", d.name, d, { doc });
        for (const f of d.fields ?? []) if (f) this.typeRef(f.type);
        return;
      case "Alias":
        this.declare(`top:${d.name?.text}`, "alias", d.name, d, { doc });
        this.typeRef(d.target);
        return;
      case "Enum":
        this.declare(`top:${d.name?.text}`, "enum", d.name, d, { doc });
        return;
      case "Store":
        this.declare(`top:${d.name?.text}`, "store", d.name, d, { doc });
        return;
      case "Broker":
        this.declare(`top:${d.name?.text}`, "broker", d.name, d, { doc });
        return;
      case "Topic":
        this.declare(`top:${d.name?.text}`, "topic", d.name, d, { doc });
        this.top(d.broker, ["broker"]);
        return;
      case "Event":
        this.declare(`top:${d.name?.text}`, "event", d.name, d, { doc });
        this.typeRef(d.payload);
        this.top(d.topic, ["topic"]);
        return;
      case "Service":
        this.service(d);
        return;
      case "Flow":
        this.declare(`top:${d.name?.text}`, "flow", d.name, d, { doc });
        if (d.signature) {
          this.typeRef(d.signature.domain);
          this.typeRef(d.signature.codomain);
        }
        this.flowExpr(d.body);
        this.top(d.by, ["service", "gateway"]);
        return;
      case "Saga":
        this.saga(d);
        return;
      case "Gateway":
        this.declare(`top:${d.name?.text}`, "gateway", d.name, d, { doc });
        for (const m of d.members ?? []) {
          if (m?.kind !== "Route") continue;
          this.top(m.service, ["service"]);
          if (usable(m.service) && usable(m.api))
            this.ref({ kind: "api", service: m.service.text, api: m.api.text }, m.api);
        }
        return;
      case "Deploy":
        this.declare(`top:${d.name?.text}`, "deploy", d.name, d, { doc });
        for (const m of d.members ?? []) {
          if (m?.kind !== "Canary") continue;
          this.top(m.service, ["service"]);
          if (usable(m.service) && usable(m.api))
            this.ref({ kind: "api", service: m.service.text, api: m.api.text }, m.api);
        }
        return;
      case "Rules":
        for (const item of d.items ?? []) if (item?.kind === "Allow") this.top(item.target, []); // any top-level name
        return;
    }
  }

  private service(d: A.ServiceDecl): void {
    const svc = d.name?.text;
    this.declare(`top:${svc}`, "service", d.name, d, { doc: d.doc });
    for (const m of d.members ?? []) {
      if (!m) continue;
      switch (m.kind) {
        case "Api":
          this.declare(`api:${svc}.${m.name?.text}`, "api", m.name, m, { container: svc, doc: m.doc });
          for (const op of m.ops ?? []) {
            if (!op) continue;
            this.declare(`op:${svc}.${m.name?.text}.${op.name?.text}`, "op", op.name, op, {
              container: svc,
              api: m.name?.text,
              doc: op.doc,
            });
            this.typeRef(op.domain);
            this.typeRef(op.codomain);
            for (const e of op.errors ?? []) this.top(e, typeKinds);
          }
          break;
        case "Calls":
          this.opRef(m.target);
          break;
        case "Uses":
          this.top(m.store, ["store"]);
          break;
        case "Publishes":
          this.top(m.event, ["event"]);
          break;
        case "Consumes":
          this.top(m.event, ["event"]);
          if (m.handler && svc !== undefined && usable(m.handler.op)) {
            const api = usable(m.handler.api) ? m.handler.api.text : undefined;
            if (api !== undefined) this.ref({ kind: "api", service: svc, api }, m.handler.api);
            this.ref({ kind: "op", service: svc, api, op: m.handler.op.text }, m.handler.op);
          }
          break;
        default:
          break;
      }
    }
  }

  private saga(d: A.SagaDecl): void {
    const saga = d.name?.text;
    this.declare(`top:${saga}`, "saga", d.name, d, { doc: d.doc });
    this.typeRef(d.input);
    this.top(d.by, ["service"]);
    const steps = (d.items ?? []).flatMap((i) => (i?.kind === "Parallel" ? (i.steps ?? []) : i ? [i] : []));
    for (const s of steps) {
      if (!s) continue;
      this.declare(`step:${saga}.${s.name?.text}`, "step", s.name, s, { container: saga, doc: s.doc });
      for (const call of [s.action, s.compensation]) {
        if (!call) continue;
        this.opRef(call.ref);
        if (saga !== undefined && usable(call.source) && call.source.text !== "input")
          this.ref({ kind: "step", saga, step: call.source.text }, call.source);
      }
    }
  }

  private opRef(ref: A.OpRef | undefined): void {
    if (!ref || !usable(ref.service)) return;
    const service = ref.service.text;
    this.top(ref.service, ["service"]);
    const api = usable(ref.api) ? ref.api.text : undefined;
    if (api !== undefined) this.ref({ kind: "api", service, api }, ref.api);
    if (usable(ref.op)) this.ref({ kind: "op", service, api, op: ref.op.text }, ref.op);
  }

  private flowExpr(e: A.FlowExpr | undefined): void {
    if (!e) return;
    switch (e.kind) {
      case "FlowOp":
        this.opRef(e.ref);
        return;
      case "FlowId":
        this.typeRef(e.type);
        return;
      default:
        for (const p of e.parts ?? []) this.flowExpr(p);
    }
  }

  private typeRef(t: A.TypeRef | undefined): void {
    if (!t) return;
    switch (t.kind) {
      case "NamedType":
        this.top(t.name, typeKinds);
        return;
      case "ListType":
        this.typeRef(t.element);
        return;
      case "MapType":
        this.typeRef(t.key);
        this.typeRef(t.value);
        return;
      case "ProductType":
        for (const p of t.parts ?? []) this.typeRef(p);
        return;
    }
  }
}
