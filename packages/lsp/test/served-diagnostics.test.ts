// The served form of diagnostics: equal when only offsets outside a diagnostic's own span moved,
// different when a line or column did, and the cheap `servedAlike` never says "alike" for two
// diagnostics whose served forms differ (the law that lets a round skip converting them).

import { sameValue } from "@archc/compiler";
import type { Diagnostic, Span } from "@archc/dsl";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ServedDiagnosticsByFile,
  serveDiagnostic,
  servedAlike,
} from "../src/workspace/served-diagnostics.js";

const resolve = (file: string) => `/ws/${file}`;

const span = (file: string, start: number, line: number, col: number, length = 6): Span => ({
  file,
  start,
  end: start + length,
  line,
  col,
  endLine: line,
  endCol: col + length,
});

const finding: Diagnostic = {
  code: "unprotected-call",
  severity: "warning",
  message: "main calls payments.refund with neither a timeout nor a circuit breaker",
  span: span("main.arch", 700, 35, 9, 15),
  related: [{ span: span("payments.arch", 250, 9, 8), message: "refund is declared here" }],
  help: "add `timeout D`",
  fixes: [
    { title: "add a 1s timeout", edits: [{ span: span("payments.arch", 256, 9, 14, 0), newText: " x" }] },
  ],
};

/** `d` with the spans in payments.arch moved by `offsets` characters and `lines` lines. */
function moved(d: Diagnostic, offsets: number, lines = 0): Diagnostic {
  const move = (s: Span): Span =>
    s.file === "payments.arch"
      ? {
          ...s,
          start: s.start + offsets,
          end: s.end + offsets,
          line: s.line + lines,
          endLine: s.endLine + lines,
        }
      : s;
  return {
    ...d,
    span: move(d.span),
    related: d.related.map((r) => ({ ...r, span: move(r.span) })),
    fixes: d.fixes?.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: move(e.span) })) })),
  };
}

describe("served diagnostics", () => {
  it("are equal when only the offsets of related spans and fix edits moved", () => {
    const shifted = moved(finding, 1);
    expect(servedAlike(finding, shifted)).toBe(true);
    expect(serveDiagnostic(shifted, resolve)).toEqual(serveDiagnostic(finding, resolve));
  });

  it("differ when a related line moved, or the diagnostic's own offsets did", () => {
    const down = moved(finding, 1, 1);
    expect(servedAlike(finding, down)).toBe(false);
    expect(sameValue(serveDiagnostic(down, resolve), serveDiagnostic(finding, resolve))).toBe(false);
    const own = { ...finding, span: { ...finding.span, start: 701, end: 716 } };
    expect(servedAlike(finding, own)).toBe(false);
    expect(sameValue(serveDiagnostic(own, resolve), serveDiagnostic(finding, resolve))).toBe(false);
  });

  it("keep a file's array while its diagnostics are served alike, and give a new one when not", () => {
    const byFile = new ServedDiagnosticsByFile();
    const folderOf = () => "/ws";
    const first = byFile.update(new Map([["/ws/main.arch", [finding]]]), folderOf).get("/ws/main.arch");
    const second = byFile
      .update(new Map([["/ws/main.arch", [moved(finding, 3)]]]), folderOf)
      .get("/ws/main.arch");
    expect(second).toBe(first);
    const third = byFile
      .update(new Map([["/ws/main.arch", [moved(finding, 3, 1)]]]), folderOf)
      .get("/ws/main.arch");
    expect(third).not.toBe(first);
    expect(third?.[0].related[0].range.start.line).toBe(9);
  });

  it("say alike only when the served forms are equal (sound for any pair)", () => {
    const spanArb = fc.record({
      file: fc.constantFrom("main.arch", "payments.arch"),
      start: fc.constantFrom(0, 7, Number.NaN),
      end: fc.constantFrom(7, 9),
      line: fc.constantFrom(0, 1, 2),
      col: fc.constantFrom(1, 3),
      endLine: fc.constantFrom(1, 2),
      endCol: fc.constantFrom(1, 4),
    });
    const diagnosticArb: fc.Arbitrary<Diagnostic> = fc.record(
      {
        code: fc.constantFrom("E0101", "unprotected-call"),
        severity: fc.constantFrom("error", "warning", "info"),
        message: fc.constantFrom("m", "n"),
        span: spanArb,
        related: fc.array(fc.record({ span: spanArb, message: fc.constantFrom("here", "there") }), {
          maxLength: 2,
        }),
        help: fc.constantFrom("h", "i"),
        fixes: fc.array(
          fc.record({
            title: fc.constantFrom("t", "u"),
            edits: fc.array(fc.record({ span: spanArb, newText: fc.constantFrom("", "x") }), {
              maxLength: 2,
            }),
          }),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: ["code", "severity", "message", "span", "related"] },
    );
    // Pairs that mostly agree (each field taken from the first with probability 0.9), so that
    // both answers of servedAlike are exercised.
    const pairArb = fc
      .tuple(
        diagnosticArb,
        diagnosticArb,
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 97, maxLength: 97 }),
      )
      .map(([a, b, dice]) => {
        let i = 0;
        const first = () => dice[i++ % dice.length] < 9;
        return [a, blend(a, b, first) as Diagnostic] as const;
      });
    let alike = 0;
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        if (!servedAlike(a, b)) return true;
        alike++;
        return sameValue(serveDiagnostic(a, resolve), serveDiagnostic(b, resolve));
      }),
      { numRuns: 2000 },
    );
    expect(alike).toBeGreaterThan(100);
  });
});

/** A value taking each leaf (and each key's presence) from `a` or `b`, as `first` says. */
function blend(a: unknown, b: unknown, first: () => boolean): unknown {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length)
    return a.map((x, i) => blend(x, b[i], first));
  if (isRecord(a) && isRecord(b)) {
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const value = key in a && key in b ? blend(a[key], b[key], first) : first() ? a[key] : b[key];
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  return first() ? a : b;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
