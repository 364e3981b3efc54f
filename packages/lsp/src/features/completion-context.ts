// What may be written at the cursor, read from the tokens before it: the block the cursor is in
// (service, api, calls policy, saga, …), the statement being written (`calls`, `op`, `uses`, …)
// and the last token. Tokens rather than the syntax tree, because the statement being typed is
// by definition incomplete and recovery may have dropped it from the tree.

import { archLexer, knownKinds } from "@archc/dsl";
type IToken = ReturnType<typeof archLexer.tokenize>["tokens"][number];

export type BlockKind =
  | "file"
  | "service"
  | "api"
  | "policy"
  | "resources"
  | "env"
  | "record"
  | "enum"
  | "store"
  | "broker"
  | "topic"
  | "system"
  | "flow"
  | "saga"
  | "gateway"
  | "auth"
  | "cors"
  | "route"
  | "deploy"
  | "target"
  | "mesh"
  | "tracing"
  | "rules";

/** What the cursor position accepts. */
export type Want =
  | { readonly kind: "keywords"; readonly words: readonly string[] }
  | { readonly kind: "values"; readonly words: readonly string[] }
  | { readonly kind: "services" }
  | { readonly kind: "gateways" }
  | { readonly kind: "stores" }
  | { readonly kind: "events" }
  | { readonly kind: "topics" }
  | { readonly kind: "brokers" }
  | { readonly kind: "types" }
  | { readonly kind: "anyTopLevel" }
  | { readonly kind: "ops"; readonly service: string; readonly api?: string; readonly withApis: boolean }
  | { readonly kind: "apis"; readonly service: string }
  | { readonly kind: "steps"; readonly saga: string }
  | { readonly kind: "rules" };

const BLOCK_OPENERS: Readonly<Record<string, BlockKind>> = {
  service: "service",
  api: "api",
  calls: "policy",
  resources: "resources",
  env: "env",
  type: "record",
  enum: "enum",
  store: "store",
  broker: "broker",
  topic: "topic",
  system: "system",
  flow: "flow",
  saga: "saga",
  parallel: "saga",
  gateway: "gateway",
  auth: "auth",
  cors: "cors",
  route: "route",
  deploy: "deploy",
  target: "target",
  mesh: "mesh",
  tracing: "tracing",
  rules: "rules",
};

/** Keywords after which the next word is a name, not a keyword. */
const NAME_TAKERS = new Set([
  "service",
  "type",
  "enum",
  "store",
  "broker",
  "topic",
  "event",
  "flow",
  "saga",
  "gateway",
  "deploy",
  "system",
  "api",
  "op",
  "step",
  "pivot",
  "calls",
  "uses",
  "publishes",
  "consumes",
  "by",
  "on",
  "canary",
  "secret",
  "compensate",
  ".",
  ":",
  "->",
  "(",
  "!",
  "|",
  ",",
  "<",
  "*",
  "=",
  ";",
  "&",
]);

export const topLevelKeywords = [
  "import",
  "system",
  "type",
  "enum",
  "store",
  "broker",
  "topic",
  "event",
  "service",
  "flow",
  "saga",
  "gateway",
  "deploy",
  "rules",
];

export const serviceMemberKeywords = [
  "owner",
  "tech",
  "image",
  "port",
  "replicas",
  "resources",
  "health",
  "ready",
  "availability",
  "balance",
  "env",
  "secret",
  "public",
  "uses",
  "api",
  "calls",
  "publishes",
  "consumes",
];

export const opModifierKeywords = [
  "idempotent",
  "readonly",
  "tolerates-absent",
  "latency",
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "HEAD",
  "OPTIONS",
];

/** Statement keywords of each block: where a new member may begin. */
const STATEMENTS: Readonly<Record<BlockKind, readonly string[]>> = {
  file: topLevelKeywords,
  service: serviceMemberKeywords,
  api: ["op"],
  policy: ["timeout", "per-try", "retries", "backoff", "bulkhead", "breaker"],
  resources: ["cpu", "memory"],
  env: [],
  record: [],
  enum: [],
  store: ["version", "size", "backup", "image", "port", "external"],
  broker: ["version", "replication", "partitions", "image", "port", "external"],
  topic: ["partitions", "replication", "key", "retention"],
  system: ["version", "owner"],
  flow: ["by", "slo"],
  saga: ["step", "pivot", "parallel"],
  gateway: ["port", "host", "tls", "auth", "cors", "route"],
  auth: ["issuer", "audience", "header", "ttl"],
  cors: ["origins", "credentials", "methods", "headers", "max-age"],
  route: ["rate", "timeout", "retries", "strip-prefix", "balance"],
  deploy: ["target", "mesh", "tracing", "canary"],
  target: ["namespace", "registry", "project"],
  mesh: ["mtls"],
  tracing: ["endpoint", "sample"],
  rules: ["fail-on", "set", "allow"],
};

const TYPE_PUNCTUATION = new Set([":", "->", "!", "|", "<", ",", "*", "(", "="]);
const FLOW_OPERATORS = new Set(["=", ";", "&", "*", "("]);

interface Block {
  readonly kind: BlockKind;
  /** The name right after the opener (`orders` in `service orders {`). */
  readonly name?: string;
  /** Index of the first token inside the block. */
  readonly from: number;
}

function isWord(t: IToken | undefined): boolean {
  const n = t?.tokenType.name ?? "";
  return n === "Ident" || n.startsWith("Kw_");
}

/** True when token i is a keyword in keyword position (not a name that happens to be a keyword). */
function isKeywordAt(tokens: readonly IToken[], i: number): boolean {
  if (!isWord(tokens[i])) return false;
  const prev = tokens[i - 1];
  return prev === undefined || !NAME_TAKERS.has(prev.image);
}

/**
 * Analyses `text` (everything before the word being completed; pass the text from a top-level
 * declaration's start, or the whole file) and says what the cursor position accepts.
 */
export function completionWants(text: string): Want[] {
  const { tokens } = archLexer.tokenize(text);
  const blocks: Block[] = [{ kind: "file", from: 0 }];
  for (let i = 0; i < tokens.length; i++) {
    const img = tokens[i].image;
    if (img === "{") {
      const opened = openBlock(tokens, i);
      const parent = blocks[blocks.length - 1];
      // `parallel {` inside a saga belongs to that saga.
      blocks.push(
        opened.name === undefined && opened.kind === parent.kind ? { ...opened, name: parent.name } : opened,
      );
    } else if (img === "}" && blocks.length > 1) blocks.pop();
  }
  const block = blocks[blocks.length - 1];

  // The statement being written: from its keyword to the cursor, at this block's depth.
  let depth = 0;
  let stmt = -1;
  let closedInside = false;
  for (let i = tokens.length - 1; i >= block.from; i--) {
    const img = tokens[i].image;
    if (img === "}") depth++;
    else if (img === "{") depth--;
    if (depth > 0) {
      closedInside = true;
      continue;
    }
    if (depth < 0) break;
    if (STATEMENTS[block.kind].includes(img) && isKeywordAt(tokens, i)) {
      stmt = i;
      break;
    }
  }
  const s = stmt >= 0 ? tokens[stmt].image : undefined;
  const p = (k: number) => tokens[tokens.length - k];
  const p1 = p(1)?.image;
  const statements = STATEMENTS[block.kind];
  const fresh = (): Want[] => (statements.length > 0 ? [{ kind: "keywords", words: statements }] : []);

  // `svc.` and `svc.api.` in any op-reference position.
  const opRefAfterDot = (): Want[] | undefined => {
    if (p1 !== ".") return undefined;
    if (p(3)?.image === "." && isWord(p(2)) && isWord(p(4)))
      return [{ kind: "ops", service: p(4).image, api: p(2).image, withApis: false }];
    if (isWord(p(2))) return [{ kind: "ops", service: p(2).image, withApis: true }];
    return [];
  };

  switch (block.kind) {
    case "file": {
      if (s === undefined) return fresh();
      if (closedInside && s !== "flow") return fresh();
      if (p1 === s && s !== "import" && s !== "rules") return []; // naming a new declaration
      switch (s) {
        case "import":
          return [];
        case "store":
          return p1 === ":" ? [{ kind: "values", words: knownKinds.store }] : fresh();
        case "broker":
          return p1 === ":" ? [{ kind: "values", words: knownKinds.broker }] : fresh();
        case "topic":
          return p1 === "on" ? [{ kind: "brokers" }] : fresh();
        case "event":
          if (p1 === "on") return [{ kind: "topics" }];
          if (p1 !== undefined && TYPE_PUNCTUATION.has(p1)) return [{ kind: "types" }];
          return [{ kind: "keywords", words: ["on", ...topLevelKeywords] }];
        case "type":
          if (p1 !== undefined && TYPE_PUNCTUATION.has(p1)) return [{ kind: "types" }];
          return fresh();
        case "flow": {
          const eq = tokens.findIndex((t, i) => i > stmt && t.image === "=");
          const dotted = opRefAfterDot();
          if (eq < 0) return p1 !== undefined && TYPE_PUNCTUATION.has(p1) ? [{ kind: "types" }] : [];
          if (p1 === "<" && p(2)?.image === "id") return [{ kind: "types" }];
          if (dotted) return dotted;
          if (p1 !== undefined && FLOW_OPERATORS.has(p1))
            return [{ kind: "services" }, { kind: "keywords", words: ["id"] }];
          return fresh();
        }
        case "saga":
          if (p1 === "(") return [{ kind: "types" }];
          if (p1 === ")") return [{ kind: "keywords", words: ["by"] }];
          if (p1 === "by") return [{ kind: "services" }];
          return fresh();
        default:
          return fresh();
      }
    }
    case "service": {
      const svc = block.name ?? "";
      switch (s) {
        case "calls":
          if (p1 === "calls") return [{ kind: "services" }];
          return opRefAfterDot() ?? fresh();
        case "uses":
          if (p1 === "uses") return [{ kind: "stores" }];
          if (p(2)?.image === "uses") return [{ kind: "keywords", words: ["read", "write", ...statements] }];
          return fresh();
        case "publishes":
          return p1 === "publishes" ? [{ kind: "events" }] : fresh();
        case "consumes":
          if (p1 === "consumes") return [{ kind: "events" }];
          if (p1 === "->") return [{ kind: "ops", service: svc, withApis: true }];
          if (p1 === "." && p(3)?.image === "->")
            return [{ kind: "ops", service: svc, api: p(2).image, withApis: false }];
          return fresh();
        case "balance":
          return p1 === "balance" ? [{ kind: "values", words: knownKinds.balance }] : fresh();
        case "secret":
          return p(2)?.image === "secret" ? [{ kind: "keywords", words: ["from"] }] : fresh();
        case "replicas":
          return p(2)?.image === "replicas" ? [{ kind: "keywords", words: ["cpu", ...statements] }] : fresh();
        case "api":
          return p1 === "api"
            ? []
            : p(2)?.image === "api"
              ? [{ kind: "values", words: knownKinds.protocol }]
              : fresh();
        default:
          return fresh();
      }
    }
    case "api":
      if (s !== "op") return fresh();
      if (p1 === "op") return [];
      if (p1 !== undefined && TYPE_PUNCTUATION.has(p1) && p1 !== "=") return [{ kind: "types" }];
      return [{ kind: "keywords", words: [...opModifierKeywords, "op"] }];
    case "record":
      return p1 !== undefined && TYPE_PUNCTUATION.has(p1) && p1 !== "=" ? [{ kind: "types" }] : [];
    case "policy":
      if (s === "breaker" && p(2)?.image === "breaker") return [{ kind: "keywords", words: ["in"] }];
      return fresh();
    case "saga": {
      const saga = block.name ?? "";
      if (s === "step" || s === "pivot") {
        if (p1 === s) return [];
        if (p1 === ":" || p1 === "compensate") return [{ kind: "services" }];
        if (p1 === "(")
          return [
            { kind: "steps", saga },
            { kind: "keywords", words: ["input"] },
          ];
        const dotted = opRefAfterDot();
        if (dotted) return dotted;
        return [{ kind: "keywords", words: ["compensate", "retriable", ...statements] }];
      }
      return s === "parallel" && p1 === "parallel" ? [] : fresh();
    }
    case "flow":
      if (s === "by" && p1 === "by") return [{ kind: "services" }, { kind: "gateways" }];
      if (s === "slo" && p1 === "slo") return [{ kind: "keywords", words: ["latency", "availability"] }];
      return fresh();
    case "gateway":
      if (s === "route") {
        if (p1 === "->") return [{ kind: "services" }];
        if (p1 === "." && p(3)?.image === "->") return [{ kind: "apis", service: p(2).image }];
      }
      if (s === "auth" && p1 === "auth") return [{ kind: "values", words: knownKinds.auth }];
      return fresh();
    case "route":
      return s === "balance" && p1 === "balance" ? [{ kind: "values", words: knownKinds.balance }] : fresh();
    case "deploy":
      if (s === "target" && p1 === s) return [{ kind: "values", words: knownKinds.target }];
      if (s === "mesh" && p1 === s) return [{ kind: "values", words: knownKinds.mesh }];
      if (s === "tracing" && p1 === s) return [{ kind: "values", words: knownKinds.tracing }];
      if (s === "canary") {
        if (p1 === "canary") return [{ kind: "services" }];
        if (p1 === ".") return [{ kind: "apis", service: p(2)?.image ?? "" }];
      }
      return fresh();
    case "store":
      return s === "backup" && p1 === "backup" ? [{ kind: "values", words: knownKinds.backup }] : fresh();
    case "mesh":
      return s === "mtls" && p1 === "mtls" ? [{ kind: "values", words: knownKinds.mtls }] : fresh();
    case "rules":
      if (s === "fail-on" && p1 === s) return [{ kind: "values", words: knownKinds.failOn }];
      if ((s === "set" || s === "allow") && p1 === s) return [{ kind: "rules" }];
      if (s === "allow" && p(2)?.image === "allow") return [{ kind: "keywords", words: ["on"] }];
      if (s === "allow" && p1 === "on") return [{ kind: "anyTopLevel" }];
      return fresh();
    default:
      return fresh();
  }
}

function openBlock(tokens: readonly IToken[], brace: number): Block {
  for (let j = brace - 1; j >= 0; j--) {
    const img = tokens[j].image;
    if (img === "{" || img === "}") break;
    const kind = BLOCK_OPENERS[img];
    if (kind && isKeywordAt(tokens, j)) {
      const next = tokens[j + 1];
      return { kind, from: brace + 1, ...(isWord(next) && j + 1 < brace ? { name: next.image } : {}) };
    }
  }
  return { kind: "env", from: brace + 1 }; // an unknown block: offer nothing rather than nonsense
}
