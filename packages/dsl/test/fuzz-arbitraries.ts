// What the front-end fuzzers feed in, and what they check. Shared by the quick fuzz test
// (`fuzz.test.ts`, a few thousand cases in CI) and the long run (`bench/fuzz-long.ts`).

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { frontEndCodes } from "../src/codes.js";
import { K } from "../src/lexer.js";
import { type ParseResult, parseSource } from "../src/parse.js";
import { blockProperties, knownKinds } from "../src/properties.js";
import { decodeSource } from "../src/source-text.js";
import { LineIndex, type Span } from "../src/span.js";

export const FUZZ_FILE = "fuzz.arch";

// ---------------------------------------------------------------- inputs

/** Any code points (control characters and astral planes included), and plain ASCII. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "binary-ascii", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 100 }),
);

const keywordSpellings = Object.values(K).map((t) => (t.LABEL ?? t.name).replace(/`/g, ""));
const propertySpellings = [
  ...new Set(Object.values(blockProperties).flatMap((table) => Object.keys(table))),
  ...Object.values(knownKinds).flat(),
];

/** Real tokens of the language and near misses, the raw material of token soup. */
const vocabulary: readonly string[] = [
  ...keywordSpellings,
  ...propertySpellings,
  ..."{}()<>,:=;&*|!.?",
  "->",
  "..",
  "42",
  "0",
  "0.25",
  "500ms",
  "2s",
  "5m",
  "7d",
  "20Gi",
  "100M",
  "250m",
  "70%",
  "99.95%",
  "1000/hour",
  "5/s",
  "2..10",
  "100ms..2s",
  "256Mi..512Mi",
  "250m..500m",
  "5min",
  "3x",
  "70000",
  "99999999999999999999999",
  '"text"',
  '"/orders/{id}"',
  '"a\\"b"',
  '"\\u{1F600}"',
  '"\\q"',
  '"\\u{110000}"',
  '"oops',
  "// comment\n",
  "/// doc\n",
  "/* block */",
  "/*",
  "*/",
  "orders",
  "a",
  "x-1",
  "service-api",
  "v1",
  "input",
  "@",
  "$",
  "#",
  "\u00e9",
  "\u{1F600}",
  "\u0000",
];

const separator = fc.constantFrom(" ", " ", "\n", "", "\t", "\r\n", "\r", ", ");

/** Random sequences of real tokens, keywords and punctuation. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...vocabulary), separator), { maxLength: 120 })
  .map((parts) => parts.map(([token, sep]) => token + sep).join(""));

function loadFixtures(): string[] {
  const root = fileURLToPath(new URL("./fixtures/", import.meta.url));
  const texts: string[] = [];
  for (const folder of readdirSync(root, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const f of readdirSync(`${root}${folder.name}`).sort()) {
      if (f.endsWith(".arch")) texts.push(readFileSync(`${root}${folder.name}/${f}`, "utf8"));
    }
  }
  return texts;
}

/** Every `.arch` fixture of the dsl tests: valid files, and a few with deliberate mistakes. */
export const fixtureTexts: readonly string[] = loadFixtures();

/** Splits text into rough tokens (words, numbers, strings, single characters), keeping spaces. */
function roughTokens(text: string): string[] {
  return text.match(/\s+|"(?:[^"\\\n]|\\.)*"?|[A-Za-z0-9_.%/-]+|[\s\S]/g) ?? [];
}

type Mutation =
  | { op: "delete"; at: number; length: number }
  | { op: "insert"; at: number; text: string }
  | { op: "swap"; a: number; b: number; length: number }
  | { op: "duplicate"; at: number; length: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });

const mutation: fc.Arbitrary<{ tokens: boolean; m: Mutation }> = fc.record({
  tokens: fc.boolean(),
  m: fc.oneof(
    fc.record({ op: fc.constant("delete" as const), at: position, length: fc.integer({ min: 1, max: 12 }) }),
    fc.record({
      op: fc.constant("insert" as const),
      at: position,
      text: fc.oneof(fc.constantFrom(...vocabulary), fc.string({ unit: "binary", maxLength: 4 })),
    }),
    fc.record({
      op: fc.constant("swap" as const),
      a: position,
      b: position,
      length: fc.integer({ min: 1, max: 8 }),
    }),
    fc.record({
      op: fc.constant("duplicate" as const),
      at: position,
      length: fc.integer({ min: 1, max: 20 }),
    }),
  ),
});

/** Applies one mutation to a list of units (characters or rough tokens). */
function mutate(units: string[], m: Mutation): string[] {
  const index = (p: number) => Math.min(units.length, Math.floor(p * (units.length + 1)));
  const out = [...units];
  switch (m.op) {
    case "delete":
      out.splice(index(m.at), m.length);
      return out;
    case "insert":
      out.splice(index(m.at), 0, m.text);
      return out;
    case "duplicate": {
      const at = index(m.at);
      out.splice(at, 0, ...units.slice(at, at + m.length));
      return out;
    }
    case "swap": {
      const [a, b] = [index(m.a), index(m.b)].sort((x, y) => x - y);
      if (b - a < m.length) return out;
      const first = units.slice(a, a + m.length);
      const second = units.slice(b, b + m.length);
      out.splice(b, second.length, ...first);
      out.splice(a, first.length, ...second);
      return out;
    }
  }
}

/** A valid (or deliberately broken) fixture with 1–6 random edits to its characters or tokens. */
export const mutatedFixture: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...fixtureTexts), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([text, mutations]) =>
    mutations.reduce(
      (current, { tokens, m }) => mutate(tokens ? roughTokens(current) : Array.from(current), m).join(""),
      text,
    ),
  );

/** Raw bytes: random, and valid UTF-8 with a few bytes flipped, NULs and truncations. */
export const randomBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc
    .tuple(
      fc.constantFrom(...fixtureTexts),
      fc.array(fc.tuple(position, fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
    )
    .map(([text, flips]) => {
      const bytes = new TextEncoder().encode(text);
      for (const [p, value] of flips) bytes[Math.min(bytes.length - 1, Math.floor(p * bytes.length))] = value;
      return bytes;
    }),
);

// ---------------------------------------------------------------- properties

/** Everything wrong with how the front end handled `text`; empty when it behaved. */
export function frontEndViolations(text: string, file = FUZZ_FILE): string[] {
  let result: ParseResult;
  try {
    result = parseSource(file, text);
  } catch (err) {
    return [`parseSource threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`];
  }
  const problems = parseResultViolations(text, file, result);
  const again = parseSource(file, text);
  if (JSON.stringify(again) !== JSON.stringify(result)) problems.push("parsing the same text twice differed");
  return problems;
}

/** What is wrong with one parse result of `text`: codes, messages, and every span. */
export function parseResultViolations(text: string, file: string, result: ParseResult): string[] {
  const problems: string[] = [];
  const lines = new LineIndex(text);
  const checkSpan = (span: Span | undefined, what: string) => {
    if (span === undefined) {
      problems.push(`${what}: no span`);
      return;
    }
    const ok =
      span.file === file &&
      Number.isInteger(span.start) &&
      Number.isInteger(span.end) &&
      span.start >= 0 &&
      span.start <= span.end &&
      span.end <= text.length;
    if (!ok) {
      problems.push(`${what}: span out of bounds ${JSON.stringify(span)} (length ${text.length})`);
      return;
    }
    const a = lines.position(span.start);
    const b = lines.position(span.end);
    if (a.line !== span.line || a.col !== span.col || b.line !== span.endLine || b.col !== span.endCol)
      problems.push(
        `${what}: line/column ${span.line}:${span.col}-${span.endLine}:${span.endCol} disagree with offsets ${span.start}-${span.end} (${a.line}:${a.col}-${b.line}:${b.col})`,
      );
  };
  for (const d of result.diagnostics) {
    const what = `diagnostic ${d.code} "${d.message}"`;
    if (!(d.code in frontEndCodes)) problems.push(`${what}: code not in the catalogue`);
    if (d.severity !== "error") problems.push(`${what}: severity ${d.severity}`);
    if (!/expected [\s\S]+found/.test(d.message))
      problems.push(`${what}: message does not say expected/found`);
    checkSpan(d.span, what);
    for (const r of d.related) checkSpan(r.span, `${what} related`);
  }
  walkSpans(result.ast, (span, kind) => checkSpan(span, `AST node ${kind}`));
  return problems;
}

/** Calls `visit` with every span in an AST (every object with a `span` field). */
function walkSpans(node: unknown, visit: (span: Span | undefined, kind: string) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walkSpans(child, visit);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key === "span") visit(value as Span | undefined, String(record.kind ?? "?"));
    else walkSpans(value, visit);
  }
}

/** Decoding never throws; a refusal is E0003/E0004/E0005 inside the bytes; text parses safely. */
export function decodeViolations(bytes: Uint8Array): string[] {
  let decoded: ReturnType<typeof decodeSource>;
  try {
    decoded = decodeSource(FUZZ_FILE, bytes);
  } catch (err) {
    return [`decodeSource threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`];
  }
  if (!decoded.ok) {
    const d = decoded.diagnostic;
    const problems: string[] = [];
    if (!["E0003", "E0004", "E0005"].includes(d.code)) problems.push(`unexpected code ${d.code}`);
    if (d.span.start < 0 || d.span.start > bytes.length || d.span.line < 1 || d.span.col < 1)
      problems.push(`span out of bounds ${JSON.stringify(d.span)}`);
    return problems;
  }
  return frontEndViolations(decoded.text);
}
