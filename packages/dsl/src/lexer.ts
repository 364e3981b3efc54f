// Tokens of .arch. Keywords are contextual: each keyword token is also in the `Ident`
// category, so wherever the grammar expects a name any keyword is accepted as one.
//
// The lexer reads every word as an `Ident` and then retypes the words that are keywords. A
// keyword matches only as a whole word (`service-api`, `ready` are names), which is exactly
// "the whole identifier is a keyword's spelling": a map lookup is the same rule, and much
// faster than trying a regex per keyword at every word.

import { createToken, type ILexerConfig, type ILexingResult, Lexer, type TokenType } from "chevrotain";

const IDENT_PATTERN = /[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*/;

export const Ident = createToken({ name: "Ident", label: "a name", pattern: IDENT_PATTERN });

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n\f\uFEFF]+/,
  group: Lexer.SKIPPED,
});
export const DocComment = createToken({ name: "DocComment", pattern: /\/\/\/[^\n]*/, group: "comments" });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n]*/, group: "comments" });
export const BlockComment = createToken({
  name: "BlockComment",
  label: "a comment",
  pattern: /\/\*[\s\S]*?\*\//,
  group: "comments",
  line_breaks: true,
});
/** An unclosed block comment: lexed to the end of the file so the error is reported once. */
export const UnterminatedBlockComment = createToken({
  name: "UnterminatedBlockComment",
  label: "a comment",
  pattern: /\/\*[\s\S]*/,
  group: "comments",
  line_breaks: true,
});

export const StringLiteral = createToken({
  name: "StringLiteral",
  label: "a string",
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*"/,
});
/** A string missing its closing quote on the same line. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  label: "a string",
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*/,
});

const UNIT = "(?:ms|s|m|h|d|Ki|Mi|Gi|Ti|K|M|G|T|%|/s|/min|/hour|/day)";
const NUMBER = `\\d+(?:\\.\\d+)?${UNIT}?`;
/** `2..10`, `250m..500m`, `100ms..2s`: one token, no spaces around `..`. */
export const RangeLiteral = createToken({
  name: "RangeLiteral",
  label: "a range such as 2..10",
  pattern: new RegExp(`${NUMBER}\\.\\.${NUMBER}(?![A-Za-z0-9_])`),
  start_chars_hint: [..."0123456789"],
});
/** A number with an optional unit: `42`, `0.25`, `500ms`, `20Gi`, `70%`, `1000/hour`. */
export const QuantityLiteral = createToken({
  name: "QuantityLiteral",
  label: "a number",
  pattern: new RegExp(`${NUMBER}(?![A-Za-z0-9_])`),
  start_chars_hint: [..."0123456789"],
});
/** A number glued to letters that are not a unit (`5min`, `3x`), reported with a hint. */
export const BadQuantity = createToken({
  name: "BadQuantity",
  label: "a number",
  pattern: /\d+(?:\.\d+)?[A-Za-z_][A-Za-z0-9_]*/,
});

export const Arrow = createToken({ name: "Arrow", label: "`->`", pattern: /->/ });
export const LBrace = createToken({ name: "LBrace", label: "`{`", pattern: /{/ });
export const RBrace = createToken({ name: "RBrace", label: "`}`", pattern: /}/ });
export const LParen = createToken({ name: "LParen", label: "`(`", pattern: /\(/ });
export const RParen = createToken({ name: "RParen", label: "`)`", pattern: /\)/ });
export const LAngle = createToken({ name: "LAngle", label: "`<`", pattern: /</ });
export const RAngle = createToken({ name: "RAngle", label: "`>`", pattern: />/ });
export const Comma = createToken({ name: "Comma", label: "`,`", pattern: /,/ });
export const Colon = createToken({ name: "Colon", label: "`:`", pattern: /:/ });
export const Equals = createToken({ name: "Equals", label: "`=`", pattern: /=/ });
export const Semicolon = createToken({ name: "Semicolon", label: "`;`", pattern: /;/ });
export const Amp = createToken({ name: "Amp", label: "`&`", pattern: /&/ });
export const Star = createToken({ name: "Star", label: "`*`", pattern: /\*/ });
export const Pipe = createToken({ name: "Pipe", label: "`|`", pattern: /\|/ });
export const Bang = createToken({ name: "Bang", label: "`!`", pattern: /!/ });
export const Dot = createToken({ name: "Dot", label: "`.`", pattern: /\./ });
export const Question = createToken({ name: "Question", label: "`?`", pattern: /\?/ });

const keywordTokens: TokenType[] = [];

const keywordBySpelling = new Map<string, TokenType>();

function keyword(word: string): TokenType {
  const name = `Kw_${word.replace(/-/g, "_")}`;
  // Lexer.NA: never matched directly; `tokenize` retypes identifiers spelled like this.
  const token = createToken({ name, pattern: Lexer.NA, categories: [Ident] });
  token.LABEL = `\`${word}\``;
  keywordTokens.push(token);
  keywordBySpelling.set(word, token);
  return token;
}

/** Every keyword of the language, by its spelling. */
export const K = {
  import: keyword("import"),
  system: keyword("system"),
  type: keyword("type"),
  enum: keyword("enum"),
  store: keyword("store"),
  broker: keyword("broker"),
  topic: keyword("topic"),
  event: keyword("event"),
  service: keyword("service"),
  flow: keyword("flow"),
  saga: keyword("saga"),
  gateway: keyword("gateway"),
  deploy: keyword("deploy"),
  rules: keyword("rules"),
  on: keyword("on"),
  list: keyword("list"),
  map: keyword("map"),
  id: keyword("id"),
  replicas: keyword("replicas"),
  resources: keyword("resources"),
  cpu: keyword("cpu"),
  memory: keyword("memory"),
  balance: keyword("balance"),
  hash: keyword("hash"),
  env: keyword("env"),
  secret: keyword("secret"),
  from: keyword("from"),
  uses: keyword("uses"),
  api: keyword("api"),
  op: keyword("op"),
  calls: keyword("calls"),
  publishes: keyword("publishes"),
  consumes: keyword("consumes"),
  breaker: keyword("breaker"),
  in: keyword("in"),
  by: keyword("by"),
  slo: keyword("slo"),
  latency: keyword("latency"),
  availability: keyword("availability"),
  step: keyword("step"),
  pivot: keyword("pivot"),
  compensate: keyword("compensate"),
  retriable: keyword("retriable"),
  parallel: keyword("parallel"),
  auth: keyword("auth"),
  cors: keyword("cors"),
  origins: keyword("origins"),
  route: keyword("route"),
  canary: keyword("canary"),
  failOn: keyword("fail-on"),
  set: keyword("set"),
  allow: keyword("allow"),
  GET: keyword("GET"),
  POST: keyword("POST"),
  PUT: keyword("PUT"),
  PATCH: keyword("PATCH"),
  DELETE: keyword("DELETE"),
  HEAD: keyword("HEAD"),
  OPTIONS: keyword("OPTIONS"),
} as const;

// Order matters: comments before `/`-units, ranges before quantities.
const lexedTokens: TokenType[] = [
  WhiteSpace,
  DocComment,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  StringLiteral,
  UnterminatedString,
  RangeLiteral,
  QuantityLiteral,
  BadQuantity,
  Arrow,
  LBrace,
  RBrace,
  LParen,
  RParen,
  LAngle,
  RAngle,
  Comma,
  Colon,
  Equals,
  Semicolon,
  Amp,
  Star,
  Pipe,
  Bang,
  Dot,
  Question,
  Ident,
];

/** Every token type the parser knows: what the lexer matches, plus the keywords. */
export const allTokens: TokenType[] = [...lexedTokens.slice(0, -1), ...keywordTokens, Ident];

const lexerConfig: ILexerConfig = {
  // Lines end at `\n` (so `\r\n` works); a lone `\r` is whitespace. The same rule as
  // LineIndex, so token positions and diagnostic positions always agree.
  lineTerminatorsPattern: /\n/g,
  lineTerminatorCharacters: ["\n"],
  // Fail at start-up, not silently at run time, if a token defeats the first-character
  // optimisation (every pattern must reveal, or hint, the characters it can start with).
  ensureOptimizations: true,
  recoveryEnabled: true,
};

/** Tokens with line and column (for tools that work on tokens, such as the language server). */
const fullLexer = new Lexer(lexedTokens, { ...lexerConfig, positionTracking: "full" });
/** Tokens with offsets only: the parser takes lines and columns from a LineIndex, and this
 * lexer is about twice as fast and its tokens are smaller. */
const offsetLexer = new Lexer(lexedTokens, { ...lexerConfig, positionTracking: "onlyOffset" });

function retypeKeywords(result: ILexingResult): ILexingResult {
  const ident = Ident.tokenTypeIdx;
  const tokens = result.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.tokenTypeIdx !== ident) continue;
    const kw = keywordBySpelling.get(t.image);
    if (kw !== undefined) {
      t.tokenType = kw;
      t.tokenTypeIdx = kw.tokenTypeIdx as number;
    }
  }
  return result;
}

/** Lexes .arch text: chevrotain's tokens (with lines and columns), keywords typed as such. */
export const archLexer = {
  tokenize(text: string): ILexingResult {
    return retypeKeywords(fullLexer.tokenize(text));
  },
};

/** Like `archLexer.tokenize`, but tokens carry offsets only (`startLine` etc. are unset). */
export function tokenizeOffsets(text: string): ILexingResult {
  return retypeKeywords(offsetLexer.tokenize(text));
}
