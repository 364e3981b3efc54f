// The .arch grammar (LANGUAGE.md §2), as a chevrotain parser with embedded actions that build
// the typed AST directly. All AST building sits in ACTION blocks so grammar recording skips
// it; recovered sub-rules return undefined, so every builder tolerates missing children.

import {
  EmbeddedActionsParser,
  type IOrAlt,
  type IToken,
  type OrMethodOpts,
  type TokenType,
  tokenMatcher,
} from "chevrotain";
import type * as A from "./ast.js";
import type { Diagnostic } from "./diagnostic.js";
import {
  Amp,
  Arrow,
  allTokens,
  BadQuantity,
  Bang,
  Colon,
  Comma,
  Dot,
  Equals,
  Ident,
  K,
  LAngle,
  LBrace,
  LParen,
  Pipe,
  QuantityLiteral,
  Question,
  RAngle,
  RangeLiteral,
  RBrace,
  RParen,
  Semicolon,
  Star,
  StringLiteral,
} from "./lexer.js";
import {
  type BlockContext,
  blockProperties,
  startsBlockMember,
  structuredMembers,
  knownKinds,
  namedValueKinds,
  type ValueKind,
} from "./properties.js";
import { LineIndex, type Span } from "./span.js";
import { didYouMean } from "./suggest.js";
import { describeEndOfInput, syntaxMessages } from "./syntax-messages.js";
import { isQuantityOf, rangeOrderProblem } from "./units.js";

type Maybe<T> = T | undefined;

/**
 * What a rule returns while chevrotain records the grammar (its actions must not run then).
 * Checking `RECORDING_PHASE` inline instead of wrapping the AST building in `ACTION(() => …)`
 * saves a closure per rule call on the hot paths.
 */
const RECORDING = undefined as never;

/** Where a token ends (exclusive): the lexer gives tokens a start offset and an image only. */
function tokenEnd(t: IToken): number {
  return t.startOffset + t.image.length;
}

/** `20Gi` → [20, "Gi"]: the number and the unit as written (no regex: this runs per token). */
function splitQuantity(raw: string): [number, string] {
  let i = 0;
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    if (
      (c >= 48 && c <= 57) ||
      (c === 46 && i > 0 && raw.charCodeAt(i + 1) >= 48 && raw.charCodeAt(i + 1) <= 57)
    )
      i++;
    else break;
  }
  return i === 0 ? [Number.NaN, ""] : [Number(raw.slice(0, i)), raw.slice(i)];
}

/** Decodes a string token's escapes; reports bad escapes through `report`. */
function decodeString(
  raw: string,
  report: (offsetInRaw: number, length: number, msg: string) => void,
): string {
  const body = raw.slice(1, raw.endsWith('"') && raw.length > 1 ? -1 : undefined);
  if (!body.includes("\\")) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = body[i + 1];
    if (e === "n") out += "\n";
    else if (e === "t") out += "\t";
    else if (e === '"') out += '"';
    else if (e === "\\") out += "\\";
    else if (e === "u") {
      const m = /^\{([0-9A-Fa-f]{1,6})\}/.exec(body.slice(i + 2));
      const cp = m ? Number.parseInt(m[1], 16) : Number.NaN;
      if (!m || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        const shown = m ? m[0] : (/^\{[^}"]{0,8}\}?/.exec(body.slice(i + 2))?.[0] ?? "");
        report(
          i + 1,
          2 + shown.length,
          `expected a unicode escape \`\\u{HEX}\` with a code point up to 10FFFF, found \`\\u${shown}\``,
        );
      } else {
        out += String.fromCodePoint(cp);
        i += m[0].length + 1;
        continue;
      }
    } else {
      report(i + 1, 2, `expected an escape (\\" \\\\ \\n \\t \\u{HEX}), found \`\\${e ?? ""}\``);
    }
    i++;
  }
  return out;
}

export class ArchParser extends EmbeddedActionsParser {
  private file = "";
  private diags: Diagnostic[] = [];
  private docs = new Map<number, string>();
  private lastRealToken: IToken | undefined;
  private lines = new LineIndex("");

  constructor() {
    super(allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      errorMessageProvider: syntaxMessages,
    });
    this.performSelfAnalysis();
  }

  /** Parses one file's tokens. `docs` maps a token's start offset to the doc comment before it. */
  parseTokens(
    file: string,
    tokens: IToken[],
    docs: Map<number, string>,
    lines: LineIndex,
    next?: IToken,
  ): { decls: A.Decl[]; imports: A.ImportDecl[]; diagnostics: Diagnostic[]; syntaxErrors: number } {
    describeEndOfInput(next);
    this.file = file;
    this.lines = lines;
    this.diags = [];
    this.docs = docs;
    this.lastRealToken = tokens[0];
    this.input = tokens;
    const result = this.fileRule() ?? { decls: [], imports: [] };
    for (const err of this.errors)
      this.diags.push(
        this.syntaxError(err.token, err.message, (err as { previousToken?: IToken }).previousToken),
      );
    return {
      decls: result.decls,
      imports: result.imports,
      diagnostics: this.diags,
      syntaxErrors: this.errors.length,
    };
  }

  // ------------------------------------------------------------------ helpers (runtime only)

  /** From the start of `first` to the end of `last`; recovered (inserted) tokens have no place. */
  private span(first: IToken, last: IToken): Span {
    const a = Number.isNaN(first.startOffset) ? (this.lastRealToken ?? last) : first;
    const b = Number.isNaN(last.startOffset) ? a : last;
    return this.lines.span(this.file, a.startOffset, tokenEnd(b));
  }

  /** The line a token starts on (tokens carry offsets only). */
  private lineOf(t: IToken): number {
    return this.lines.lineOf(t.startOffset);
  }

  /** The span from `first` to the last token consumed so far. */
  private spanFrom(first: IToken): Span {
    return this.span(first, this.LA(0));
  }

  private tokSpan(t: IToken): Span {
    return this.span(t, t);
  }

  private report(code: string, span: Span, message: string, help?: string): void {
    this.diags.push({ code, severity: "error", message, span, related: [], ...(help ? { help } : {}) });
  }

  private syntaxError(token: IToken, message: string, previous?: IToken): Diagnostic {
    const real = !Number.isNaN(token.startOffset) && token.tokenType?.name !== "EOF";
    const at = real ? token : previous && !Number.isNaN(previous.startOffset) ? previous : this.lastRealToken;
    return {
      code: "E0110",
      severity: "error",
      message,
      span: at
        ? this.tokSpan(at)
        : { file: this.file, start: 0, end: 0, line: 1, col: 1, endLine: 1, endCol: 1 },
      related: [],
      help: "see docs/language.md for the syntax of this declaration",
    };
  }

  /** The next token as a message shows it: "`}`" or "the end of the file". */
  private describeNext(): string {
    const t = this.LA(1);
    return Number.isNaN(t.startOffset) || t.tokenType?.name === "EOF" || t.image === ""
      ? "nothing"
      : `\`${t.image}\``;
  }

  private docAt(t: IToken): string | undefined {
    return this.docs.get(t.startOffset);
  }

  private nameOf(t: IToken): A.Name {
    return { kind: "Name", text: t.image, span: this.tokSpan(t) };
  }

  private quantityOf(t: IToken): A.Quantity {
    const [value, unit] = splitQuantity(t.image);
    return { kind: "Quantity", value, unit, raw: t.image, span: this.tokSpan(t) };
  }

  private rangeOf(t: IToken): A.Range {
    const [lowRaw, highRaw] = t.image.split("..");
    const span = this.tokSpan(t);
    const part = (raw: string, startOffset: number): A.Quantity => {
      const [value, unit] = splitQuantity(raw);
      return {
        kind: "Quantity",
        value,
        unit,
        raw,
        span: this.lines.span(this.file, startOffset, startOffset + raw.length),
      };
    };
    const low = part(lowRaw, t.startOffset);
    const high = part(highRaw, t.startOffset + lowRaw.length + 2);
    return { kind: "Range", low, high, span };
  }

  private stringOf(t: IToken): A.StringLit {
    const span = this.tokSpan(t);
    const value = decodeString(t.image, (off, len, msg) =>
      this.report(
        "E0103",
        this.lines.span(this.file, span.start + off, span.start + off + len),
        msg,
        'valid escapes are \\" \\\\ \\n \\t and \\u{HEX}',
      ),
    );
    return { kind: "String", value, span };
  }

  private literalOf(t: IToken): A.Literal {
    if (t.tokenType === StringLiteral) return this.stringOf(t);
    if (t.tokenType === RangeLiteral) return this.rangeOf(t);
    return this.quantityOf(t);
  }

  /** Checks that `value` is the kind `kind`; reports E0111 otherwise. */
  private checkValue(
    key: string,
    kind: ValueKind,
    value: A.Literal | A.Name | undefined,
    keySpan: Span,
  ): void {
    const example = valueExample(kind);
    if (value === undefined) {
      if (kind !== "flag")
        this.report("E0111", keySpan, `expected ${example} after \`${key}\`, found nothing`);
      return;
    }
    if (kind === "flag") {
      this.report(
        "E0111",
        value.span,
        `\`${key}\` is a flag: expected nothing after it, found \`${sourceOf(value)}\``,
        `remove the value after \`${key}\``,
      );
      return;
    }
    if (kind === "name") {
      if (value.kind !== "Name")
        this.report(
          "E0111",
          value.span,
          `expected ${example} after \`${key}\`, found \`${sourceOf(value)}\``,
        );
      else {
        const allowed = namedValueKinds[key];
        if (allowed && !allowed.includes(value.text)) {
          this.report(
            "E0115",
            value.span,
            `expected a \`${key}\` value (${allowed.join(", ")}), found \`${value.text}\`${didYouMean(value.text, allowed)}`,
          );
        }
      }
      return;
    }
    if (value.kind === "Quantity" && !KNOWN_UNIT.test(value.unit)) return; // E0105 already reported by the lexer
    if (!literalMatches(kind, value)) {
      this.report(
        "E0111",
        value.span,
        `expected ${example} after \`${key}\`, found \`${sourceOf(value)}\``,
        hintFor(kind, value),
      );
      return;
    }
    this.checkRange(key, kind, value);
  }

  private checkRange(key: string, kind: ValueKind, value: A.Literal | A.Name): void {
    if (value.kind === "Quantity") {
      if (key === "port" && (value.value < 1 || value.value > 65535))
        this.report("E0117", value.span, `expected a port in 1..65535, found ${value.raw}`);
      if (kind === "percent" && value.value > 100)
        this.report("E0117", value.span, `expected a percentage up to 100%, found ${value.raw}`);
    }
    if (value.kind === "Range") this.checkRangeOrder(value);
  }

  /** `cpu` ranges read `m` as millicores and a bare number as cores; elsewhere `m` is minutes. */
  private checkRangeOrder(r: A.Range, kind?: ValueKind): void {
    const problem = rangeOrderProblem(r, kind === "cpu");
    if (problem === "mixed") {
      this.report(
        "E0111",
        r.span,
        `expected both ends of a range to be the same kind of value, found \`${r.low.raw}..${r.high.raw}\``,
      );
    } else if (problem === "reversed") {
      this.report(
        "E0117",
        r.span,
        `expected a range from low to high, found \`${r.low.raw}..${r.high.raw}\` (its low end is above its high end)`,
      );
    }
  }

  private checkKind(what: string, name: A.Name | undefined, allowed: readonly string[]): void {
    if (!name || allowed.includes(name.text)) return;
    this.report(
      "E0115",
      name.span,
      `expected ${/^[aeiouAEIOU]/.test(what) ? "an" : "a"} ${what} (${allowed.join(", ")}), found \`${name.text}\`${didYouMean(name.text, allowed)}`,
    );
  }

  private makeSimple(
    ctx: BlockContext,
    keyTok: IToken,
    value: A.Literal | A.Name | undefined,
    stray: readonly IToken[],
  ): A.SimpleMember {
    const key = this.nameOf(keyTok);
    const table = blockProperties[ctx];
    const kind = table[key.text];
    const where = ctx === "policy" ? "a call policy" : `a ${ctx} block`;
    if (kind === undefined) {
      const known = Object.keys(table);
      const extra = structuredMembers[ctx] ?? [];
      this.report(
        "E0114",
        key.span,
        `expected a property of ${where}, found \`${key.text}\`${didYouMean(key.text, [...known, ...extra])}`,
        `${where} accepts: ${[...known, ...extra.map((m) => STRUCTURED_USAGE[m] ?? m)].join(", ")}`,
      );
    } else if (stray.length > 0 && (kind === "flag" || value === undefined)) {
      const first = stray[0];
      const found = `\`${first.image.length > 30 ? `${first.image.slice(0, 30)}…` : first.image}\``;
      if (kind === "flag")
        this.report(
          "E0111",
          this.tokSpan(first),
          `\`${key.text}\` is a flag: expected nothing after it, found ${found}`,
          `remove the value after \`${key.text}\``,
        );
      else
        this.report(
          "E0111",
          this.tokSpan(first),
          `expected ${valueExample(kind)} after \`${key.text}\`, found ${found}`,
        );
    } else this.checkValue(key.text, kind, value, key.span);
    if (value === undefined) return { kind: "Flag", name: key, span: key.span };
    return { kind: "Property", key, value, span: this.span(keyTok, this.LA(0)) };
  }

  private expectsName(ctx: BlockContext, key: IToken): boolean {
    return blockProperties[ctx][key.image] === "name";
  }

  /** Whether `t` begins a member of a `ctx` block (a property, a flag or a structured member). */
  private startsMember(ctx: BlockContext, t: IToken): boolean {
    return startsBlockMember(ctx, t.image);
  }

  /**
   * Whether the next token is left over from a malformed `key value`: on the key's line, not a
   * bracket or comma, and not the start of another member. Such tokens are swallowed into the
   * member so one mistake gives one diagnostic, not one per leftover word.
   */
  private isStray(
    ctx: BlockContext,
    key: IToken,
    value: A.Literal | A.Name | undefined,
    swallowed: number,
  ): boolean {
    const kind = blockProperties[ctx][key.image];
    // A known key missing its value takes one wrong token as its value; after an unknown key
    // or a flag, the rest of the line goes with it.
    if (kind !== undefined && kind !== "flag" && (value !== undefined || swallowed > 0)) return false;
    const t = this.LA(1);
    if (Number.isNaN(t.startOffset) || this.lineOf(t) !== this.lineOf(key)) return false;
    return (STRAY_TOKENS.has(t.tokenTypeIdx) || tokenMatcher(t, Ident)) && !this.startsMember(ctx, t);
  }

  // ------------------------------------------------------------------ grammar

  private readonly fileAlternatives: IOrAlt<Maybe<A.ImportDecl | A.Decl>>[] = [
    { ALT: () => this.SUBRULE(this.importDecl) },
    { ALT: () => this.SUBRULE(this.decl) },
  ];

  private fileRule = this.RULE("fileRule", () => {
    const decls: A.Decl[] = [];
    const imports: A.ImportDecl[] = [];
    this.MANY(() => {
      const item = this.OR(this.fileAlternatives);
      if (item?.kind === "Import") imports.push(item);
      else if (item && !this.RECORDING_PHASE) decls.push(item);
    });
    return { decls, imports };
  });

  private importDecl = this.RULE("importDecl", (): A.ImportDecl => {
    const kw = this.CONSUME(K.import);
    const path = this.CONSUME(StringLiteral);
    return this.ACTION(
      () => ({ kind: "Import", path: this.stringOf(path), span: this.spanFrom(kw) }) as A.ImportDecl,
    );
  });

  private readonly declAlternatives: IOrAlt<Maybe<A.Decl>>[] = [
    { ALT: () => this.SUBRULE(this.systemDecl) },
    { ALT: () => this.SUBRULE(this.typeDecl) },
    { ALT: () => this.SUBRULE(this.enumDecl) },
    { ALT: () => this.SUBRULE(this.storeDecl) },
    { ALT: () => this.SUBRULE(this.brokerDecl) },
    { ALT: () => this.SUBRULE(this.topicDecl) },
    { ALT: () => this.SUBRULE(this.eventDecl) },
    { ALT: () => this.SUBRULE(this.serviceDecl) },
    { ALT: () => this.SUBRULE(this.flowDecl) },
    { ALT: () => this.SUBRULE(this.sagaDecl) },
    { ALT: () => this.SUBRULE(this.gatewayDecl) },
    { ALT: () => this.SUBRULE(this.deployDecl) },
    { ALT: () => this.SUBRULE(this.rulesDecl) },
  ];

  private decl = this.RULE("decl", (): Maybe<A.Decl> => {
    return this.OR<Maybe<A.Decl>>(this.declAlternatives);
  });

  private name = this.RULE("name", (): A.Name => {
    const t = this.CONSUME(Ident);
    if (this.RECORDING_PHASE) return RECORDING;
    if (!Number.isNaN(t.startOffset)) this.lastRealToken = t;
    return this.nameOf(t);
  });

  private stringLit = this.RULE("stringLit", (): A.StringLit => {
    const t = this.CONSUME(StringLiteral);
    return this.ACTION(() => this.stringOf(t)) as A.StringLit;
  });

  // Alternatives that capture nothing are made once (chevrotain's "cached alternatives"):
  // an inline array would allocate an array and a closure per alternative on every call.
  private readonly literalAlternatives: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(StringLiteral) },
    { ALT: () => this.CONSUME(QuantityLiteral) },
    { ALT: () => this.CONSUME(RangeLiteral) },
    { ALT: () => this.CONSUME(BadQuantity) },
  ];

  /** Any literal: a string, a quantity or a range (checked against the property later). */
  private literal = this.RULE("literal", (): A.Literal => {
    const t = this.OR(this.literalAlternatives);
    return this.ACTION(() => this.literalOf(t)) as A.Literal;
  });

  /** `key [value]` in a block; what the value may be comes from the block's property table. */
  // The member being read by `simpleMember` (which never nests), for its cached gates below:
  // one set of option objects for every call instead of fresh closures per property.
  private memberCtx: BlockContext = "service";
  private memberKey: IToken | undefined;
  private memberValue: Maybe<A.Literal | A.Name>;
  private memberStray: IToken[] = [];

  private readonly memberNameValue = {
    // A name value stays on the key's line unless it cannot be the next member's keyword.
    GATE: () => {
      const key = this.memberKey!;
      return (
        this.expectsName(this.memberCtx, key) &&
        (this.lineOf(this.LA(1)) === this.lineOf(key) || !this.startsMember(this.memberCtx, this.LA(1)))
      );
    },
    DEF: () => this.SUBRULE(this.name),
  };

  private readonly memberLiteralValue = {
    GATE: () => this.memberValue === undefined && !this.expectsName(this.memberCtx, this.memberKey!),
    DEF: () => this.SUBRULE(this.literal),
  };

  private readonly memberStrayTokens = {
    GATE: () => this.isStray(this.memberCtx, this.memberKey!, this.memberValue, this.memberStray.length),
    DEF: () => {
      const t = this.SUBRULE(this.strayToken);
      if (!this.RECORDING_PHASE) this.memberStray.push(t);
    },
  };

  /** `key [value]` in a block; what the value may be comes from the block's property table. */
  private simpleMember = this.RULE("simpleMember", (ctx: BlockContext): A.SimpleMember => {
    const key = this.CONSUME(Ident);
    this.memberCtx = ctx;
    this.memberKey = key;
    this.memberValue = this.OPTION(this.memberNameValue);
    // A literal after a flag is read too, so the error can say "a flag takes no value". (Both
    // OPTIONs must run on every call: chevrotain records the grammar from these calls.)
    const literal = this.OPTION2(this.memberLiteralValue);
    if (literal !== undefined && !this.RECORDING_PHASE) this.memberValue = literal;
    if (this.memberStray.length > 0) this.memberStray = [];
    this.MANY(this.memberStrayTokens);
    if (this.RECORDING_PHASE) return RECORDING;
    return this.makeSimple(ctx, key, this.memberValue, this.memberStray);
  });

  /** Any token that cannot open or close a block: what a malformed property leaves behind. */
  private strayToken = this.RULE("strayToken", (): IToken => this.OR(this.strayAlternatives));

  private readonly strayAlternatives = [
    Ident,
    StringLiteral,
    QuantityLiteral,
    RangeLiteral,
    BadQuantity,
    Dot,
    Arrow,
    Colon,
    Equals,
    Semicolon,
    Amp,
    Star,
    Pipe,
    Bang,
    Question,
    LAngle,
    RAngle,
  ].map((type) => ({ ALT: () => this.CONSUME(type) }));

  /** `{ member* }` of simple members only. */
  private simpleBlock = this.RULE("simpleBlock", (ctx: BlockContext): A.SimpleMember[] => {
    const props: A.SimpleMember[] = [];
    this.CONSUME(LBrace);
    this.MANY(() => {
      const p = this.SUBRULE(this.simpleMember, ARGS[ctx]);
      this.ACTION(() => p && props.push(p));
      this.OPTION(() => this.CONSUME(Comma));
    });
    this.CONSUME(RBrace);
    return props;
  });

  private opRef = this.RULE("opRef", (): A.OpRef => {
    const service = this.SUBRULE(this.name);
    this.CONSUME(Dot);
    const second = this.SUBRULE2(this.name);
    let third: Maybe<A.Name>;
    this.OPTION(() => {
      this.CONSUME2(Dot);
      third = this.SUBRULE3(this.name);
    });
    return this.ACTION(() => {
      // A recovered name can be missing; the span then starts at the last token read.
      const span = service ? this.spanFromNode(service) : this.spanFrom(this.LA(0));
      return third
        ? { kind: "OpRef", service, api: second, op: third, span }
        : { kind: "OpRef", service, op: second, span };
    }) as A.OpRef;
  });

  /** The span from the start of `node` to the last token consumed so far. */
  private spanFromNode(node: { span: Span }): Span {
    const s = node.span;
    const last = this.LA(0);
    if (Number.isNaN(last.startOffset)) return s;
    const end = tokenEnd(last);
    const endLine = this.lines.lineOf(end);
    return {
      file: this.file,
      start: s.start,
      end,
      line: s.line,
      col: s.col,
      endLine,
      endCol: this.lines.colOf(end, endLine),
    };
  }

  // ------------------------------------------------------------------ types

  private typeRef = this.RULE("typeRef", (): A.TypeRef => {
    const parts: A.TypeRef[] = [];
    const first = this.SUBRULE(this.typeAtom);
    if (first) parts.push(first);
    this.MANY(() => {
      this.CONSUME(Star);
      const next = this.SUBRULE2(this.typeAtom);
      if (next) parts.push(next);
    });
    if (this.RECORDING_PHASE) return RECORDING;
    if (parts.length === 1) return parts[0];
    return { kind: "ProductType", parts, span: this.spanFromNode(parts[0]) };
  });

  private readonly typeAtomAlternatives: IOrAlt<A.TypeRef>[] = [
    {
      ALT: () => {
        const kw = this.CONSUME(K.list);
        this.CONSUME(LAngle);
        const element = this.SUBRULE(this.typeRef);
        this.CONSUME(RAngle);
        return this.ACTION(() => ({ kind: "ListType", element, span: this.spanFrom(kw) })) as A.TypeRef;
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.map);
        this.CONSUME2(LAngle);
        const key = this.SUBRULE2(this.typeRef);
        this.CONSUME(Comma);
        const value = this.SUBRULE3(this.typeRef);
        this.CONSUME2(RAngle);
        return this.ACTION(() => ({ kind: "MapType", key, value, span: this.spanFrom(kw) })) as A.TypeRef;
      },
    },
    {
      ALT: () => {
        this.CONSUME(LParen);
        const inner = this.SUBRULE4(this.typeRef);
        this.CONSUME(RParen);
        return inner;
      },
    },
    {
      ALT: () => {
        const name = this.SUBRULE(this.name);
        if (this.RECORDING_PHASE) return RECORDING;
        return { kind: "NamedType", name, span: name.span };
      },
    },
  ];

  private typeAtom = this.RULE("typeAtom", (): A.TypeRef => {
    return this.OR<A.TypeRef>(this.typeAtomAlternatives);
  });

  // ------------------------------------------------------------------ simple declarations

  private systemDecl = this.RULE("systemDecl", (): A.SystemDecl => {
    const kw = this.CONSUME(K.system);
    const name = this.SUBRULE(this.name);
    let title: Maybe<A.StringLit>;
    let props: A.SimpleMember[] = [];
    this.OPTION(() => {
      title = this.SUBRULE(this.stringLit);
    });
    this.OPTION2(() => {
      props = this.SUBRULE(this.simpleBlock, ARGS.system);
    });
    return this.ACTION(() => ({
      kind: "System",
      name,
      title,
      props,
      doc: this.docAt(kw),
      span: this.spanFrom(kw),
    })) as A.SystemDecl;
  });

  /** The two bodies of `type NAME …`: `= TypeRef` (an alias) or `{ fields }` (a record). */
  private readonly typeBodyAlternatives: IOrAlt<{ target: A.TypeRef } | { fields: A.Field[] }>[] = [
    {
      ALT: () => {
        this.CONSUME(Equals);
        return { target: this.SUBRULE(this.typeRef) };
      },
    },
    {
      ALT: () => {
        const fields: A.Field[] = [];
        this.CONSUME(LBrace);
        this.MANY(() => {
          const f = this.SUBRULE(this.field);
          if (f && !this.RECORDING_PHASE) fields.push(f);
          this.OPTION(() => this.CONSUME(Comma));
        });
        this.CONSUME(RBrace);
        return { fields };
      },
    },
  ];

  private typeDecl = this.RULE("typeDecl", (): A.TypeDecl | A.AliasDecl => {
    const kw = this.CONSUME(K.type);
    const name = this.SUBRULE(this.name);
    const body = this.OR(this.typeBodyAlternatives);
    if (this.RECORDING_PHASE) return RECORDING;
    const doc = this.docAt(kw);
    const span = this.spanFrom(kw);
    if (body && "target" in body) return { kind: "Alias", name, target: body.target, doc, span };
    return { kind: "Type", name, fields: body?.fields ?? [], doc, span };
  });

  private readonly fieldAlternatives: IOrAlt<A.Name | A.StringLit>[] = [
    { ALT: () => this.SUBRULE(this.name) },
    { ALT: () => this.SUBRULE(this.stringLit) },
  ];

  private field = this.RULE("field", (): A.Field => {
    const first = this.LA(1);
    const name = this.OR<A.Name | A.StringLit>(this.fieldAlternatives);
    let optional = false;
    this.OPTION(() => {
      this.CONSUME(Question);
      optional = true;
    });
    this.CONSUME(Colon);
    const type = this.SUBRULE(this.typeRef);
    if (this.RECORDING_PHASE) return RECORDING;
    return { kind: "Field", name, optional, type, doc: this.docAt(first), span: this.spanFrom(first) };
  });

  private enumDecl = this.RULE("enumDecl", (): A.EnumDecl => {
    const kw = this.CONSUME(K.enum);
    const name = this.SUBRULE(this.name);
    const members: A.Name[] = [];
    this.CONSUME(LBrace);
    this.MANY(() => {
      const m = this.SUBRULE2(this.name);
      this.ACTION(() => m && members.push(m));
      this.OPTION(() => this.CONSUME(Comma));
    });
    this.CONSUME(RBrace);
    return this.ACTION(() => ({
      kind: "Enum",
      name,
      members,
      doc: this.docAt(kw),
      span: this.spanFrom(kw),
    })) as A.EnumDecl;
  });

  private storeDecl = this.RULE("storeDecl", (): A.StoreDecl => {
    const kw = this.CONSUME(K.store);
    const name = this.SUBRULE(this.name);
    this.CONSUME(Colon);
    const storeKind = this.SUBRULE2(this.name);
    let props: A.SimpleMember[] = [];
    this.OPTION(() => {
      props = this.SUBRULE(this.simpleBlock, ARGS.store);
    });
    return this.ACTION(() => {
      this.checkKind("store kind", storeKind, knownKinds.store);
      return { kind: "Store", name, storeKind, props, doc: this.docAt(kw), span: this.spanFrom(kw) };
    }) as A.StoreDecl;
  });

  private brokerDecl = this.RULE("brokerDecl", (): A.BrokerDecl => {
    const kw = this.CONSUME(K.broker);
    const name = this.SUBRULE(this.name);
    this.CONSUME(Colon);
    const brokerKind = this.SUBRULE2(this.name);
    let props: A.SimpleMember[] = [];
    this.OPTION(() => {
      props = this.SUBRULE(this.simpleBlock, ARGS.broker);
    });
    return this.ACTION(() => {
      this.checkKind("broker kind", brokerKind, knownKinds.broker);
      return { kind: "Broker", name, brokerKind, props, doc: this.docAt(kw), span: this.spanFrom(kw) };
    }) as A.BrokerDecl;
  });

  private topicDecl = this.RULE("topicDecl", (): A.TopicDecl => {
    const kw = this.CONSUME(K.topic);
    const name = this.SUBRULE(this.name);
    let broker: Maybe<A.Name>;
    let props: A.SimpleMember[] = [];
    this.OPTION(() => {
      this.CONSUME(K.on);
      broker = this.SUBRULE2(this.name);
    });
    this.OPTION2(() => {
      props = this.SUBRULE(this.simpleBlock, ARGS.topic);
    });
    return this.ACTION(() => ({
      kind: "Topic",
      name,
      broker,
      props,
      doc: this.docAt(kw),
      span: this.spanFrom(kw),
    })) as A.TopicDecl;
  });

  private eventDecl = this.RULE("eventDecl", (): A.EventDecl => {
    const kw = this.CONSUME(K.event);
    const name = this.SUBRULE(this.name);
    this.CONSUME(Colon);
    const payload = this.SUBRULE(this.typeRef);
    let topic: Maybe<A.Name>;
    this.OPTION(() => {
      this.CONSUME(K.on);
      topic = this.SUBRULE2(this.name);
    });
    return this.ACTION(() => ({
      kind: "Event",
      name,
      payload,
      topic,
      doc: this.docAt(kw),
      span: this.spanFrom(kw),
    })) as A.EventDecl;
  });

  // ------------------------------------------------------------------ services

  private serviceDecl = this.RULE("serviceDecl", (): A.ServiceDecl => {
    const kw = this.CONSUME(K.service);
    const name = this.SUBRULE(this.name);
    let title: Maybe<A.StringLit>;
    this.OPTION(() => {
      title = this.SUBRULE(this.stringLit);
    });
    const members: A.ServiceMember[] = [];
    this.CONSUME(LBrace);
    this.MANY(() => {
      const m = this.SUBRULE(this.serviceMember);
      this.ACTION(() => m && members.push(m));
      this.OPTION2(() => this.CONSUME(Comma));
    });
    this.CONSUME(RBrace);
    return this.ACTION(() => ({
      kind: "Service",
      name,
      title,
      members,
      doc: this.docAt(kw),
      span: this.spanFrom(kw),
    })) as A.ServiceDecl;
  });

  private readonly serviceMemberAlternatives: OrMethodOpts<A.ServiceMember> = {
    IGNORE_AMBIGUITIES: true,
    MAX_LOOKAHEAD: 1,
    DEF: [
      { ALT: () => this.SUBRULE(this.replicasMember) },
      { ALT: () => this.SUBRULE(this.resourcesMember) },
      { ALT: () => this.SUBRULE(this.balanceMember) },
      { ALT: () => this.SUBRULE(this.envMember) },
      { ALT: () => this.SUBRULE(this.secretMember) },
      { ALT: () => this.SUBRULE(this.usesMember) },
      { ALT: () => this.SUBRULE(this.apiDecl) },
      { ALT: () => this.SUBRULE(this.callsMember) },
      { ALT: () => this.SUBRULE(this.publishesMember) },
      { ALT: () => this.SUBRULE(this.consumesMember) },
      { ALT: () => this.SUBRULE(this.simpleMember, ARGS.service) },
    ],
  };

  private serviceMember = this.RULE("serviceMember", (): A.ServiceMember => {
    return this.OR<A.ServiceMember>(this.serviceMemberAlternatives);
  });

  private replicasMember = this.RULE("replicasMember", (): A.ReplicasMember => {
    const kw = this.CONSUME(K.replicas);
    const count = this.SUBRULE(this.literal);
    let cpuTarget: Maybe<A.Literal>;
    this.OPTION(() => {
      this.CONSUME(K.cpu);
      cpuTarget = this.SUBRULE2(this.literal);
    });
    return this.ACTION(() => {
      const countOk =
        (count?.kind === "Quantity" && isQuantityOf(count, "int")) ||
        (count?.kind === "Range" && isQuantityOf(count.low, "int") && isQuantityOf(count.high, "int"));
      if (count && !countOk)
        this.report(
          "E0111",
          count.span,
          `expected a replica count such as 3 or 2..10, found \`${sourceOf(count)}\``,
        );
      else if (count?.kind === "Range") this.checkRangeOrder(count);
      if (cpuTarget) this.checkValue("cpu", "percent", cpuTarget, cpuTarget.span);
      return {
        kind: "Replicas",
        count: count as A.Quantity | A.Range,
        cpuTarget: cpuTarget as Maybe<A.Quantity>,
        span: this.spanFrom(kw),
      };
    }) as A.ReplicasMember;
  });

  private resourcesMember = this.RULE("resourcesMember", (): A.ResourcesMember => {
    const kw = this.CONSUME(K.resources);
    let cpu: Maybe<A.Literal>;
    let memory: Maybe<A.Literal>;
    this.CONSUME(LBrace);
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(K.cpu);
            cpu = this.SUBRULE(this.literal);
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.memory);
            memory = this.SUBRULE2(this.literal);
          },
        },
      ]);
      this.OPTION(() => this.CONSUME(Comma));
    });
    this.CONSUME(RBrace);
    return this.ACTION(() => {
      const check = (what: string, v: Maybe<A.Literal>, kind: "cpu" | "size") => {
        if (!v) return;
        const parts = v.kind === "Range" ? [v.low, v.high] : v.kind === "Quantity" ? [v] : [];
        if (parts.length === 0 || parts.some((q) => !isQuantityOf(q, kind)))
          this.report(
            "E0111",
            v.span,
            `expected ${valueExample(kind)} (or a range) after \`${what}\`, found \`${sourceOf(v)}\``,
          );
        else if (v.kind === "Range") this.checkRangeOrder(v, kind);
      };
      check("cpu", cpu, "cpu");
      check("memory", memory, "size");
      return {
        kind: "Resources",
        cpu: cpu as Maybe<A.Quantity | A.Range>,
        memory: memory as Maybe<A.Quantity | A.Range>,
        span: this.spanFrom(kw),
      };
    }) as A.ResourcesMember;
  });

  private balanceMember = this.RULE("balanceMember", (): A.BalanceMember => {
    const kw = this.CONSUME(K.balance);
    return this.OR<A.BalanceMember>({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        {
          ALT: () => {
            const h = this.CONSUME(K.hash);
            const hashField = this.SUBRULE(this.name);
            return this.ACTION(() => ({
              kind: "Balance",
              strategy: this.nameOf(h),
              hashField,
              span: this.spanFrom(kw),
            })) as A.BalanceMember;
          },
        },
        {
          ALT: () => {
            const strategy = this.SUBRULE2(this.name);
            return this.ACTION(() => {
              this.checkKind("balance strategy", strategy, knownKinds.balance);
              return { kind: "Balance", strategy, span: this.spanFrom(kw) };
            }) as A.BalanceMember;
          },
        },
      ],
    });
  });

  private envMember = this.RULE("envMember", (): A.EnvMember => {
    const kw = this.CONSUME(K.env);
    const entries: A.EnvEntry[] = [];
    this.CONSUME(LBrace);
    this.MANY(() => {
      const key = this.SUBRULE(this.name);
      this.CONSUME(Equals);
      const value = this.SUBRULE(this.literal);
      this.ACTION(
        () => key && value && entries.push({ kind: "EnvEntry", key, value, span: this.spanFromNode(key) }),
      );
      this.OPTION(() => this.CONSUME(Comma));
    });
    this.CONSUME(RBrace);
    return this.ACTION(() => ({ kind: "Env", entries, span: this.spanFrom(kw) })) as A.EnvMember;
  });

  private secretMember = this.RULE("secretMember", (): A.SecretMember => {
    const kw = this.CONSUME(K.secret);
    const name = this.SUBRULE(this.name);
    this.CONSUME(K.from);
    const from = this.SUBRULE(this.stringLit);
    return this.ACTION(() => ({ kind: "Secret", name, from, span: this.spanFrom(kw) })) as A.SecretMember;
  });

  private usesMember = this.RULE("usesMember", (): A.UsesMember => {
    const kw = this.CONSUME(K.uses);
    const store = this.SUBRULE(this.name);
    let mode: Maybe<A.Name>;
    this.OPTION({
      GATE: () => this.LA(1).image === "read" || this.LA(1).image === "write",
      DEF: () => {
        mode = this.SUBRULE2(this.name);
      },
    });
    return this.ACTION(() => ({ kind: "Uses", store, mode, span: this.spanFrom(kw) })) as A.UsesMember;
  });

  private apiDecl = this.RULE("apiDecl", (): A.ApiDecl => {
    const kw = this.CONSUME(K.api);
    const name = this.SUBRULE(this.name);
    let protocol: Maybe<A.Name>;
    this.OPTION(() => {
      protocol = this.SUBRULE2(this.name);
    });
    const ops: A.OpDecl[] = [];
    this.CONSUME(LBrace);
    this.MANY(() => {
      const op = this.SUBRULE(this.opDecl);
      this.ACTION(() => op && ops.push(op));
      this.OPTION2(() => this.CONSUME(Comma));
    });
    this.CONSUME(RBrace);
    return this.ACTION(() => {
      this.checkKind("API protocol", protocol, knownKinds.protocol);
      return { kind: "Api", name, protocol, ops, doc: this.docAt(kw), span: this.spanFrom(kw) };
    }) as A.ApiDecl;
  });

  private opDecl = this.RULE("opDecl", (): A.OpDecl => {
    const kw = this.CONSUME(K.op);
    const name = this.SUBRULE(this.name);
    this.CONSUME(Colon);
    const domain = this.SUBRULE(this.typeRef);
    this.CONSUME(Arrow);
    const codomain = this.SUBRULE2(this.typeRef);
    const errors: A.Name[] = [];
    this.OPTION(() => {
      this.CONSUME(Bang);
      const first = this.SUBRULE2(this.name);
      this.ACTION(() => first && errors.push(first));
      this.MANY(() => {
        this.CONSUME(Pipe);
        const next = this.SUBRULE3(this.name);
        this.ACTION(() => next && errors.push(next));
      });
    });
    let http: Maybe<A.HttpBinding>;
    this.OPTION2(() => {
      http = this.SUBRULE(this.httpBinding);
    });
    const modifiers: A.SimpleMember[] = [];
    this.MANY2({
      GATE: () => this.LA(1).image in blockProperties.op,
      DEF: () => {
        const m = this.SUBRULE(this.simpleMember, ARGS.op);
        this.ACTION(() => m && modifiers.push(m));
      },
    });
    return this.ACTION(() => ({
      kind: "Op",
      name,
      domain,
      codomain,
      errors,
      http,
      modifiers,
      doc: this.docAt(kw),
      span: this.spanFrom(kw),
    })) as A.OpDecl;
  });

  private readonly httpBindingAlternatives: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(K.GET) },
    { ALT: () => this.CONSUME(K.POST) },
    { ALT: () => this.CONSUME(K.PUT) },
    { ALT: () => this.CONSUME(K.PATCH) },
    { ALT: () => this.CONSUME(K.DELETE) },
    { ALT: () => this.CONSUME(K.HEAD) },
    { ALT: () => this.CONSUME(K.OPTIONS) },
  ];

  private httpBinding = this.RULE("httpBinding", (): A.HttpBinding => {
    const m = this.OR(this.httpBindingAlternatives);
    const path = this.SUBRULE(this.stringLit);
    return this.ACTION(() => {
      if (path && !path.value.startsWith("/"))
        this.report(
          "E0111",
          path.span,
          `expected an HTTP path starting with \`/\`, found "${path.value}"`,
          `write "/${path.value}"`,
        );
      return { kind: "Http", method: this.nameOf(m), path, span: this.spanFrom(m) };
    }) as A.HttpBinding;
  });

  private readonly callsMemberAlternatives: OrMethodOpts<A.PolicyItem> = {
    IGNORE_AMBIGUITIES: true,
    MAX_LOOKAHEAD: 1,
    DEF: [
      { ALT: () => this.SUBRULE(this.breakerPolicy) },
      { ALT: () => this.SUBRULE(this.simpleMember, ARGS.policy) },
    ],
  };

  private callsMember = this.RULE("callsMember", (): A.CallsMember => {
    const kw = this.CONSUME(K.calls);
    const target = this.SUBRULE(this.opRef);
    const policy: A.PolicyItem[] = [];
    let hasBlock = false;
    this.OPTION(() => {
      this.CONSUME(LBrace);
      hasBlock = true;
      this.MANY(() => {
        const p = this.OR<A.PolicyItem>(this.callsMemberAlternatives);
        this.ACTION(() => p && policy.push(p));
        this.OPTION2(() => this.CONSUME(Comma));
      });
      this.CONSUME(RBrace);
    });
    return this.ACTION(() => ({
      kind: "Calls",
      target,
      policy,
      hasBlock,
      span: this.spanFrom(kw),
    })) as A.CallsMember;
  });

  private breakerPolicy = this.RULE("breakerPolicy", (): A.BreakerPolicy => {
    const kw = this.CONSUME(K.breaker);
    const failures = this.SUBRULE(this.literal);
    this.CONSUME(K.in);
    const window = this.SUBRULE2(this.literal);
    return this.ACTION(() => {
      this.checkValue("breaker", "int", failures, this.tokSpan(kw));
      this.checkValue("in", "duration", window, this.tokSpan(kw));
      return {
        kind: "Breaker",
        failures: failures as A.Quantity,
        window: window as A.Quantity,
        span: this.spanFrom(kw),
      };
    }) as A.BreakerPolicy;
  });

  private publishesMember = this.RULE("publishesMember", (): A.PublishesMember => {
    const kw = this.CONSUME(K.publishes);
    const event = this.SUBRULE(this.name);
    return this.ACTION(() => ({ kind: "Publishes", event, span: this.spanFrom(kw) })) as A.PublishesMember;
  });

  private consumesMember = this.RULE("consumesMember", (): A.ConsumesMember => {
    const kw = this.CONSUME(K.consumes);
    const event = this.SUBRULE(this.name);
    let handler: A.ConsumesMember["handler"];
    this.OPTION(() => {
      this.CONSUME(Arrow);
      const first = this.SUBRULE2(this.name);
      let second: Maybe<A.Name>;
      this.OPTION2(() => {
        this.CONSUME(Dot);
        second = this.SUBRULE3(this.name);
      });
      this.ACTION(() => {
        if (!first) return;
        handler = second
          ? { api: first, op: second, span: this.spanFromNode(first) }
          : { op: first, span: first.span };
      });
    });
    return this.ACTION(() => ({
      kind: "Consumes",
      event,
      handler,
      span: this.spanFrom(kw),
    })) as A.ConsumesMember;
  });

  // ------------------------------------------------------------------ flows

  private flowDecl = this.RULE("flowDecl", (): A.FlowDecl => {
    const kw = this.CONSUME(K.flow);
    const name = this.SUBRULE(this.name);
    let signature: A.FlowDecl["signature"];
    this.OPTION(() => {
      const colon = this.CONSUME(Colon);
      const domain = this.SUBRULE(this.typeRef);
      this.CONSUME(Arrow);
      const codomain = this.SUBRULE2(this.typeRef);
      this.ACTION(() => {
        signature = {
          domain,
          codomain,
          span: this.spanFromNode(domain ?? this.nameOf(colon)),
        };
      });
    });
    this.CONSUME(Equals);
    const body = this.SUBRULE(this.flowExpr);
    let by: Maybe<A.Name>;
    let slo: Maybe<A.FlowSlo>;
    let hasBlock = false;
    this.OPTION2(() => {
      this.CONSUME(LBrace);
      hasBlock = true;
      this.MANY(() => {
        this.OR([
          {
            ALT: () => {
              this.CONSUME(K.by);
              by = this.SUBRULE3(this.name);
            },
          },
          {
            ALT: () => {
              slo = this.SUBRULE(this.sloProp);
            },
          },
        ]);
        this.OPTION3(() => this.CONSUME(Comma));
      });
      this.CONSUME(RBrace);
    });
    return this.ACTION(() => ({
      kind: "Flow",
      name,
      signature,
      body,
      by,
      slo,
      hasBlock,
      doc: this.docAt(kw),
      span: this.spanFrom(kw),
    })) as A.FlowDecl;
  });

  private sloProp = this.RULE("sloProp", (): A.FlowSlo => {
    const kw = this.CONSUME(K.slo);
    let latency: Maybe<A.Literal>;
    let availability: Maybe<A.Literal>;
    this.OPTION(() => {
      this.CONSUME(K.latency);
      latency = this.SUBRULE(this.literal);
    });
    this.OPTION2(() => {
      this.CONSUME(K.availability);
      availability = this.SUBRULE2(this.literal);
    });
    return this.ACTION(() => {
      if (latency) this.checkValue("latency", "duration", latency, latency.span);
      if (availability) this.checkValue("availability", "percent", availability, availability.span);
      if (!latency && !availability)
        this.report(
          "E0110",
          this.tokSpan(kw),
          `expected \`latency D\` or \`availability P\` after \`slo\`, found ${this.describeNext()}`,
          "for example: slo latency 800ms availability 99.9%",
        );
      return {
        kind: "Slo",
        latency: latency as Maybe<A.Quantity>,
        availability: availability as Maybe<A.Quantity>,
        span: this.spanFrom(kw),
      };
    }) as A.FlowSlo;
  });

  private flowExpr = this.RULE("flowExpr", (): A.FlowExpr => {
    const parts: A.FlowExpr[] = [];
    const first = this.SUBRULE(this.flowPar);
    this.ACTION(() => first && parts.push(first));
    this.MANY(() => {
      this.CONSUME(Semicolon);
      const next = this.SUBRULE2(this.flowPar);
      this.ACTION(() => next && parts.push(next));
    });
    return this.ACTION(() =>
      parts.length === 1 ? parts[0] : { kind: "FlowSeq", parts, span: this.spanFromNode(parts[0]) },
    ) as A.FlowExpr;
  });

  private readonly flowParAlternatives: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(Amp) },
    { ALT: () => this.CONSUME(Star) },
  ];

  private flowPar = this.RULE("flowPar", (): A.FlowExpr => {
    const parts: A.FlowExpr[] = [];
    const ops: IToken[] = [];
    const first = this.SUBRULE(this.flowAtom);
    this.ACTION(() => first && parts.push(first));
    this.MANY(() => {
      const op = this.OR(this.flowParAlternatives);
      const next = this.SUBRULE2(this.flowAtom);
      this.ACTION(() => {
        ops.push(op);
        if (next) parts.push(next);
      });
    });
    return this.ACTION(() => {
      if (parts.length === 1) return parts[0];
      const kind = ops[0].tokenType === Amp ? "FlowFanout" : "FlowPar";
      const mixed = ops.find((o) => o.tokenType !== ops[0].tokenType);
      if (mixed)
        this.report(
          "E0113",
          this.tokSpan(mixed),
          "expected parentheses where `&` and `*` meet, found them mixed without parentheses",
          "group one side in parentheses, e.g. `(f & g) * h`",
        );
      return { kind, parts, span: this.spanFromNode(parts[0]) };
    }) as A.FlowExpr;
  });

  private readonly flowAtomAlternatives: IOrAlt<A.FlowExpr>[] = [
    {
      ALT: () => {
        const kw = this.CONSUME(K.id);
        this.CONSUME(LAngle);
        const type = this.SUBRULE(this.typeRef);
        this.CONSUME(RAngle);
        return this.ACTION(() => ({ kind: "FlowId", type, span: this.spanFrom(kw) })) as A.FlowExpr;
      },
    },
    {
      ALT: () => {
        this.CONSUME(LParen);
        const inner = this.SUBRULE(this.flowExpr);
        this.CONSUME(RParen);
        return inner;
      },
    },
    {
      ALT: () => {
        const ref = this.SUBRULE(this.opRef);
        return this.ACTION(() => ({
          kind: "FlowOp",
          ref,
          span: ref?.span ?? this.tokSpan(this.LA(0)),
        })) as A.FlowExpr;
      },
    },
  ];

  private flowAtom = this.RULE("flowAtom", (): A.FlowExpr => {
    return this.OR<A.FlowExpr>(this.flowAtomAlternatives);
  });

  // ------------------------------------------------------------------ sagas

  private readonly sagaDeclAlternatives: IOrAlt<A.SagaItem>[] = [
    { ALT: () => this.SUBRULE(this.sagaStep) },
    { ALT: () => this.SUBRULE(this.sagaParallel) },
  ];

  private sagaDecl = this.RULE("sagaDecl", (): A.SagaDecl => {
    const kw = this.CONSUME(K.saga);
    const name = this.SUBRULE(this.name);
    this.CONSUME(LParen);
    const input = this.SUBRULE(this.typeRef);
    this.CONSUME(RParen);
    let by: Maybe<A.Name>;
    this.OPTION(() => {
      this.CONSUME(K.by);
      by = this.SUBRULE2(this.name);
    });
    const items: A.SagaItem[] = [];
    this.CONSUME(LBrace);
    this.MANY(() => {
      const item = this.OR<A.SagaItem>(this.sagaDeclAlternatives);
      this.ACTION(() => item && items.push(item));
      this.OPTION2(() => this.CONSUME(Comma));
    });
    this.CONSUME(RBrace);
    return this.ACTION(() => ({
      kind: "Saga",
      name,
      input,
      by,
      items,
      doc: this.docAt(kw),
      span: this.spanFrom(kw),
    })) as A.SagaDecl;
  });

  private sagaParallel = this.RULE("sagaParallel", (): A.SagaParallel => {
    const kw = this.CONSUME(K.parallel);
    const steps: A.SagaStep[] = [];
    this.CONSUME(LBrace);
    this.MANY(() => {
      const s = this.SUBRULE(this.sagaStep);
      this.ACTION(() => s && steps.push(s));
      this.OPTION(() => this.CONSUME(Comma));
    });
    this.CONSUME(RBrace);
    return this.ACTION(() => ({ kind: "Parallel", steps, span: this.spanFrom(kw) })) as A.SagaParallel;
  });

  private readonly sagaStepAlternatives: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(K.step) },
    { ALT: () => this.CONSUME(K.pivot) },
  ];

  private sagaStep = this.RULE("sagaStep", (): A.SagaStep => {
    const kw = this.OR(this.sagaStepAlternatives);
    const name = this.SUBRULE(this.name);
    this.CONSUME(Colon);
    const action = this.SUBRULE(this.sagaCall);
    let compensation: Maybe<A.SagaCall>;
    let retriable = false;
    this.MANY(() => {
      this.OR2([
        {
          ALT: () => {
            this.CONSUME(K.compensate);
            compensation = this.SUBRULE2(this.sagaCall);
          },
        },
        {
          ALT: () => {
            this.CONSUME(K.retriable);
            retriable = true;
          },
        },
      ]);
    });
    return this.ACTION(() => {
      if (name?.text === "input")
        this.report(
          "E0116",
          name.span,
          "expected a step name other than `input` (it names the saga's parameter), found `input`",
          "`input` names the saga's parameter; rename the step",
        );
      return {
        kind: "Step",
        role: kw.tokenType === K.pivot ? "pivot" : "step",
        name,
        action,
        compensation,
        retriable,
        doc: this.docAt(kw),
        span: this.spanFrom(kw),
      };
    }) as A.SagaStep;
  });

  private sagaCall = this.RULE("sagaCall", (): A.SagaCall => {
    const ref = this.SUBRULE(this.opRef);
    let source: Maybe<A.Name>;
    this.OPTION(() => {
      this.CONSUME(LParen);
      source = this.SUBRULE(this.name);
      this.CONSUME(RParen);
    });
    return this.ACTION(() => ({
      kind: "SagaCall",
      ref,
      source,
      span: ref ? this.spanFromNode(ref) : this.spanFrom(this.LA(0)),
    })) as A.SagaCall;
  });

  // ------------------------------------------------------------------ gateway

  private readonly gatewayDeclAlternatives: OrMethodOpts<A.GatewayMember> = {
    IGNORE_AMBIGUITIES: true,
    MAX_LOOKAHEAD: 1,
    DEF: [
      { ALT: () => this.SUBRULE(this.authMember) },
      { ALT: () => this.SUBRULE(this.corsMember) },
      { ALT: () => this.SUBRULE(this.routeMember) },
      { ALT: () => this.SUBRULE(this.simpleMember, ARGS.gateway) },
    ],
  };

  private gatewayDecl = this.RULE("gatewayDecl", (): A.GatewayDecl => {
    const kw = this.CONSUME(K.gateway);
    const name = this.SUBRULE(this.name);
    const members: A.GatewayMember[] = [];
    this.CONSUME(LBrace);
    this.MANY(() => {
      const m = this.OR<A.GatewayMember>(this.gatewayDeclAlternatives);
      this.ACTION(() => m && members.push(m));
      this.OPTION(() => this.CONSUME(Comma));
    });
    this.CONSUME(RBrace);
    return this.ACTION(() => ({
      kind: "Gateway",
      name,
      members,
      doc: this.docAt(kw),
      span: this.spanFrom(kw),
    })) as A.GatewayDecl;
  });

  private authMember = this.RULE("authMember", (): A.AuthMember => {
    const kw = this.CONSUME(K.auth);
    const scheme = this.SUBRULE(this.name);
    let props: A.SimpleMember[] = [];
    this.OPTION(() => {
      props = this.SUBRULE(this.simpleBlock, ARGS.auth);
    });
    return this.ACTION(() => {
      this.checkKind("auth scheme", scheme, knownKinds.auth);
      return { kind: "Auth", scheme, props, span: this.spanFrom(kw) };
    }) as A.AuthMember;
  });

  private corsMember = this.RULE("corsMember", (): A.CorsMember => {
    const kw = this.CONSUME(K.cors);
    const origins: A.StringLit[] = [];
    const props: A.SimpleMember[] = [];
    this.CONSUME(LBrace);
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        MAX_LOOKAHEAD: 1,
        DEF: [
          {
            ALT: () => {
              this.CONSUME(K.origins);
              this.AT_LEAST_ONE(() => {
                const o = this.SUBRULE(this.stringLit);
                this.ACTION(() => o && origins.push(o));
                this.OPTION(() => this.CONSUME(Comma));
              });
            },
          },
          {
            ALT: () => {
              const p = this.SUBRULE(this.simpleMember, ARGS.cors);
              this.ACTION(() => p && props.push(p));
              this.OPTION2(() => this.CONSUME2(Comma));
            },
          },
        ],
      });
    });
    this.CONSUME(RBrace);
    return this.ACTION(() => ({ kind: "Cors", origins, props, span: this.spanFrom(kw) })) as A.CorsMember;
  });

  private readonly routeMemberAlternatives: OrMethodOpts<A.SimpleMember | A.BalanceMember> = {
    IGNORE_AMBIGUITIES: true,
    MAX_LOOKAHEAD: 1,
    DEF: [
      { ALT: () => this.SUBRULE(this.balanceMember) },
      { ALT: () => this.SUBRULE(this.simpleMember, ARGS.route) },
    ],
  };

  private routeMember = this.RULE("routeMember", (): A.RouteMember => {
    const kw = this.CONSUME(K.route);
    const path = this.SUBRULE(this.stringLit);
    this.CONSUME(Arrow);
    const service = this.SUBRULE(this.name);
    let api: Maybe<A.Name>;
    this.OPTION(() => {
      this.CONSUME(Dot);
      api = this.SUBRULE2(this.name);
    });
    const props: (A.SimpleMember | A.BalanceMember)[] = [];
    let hasBlock = false;
    this.OPTION2(() => {
      this.CONSUME(LBrace);
      hasBlock = true;
      this.MANY(() => {
        const p = this.OR<A.SimpleMember | A.BalanceMember>(this.routeMemberAlternatives);
        this.ACTION(() => p && props.push(p));
        this.OPTION3(() => this.CONSUME(Comma));
      });
      this.CONSUME(RBrace);
    });
    return this.ACTION(() => ({
      kind: "Route",
      path,
      service,
      api,
      props,
      hasBlock,
      span: this.spanFrom(kw),
    })) as A.RouteMember;
  });

  // ------------------------------------------------------------------ deploy and rules

  private readonly deployDeclAlternatives: OrMethodOpts<A.DeployMember> = {
    IGNORE_AMBIGUITIES: true,
    MAX_LOOKAHEAD: 1,
    DEF: [{ ALT: () => this.SUBRULE(this.canaryMember) }, { ALT: () => this.SUBRULE(this.deployBlock) }],
  };

  private deployDecl = this.RULE("deployDecl", (): A.DeployDecl => {
    const kw = this.CONSUME(K.deploy);
    const name = this.SUBRULE(this.name);
    const members: A.DeployMember[] = [];
    this.CONSUME(LBrace);
    this.MANY(() => {
      const m = this.OR<A.DeployMember>(this.deployDeclAlternatives);
      this.ACTION(() => m && members.push(m));
      this.OPTION(() => this.CONSUME(Comma));
    });
    this.CONSUME(RBrace);
    return this.ACTION(() => ({
      kind: "Deploy",
      name,
      members,
      doc: this.docAt(kw),
      span: this.spanFrom(kw),
    })) as A.DeployDecl;
  });

  private deployBlock = this.RULE("deployBlock", (): A.DeployBlock => {
    const keywordTok = this.CONSUME(Ident);
    const value = this.SUBRULE(this.name);
    let props: A.SimpleMember[] = [];
    let hasBlock = false;
    this.OPTION(() => {
      props = this.SUBRULE(this.simpleBlock, ARGS[deployContext(keywordTok.image)]);
      hasBlock = true;
    });
    return this.ACTION(() => {
      const keyword = this.nameOf(keywordTok);
      if (!DEPLOY_KEYWORDS.includes(keyword.text)) {
        this.report(
          "E0114",
          keyword.span,
          `expected a deploy setting (target, mesh, tracing, canary), found \`${keyword.text}\`${didYouMean(keyword.text, DEPLOY_KEYWORDS)}`,
          "a deploy block accepts: target, mesh, tracing, canary",
        );
      } else {
        const setting = keyword.text as "target" | "mesh" | "tracing";
        this.checkKind(DEPLOY_SETTING_KIND[setting], value, knownKinds[setting]);
      }
      return { kind: "DeployBlock", keyword, value, props, hasBlock, span: this.spanFrom(keywordTok) };
    }) as A.DeployBlock;
  });

  private canaryMember = this.RULE("canaryMember", (): A.CanaryMember => {
    const kw = this.CONSUME(K.canary);
    const service = this.SUBRULE(this.name);
    this.CONSUME(Dot);
    const api = this.SUBRULE2(this.name);
    const weight = this.SUBRULE(this.literal);
    return this.ACTION(() => {
      this.checkValue("canary", "percent", weight, this.tokSpan(kw));
      return { kind: "Canary", service, api, weight: weight as A.Quantity, span: this.spanFrom(kw) };
    }) as A.CanaryMember;
  });

  private rulesDecl = this.RULE("rulesDecl", (): A.RulesDecl => {
    const kw = this.CONSUME(K.rules);
    const items: A.RulesItem[] = [];
    this.CONSUME(LBrace);
    this.MANY(() => {
      const item = this.OR<A.RulesItem>([
        {
          ALT: () => {
            const k = this.CONSUME(K.failOn);
            const level = this.SUBRULE(this.name);
            return this.ACTION(() => {
              this.checkKind("fail-on level", level, knownKinds.failOn);
              return { kind: "FailOn", level, span: this.spanFrom(k) };
            }) as A.FailOnItem;
          },
        },
        {
          ALT: () => {
            const k = this.CONSUME(K.set);
            const rule = this.SUBRULE2(this.name);
            const option = this.SUBRULE3(this.name);
            const value = this.OR2<A.Literal | A.Name>([
              { ALT: () => this.SUBRULE(this.literal) },
              { ALT: () => this.SUBRULE4(this.name) },
            ]);
            return this.ACTION(() => ({
              kind: "Set",
              rule,
              option,
              value,
              span: this.spanFrom(k),
            })) as A.SetItem;
          },
        },
        {
          ALT: () => {
            const k = this.CONSUME(K.allow);
            const rule = this.SUBRULE5(this.name);
            this.CONSUME(K.on);
            const target = this.SUBRULE6(this.name);
            const reason = this.SUBRULE(this.stringLit);
            return this.ACTION(() => ({
              kind: "Allow",
              rule,
              target,
              reason,
              span: this.spanFrom(k),
            })) as A.AllowItem;
          },
        },
      ]);
      this.ACTION(() => item && items.push(item));
      this.OPTION(() => this.CONSUME(Comma));
    });
    this.CONSUME(RBrace);
    return this.ACTION(() => ({
      kind: "Rules",
      items,
      doc: this.docAt(kw),
      span: this.spanFrom(kw),
    })) as A.RulesDecl;
  });
}

/** How a structured member is written, for the list of what a block accepts. */
const STRUCTURED_USAGE: Record<string, string> = {
  breaker: "breaker N in D",
  op: "op",
};

const STRAY_TOKENS = new Set(
  [
    Ident,
    StringLiteral,
    QuantityLiteral,
    RangeLiteral,
    BadQuantity,
    Dot,
    Arrow,
    Colon,
    Equals,
    Semicolon,
    Amp,
    Star,
    Pipe,
    Bang,
    Question,
    LAngle,
    RAngle,
  ].map((t) => t.tokenTypeIdx as number),
);

/** One `{ ARGS: [context] }` per block context, made once rather than per call. */
const ARGS = Object.fromEntries(
  (Object.keys(blockProperties) as BlockContext[]).map((ctx) => [ctx, { ARGS: [ctx] as [BlockContext] }]),
) as Record<BlockContext, { ARGS: [BlockContext] }>;

const KNOWN_UNIT = /^(ms|s|m|h|d|Ki|Mi|Gi|Ti|K|M|G|T|%|\/s|\/min|\/hour|\/day)?$/;

const DEPLOY_KEYWORDS = ["target", "mesh", "tracing"];

const DEPLOY_SETTING_KIND = { target: "deploy target", mesh: "service mesh", tracing: "tracing exporter" };

function deployContext(keyword: string): BlockContext {
  return keyword === "mesh" ? "mesh" : keyword === "tracing" ? "tracing" : "target";
}

function valueExample(kind: ValueKind): string {
  return VALUE_EXAMPLES[kind];
}

const VALUE_EXAMPLES: Record<ValueKind, string> = {
  string: 'a string such as "text"',
  int: "an integer such as 3",
  number: "a number such as 0.5",
  duration: "a duration such as 500ms",
  size: "a size such as 512Mi",
  percent: "a percentage such as 99.9%",
  rate: "a rate such as 100/s",
  cpu: "a CPU amount such as 250m or 0.5",
  "duration-range": "a duration range such as 50ms..1s",
  name: "a name",
  flag: "no value",
};

function literalMatches(kind: ValueKind, v: A.Literal | A.Name): boolean {
  switch (kind) {
    case "string":
      return v.kind === "String";
    case "duration-range":
      return v.kind === "Range" && isQuantityOf(v.low, "duration") && isQuantityOf(v.high, "duration");
    case "int":
    case "number":
    case "duration":
    case "size":
    case "percent":
    case "rate":
    case "cpu":
      return v.kind === "Quantity" && isQuantityOf(v, kind);
    default:
      return false;
  }
}

function hintFor(kind: ValueKind, v: A.Literal | A.Name): string | undefined {
  if (v.kind === "Quantity" && v.unit === "") {
    if (kind === "duration") return `add a unit: \`${v.raw}ms\` or \`${v.raw}s\``;
    if (kind === "percent") return `write \`${v.raw}%\``;
    if (kind === "rate") return `write \`${v.raw}/s\` or \`${v.raw}/min\``;
  }
  if (v.kind === "Quantity" && kind === "duration" && v.unit === "min")
    return "minutes are written `m`, e.g. `5m`";
  if (
    v.kind === "Quantity" &&
    !/^(\d+(?:\.\d+)?)(ms|s|m|h|d|Ki|Mi|Gi|Ti|K|M|G|T|%|\/s|\/min|\/hour|\/day)?$/.test(v.raw)
  )
    return "units: ms s m h d (durations), Ki Mi Gi Ti K M G T (sizes), % (percentages), /s /min /hour /day (rates)";
  return undefined;
}

function sourceOf(v: A.Literal | A.Name): string {
  switch (v.kind) {
    case "Name":
      return v.text;
    case "String":
      return JSON.stringify(v.value);
    case "Quantity":
      return v.raw;
    case "Range":
      return `${v.low.raw}..${v.high.raw}`;
  }
}

export type { TokenType };
