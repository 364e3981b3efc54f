// What a declaration offers to the declarations that refer to it by name, as a string: two
// compilations that give a name equal fingerprints give every dependent the same lookups, so
// a dependent built against one may be reused in the other. Computed from a Model alone, so a
// finished compilation's fingerprints can be compared with those of one still being built.
//
// Each fingerprint covers what a service's own stages (buildServices, linkServices) read
// about another name, and a little more:
// - any name: which table holds it (its kind), or that nothing does;
// - a record: its field names (path parameters are checked against them);
// - an alias: its expansion, and the fingerprints of the records and enums inside it;
// - an event: its payload and topic (a consumer's handler is checked against the payload);
// - a service: its APIs in order, with version and ops: id, domain, codomain and modifiers
//   (calls resolve against them, and `svc.op` against the newest API).

import type { Model, TypeExpr } from "../model/schema.js";

export class Fingerprints {
  private readonly cache = new Map<string, string>();

  constructor(readonly model: Model) {}

  of(name: string): string {
    let fp = this.cache.get(name);
    if (fp === undefined) {
      fp = this.compute(name);
      this.cache.set(name, fp);
    }
    return fp;
  }

  private compute(name: string): string {
    const m = this.model;
    if (Object.hasOwn(m.types, name)) {
      const t = m.types[name];
      switch (t.kind) {
        case "record":
          return `record:${t.fields.map((f) => f.name).join(" ")}`;
        case "enum":
          return "enum";
        case "alias":
          return `alias:${JSON.stringify(t.target)}:${refsOf(t.target)
            .map((r) => this.of(r))
            .join("|")}`;
      }
    }
    if (Object.hasOwn(m.services, name)) {
      const apis = m.services[name].apis.map((a) => ({
        name: a.name,
        version: a.version,
        ops: a.ops.map((id) => {
          const op = m.ops[id];
          return [id, op.domain, op.codomain, op.readonly, op.idempotent, op.toleratesAbsent];
        }),
      }));
      return `service:${JSON.stringify(apis)}`;
    }
    if (Object.hasOwn(m.events, name)) {
      const ev = m.events[name];
      return `event:${JSON.stringify([ev.payload, ev.topic ?? null])}`;
    }
    for (const table of OTHER_TABLES) if (Object.hasOwn(m[table], name)) return table;
    return "none";
  }
}

const OTHER_TABLES = ["stores", "brokers", "topics", "flows", "sagas", "gateways", "deployments"] as const;

/** Names of the records and enums a resolved type mentions. */
function refsOf(t: TypeExpr, out: string[] = []): string[] {
  switch (t.kind) {
    case "ref":
      out.push(t.name);
      break;
    case "list":
      refsOf(t.element, out);
      break;
    case "map":
      refsOf(t.key, out);
      refsOf(t.value, out);
      break;
    case "product":
      for (const p of t.parts) refsOf(p, out);
      break;
  }
  return out;
}
