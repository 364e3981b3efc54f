// decodeSource trusts Node's native UTF-8 check and uses its own scan only to locate the bad
// byte, so the two must agree on every input: random bytes, valid text, and the classic
// invalid sequences (overlongs, surrogates, code points past U+10FFFF, truncations).

import { isUtf8 } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeSource, firstInvalidUtf8 } from "../src/source-text.js";

const invalid = [
  [0xc0, 0x80], // overlong NUL
  [0xe0, 0x80, 0x80], // overlong
  [0xed, 0xa0, 0x80], // surrogate U+D800
  [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
  [0xf5, 0x80, 0x80, 0x80],
  [0xe2, 0x82], // truncated
  [0x80],
  [0xff],
];

describe("UTF-8 validation", () => {
  it("agrees with Node's isUtf8 on random bytes and on valid text", () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.string({ unit: "binary", maxLength: 64 }).map((s) => new TextEncoder().encode(s)),
      fc
        .tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...invalid), fc.string({ maxLength: 20 }))
        .map(([a, bad, b]) =>
          Uint8Array.from([...new TextEncoder().encode(a), ...bad, ...new TextEncoder().encode(b)]),
        ),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        expect(firstInvalidUtf8(b) === -1).toBe(isUtf8(b));
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it("reports the first bad byte with its position", () => {
    const text = new TextEncoder().encode("type A {}\nservice ");
    const r = decodeSource("a.arch", Uint8Array.from([...text, 0xed, 0xa0, 0x80]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostic.code).toBe("E0005");
    expect(r.diagnostic.message).toContain(`byte ${text.length}`);
    expect(r.diagnostic.span).toMatchObject({ line: 2, col: 9 });
  });
});
