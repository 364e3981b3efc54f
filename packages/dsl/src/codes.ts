// The catalogue of front-end diagnostic codes: one place for every code, its title and the
// page `archc explain` prints. Compiler and checker codes live in their own packages'
// catalogues with the same shape.

export interface CodeInfo {
  readonly title: string;
  readonly explanation: string;
}

export const frontEndCodes = {
  E0001: {
    title: "imported file not found",
    explanation:
      "An `import` names a file that does not exist. Paths are relative to the importing file.\n\nFix: correct the path, or create the file.",
  },
  E0002: {
    title: "import outside the workspace root",
    explanation:
      "An `import` resolves to a file outside the workspace root (the entry file's folder unless `--root` says otherwise). archc never reads such a file.\n\nFix: move the file under the root, or pass a wider `--root`.",
  },
  E0003: {
    title: "file too large",
    explanation:
      "The file is larger than archc reads (8 MiB by default). A .arch file that size is almost certainly not a hand-written model.\n\nFix: split the model into files joined by `import`.",
  },
  E0004: {
    title: "binary file",
    explanation:
      "The file contains NUL bytes, so it is not a text file.\n\nFix: point archc at .arch source files.",
  },
  E0005: {
    title: "invalid UTF-8",
    explanation:
      ".arch files are UTF-8. The file holds a byte sequence that is not valid UTF-8.\n\nFix: re-save the file as UTF-8.",
  },
  E0006: {
    title: "file cannot be read",
    explanation: "The file exists but could not be read (permissions, or it is a directory).",
  },
  E0101: {
    title: "unexpected character",
    explanation:
      "The lexer met a character that starts no token of the language.\n\nFix: remove it, or quote it in a string.",
  },
  E0102: {
    title: "unterminated string",
    explanation:
      'A string literal has no closing `"` on its line. Strings may not span lines; write `\\n` for a newline.',
  },
  E0103: {
    title: "invalid escape in string",
    explanation:
      'Strings accept the escapes `\\"`, `\\\\`, `\\n`, `\\t` and `\\u{HEX}` (a Unicode code point).',
  },
  E0104: {
    title: "unterminated block comment",
    explanation: "A `/*` comment has no closing `*/`.",
  },
  E0105: {
    title: "number with an unknown unit",
    explanation:
      "A number is glued to letters that are not a unit. Units: durations `ms s m h d`, sizes `Ki Mi Gi Ti K M G T`, percentages `%`, rates `/s /min /hour /day`.",
  },
  E0110: {
    title: "syntax error",
    explanation: "The parser expected one thing and found another. The message says what was expected.",
  },
  E0111: {
    title: "wrong kind of value",
    explanation:
      "A property takes one kind of literal: `timeout` a duration (`500ms`), `size` a size (`20Gi`), `availability` a percentage (`99.9%`), `rate` a rate (`100/s`), `port` an integer. A bare number is not a duration.",
  },
  E0112: {
    title: "nesting too deep",
    explanation:
      "Brackets are nested deeper than archc accepts (256 levels). The declaration holding them is skipped; the rest of the file is still read.",
  },
  E0113: {
    title: "`&` and `*` mixed without parentheses",
    explanation:
      "Fan-out `f & g` and parallel `f * g` do not associate with each other. Write `(f & g) * h` or `f & (g * h)`.",
  },
  E0114: {
    title: "unknown property",
    explanation:
      "A block holds a property its declaration does not know. The message lists the properties it accepts.",
  },
  E0115: {
    title: "unknown kind",
    explanation:
      "A declaration names a kind archc does not know, such as a store kind (`postgres`, `redis`, …), a broker kind (`kafka`, …), an API protocol (`rest`, `grpc`, `graphql`) or a load-balancing strategy.",
  },
  E0116: {
    title: "reserved step name",
    explanation:
      "A saga step may not be named `input`: `input` is the source that means the saga's parameter.",
  },
  E0117: {
    title: "value out of range",
    explanation:
      "A number is outside what the property accepts (a port in 1..65535, a percentage in 0..100, a range whose low end exceeds its high end).",
  },
  E0190: {
    title: "formatter self-check failed",
    explanation:
      "Before `archc fmt` writes a file it checks its own output: the output must parse, mean the same syntax tree as the input, and keep every comment. When a check fails the file is left exactly as it was and this is reported. It is a bug in archc.\n\nFix: report it with the file; format the file by hand meanwhile.",
  },
} as const satisfies Record<string, CodeInfo>;

export type FrontEndCode = keyof typeof frontEndCodes;
