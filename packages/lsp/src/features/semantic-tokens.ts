// Semantic tokens: what each word *is*, which a TextMate grammar cannot know — a service called
// `store`, a field called `type`, a reference to an event versus one to a topic. Keywords are
// contextual in .arch, so the symbol index decides and the lexer fills in the rest.

import type * as A from "@archc/dsl";
import { archLexer } from "@archc/dsl";
import { PrimitiveNames } from "@archc/compiler";
import type { SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import type { SymbolTable } from "../symbols/symbol-table.js";
import type { SymbolKind } from "../symbols/types.js";
import { isUsableSpan } from "../text/positions.js";
import { opModifierKeywords, serviceMemberKeywords, topLevelKeywords } from "./completion-context.js";
import type { Located } from "./locate.js";

const tokenTypes = [
  "class",
  "namespace",
  "method",
  "struct",
  "type",
  "enum",
  "enumMember",
  "event",
  "variable",
  "function",
  "parameter",
  "interface",
  "property",
  "keyword",
  "string",
  "number",
  "operator",
] as const;
type TokenType = (typeof tokenTypes)[number];
const tokenModifiers = ["declaration", "defaultLibrary", "readonly"] as const;
type TokenModifier = (typeof tokenModifiers)[number];

export const semanticTokensLegend: SemanticTokensLegend = {
  tokenTypes: [...tokenTypes],
  tokenModifiers: [...tokenModifiers],
};

const typeOfKind: Record<SymbolKind, TokenType> = {
  system: "namespace",
  service: "class",
  api: "namespace",
  op: "method",
  record: "struct",
  alias: "type",
  enum: "enum",
  event: "event",
  topic: "variable",
  store: "variable",
  broker: "variable",
  flow: "function",
  saga: "function",
  step: "parameter",
  gateway: "interface",
  deploy: "namespace",
};

/** Words that are keywords wherever they are not a name (property keys, modifiers, flags). */
const KEYWORD_WORDS = new Set([
  ...topLevelKeywords,
  ...serviceMemberKeywords,
  ...opModifierKeywords,
  "op",
  "on",
  "from",
  "read",
  "write",
  "in",
  "by",
  "slo",
  "latency",
  "availability",
  "step",
  "pivot",
  "compensate",
  "retriable",
  "parallel",
  "route",
  "auth",
  "cors",
  "origins",
  "credentials",
  "target",
  "mesh",
  "tracing",
  "canary",
  "fail-on",
  "set",
  "allow",
  "timeout",
  "per-try",
  "retries",
  "backoff",
  "bulkhead",
  "breaker",
  "version",
  "size",
  "backup",
  "external",
  "replication",
  "partitions",
  "key",
  "retention",
  "host",
  "tls",
  "issuer",
  "audience",
  "header",
  "ttl",
  "methods",
  "headers",
  "max-age",
  "rate",
  "strip-prefix",
  "namespace",
  "registry",
  "project",
  "mtls",
  "endpoint",
  "sample",
  "cpu",
  "memory",
  "hash",
  "list",
  "map",
  "id",
]);

const OPERATORS = new Set(["->", ";", "&", "*", "|", "!", "=", "?"]);
const primitives = new Set<string>(PrimitiveNames);

interface Classified {
  readonly type: TokenType;
  readonly modifiers: readonly TokenModifier[];
}

export function semanticTokens(at: Located): SemanticTokens {
  const byOffset = classifyNames(at.parsed.ast, at.file, at.compilations[0]?.table);
  const lexed = archLexer.tokenize(at.parsed.text);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const t of lexed.tokens) {
    const name = t.tokenType.name;
    let c = byOffset.get(t.startOffset);
    if (!c) {
      if (name === "StringLiteral") c = { type: "string", modifiers: [] };
      else if (name === "QuantityLiteral" || name === "RangeLiteral") c = { type: "number", modifiers: [] };
      else if (OPERATORS.has(t.image)) c = { type: "operator", modifiers: [] };
      else if ((name === "Ident" || name.startsWith("Kw_")) && KEYWORD_WORDS.has(t.image))
        c = { type: "keyword", modifiers: [] };
    }
    if (!c || t.startLine === undefined || t.startColumn === undefined) continue;
    const line = t.startLine - 1;
    const char = t.startColumn - 1;
    const length = t.image.length;
    data.push(
      line - prevLine,
      line === prevLine ? char - prevChar : char,
      length,
      tokenTypes.indexOf(c.type),
      c.modifiers.reduce((bits, m) => bits | (1 << tokenModifiers.indexOf(m)), 0),
    );
    prevLine = line;
    prevChar = char;
  }
  return { data };
}

/** Start offset → classification for every name the index or the tree knows the meaning of. */
function classifyNames(
  ast: A.SourceFileAst,
  file: string,
  table: SymbolTable | undefined,
): Map<number, Classified> {
  const out = new Map<number, Classified>();
  const put = (span: A.Span | undefined, c: Classified) => {
    if (isUsableSpan(span)) out.set(span.start, c);
  };
  const fs = table?.files.get(file);
  for (const d of fs?.decls ?? []) put(d.nameSpan, { type: typeOfKind[d.kind], modifiers: ["declaration"] });
  for (const r of fs?.refs ?? []) {
    const d = table?.resolve(r);
    if (d) put(r.span, { type: typeOfKind[d.kind], modifiers: [] });
    else if (r.target.kind === "top" && primitives.has(r.target.name))
      put(r.span, { type: "type", modifiers: ["defaultLibrary"] });
  }
  for (const d of ast.decls ?? []) {
    if (d?.kind === "Type")
      for (const f of d.fields ?? [])
        if (f?.name) put(f.name.span, { type: "property", modifiers: ["declaration"] });
    if (d?.kind === "Enum")
      for (const m of d.members ?? []) if (m) put(m.span, { type: "enumMember", modifiers: ["declaration"] });
    if (d?.kind === "Store") put(d.storeKind?.span, { type: "enumMember", modifiers: ["defaultLibrary"] });
    if (d?.kind === "Broker") put(d.brokerKind?.span, { type: "enumMember", modifiers: ["defaultLibrary"] });
  }
  return out;
}
