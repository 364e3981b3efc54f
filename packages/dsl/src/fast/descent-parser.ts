// The fast path's grammar: recursive descent over the Scanner, rule for rule the grammar of
// parser.ts, building the same AST nodes (same fields, same order, same spans). It only takes
// the road a clean chevrotain parse takes: wherever chevrotain would report a syntax error, a
// value check would fail or a decision is not plainly the same, it throws BAIL and the caller
// falls back to the chevrotain parser. See fast/README.md.

import type * as A from "../ast.js";
import {
  type BlockContext,
  blockProperties,
  knownKinds,
  startsBlockMember,
  type ValueKind,
} from "../properties.js";
import { isQuantityOf } from "../units.js";
import { BAIL } from "./bail.js";
import {
  AMP,
  ARROW,
  BANG,
  COLON,
  COMMA,
  DOT,
  EOF,
  EQUALS,
  IDENT,
  LANGLE,
  LBRACE,
  LPAREN,
  PIPE,
  QUANTITY,
  QUESTION,
  RANGE,
  RANGLE,
  RBRACE,
  RPAREN,
  type Scanner,
  SEMI,
  STAR,
  STRING,
} from "./scanner.js";
import { kindIsKnown, rangeOrderIsClean, valueIsClean } from "./value-checks.js";

type Maybe<T> = T | undefined;

/** Tokens parser.ts swallows as leftovers of a malformed property (its STRAY_TOKENS). */
const STRAY = new Set([
  IDENT,
  STRING,
  QUANTITY,
  RANGE,
  DOT,
  ARROW,
  COLON,
  EQUALS,
  SEMI,
  AMP,
  STAR,
  PIPE,
  BANG,
  QUESTION,
  LANGLE,
  RANGLE,
]);

const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

const DEPLOY_CONTEXT: Readonly<Record<string, BlockContext>> = {
  target: "target",
  mesh: "mesh",
  tracing: "tracing",
};

export interface WellFormedFile {
  readonly imports: A.ImportDecl[];
  readonly decls: A.Decl[];
}

export class DescentParser {
  private readonly s: Scanner;
  private readonly file: string;

  constructor(scanner: Scanner) {
    this.s = scanner;
    this.file = scanner.file;
  }

  parseFile(): WellFormedFile {
    const s = this.s;
    const imports: A.ImportDecl[] = [];
    const decls: A.Decl[] = [];
    while (!this.at(EOF)) {
      if (!this.at(IDENT)) throw BAIL;
      const word = s.image();
      if (word === "import") imports.push(this.importDecl());
      else decls.push(this.decl(word));
    }
    return { imports: fit(imports), decls: fit(decls) };
  }

  /** One top-level declaration (not an import), from the current token. */
  parseDeclaration(): A.Decl {
    if (!this.at(IDENT)) throw BAIL;
    const word = this.s.image();
    if (word === "import") throw BAIL;
    return this.decl(word);
  }

  // ------------------------------------------------------------------ tokens

  /** Whether the current token is of `kind` (a call, so TypeScript does not narrow across `next`). */
  private at(kind: number): boolean {
    return this.s.kind === kind;
  }

  private expect(kind: number): void {
    if (!this.at(kind)) throw BAIL;
    this.s.next();
  }

  private expectWord(w: string): void {
    if (!this.s.isWord(w)) throw BAIL;
    this.s.next();
  }

  private optional(kind: number): void {
    if (this.at(kind)) this.s.next();
  }

  private name(): A.Name {
    const s = this.s;
    if (!this.at(IDENT)) throw BAIL;
    const n: A.Name = { kind: "Name", text: s.image(), span: s.span() };
    s.next();
    return n;
  }

  /** The current identifier as a Name whose text is already known. */
  private nameAs(text: string): A.Name {
    const n: A.Name = { kind: "Name", text, span: this.s.span() };
    this.s.next();
    return n;
  }

  private stringLit(): A.StringLit {
    const s = this.s;
    if (!this.at(STRING)) throw BAIL;
    const value = s.escaped ? decodeEscapes(s.text, s.start + 1, s.end - 1) : s.slice(s.start + 1, s.end - 1);
    const lit: A.StringLit = { kind: "String", value, span: s.span() };
    s.next();
    return lit;
  }

  private quantity(): A.Quantity {
    const s = this.s;
    const raw = s.image();
    const q: A.Quantity = {
      kind: "Quantity",
      value: numberValue(s.text, s.start, s.numEnd),
      unit: s.slice(s.numEnd, s.end),
      raw,
      span: s.span(),
    };
    s.next();
    return q;
  }

  private range(): A.Range {
    const s = this.s;
    const text = s.text;
    const span = s.span();
    const part = (start: number, numEnd: number, end: number): A.Quantity => ({
      kind: "Quantity",
      value: numberValue(text, start, numEnd),
      unit: s.slice(numEnd, end),
      raw: s.slice(start, end),
      span: s.spanOf(start, end),
    });
    const low = part(s.start, s.numEnd, s.lowEnd);
    const high = part(s.lowEnd + 2, s.highNumEnd, s.end);
    s.next();
    return { kind: "Range", low, high, span };
  }

  private isLiteral(): boolean {
    const k = this.s.kind;
    return k === STRING || k === QUANTITY || k === RANGE;
  }

  private literal(): A.Literal {
    const k = this.s.kind;
    if (k === STRING) return this.stringLit();
    if (k === QUANTITY) return this.quantity();
    if (k === RANGE) return this.range();
    throw BAIL;
  }

  /** From the start of `node` to the end of the last token consumed (parser.ts spanFromNode). */
  private spanFromNode(node: { span: A.Node["span"] }): A.Node["span"] {
    return this.s.spanFrom(node.span.start);
  }

  // ------------------------------------------------------------------ declarations

  private importDecl(): A.ImportDecl {
    const s = this.s;
    const start = s.start;
    s.next();
    const path = this.stringLit();
    return { kind: "Import", path, span: s.spanFrom(start) };
  }

  private decl(word: string): A.Decl {
    switch (word) {
      case "system":
        return this.systemDecl();
      case "type":
        return this.typeDecl();
      case "enum":
        return this.enumDecl();
      case "store":
        return this.storeDecl();
      case "broker":
        return this.brokerDecl();
      case "topic":
        return this.topicDecl();
      case "event":
        return this.eventDecl();
      case "service":
        return this.serviceDecl();
      case "flow":
        return this.flowDecl();
      case "saga":
        return this.sagaDecl();
      case "gateway":
        return this.gatewayDecl();
      case "deploy":
        return this.deployDecl();
      case "rules":
        return this.rulesDecl();
      default:
        throw BAIL;
    }
  }

  private systemDecl(): A.SystemDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const name = this.name();
    const title = this.at(STRING) ? this.stringLit() : undefined;
    const props = this.at(LBRACE) ? this.simpleBlock("system") : [];
    return { kind: "System", name, title, props, doc, span: s.spanFrom(start) };
  }

  private typeDecl(): A.TypeDecl | A.AliasDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const name = this.name();
    if (this.at(EQUALS)) {
      s.next();
      const target = this.typeRef();
      return { kind: "Alias", name, target, doc, span: s.spanFrom(start) };
    }
    this.expect(LBRACE);
    const fields: A.Field[] = [];
    while (this.at(IDENT) || this.at(STRING)) {
      fields.push(this.field());
      this.optional(COMMA);
    }
    this.expect(RBRACE);
    return { kind: "Type", name, fields: fit(fields), doc, span: s.spanFrom(start) };
  }

  private field(): A.Field {
    const s = this.s;
    const { start, doc } = s;
    const name = this.at(STRING) ? this.stringLit() : this.name();
    let optional = false;
    if (this.at(QUESTION)) {
      s.next();
      optional = true;
    }
    this.expect(COLON);
    const type = this.typeRef();
    return { kind: "Field", name, optional, type, doc, span: s.spanFrom(start) };
  }

  private enumDecl(): A.EnumDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const name = this.name();
    const members: A.Name[] = [];
    this.expect(LBRACE);
    while (this.at(IDENT)) {
      members.push(this.name());
      this.optional(COMMA);
    }
    this.expect(RBRACE);
    return { kind: "Enum", name, members: fit(members), doc, span: s.spanFrom(start) };
  }

  private storeDecl(): A.StoreDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const name = this.name();
    this.expect(COLON);
    const storeKind = this.name();
    const props = this.at(LBRACE) ? this.simpleBlock("store") : [];
    if (!kindIsKnown(storeKind, knownKinds.store)) throw BAIL;
    return { kind: "Store", name, storeKind, props, doc, span: s.spanFrom(start) };
  }

  private brokerDecl(): A.BrokerDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const name = this.name();
    this.expect(COLON);
    const brokerKind = this.name();
    const props = this.at(LBRACE) ? this.simpleBlock("broker") : [];
    if (!kindIsKnown(brokerKind, knownKinds.broker)) throw BAIL;
    return { kind: "Broker", name, brokerKind, props, doc, span: s.spanFrom(start) };
  }

  private topicDecl(): A.TopicDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const name = this.name();
    let broker: Maybe<A.Name>;
    if (s.isWord("on")) {
      s.next();
      broker = this.name();
    }
    const props = this.at(LBRACE) ? this.simpleBlock("topic") : [];
    return { kind: "Topic", name, broker, props, doc, span: s.spanFrom(start) };
  }

  private eventDecl(): A.EventDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const name = this.name();
    this.expect(COLON);
    const payload = this.typeRef();
    let topic: Maybe<A.Name>;
    if (s.isWord("on")) {
      s.next();
      topic = this.name();
    }
    return { kind: "Event", name, payload, topic, doc, span: s.spanFrom(start) };
  }

  // ------------------------------------------------------------------ types

  private typeRef(): A.TypeRef {
    const s = this.s;
    const first = this.typeAtom();
    if (!this.at(STAR)) return first;
    const parts: A.TypeRef[] = [first];
    while (this.at(STAR)) {
      s.next();
      parts.push(this.typeAtom());
    }
    return { kind: "ProductType", parts: fit(parts), span: this.spanFromNode(first) };
  }

  private typeAtom(): A.TypeRef {
    const s = this.s;
    if (this.at(LPAREN)) {
      s.next();
      const inner = this.typeRef();
      this.expect(RPAREN);
      return inner;
    }
    // `list` and `map` are types only before `<`; otherwise they are names like any other.
    const { start } = s;
    const name = this.name();
    if (!this.at(LANGLE) || (name.text !== "list" && name.text !== "map")) {
      return { kind: "NamedType", name, span: name.span };
    }
    s.next();
    if (name.text === "list") {
      const element = this.typeRef();
      this.expect(RANGLE);
      return { kind: "ListType", element, span: s.spanFrom(start) };
    }
    const key = this.typeRef();
    this.expect(COMMA);
    const value = this.typeRef();
    this.expect(RANGLE);
    return { kind: "MapType", key, value, span: s.spanFrom(start) };
  }

  // ------------------------------------------------------------------ simple members

  private simpleBlock(ctx: BlockContext): A.SimpleMember[] {
    const s = this.s;
    this.expect(LBRACE);
    const props: A.SimpleMember[] = [];
    while (this.at(IDENT)) {
      props.push(this.simpleMember(ctx, s.image()));
      this.optional(COMMA);
    }
    this.expect(RBRACE);
    return fit(props);
  }

  /** Whether a token spelled `image` begins a member of a `ctx` block (parser.ts startsMember). */
  private startsMember(ctx: BlockContext, image: string): boolean {
    return startsBlockMember(ctx, image);
  }

  /** `key [value]`, where the current token is the key, spelled `keyText`. */
  private simpleMember(ctx: BlockContext, keyText: string): A.SimpleMember {
    const s = this.s;
    const { start, line } = s;
    const key = this.nameAs(keyText);
    const kind: unknown = blockProperties[ctx][keyText];
    if (typeof kind !== "string") throw BAIL; // an unknown property: E0114
    let value: Maybe<A.Literal | A.Name>;
    if (kind === "name") {
      // A name value stays on the key's line unless it cannot be the next member's keyword.
      if (this.at(IDENT) && (s.line === line || !this.startsMember(ctx, s.image()))) value = this.name();
    } else if (this.isLiteral()) value = this.literal();
    if (value === undefined) {
      if (kind !== "flag") throw BAIL; // a missing value: E0111
      // Leftovers on the flag's line would be swallowed and reported.
      if (!this.at(EOF) && s.line === line && STRAY.has(s.kind) && !this.startsMember(ctx, s.image()))
        throw BAIL;
      return { kind: "Flag", name: key, span: key.span };
    }
    if (!valueIsClean(keyText, kind as ValueKind, value)) throw BAIL;
    return { kind: "Property", key, value, span: s.spanFrom(start) };
  }

  // ------------------------------------------------------------------ services

  private serviceDecl(): A.ServiceDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const name = this.name();
    const title = this.at(STRING) ? this.stringLit() : undefined;
    const members: A.ServiceMember[] = [];
    this.expect(LBRACE);
    while (this.at(IDENT)) {
      members.push(this.serviceMember(s.image()));
      this.optional(COMMA);
    }
    this.expect(RBRACE);
    return { kind: "Service", name, title, members: fit(members), doc, span: s.spanFrom(start) };
  }

  private serviceMember(word: string): A.ServiceMember {
    switch (word) {
      case "replicas":
        return this.replicasMember();
      case "resources":
        return this.resourcesMember();
      case "balance":
        return this.balanceMember();
      case "env":
        return this.envMember();
      case "secret":
        return this.secretMember();
      case "uses":
        return this.usesMember();
      case "api":
        return this.apiDecl();
      case "calls":
        return this.callsMember();
      case "publishes":
        return this.publishesMember();
      case "consumes":
        return this.consumesMember();
      default:
        return this.simpleMember("service", word);
    }
  }

  private replicasMember(): A.ReplicasMember {
    const s = this.s;
    const { start } = s;
    s.next();
    const count = this.literal();
    let cpuTarget: Maybe<A.Literal>;
    if (s.isWord("cpu")) {
      s.next();
      cpuTarget = this.literal();
    }
    const countOk =
      (count.kind === "Quantity" && isQuantityOf(count, "int")) ||
      (count.kind === "Range" && isQuantityOf(count.low, "int") && isQuantityOf(count.high, "int"));
    if (!countOk) throw BAIL;
    if (count.kind === "Range" && !rangeOrderIsClean(count)) throw BAIL;
    if (cpuTarget && !valueIsClean("cpu", "percent", cpuTarget)) throw BAIL;
    return {
      kind: "Replicas",
      count: count as A.Quantity | A.Range,
      cpuTarget: cpuTarget as Maybe<A.Quantity>,
      span: s.spanFrom(start),
    };
  }

  private resourcesMember(): A.ResourcesMember {
    const s = this.s;
    const { start } = s;
    s.next();
    let cpu: Maybe<A.Literal>;
    let memory: Maybe<A.Literal>;
    this.expect(LBRACE);
    for (;;) {
      if (s.isWord("cpu")) {
        s.next();
        cpu = this.literal();
      } else if (s.isWord("memory")) {
        s.next();
        memory = this.literal();
      } else break;
      this.optional(COMMA);
    }
    this.expect(RBRACE);
    if (!resourceIsClean(cpu, "cpu") || !resourceIsClean(memory, "size")) throw BAIL;
    return {
      kind: "Resources",
      cpu: cpu as Maybe<A.Quantity | A.Range>,
      memory: memory as Maybe<A.Quantity | A.Range>,
      span: s.spanFrom(start),
    };
  }

  private balanceMember(): A.BalanceMember {
    const s = this.s;
    const { start } = s;
    s.next();
    if (s.isWord("hash")) {
      const strategy = this.nameAs("hash");
      const hashField = this.name();
      return { kind: "Balance", strategy, hashField, span: s.spanFrom(start) };
    }
    const strategy = this.name();
    if (!kindIsKnown(strategy, knownKinds.balance)) throw BAIL;
    return { kind: "Balance", strategy, span: s.spanFrom(start) };
  }

  private envMember(): A.EnvMember {
    const s = this.s;
    const { start } = s;
    s.next();
    const entries: A.EnvEntry[] = [];
    this.expect(LBRACE);
    while (this.at(IDENT)) {
      const key = this.name();
      this.expect(EQUALS);
      const value = this.literal();
      entries.push({ kind: "EnvEntry", key, value, span: this.spanFromNode(key) });
      this.optional(COMMA);
    }
    this.expect(RBRACE);
    return { kind: "Env", entries: fit(entries), span: s.spanFrom(start) };
  }

  private secretMember(): A.SecretMember {
    const s = this.s;
    const { start } = s;
    s.next();
    const name = this.name();
    this.expectWord("from");
    const from = this.stringLit();
    return { kind: "Secret", name, from, span: s.spanFrom(start) };
  }

  private usesMember(): A.UsesMember {
    const s = this.s;
    const { start } = s;
    s.next();
    const store = this.name();
    const mode = s.isWord("read") || s.isWord("write") ? this.name() : undefined;
    return { kind: "Uses", store, mode, span: s.spanFrom(start) };
  }

  private apiDecl(): A.ApiDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const name = this.name();
    const protocol = this.at(IDENT) ? this.name() : undefined;
    const ops: A.OpDecl[] = [];
    this.expect(LBRACE);
    while (s.isWord("op")) {
      ops.push(this.opDecl());
      this.optional(COMMA);
    }
    this.expect(RBRACE);
    if (protocol && !kindIsKnown(protocol, knownKinds.protocol)) throw BAIL;
    return { kind: "Api", name, protocol, ops: fit(ops), doc, span: s.spanFrom(start) };
  }

  private opDecl(): A.OpDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const name = this.name();
    this.expect(COLON);
    const domain = this.typeRef();
    this.expect(ARROW);
    const codomain = this.typeRef();
    const errors: A.Name[] = [];
    if (this.at(BANG)) {
      s.next();
      errors.push(this.name());
      while (this.at(PIPE)) {
        s.next();
        errors.push(this.name());
      }
    }
    let http: Maybe<A.HttpBinding>;
    if (this.at(IDENT)) {
      const word = s.image();
      if (HTTP_METHODS.has(word)) http = this.httpBinding(word);
    }
    const modifiers: A.SimpleMember[] = [];
    while (this.at(IDENT)) {
      const word = s.image();
      // `in`, as parser.ts's gate has it.
      if (!(word in blockProperties.op)) break;
      modifiers.push(this.simpleMember("op", word));
    }
    return {
      kind: "Op",
      name,
      domain,
      codomain,
      errors: fit(errors),
      http,
      modifiers: fit(modifiers),
      doc,
      span: s.spanFrom(start),
    };
  }

  private httpBinding(method: string): A.HttpBinding {
    const s = this.s;
    const { start } = s;
    const m = this.nameAs(method);
    const path = this.stringLit();
    if (!path.value.startsWith("/")) throw BAIL;
    return { kind: "Http", method: m, path, span: s.spanFrom(start) };
  }

  private callsMember(): A.CallsMember {
    const s = this.s;
    const { start } = s;
    s.next();
    const target = this.opRef(this.name());
    const policy: A.PolicyItem[] = [];
    let hasBlock = false;
    if (this.at(LBRACE)) {
      s.next();
      hasBlock = true;
      while (this.at(IDENT)) {
        const word = s.image();
        policy.push(word === "breaker" ? this.breakerPolicy() : this.simpleMember("policy", word));
        this.optional(COMMA);
      }
      this.expect(RBRACE);
    }
    return { kind: "Calls", target, policy: fit(policy), hasBlock, span: s.spanFrom(start) };
  }

  private breakerPolicy(): A.BreakerPolicy {
    const s = this.s;
    const { start } = s;
    s.next();
    const failures = this.literal();
    this.expectWord("in");
    const window = this.literal();
    if (!valueIsClean("breaker", "int", failures) || !valueIsClean("in", "duration", window)) throw BAIL;
    return {
      kind: "Breaker",
      failures: failures as A.Quantity,
      window: window as A.Quantity,
      span: s.spanFrom(start),
    };
  }

  private publishesMember(): A.PublishesMember {
    const s = this.s;
    const { start } = s;
    s.next();
    const event = this.name();
    return { kind: "Publishes", event, span: s.spanFrom(start) };
  }

  private consumesMember(): A.ConsumesMember {
    const s = this.s;
    const { start } = s;
    s.next();
    const event = this.name();
    let handler: A.ConsumesMember["handler"];
    if (this.at(ARROW)) {
      s.next();
      const first = this.name();
      if (this.at(DOT)) {
        s.next();
        const second = this.name();
        handler = { api: first, op: second, span: this.spanFromNode(first) };
      } else handler = { op: first, span: first.span };
    }
    return { kind: "Consumes", event, handler, span: s.spanFrom(start) };
  }

  /** `svc.op` or `svc.api.op`, its first name already read. */
  private opRef(service: A.Name): A.OpRef {
    const s = this.s;
    this.expect(DOT);
    const second = this.name();
    if (this.at(DOT)) {
      s.next();
      const third = this.name();
      return { kind: "OpRef", service, api: second, op: third, span: this.spanFromNode(service) };
    }
    return { kind: "OpRef", service, op: second, span: this.spanFromNode(service) };
  }

  // ------------------------------------------------------------------ flows

  private flowDecl(): A.FlowDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const name = this.name();
    let signature: A.FlowDecl["signature"];
    if (this.at(COLON)) {
      s.next();
      const domain = this.typeRef();
      this.expect(ARROW);
      const codomain = this.typeRef();
      signature = { domain, codomain, span: this.spanFromNode(domain) };
    }
    this.expect(EQUALS);
    const body = this.flowExpr();
    let by: Maybe<A.Name>;
    let slo: Maybe<A.FlowSlo>;
    let hasBlock = false;
    if (this.at(LBRACE)) {
      s.next();
      hasBlock = true;
      for (;;) {
        if (s.isWord("by")) {
          s.next();
          by = this.name();
        } else if (s.isWord("slo")) slo = this.sloProp();
        else break;
        this.optional(COMMA);
      }
      this.expect(RBRACE);
    }
    return {
      kind: "Flow",
      name,
      signature,
      body,
      by,
      slo,
      hasBlock,
      doc,
      span: s.spanFrom(start),
    };
  }

  private sloProp(): A.FlowSlo {
    const s = this.s;
    const { start } = s;
    s.next();
    let latency: Maybe<A.Literal>;
    let availability: Maybe<A.Literal>;
    if (s.isWord("latency")) {
      s.next();
      latency = this.literal();
    }
    if (s.isWord("availability")) {
      s.next();
      availability = this.literal();
    }
    if (latency && !valueIsClean("latency", "duration", latency)) throw BAIL;
    if (availability && !valueIsClean("availability", "percent", availability)) throw BAIL;
    if (!latency && !availability) throw BAIL; // E0110
    return {
      kind: "Slo",
      latency: latency as Maybe<A.Quantity>,
      availability: availability as Maybe<A.Quantity>,
      span: s.spanFrom(start),
    };
  }

  private flowExpr(): A.FlowExpr {
    const s = this.s;
    const first = this.flowPar();
    if (!this.at(SEMI)) return first;
    const parts: A.FlowExpr[] = [first];
    while (this.at(SEMI)) {
      s.next();
      parts.push(this.flowPar());
    }
    return { kind: "FlowSeq", parts: fit(parts), span: this.spanFromNode(first) };
  }

  private flowPar(): A.FlowExpr {
    const s = this.s;
    const first = this.flowAtom();
    const op = s.kind;
    if (op !== AMP && op !== STAR) return first;
    const parts: A.FlowExpr[] = [first];
    while (this.at(AMP) || this.at(STAR)) {
      if (s.kind !== op) throw BAIL; // `&` and `*` mixed: E0113
      s.next();
      parts.push(this.flowAtom());
    }
    return { kind: op === AMP ? "FlowFanout" : "FlowPar", parts: fit(parts), span: this.spanFromNode(first) };
  }

  private flowAtom(): A.FlowExpr {
    const s = this.s;
    if (this.at(LPAREN)) {
      s.next();
      const inner = this.flowExpr();
      this.expect(RPAREN);
      return inner;
    }
    // `id` opens an identity only before `<`; otherwise it is a service name.
    const { start } = s;
    const first = this.name();
    if (this.at(LANGLE) && first.text === "id") {
      s.next();
      const type = this.typeRef();
      this.expect(RANGLE);
      return { kind: "FlowId", type, span: s.spanFrom(start) };
    }
    const ref = this.opRef(first);
    return { kind: "FlowOp", ref, span: ref.span };
  }

  // ------------------------------------------------------------------ sagas

  private sagaDecl(): A.SagaDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const name = this.name();
    this.expect(LPAREN);
    const input = this.typeRef();
    this.expect(RPAREN);
    let by: Maybe<A.Name>;
    if (s.isWord("by")) {
      s.next();
      by = this.name();
    }
    const items: A.SagaItem[] = [];
    this.expect(LBRACE);
    for (;;) {
      if (s.isWord("step") || s.isWord("pivot")) items.push(this.sagaStep());
      else if (s.isWord("parallel")) items.push(this.sagaParallel());
      else break;
      this.optional(COMMA);
    }
    this.expect(RBRACE);
    return { kind: "Saga", name, input, by, items: fit(items), doc, span: s.spanFrom(start) };
  }

  private sagaParallel(): A.SagaParallel {
    const s = this.s;
    const { start } = s;
    s.next();
    const steps: A.SagaStep[] = [];
    this.expect(LBRACE);
    while (s.isWord("step") || s.isWord("pivot")) {
      steps.push(this.sagaStep());
      this.optional(COMMA);
    }
    this.expect(RBRACE);
    return { kind: "Parallel", steps: fit(steps), span: s.spanFrom(start) };
  }

  private sagaStep(): A.SagaStep {
    const s = this.s;
    const { start, doc } = s;
    const role = s.isWord("pivot") ? "pivot" : "step";
    s.next();
    const name = this.name();
    if (name.text === "input") throw BAIL; // E0116
    this.expect(COLON);
    const action = this.sagaCall();
    let compensation: Maybe<A.SagaCall>;
    let retriable = false;
    for (;;) {
      if (s.isWord("compensate")) {
        s.next();
        compensation = this.sagaCall();
      } else if (s.isWord("retriable")) {
        s.next();
        retriable = true;
      } else break;
    }
    return {
      kind: "Step",
      role,
      name,
      action,
      compensation,
      retriable,
      doc,
      span: s.spanFrom(start),
    };
  }

  private sagaCall(): A.SagaCall {
    const s = this.s;
    const ref = this.opRef(this.name());
    let source: Maybe<A.Name>;
    if (this.at(LPAREN)) {
      s.next();
      source = this.name();
      this.expect(RPAREN);
    }
    return { kind: "SagaCall", ref, source, span: this.spanFromNode(ref) };
  }

  // ------------------------------------------------------------------ gateway

  private gatewayDecl(): A.GatewayDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const name = this.name();
    const members: A.GatewayMember[] = [];
    this.expect(LBRACE);
    while (this.at(IDENT)) {
      const word = s.image();
      if (word === "auth") members.push(this.authMember());
      else if (word === "cors") members.push(this.corsMember());
      else if (word === "route") members.push(this.routeMember());
      else members.push(this.simpleMember("gateway", word));
      this.optional(COMMA);
    }
    this.expect(RBRACE);
    return { kind: "Gateway", name, members: fit(members), doc, span: s.spanFrom(start) };
  }

  private authMember(): A.AuthMember {
    const s = this.s;
    const { start } = s;
    s.next();
    const scheme = this.name();
    const props = this.at(LBRACE) ? this.simpleBlock("auth") : [];
    if (!kindIsKnown(scheme, knownKinds.auth)) throw BAIL;
    return { kind: "Auth", scheme, props, span: s.spanFrom(start) };
  }

  private corsMember(): A.CorsMember {
    const s = this.s;
    const { start } = s;
    s.next();
    const origins: A.StringLit[] = [];
    const props: A.SimpleMember[] = [];
    this.expect(LBRACE);
    while (this.at(IDENT)) {
      const word = s.image();
      if (word === "origins") {
        s.next();
        do {
          origins.push(this.stringLit());
          this.optional(COMMA);
        } while (this.at(STRING));
      } else {
        props.push(this.simpleMember("cors", word));
        this.optional(COMMA);
      }
    }
    this.expect(RBRACE);
    return { kind: "Cors", origins: fit(origins), props: fit(props), span: s.spanFrom(start) };
  }

  private routeMember(): A.RouteMember {
    const s = this.s;
    const { start } = s;
    s.next();
    const path = this.stringLit();
    this.expect(ARROW);
    const service = this.name();
    let api: Maybe<A.Name>;
    if (this.at(DOT)) {
      s.next();
      api = this.name();
    }
    const props: (A.SimpleMember | A.BalanceMember)[] = [];
    let hasBlock = false;
    if (this.at(LBRACE)) {
      s.next();
      hasBlock = true;
      while (this.at(IDENT)) {
        const word = s.image();
        props.push(word === "balance" ? this.balanceMember() : this.simpleMember("route", word));
        this.optional(COMMA);
      }
      this.expect(RBRACE);
    }
    return {
      kind: "Route",
      path,
      service,
      api,
      props: fit(props),
      hasBlock,
      span: s.spanFrom(start),
    };
  }

  // ------------------------------------------------------------------ deploy and rules

  private deployDecl(): A.DeployDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const name = this.name();
    const members: A.DeployMember[] = [];
    this.expect(LBRACE);
    while (this.at(IDENT)) {
      members.push(s.isWord("canary") ? this.canaryMember() : this.deployBlock());
      this.optional(COMMA);
    }
    this.expect(RBRACE);
    return { kind: "Deploy", name, members: fit(members), doc, span: s.spanFrom(start) };
  }

  private deployBlock(): A.DeployBlock {
    const s = this.s;
    const { start } = s;
    const keyword = this.name();
    const ctx = DEPLOY_CONTEXT[keyword.text];
    if (!Object.hasOwn(DEPLOY_CONTEXT, keyword.text)) throw BAIL; // E0114
    const value = this.name();
    let props: A.SimpleMember[] = [];
    let hasBlock = false;
    if (this.at(LBRACE)) {
      props = this.simpleBlock(ctx);
      hasBlock = true;
    }
    if (!kindIsKnown(value, knownKinds[ctx as "target" | "mesh" | "tracing"])) throw BAIL;
    return { kind: "DeployBlock", keyword, value, props, hasBlock, span: s.spanFrom(start) };
  }

  private canaryMember(): A.CanaryMember {
    const s = this.s;
    const { start } = s;
    s.next();
    const service = this.name();
    this.expect(DOT);
    const api = this.name();
    const weight = this.literal();
    if (!valueIsClean("canary", "percent", weight)) throw BAIL;
    return { kind: "Canary", service, api, weight: weight as A.Quantity, span: s.spanFrom(start) };
  }

  private rulesDecl(): A.RulesDecl {
    const s = this.s;
    const { start, doc } = s;
    s.next();
    const items: A.RulesItem[] = [];
    this.expect(LBRACE);
    for (;;) {
      if (s.isWord("fail-on")) items.push(this.failOnItem());
      else if (s.isWord("set")) items.push(this.setItem());
      else if (s.isWord("allow")) items.push(this.allowItem());
      else break;
      this.optional(COMMA);
    }
    this.expect(RBRACE);
    return { kind: "Rules", items: fit(items), doc, span: s.spanFrom(start) };
  }

  private failOnItem(): A.FailOnItem {
    const s = this.s;
    const { start } = s;
    s.next();
    const level = this.name();
    if (!kindIsKnown(level, knownKinds.failOn)) throw BAIL;
    return { kind: "FailOn", level, span: s.spanFrom(start) };
  }

  private setItem(): A.SetItem {
    const s = this.s;
    const { start } = s;
    s.next();
    const rule = this.name();
    const option = this.name();
    const value = this.isLiteral() ? this.literal() : this.name();
    return { kind: "Set", rule, option, value, span: s.spanFrom(start) };
  }

  private allowItem(): A.AllowItem {
    const s = this.s;
    const { start } = s;
    s.next();
    const rule = this.name();
    this.expectWord("on");
    const target = this.name();
    const reason = this.stringLit();
    return { kind: "Allow", rule, target, reason, span: s.spanFrom(start) };
  }
}

/** `Number` of the numeral text[start, end), without making the string when it is a short integer. */
function numberValue(text: string, start: number, end: number): number {
  if (end - start > 15) return Number(text.slice(start, end));
  let v = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(text.slice(start, end)); // a fraction
    v = v * 10 + d;
  }
  return v;
}

/** parser.ts's check of `resources { cpu … memory … }` values: quantities (or ranges) of `kind`. */
function resourceIsClean(v: Maybe<A.Literal>, kind: "cpu" | "size"): boolean {
  if (!v) return true;
  const parts = v.kind === "Range" ? [v.low, v.high] : v.kind === "Quantity" ? [v] : [];
  if (parts.length === 0 || parts.some((q) => !isQuantityOf(q, kind))) return false;
  return v.kind !== "Range" || rangeOrderIsClean(v, kind);
}

/** A string body's escapes decoded (parser.ts decodeString); gives up on a bad escape (E0103). */
function decodeEscapes(text: string, from: number, to: number): string {
  let out = "";
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c !== 92) {
      const next = text.indexOf("\\", i);
      const stop = next < 0 || next > to ? to : next;
      out += text.slice(i, stop);
      i = stop;
      continue;
    }
    const e = text.charCodeAt(i + 1);
    if (e === 110) out += "\n";
    else if (e === 116) out += "\t";
    else if (e === 34) out += '"';
    else if (e === 92) out += "\\";
    else if (e === 117) {
      // `\u{HEX}` with 1 to 6 hex digits, a code point up to 10FFFF and not a surrogate.
      if (text.charCodeAt(i + 2) !== 123) throw BAIL;
      let j = i + 3;
      while (j < to && j - (i + 3) < 7 && isHex(text.charCodeAt(j))) j++;
      const digits = j - (i + 3);
      if (digits < 1 || digits > 6 || j >= to || text.charCodeAt(j) !== 125) throw BAIL;
      const cp = Number.parseInt(text.slice(i + 3, j), 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw BAIL;
      out += String.fromCodePoint(cp);
      i = j + 1;
      continue;
    } else throw BAIL;
    i += 2;
  }
  return out;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * `xs` without spare room: an array grown by `push` keeps capacity for 17 elements, 152 bytes
 * for a list of one, and the syntax trees of a large workspace hold hundreds of thousands.
 */
function fit<T>(xs: T[]): T[] {
  return xs.length === 0 ? xs : xs.slice();
}
