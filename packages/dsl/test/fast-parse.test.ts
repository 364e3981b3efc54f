// The fast parser (src/fast/) against the chevrotain parser: wherever the fast path returns a
// result, it must be exactly the chevrotain path's (AST, spans, comments, docs, field order and
// diagnostics); and it must not give up on anything the repository's files, the generator or
// the formatter produce. Property runs report how often it gives up on text that the chevrotain
// path parses cleanly.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateSystem } from "../../../bench/generate.js";
import { formatAst } from "../src/format/index.js";
import { type ParseResult, parseSource, parseSourceChevrotain, parseSourceFast } from "../src/parse.js";
import { mutatedFixture, tokenSoup } from "./fuzz-arbitraries.js";
import { sourceFile } from "./format-arbitrary.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const seed = Number(process.env.FUZZ_SEED ?? 20_261_122);
const runs = Number(process.env.FUZZ_RUNS ?? 1_000);

/** Both paths on one text: `fast` is undefined when the fast path gave up. */
function bothPaths(file: string, text: string): { fast: ParseResult | undefined; slow: ParseResult } {
  return { fast: parseSourceFast(file, text), slow: parseSourceChevrotain(file, text) };
}

/** The same tree, the same diagnostics, and the same fields in the same order. */
function expectSame(fast: ParseResult, slow: ParseResult, what: string): void {
  expect(fast, what).toStrictEqual(slow);
  expect(JSON.stringify(fast), what).toBe(JSON.stringify(slow));
}

/** Asserts the fast path took `text` and agrees; `text` must parse cleanly. */
function expectFastAndSame(file: string, text: string): void {
  const { fast, slow } = bothPaths(file, text);
  expect(slow.diagnostics, `${file} should parse cleanly`).toEqual([]);
  expect(fast, `the fast path gave up on ${file}`).toBeDefined();
  expectSame(fast!, slow, file);
}

function repoArchFiles(): string[] {
  return execFileSync("git", ["ls-files", "*.arch"], { cwd: repoRoot, encoding: "utf8" })
    .split("\n")
    .filter((f) => f !== "");
}

function languageDocExamples(): { line: number; text: string }[] {
  const page = readFileSync(`${repoRoot}docs/language.md`, "utf8");
  const out: { line: number; text: string }[] = [];
  for (const m of page.matchAll(/^```arch[^\n]*\n([\s\S]*?)^```$/gm)) {
    out.push({ line: page.slice(0, m.index).split("\n").length, text: m[1] });
  }
  return out;
}

describe("fast parser: the repository's files", () => {
  const files = repoArchFiles();

  it("finds the corpus", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it("takes every .arch file that parses cleanly, with the chevrotain path's result", () => {
    let taken = 0;
    for (const file of files) {
      const text = readFileSync(`${repoRoot}${file}`, "utf8");
      const { fast, slow } = bothPaths(file, text);
      if (slow.diagnostics.length === 0) expect(fast, `the fast path gave up on ${file}`).toBeDefined();
      if (fast) {
        expectSame(fast, slow, file);
        taken++;
      }
    }
    expect(taken).toBeGreaterThan(100);
  });

  it("agrees on every example of docs/language.md, and takes the clean ones", () => {
    const examples = languageDocExamples();
    expect(examples.length).toBeGreaterThan(25);
    let clean = 0;
    for (const { line, text } of examples) {
      const { fast, slow } = bothPaths("main.arch", text);
      const what = `docs/language.md line ${line}`;
      if (slow.diagnostics.length === 0) {
        clean++;
        expect(fast, `the fast path gave up on ${what}`).toBeDefined();
      }
      if (fast) expectSame(fast, slow, what);
    }
    expect(clean).toBeGreaterThanOrEqual(15);
  });
});

describe("fast parser: generated systems", () => {
  for (const services of [50, 300]) {
    for (const systemSeed of [1, 2, 3]) {
      it(`takes every file of ${services} services (seed ${systemSeed})`, () => {
        for (const [file, text] of generateSystem({ services, seed: systemSeed }).files) {
          expectFastAndSame(file, text);
        }
      });
    }
  }
});

describe("fast parser: edge cases", () => {
  const clean: [string, string][] = [
    [
      "keywords as names",
      "type list { map: list<map<string, id>>, id: list, type: map }\nenum on { by, in, op }",
    ],
    [
      "list, map and id as plain names",
      "type T = list * map\nflow f = id.list ; id<T> ; (map.op & list.id)\nflow g = (id.a * id.b) * (c.d)",
    ],
    ["names with inner dashes", "store a-b-1: postgres\nservice x-y { uses a-b-1 read }"],
    [
      "doc runs across comments, CRLF, BOM and lone CR",
      '\uFEFF/// one\r\n// plain\r\n/// two  \r\n/* b\r\nlock */ service s {\r  owner "x"\r\n}\r\n/// dangling',
    ],
    ["a block comment spanning lines", '/* a\n\n b */ system s /* c\n */ { version "1" }\n'],
    [
      "string escapes",
      'system s "a\\"b\\\\c\\n\\t\\u{1F600}\\u{41}" { owner "\u00e9\u{1F600}" }\nservice t { image "x\\u{10FFFF}" }',
    ],
    [
      "numbers, units and ranges",
      "service s { port 1\n replicas 2..10 cpu 100%\n resources { cpu 0.5..2, memory 256Mi..1Gi }\n availability 99.999% }\n" +
        "service t { resources { cpu 250m..1  memory 512 } calls a.b { timeout 1.5s  backoff 50ms..1s  retries 3 } }\n" +
        'rules { set r o 1000/hour, set r o 5/s, set r o 2..1, set r o x, allow a on b "why" }',
    ],
    [
      "a name value on the next line",
      "store s: postgres { size 1Gi backup\n daily }\ntopic t on b { key\n customer }",
    ],
    ["values on the next line", 'service s { port\n 8080 owner\n "x" }'],
    [
      "flags followed by members on the same line",
      'gateway g { tls port 443 cors { credentials methods "GET" } }',
    ],
    [
      "every declaration and member kind",
      [
        'import "./other.arch"',
        'system shop "Shop" { version "1", owner "me" }',
        'type Money { amount: decimal, "content-type"?: string, tags: list<string> * int }',
        "type Alias = (A * B) * C",
        "enum E { a, b c }",
        'store db: redis { size 10Gi backup hourly image "r:7" port 6379 external }',
        "broker bus: kafka { replication 3, partitions 6 }",
        "topic t on bus { partitions 6 replication 3 key id retention 7d }",
        "event Ev: Money * list<E> on t",
        "/// The orders service.",
        'service orders "Orders" {',
        '  owner "t" tech "go" image "i" port 8080 health "/h" ready "/r" availability 99.9% public',
        "  replicas 3",
        "  resources { memory 1Gi }",
        "  balance hash customer",
        '  env { A = "1", B = 2, C = 1..2 }',
        '  secret S from "ref"',
        "  uses db",
        "  /// The API.",
        "  api v1 grpc {",
        "    /// Places an order.",
        '    op place: Money -> E ! Bad | Worse POST "/o" idempotent latency 20ms',
        "    op get: unit -> unit readonly tolerates-absent,",
        "  }",
        "  api v2 { op x: a -> b }",
        "  calls pay.v1.charge { breaker 5 in 30s, timeout 1s per-try 200ms bulkhead 10 }",
        "  calls pay.charge {}",
        "  calls pay.charge",
        "  publishes Ev",
        "  consumes Ev -> v1.place",
        "  consumes Ev -> place",
        "  consumes Ev",
        "}",
        "flow f: A * B -> C = a.b & c.d ; e.f { by orders, slo latency 1s availability 99% }",
        "flow g = a.b {}",
        "saga s (Money) by orders {",
        "  /// First.",
        "  step one: a.b(input) compensate a.c retriable",
        "  parallel { step two: x.y, pivot three: z.w compensate z.v(one) }",
        "  pivot four: q.r",
        "}",
        'gateway gw { port 443 host "h" tls auth jwt { issuer "i" ttl 5m } auth none',
        '  cors { origins "a", "b" "c" credentials max-age 1h } route "/x" -> orders.v1 { balance random rate 10/s strip-prefix }',
        '  route "/y" -> orders }',
        'deploy prod { target kubernetes { namespace "n" } mesh istio { mtls strict } tracing otlp { sample 10% }',
        "  canary orders.v2 20% mesh none }",
        "rules { fail-on warning }",
      ].join("\n"),
    ],
    ["an empty file", ""],
    ["only comments", "// a\n/* b */\n/// c"],
  ];
  for (const [title, text] of clean) {
    it(`takes ${title}`, () => expectFastAndSame("edge.arch", text));
  }

  const reported: [string, string][] = [
    ["a stray character", "service s { owner @ }"],
    ["a lone slash", "service s / { }"],
    ["an unterminated string", 'service s { owner "x\n}'],
    ["an unterminated block comment", "service s { } /* no end"],
    ["a number glued to letters", "service s { port 5min }"],
    ["a bad escape", 'service s { owner "\\q" }'],
    ["a surrogate escape", 'service s { owner "\\u{D800}" }'],
    ["an out-of-range port", "service s { port 70000 }"],
    ["a percentage above 100", "service s { availability 101% }"],
    ["a range upside down", "service s { replicas 10..2 }"],
    ["a cpu range upside down", "service s { resources { cpu 1..250m } }"],
    ["mixed units in a range", "rules { } service s { calls a.b { backoff 1s..5Gi } }"],
    ["an unknown property", 'service s { colour "red" }'],
    ["a prototype name as a property", 'service s { constructor "x" }'],
    ["a prototype name after a name-valued key", "topic t { key\n constructor }"],
    ["a flag with a value", "service s { public 3 }"],
    ["a stray word after a flag", "service s { public nonsense }"],
    ["a missing value", "service s { port }"],
    ["an unknown kind", "store db: oracle"],
    ["an unknown backup", "store db: postgres { backup yearly }"],
    ["an unknown deploy setting", "deploy d { cluster k8s }"],
    ["an HTTP path without a slash", 'service s { api v1 { op a: x -> y GET "x" } }'],
    ["`&` and `*` mixed", "flow f = a.b & c.d * e.f"],
    ["a step named input", "saga s (T) { step input: a.b }"],
    ["an slo with nothing", "flow f = a.b { slo }"],
    ["a syntax error", "service s { api v1 { op a: -> y } }"],
    ["a missing brace", 'service s { owner "x"'],
    ["an extra token at the top", "service s { } }"],
    ["nesting too deep", `type T = ${"(".repeat(300)}A${")".repeat(300)}`],
    ["a vertical tab", "service\u000bs {}"],
  ];
  for (const [title, text] of reported) {
    it(`leaves ${title} to the chevrotain path`, () => {
      const { fast, slow } = bothPaths("edge.arch", text);
      expect(slow.diagnostics.length, "the chevrotain path should report something").toBeGreaterThan(0);
      expect(fast).toBeUndefined();
      expect(parseSource("edge.arch", text)).toStrictEqual(slow);
    });
  }

  it("nests up to the limit on the fast path", () => {
    expectFastAndSame("deep.arch", `type T = ${"(".repeat(255)}A${")".repeat(255)}`);
  });
});

/** Runs `arb` through both paths; returns how often the fast path gave up on clean text. */
function differential(arb: fc.Arbitrary<string>, numRuns: number): { clean: number; bailed: number } {
  const stats = { clean: 0, bailed: 0 };
  fc.assert(
    fc.property(arb, (text) => {
      const { fast, slow } = bothPaths("fuzz.arch", text);
      if (slow.diagnostics.length === 0) {
        stats.clean++;
        if (!fast) stats.bailed++;
      }
      if (fast) expectSame(fast, slow, text);
    }),
    { seed, numRuns },
  );
  return stats;
}

function reportRate(what: string, stats: { clean: number; bailed: number }): void {
  const rate = stats.clean === 0 ? 0 : (100 * stats.bailed) / stats.clean;
  console.log(
    `fast parser, ${what}: gave up on ${stats.bailed} of ${stats.clean} cleanly parsing inputs (${rate.toFixed(1)}%)`,
  );
}

describe("fast parser: property-based differential", () => {
  it("formatted random syntax trees: always taken, always the same", () => {
    const stats = differential(
      sourceFile.map((ast) => formatAst(ast)),
      runs,
    );
    reportRate("formatted random trees", stats);
    expect(stats.clean).toBe(runs);
    expect(stats.bailed).toBe(0);
  });

  it("mutated fixtures: the same whenever taken", () => {
    const stats = differential(mutatedFixture, runs);
    reportRate("mutated fixtures", stats);
    expect(stats.clean).toBeGreaterThan(0);
    expect(stats.bailed).toBeLessThanOrEqual(stats.clean * 0.02);
  });

  it("mutated formatted trees: the same whenever taken", () => {
    const mutatedTree = fc
      .tuple(
        sourceFile.map((ast) => formatAst(ast)),
        fc.nat(),
        fc.nat({ max: 6 }),
        fc.constantFrom(...' \n{}()<>,:;=&*|!.?"/-@5xm%'.split(""), "", "\n// c\n", "///d\n", "..", "->"),
      )
      .map(([text, at, cut, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + cut);
      });
    const stats = differential(mutatedTree, runs);
    reportRate("mutated formatted trees", stats);
    expect(stats.clean).toBeGreaterThan(runs / 10);
    expect(stats.bailed).toBeLessThanOrEqual(stats.clean * 0.02);
  });

  it("formatted trees with tokens dropped, repeated and moved across lines: the same whenever taken", () => {
    const edit = fc.tuple(fc.nat(), fc.constantFrom("drop", "repeat", "newline", "space", "join"));
    const edited = fc
      .tuple(
        sourceFile.map((ast) => formatAst(ast)),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
      )
      .map(([text, edits]) => {
        // Words, numbers, strings and single characters, with the whitespace between them.
        const units = text.match(/\s+|"(?:[^"\\\n]|\\.)*"|[A-Za-z0-9_.%/-]+|[\s\S]/g) ?? [];
        for (const [at, op] of edits) {
          const i = at % Math.max(1, units.length);
          if (op === "drop") units.splice(i, 1);
          else if (op === "repeat") units.splice(i, 0, units[i] ?? "", " ");
          else if (/^\s+$/.test(units[i] ?? ""))
            units[i] = op === "newline" ? "\n" : op === "space" ? " " : "";
        }
        return units.join("");
      });
    const stats = differential(edited, runs);
    reportRate("edited formatted trees", stats);
    expect(stats.clean).toBeGreaterThan(runs / 10);
    expect(stats.bailed).toBeLessThanOrEqual(stats.clean * 0.02);
  });

  it("token soup: the same whenever taken", () => {
    const stats = differential(tokenSoup, runs);
    reportRate("token soup", stats);
  });
});
