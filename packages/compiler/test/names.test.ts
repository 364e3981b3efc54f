// Names: one namespace, duplicates at both sites, forward references, op addressing by newest
// API version, did-you-mean in message and fix.

import { describe, expect, it } from "vitest";
import { compileFiles } from "../src/index.js";
import { compile, expectClean, onlyError, spanText } from "./helpers.js";

describe("one namespace", () => {
  it("reports a duplicate at the second site with the first as a related range", () => {
    const text = "type Order { id: uuid }\nservice x { }\nstore Order: postgres\n";
    const d = onlyError(text, "E0201");
    expect(d.message).toBe("`Order` is already declared as a record type");
    expect(d.span.line).toBe(3);
    expect(spanText(text, d)).toBe("Order");
    expect(d.related).toEqual([
      { span: expect.objectContaining({ line: 1, col: 6 }), message: "first declared here" },
    ]);
  });

  it("keeps the first declaration of a duplicate name", () => {
    const { model } = compile("service a { port 1 }\nservice a { port 2 }\n");
    expect(model.services.a.port).toBe(1);
  });

  it("shares the namespace across imported files", () => {
    const c = compileFiles(
      { "main.arch": 'import "./b.arch"\ntype T { }\n', "b.arch": "service T { }\n" },
      "main.arch",
    );
    expect(c.diagnostics.map((d) => [d.code, d.span.file, d.related[0]?.span.file])).toEqual([
      ["E0201", "b.arch", "main.arch"],
    ]);
  });

  it("refuses a type named like a primitive, and a second system", () => {
    expect(compile("type string { }\n").diagnostics.map((d) => d.code)).toEqual(["E0201"]);
    const d = onlyError('system a\nsystem b "B"\n', "E0201");
    expect(d.message).toContain("at most one `system`");
    expect(d.related[0].message).toBe("first declared here");
  });

  it("names the system after the first entry file when there is none", () => {
    expect(compile("type T { }\n").model.system).toEqual({ name: "main" });
    const c = compileFiles({ "shop/entry.arch": "" }, "shop/entry.arch");
    expect(c.model.system.name).toBe("entry");
    const named = compile('system shop "Online shop" { version "1.4.0"  owner "platform" }\n').model.system;
    expect(named).toMatchObject({ name: "shop", title: "Online shop", version: "1.4.0", owner: "platform" });
  });
});

describe("references", () => {
  it("resolves forward references everywhere", () => {
    const { model } = expectClean(`
flow f: A -> C = a.f ; b.g
service a { api v1 { op f: A -> B } calls b.g { timeout 1s } uses db publishes E }
service b { api v1 { op g: B -> C } consumes E -> g2  api v2 { op g: B -> C  op g2: B -> unit } }
event E: B on t
topic t on k
broker k: kafka
store db: postgres
type A { b: B }
type B { }
type C { }
`);
    expect(model.flows.f.term).toEqual({
      kind: "seq",
      parts: [expect.objectContaining({ op: "a.v1.f" }), expect.objectContaining({ op: "b.v2.g" })],
    });
    expect(model.services.b.consumes[0].handler).toBe("b.v2.g2");
  });

  it("addresses svc.op in the newest API and svc.v1.op explicitly", () => {
    const { model } = expectClean(`
service s { api v1 { op f: unit -> unit } api v3 { op f: unit -> unit } api v2 { op f: unit -> unit } }
service c { calls s.f { timeout 1s } calls s.v1.f { timeout 1s } calls s.v2.f { timeout 1s } }
`);
    expect(model.services.c.calls.map((c) => c.op)).toEqual(["s.v3.f", "s.v1.f", "s.v2.f"]);
    expect(model.index.newestApi.s).toBe("v3");
  });

  it("ranks unversioned APIs below versions; among them the last declared is newest", () => {
    const { model } = compile(`
service s { api internal { op f: unit -> unit } api public { op g: unit -> unit } }
service t { api v1 { op f: unit -> unit } api beta { op f: unit -> unit } }
`);
    expect(model.index.newestApi).toEqual({ s: "public", t: "v1" });
  });

  it("explains an op missing from the newest API but present in an older one, with a fix", () => {
    const text = `
service p { api v1 { op refund: unit -> unit } api v2 { op charge: unit -> unit } }
service o { calls p.refund { timeout 1s } }
`;
    const d = onlyError(text, "E0203");
    expect(d.message).toBe(
      "`p.refund` addresses the newest API `v2` of `p`, which has no op `refund`; it is declared in `v1`",
    );
    expect(d.fixes).toEqual([
      {
        title: "write `p.v1.refund`",
        edits: [{ span: expect.objectContaining({ line: 3 }), newText: "p.v1.refund" }],
      },
    ]);
    expect(spanText(text, { ...d, span: d.fixes?.[0].edits[0].span ?? d.span })).toBe("p.refund");
  });

  it("suggests a close name in the message and as a fix that replaces the name", () => {
    const text = "service payments { }\nservice o { calls paymnts.charge }\n";
    const d = onlyError(text, "E0202");
    expect(d.message).toBe("unknown service `paymnts` (did you mean `payments`?)");
    expect(d.fixes).toEqual([
      { title: "replace with `payments`", edits: [{ span: d.span, newText: "payments" }] },
    ]);
    expect(spanText(text, d)).toBe("paymnts");
  });

  it("offers no suggestion beyond edit distance 2", () => {
    const d = onlyError("service payments { }\nservice o { calls pymnt.charge }\n", "E0202");
    expect(d.message).toBe("unknown service `pymnt`");
    expect(d.fixes).toBeUndefined();
  });

  it("suggests among names of the expected kind only", () => {
    const d = onlyError(
      "store order: postgres\ntype Order { }\nservice s { api v1 { op f: Ordr -> unit } }\n",
      "E0202",
    );
    expect(d.message).toBe("unknown type `Ordr` (did you mean `Order`?)");
  });

  it("suggests ops, API versions and primitive type names", () => {
    expect(
      onlyError("service p { api v1 { op charge: unit -> unit } }\nflow f = p.chrage\n", "E0203").message,
    ).toBe("unknown op `chrage` in `p.v1` (did you mean `charge`?)");
    expect(
      onlyError("service p { api v1 { op charge: unit -> unit } }\nflow f = p.v2.charge\n", "E0204").message,
    ).toBe("unknown API `v2` of service `p` (did you mean `v1`?)");
    expect(onlyError("type T { n: strng }\n", "E0202").message).toBe(
      "unknown type `strng` (did you mean `string`?)",
    );
  });

  it("reports a name of the wrong kind with where it is declared", () => {
    const text = "store db: postgres\nservice s { uses db }\nflow f = db.get\ntype T { x: s }\n";
    const { diagnostics } = compile(text);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["E0205", "`db` is a store, not a service"],
      ["E0205", "`s` is a service, not a type"],
    ]);
    expect(diagnostics[0].related[0]).toEqual({
      span: expect.objectContaining({ line: 1 }),
      message: "`db` is declared here",
    });
  });

  it("reports a service without APIs when an op of it is referenced", () => {
    expect(onlyError("service s { }\nflow f = s.g\n", "E0203").message).toBe(
      "service `s` declares no API, so it has no op `g`",
    );
  });
});

describe("duplicate members", () => {
  it.each([
    ["type T { a: int, a: string }", "field `a` is declared twice"],
    ["enum E { x, y, x }", "enum member `x` is listed twice"],
    ["service s { api v1 { } api v1 { } }", "API `v1` is declared twice"],
    ["service s { api v1 { op f: unit -> unit  op f: unit -> unit } }", "op `f` is declared twice"],
    ['service s { env { A = "1", A = "2" } }', "env variable `A` is declared twice"],
    ['service s { secret K from "a"  secret K from "b" }', "secret `K` is declared twice"],
    ["store d: redis\nservice s { uses d  uses d read }", "use of store `d` is declared twice"],
  ])("%s", (text, message) => {
    const d = onlyError(`${text}\n`, "E0206");
    expect(d.message).toBe(message);
    expect(d.related[0].message).toMatch(/^first (declared|listed) here$/);
  });

  it("reports a second call of the same op", () => {
    const d = onlyError(
      "service p { api v1 { op f: unit -> unit } }\nservice s { calls p.f { timeout 1s } calls p.v1.f { retries 1 } }\n",
      "E0206",
    );
    expect(d.message).toBe("`s` declares its call of `p.v1.f` twice");
  });

  it("reports a property set twice", () => {
    const d = onlyError("service s { port 80 port 81 }\n", "E0207");
    expect(d.message).toBe("`port` is set twice");
    expect(compile("service s { replicas 2 replicas 3 }\n").diagnostics.map((x) => x.message)).toEqual([
      "`replicas` is set twice",
    ]);
  });
});
