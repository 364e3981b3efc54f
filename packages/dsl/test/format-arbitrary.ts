// fast-check arbitraries for whole .arch syntax trees: every declaration kind and member kind,
// built only from what the parser accepts without a diagnostic, with names that include
// kebab-case and keywords used as names. Spans are dummies: the tests compare modulo spans.

import fc from "fast-check";
import type * as A from "../src/ast.js";
import { type BlockContext, blockProperties, knownKinds, type ValueKind } from "../src/properties.js";
import type { Span } from "../src/span.js";

export const GENERATED_FILE = "generated.arch";

const span: Span = { file: GENERATED_FILE, start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 };

/** Words the lexer knows as keywords; the language lets each be a name. */
const KEYWORD_NAMES = [
  "from",
  "to",
  "type",
  "read",
  "write",
  "store",
  "service",
  "id",
  "list",
  "map",
  "op",
  "step",
  "pivot",
  "parallel",
  "in",
  "on",
  "by",
  "api",
  "calls",
  "uses",
  "event",
  "flow",
  "saga",
  "set",
  "allow",
  "fail-on",
  "GET",
  "POST",
  "cors",
  "route",
  "env",
  "secret",
  "hash",
  "balance",
  "cpu",
  "memory",
  "latency",
  "slo",
  "compensate",
  "retriable",
  "breaker",
  "import",
  "system",
  "public",
  "idempotent",
  "unit",
  "string",
  "input",
];

const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/);
const segment = fc.stringMatching(/^[A-Za-z0-9_]{1,4}$/);

const nameText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...KEYWORD_NAMES),
  word,
  fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,6}$/),
  fc
    .tuple(word, fc.array(segment, { minLength: 1, maxLength: 2 }))
    .map(([w, rest]) => [w, ...rest].join("-")),
);

export function nameOf(text: string): A.Name {
  return { kind: "Name", text, span };
}

const name: fc.Arbitrary<A.Name> = nameText.map(nameOf);
const stepName: fc.Arbitrary<A.Name> = nameText.filter((t) => t !== "input").map(nameOf);

/** Characters that exercise every escape and a few non-ASCII ones. */
const stringChars = fc.constantFrom(
  "a",
  "Z",
  "0",
  " ",
  "/",
  "-",
  ":",
  '"',
  "\\",
  "\n",
  "\t",
  "\r",
  "\u0001",
  "\u007f",
  "é",
  "→",
  "😀",
  "{",
  "}",
  "//",
  "/*",
);
const stringValue = fc.array(stringChars, { maxLength: 8 }).map((cs) => cs.join(""));
const stringLit: fc.Arbitrary<A.StringLit> = stringValue.map((value) => ({ kind: "String", value, span }));
const pathLit: fc.Arbitrary<A.StringLit> = stringValue.map((v) => ({ kind: "String", value: `/${v}`, span }));

export function quantityOf(raw: string): A.Quantity {
  const m = /^(\d+(?:\.\d+)?)(.*)$/.exec(raw);
  return { kind: "Quantity", value: Number(m?.[1]), unit: m?.[2] ?? "", raw, span };
}

const digits = (max: number) => fc.integer({ min: 0, max }).map(String);
/** `12` or `1.50` (decimals keep the digits as written). */
const decimal = fc.oneof(
  digits(999),
  fc.tuple(digits(99), fc.stringMatching(/^[0-9]{1,2}$/)).map(([i, f]) => `${i}.${f}`),
);
const withUnit = (units: readonly string[], number = decimal) =>
  fc.tuple(number, fc.constantFrom(...units)).map(([n, u]) => quantityOf(`${n}${u}`));

const DURATION_UNITS = ["ms", "s", "m", "h", "d"];
const SIZE_UNITS = ["Ki", "Mi", "Gi", "Ti", "K", "M", "G", "T"];

const intQ = digits(9999).map(quantityOf);
const portQ = fc.integer({ min: 1, max: 65535 }).map((n) => quantityOf(String(n)));
const durationQ = withUnit(DURATION_UNITS);
const sizeQ = fc.oneof(withUnit(SIZE_UNITS), digits(99999).map(quantityOf));
const percentQ = fc.oneof(
  fc.constant(quantityOf("100%")),
  fc
    .tuple(digits(99), fc.option(fc.stringMatching(/^[0-9]{1,2}$/), { nil: undefined }))
    .map(([i, f]) => quantityOf(f === undefined ? `${i}%` : `${i}.${f}%`)),
);
const rateQ = withUnit(["/s", "/min", "/hour", "/day"]);
const cpuQ = fc.oneof(decimal.map(quantityOf), withUnit(["m"], digits(4000)));

/** `low..high` with one unit and low <= high, so the parser's order check passes. */
function rangeOf(units: readonly string[]): fc.Arbitrary<A.Range> {
  return fc
    .tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), fc.constantFrom(...units))
    .map(([a, b, u]) => ({
      kind: "Range",
      low: quantityOf(`${Math.min(a, b)}${u}`),
      high: quantityOf(`${Math.max(a, b)}${u}`),
      span,
    }));
}

function valueFor(key: string, kind: ValueKind): fc.Arbitrary<A.Literal | A.Name> {
  switch (kind) {
    case "string":
      return stringLit;
    case "int":
      return key === "port" ? portQ : intQ;
    case "number":
      return decimal.map(quantityOf);
    case "duration":
      return durationQ;
    case "size":
      return sizeQ;
    case "percent":
      return percentQ;
    case "rate":
      return rateQ;
    case "cpu":
      return cpuQ;
    case "duration-range":
      return rangeOf(DURATION_UNITS);
    case "name":
      if (key === "backup") return fc.constantFrom(...knownKinds.backup).map(nameOf);
      if (key === "mtls") return fc.constantFrom(...knownKinds.mtls).map(nameOf);
      return name;
    case "flag":
      return fc.constant(nameOf(""));
  }
}

function simpleMember(ctx: BlockContext): fc.Arbitrary<A.SimpleMember> {
  const table = blockProperties[ctx];
  return fc.constantFrom(...Object.keys(table)).chain((key): fc.Arbitrary<A.SimpleMember> => {
    const kind = table[key];
    if (kind === "flag") return fc.constant({ kind: "Flag", name: nameOf(key), span });
    return valueFor(key, kind).map((value) => ({ kind: "Property", key: nameOf(key), value, span }));
  });
}

const props = (ctx: BlockContext, max = 3) => fc.array(simpleMember(ctx), { maxLength: max });

// ---------------------------------------------------------------- types and flows

const typeRefOfDepth = fc.memo((depth: number): fc.Arbitrary<A.TypeRef> => {
  const named = name.map((n): A.TypeRef => ({ kind: "NamedType", name: n, span }));
  if (depth <= 1) return named;
  const inner = typeRefOfDepth(depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: named },
    inner.map((element): A.TypeRef => ({ kind: "ListType", element, span })),
    fc.tuple(inner, inner).map(([key, value]): A.TypeRef => ({ kind: "MapType", key, value, span })),
    fc
      .array(inner, { minLength: 2, maxLength: 3 })
      .map((parts): A.TypeRef => ({ kind: "ProductType", parts, span })),
  );
});
export const typeRef: fc.Arbitrary<A.TypeRef> = typeRefOfDepth(3);

const opRef: fc.Arbitrary<A.OpRef> = fc
  .tuple(name, fc.option(name, { nil: undefined }), name)
  .map(([service, api, op]) => ({ kind: "OpRef", service, api, op, span }));

const flowExprOfDepth = fc.memo((depth: number): fc.Arbitrary<A.FlowExpr> => {
  const leaf = fc.oneof(
    { weight: 4, arbitrary: opRef.map((ref): A.FlowExpr => ({ kind: "FlowOp", ref, span })) },
    typeRef.map((type): A.FlowExpr => ({ kind: "FlowId", type, span })),
  );
  if (depth <= 1) return leaf;
  const parts = fc.array(flowExprOfDepth(depth - 1), { minLength: 2, maxLength: 4 });
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    parts.map((p): A.FlowExpr => ({ kind: "FlowSeq", parts: p, span })),
    parts.map((p): A.FlowExpr => ({ kind: "FlowFanout", parts: p, span })),
    parts.map((p): A.FlowExpr => ({ kind: "FlowPar", parts: p, span })),
  );
});
export const flowExpr: fc.Arbitrary<A.FlowExpr> = flowExprOfDepth(4);

// ---------------------------------------------------------------- services

const opDecl: fc.Arbitrary<A.OpDecl> = fc
  .record({
    name,
    domain: typeRef,
    codomain: typeRef,
    errors: fc.array(name, { maxLength: 3 }),
    http: fc.option(
      fc
        .tuple(fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"), pathLit)
        .map(([m, path]): A.HttpBinding => ({ kind: "Http", method: nameOf(m), path, span })),
      { nil: undefined },
    ),
    modifiers: props("op"),
  })
  .map((o) => ({ kind: "Op", ...o, span }));

const quantityOrRange = (q: fc.Arbitrary<A.Quantity>, units: readonly string[]) =>
  fc.oneof(q, rangeOf(units)) as fc.Arbitrary<A.Quantity | A.Range>;

const balance: fc.Arbitrary<A.BalanceMember> = fc
  .tuple(fc.constantFrom(...knownKinds.balance), name)
  .map(([strategy, field]) =>
    strategy === "hash"
      ? { kind: "Balance", strategy: nameOf(strategy), hashField: field, span }
      : { kind: "Balance", strategy: nameOf(strategy), span },
  );

const policyItem: fc.Arbitrary<A.PolicyItem> = fc.oneof(
  simpleMember("policy"),
  fc
    .tuple(intQ, durationQ)
    .map(([failures, window]): A.PolicyItem => ({ kind: "Breaker", failures, window, span })),
);

const serviceMember: fc.Arbitrary<A.ServiceMember> = fc.oneof(
  simpleMember("service"),
  fc
    .tuple(fc.oneof(intQ, rangeOf([""])), fc.option(percentQ, { nil: undefined }))
    .map(([count, cpuTarget]): A.ServiceMember => ({ kind: "Replicas", count, cpuTarget, span })),
  fc
    .tuple(
      fc.option(quantityOrRange(cpuQ, ["", "m"]), { nil: undefined }),
      fc.option(quantityOrRange(sizeQ, SIZE_UNITS), { nil: undefined }),
    )
    .map(([cpu, memory]): A.ServiceMember => ({ kind: "Resources", cpu, memory, span })),
  balance,
  fc
    .array(fc.tuple(name, fc.oneof(stringLit, intQ, durationQ) as fc.Arbitrary<A.Literal>), { maxLength: 3 })
    .map(
      (es): A.ServiceMember => ({
        kind: "Env",
        entries: es.map(([key, value]) => ({ kind: "EnvEntry", key, value, span })),
        span,
      }),
    ),
  fc.tuple(name, stringLit).map(([n, from]): A.ServiceMember => ({ kind: "Secret", name: n, from, span })),
  fc
    .tuple(name, fc.option(fc.constantFrom("read", "write").map(nameOf), { nil: undefined }))
    .map(([store, mode]): A.ServiceMember => ({ kind: "Uses", store, mode, span })),
  fc
    .record({
      name,
      protocol: fc.option(fc.constantFrom(...knownKinds.protocol).map(nameOf), { nil: undefined }),
      ops: fc.array(opDecl, { maxLength: 3 }),
    })
    .map((a): A.ServiceMember => ({ kind: "Api", ...a, span })),
  fc.tuple(opRef, fc.boolean(), fc.array(policyItem, { maxLength: 3 })).map(
    ([target, hasBlock, policy]): A.ServiceMember => ({
      kind: "Calls",
      target,
      policy: hasBlock ? policy : [],
      hasBlock,
      span,
    }),
  ),
  name.map((event): A.ServiceMember => ({ kind: "Publishes", event, span })),
  fc.tuple(name, fc.option(fc.tuple(fc.option(name, { nil: undefined }), name), { nil: undefined })).map(
    ([event, h]): A.ServiceMember => ({
      kind: "Consumes",
      event,
      handler: h ? { api: h[0], op: h[1], span } : undefined,
      span,
    }),
  ),
);

// ---------------------------------------------------------------- sagas, gateway, deploy, rules

const sagaCall: fc.Arbitrary<A.SagaCall> = fc
  .tuple(opRef, fc.option(name, { nil: undefined }))
  .map(([ref, source]) => ({ kind: "SagaCall", ref, source, span }));

const sagaStep: fc.Arbitrary<A.SagaStep> = fc
  .record({
    role: fc.constantFrom("step" as const, "pivot" as const),
    name: stepName,
    action: sagaCall,
    compensation: fc.option(sagaCall, { nil: undefined }),
    retriable: fc.boolean(),
  })
  .map((s) => ({ kind: "Step", ...s, span }));

const sagaItem: fc.Arbitrary<A.SagaItem> = fc.oneof(
  { weight: 3, arbitrary: sagaStep },
  fc.array(sagaStep, { maxLength: 3 }).map((steps): A.SagaItem => ({ kind: "Parallel", steps, span })),
);

const gatewayMember: fc.Arbitrary<A.GatewayMember> = fc.oneof(
  simpleMember("gateway"),
  fc
    .tuple(fc.constantFrom(...knownKinds.auth), props("auth"))
    .map(([scheme, p]): A.GatewayMember => ({ kind: "Auth", scheme: nameOf(scheme), props: p, span })),
  fc
    .tuple(fc.array(stringLit, { maxLength: 3 }), props("cors"))
    .map(([origins, p]): A.GatewayMember => ({ kind: "Cors", origins, props: p, span })),
  fc
    .record({
      path: pathLit,
      service: name,
      api: fc.option(name, { nil: undefined }),
      props: fc.array(fc.oneof(simpleMember("route"), balance), { maxLength: 3 }),
      hasBlock: fc.boolean(),
    })
    .map((r): A.GatewayMember => ({ kind: "Route", ...r, props: r.hasBlock ? r.props : [], span })),
);

const deployMember: fc.Arbitrary<A.DeployMember> = fc.oneof(
  fc.constantFrom("target" as const, "mesh" as const, "tracing" as const).chain((keyword) =>
    fc.tuple(fc.constantFrom(...knownKinds[keyword]), fc.boolean(), props(keyword)).map(
      ([value, hasBlock, p]): A.DeployMember => ({
        kind: "DeployBlock",
        keyword: nameOf(keyword),
        value: nameOf(value),
        props: hasBlock ? p : [],
        hasBlock,
        span,
      }),
    ),
  ),
  fc
    .tuple(name, name, percentQ)
    .map(([service, api, weight]): A.DeployMember => ({ kind: "Canary", service, api, weight, span })),
);

const rulesItem: fc.Arbitrary<A.RulesItem> = fc.oneof(
  fc.constantFrom(...knownKinds.failOn).map((l): A.RulesItem => ({ kind: "FailOn", level: nameOf(l), span })),
  fc
    .tuple(
      name,
      name,
      fc.oneof(intQ, percentQ, durationQ, stringLit, name) as fc.Arbitrary<A.Literal | A.Name>,
    )
    .map(([rule, option, value]): A.RulesItem => ({ kind: "Set", rule, option, value, span })),
  fc
    .tuple(name, name, stringLit)
    .map(([rule, target, reason]): A.RulesItem => ({ kind: "Allow", rule, target, reason, span })),
);

// ---------------------------------------------------------------- declarations

const field: fc.Arbitrary<A.Field> = fc
  .record({
    name: fc.oneof({ weight: 4, arbitrary: name }, stringLit) as fc.Arbitrary<A.Name | A.StringLit>,
    optional: fc.boolean(),
    type: typeRef,
  })
  .map((f) => ({ kind: "Field", ...f, span }));

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

export const decl: fc.Arbitrary<A.Decl> = fc.oneof(
  fc
    .record({ name, title: opt(stringLit), props: props("system") })
    .map((d): A.Decl => ({ kind: "System", ...d, span })),
  fc
    .record({ name, fields: fc.array(field, { maxLength: 4 }) })
    .map((d): A.Decl => ({ kind: "Type", ...d, span })),
  fc.record({ name, target: typeRef }).map((d): A.Decl => ({ kind: "Alias", ...d, span })),
  fc
    .record({ name, members: fc.array(name, { maxLength: 4 }) })
    .map((d): A.Decl => ({ kind: "Enum", ...d, span })),
  fc
    .record({ name, kind: fc.constantFrom(...knownKinds.store), props: props("store") })
    .map((d): A.Decl => ({ kind: "Store", name: d.name, storeKind: nameOf(d.kind), props: d.props, span })),
  fc
    .record({ name, kind: fc.constantFrom(...knownKinds.broker), props: props("broker") })
    .map((d): A.Decl => ({ kind: "Broker", name: d.name, brokerKind: nameOf(d.kind), props: d.props, span })),
  fc
    .record({ name, broker: opt(name), props: props("topic") })
    .map((d): A.Decl => ({ kind: "Topic", ...d, span })),
  fc.record({ name, payload: typeRef, topic: opt(name) }).map((d): A.Decl => ({ kind: "Event", ...d, span })),
  {
    weight: 3,
    arbitrary: fc
      .record({ name, title: opt(stringLit), members: fc.array(serviceMember, { maxLength: 6 }) })
      .map((d): A.Decl => ({ kind: "Service", ...d, span })),
  },
  fc
    .record({
      name,
      signature: opt(fc.tuple(typeRef, typeRef)),
      body: flowExpr,
      hasBlock: fc.boolean(),
      by: opt(name),
      latency: opt(durationQ),
      availability: opt(percentQ),
    })
    .map((d): A.Decl => {
      const slo: A.FlowSlo | undefined =
        d.latency || d.availability
          ? { kind: "Slo", latency: d.latency, availability: d.availability, span }
          : undefined;
      return {
        kind: "Flow",
        name: d.name,
        signature: d.signature && { domain: d.signature[0], codomain: d.signature[1], span },
        body: d.body,
        by: d.hasBlock ? d.by : undefined,
        slo: d.hasBlock ? slo : undefined,
        hasBlock: d.hasBlock,
        span,
      };
    }),
  fc
    .record({ name, input: typeRef, by: opt(name), items: fc.array(sagaItem, { maxLength: 4 }) })
    .map((d): A.Decl => ({ kind: "Saga", ...d, span })),
  fc
    .record({ name, members: fc.array(gatewayMember, { maxLength: 4 }) })
    .map((d): A.Decl => ({ kind: "Gateway", ...d, span })),
  fc
    .record({ name, members: fc.array(deployMember, { maxLength: 4 }) })
    .map((d): A.Decl => ({ kind: "Deploy", ...d, span })),
  fc.array(rulesItem, { maxLength: 4 }).map((items): A.Decl => ({ kind: "Rules", items, span })),
);

const importDecl: fc.Arbitrary<A.ImportDecl> = stringLit.map((path) => ({ kind: "Import", path, span }));

export const sourceFile: fc.Arbitrary<A.SourceFileAst> = fc
  .tuple(fc.array(importDecl, { maxLength: 2 }), fc.array(decl, { minLength: 1, maxLength: 5 }))
  .map(([imports, decls]) => ({ kind: "File", path: GENERATED_FILE, imports, decls, comments: [], span }));

/** The tree without spans and without fields that are absent (`undefined`), for comparing. */
export function stripSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSpans);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "span" || v === undefined) continue;
    out[key] = stripSpans(v);
  }
  return out;
}
