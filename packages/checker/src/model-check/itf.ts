// Counterexamples in the Informal Trace Format (ITF) of Apalache and Quint
// (https://apalache-mc.org/docs/adr/015adr-trace.html): `#meta`, `vars`, `states` (each with
// `#meta.index`), and `loop` for a lasso. Integers are written as `{"#bigint": "n"}`; the action
// taken is the variable `mbt::actionTaken`, as Quint's model-based-testing traces name it.

import type { Diagnostic, Trace } from "@archc/dsl";

export type ItfValue = boolean | string | ItfValue[] | { "#bigint": string } | { [key: string]: ItfValue };

export type ItfState = { "#meta": { index: number } } & Record<string, ItfValue | { index: number }>;

export interface ItfTrace {
  "#meta": Record<string, ItfValue>;
  vars: string[];
  states: ItfState[];
  loop?: number;
}

export const ACTION_VAR = "mbt::actionTaken";

export interface ItfMeta {
  /** The finding's rule id. */
  readonly rule?: string;
  readonly description?: string;
  /** The source file the finding points at. */
  readonly source?: string;
}

export function toItf(trace: Trace, meta: ItfMeta = {}): ItfTrace {
  const names = trace.states.length > 0 ? Object.keys(trace.states[0].vars) : [];
  const head: Record<string, ItfValue> = {
    format: "ITF",
    "format-description": "https://apalache-mc.org/docs/adr/015adr-trace.html",
  };
  if (meta.source !== undefined) head.source = meta.source;
  if (meta.rule !== undefined) head.rule = meta.rule;
  if (meta.description !== undefined) head.description = meta.description;
  head["generated-by"] = "archc model checker";
  const itf: ItfTrace = {
    "#meta": head,
    vars: [...names, ACTION_VAR],
    states: trace.states.map((s) => {
      const state: ItfState = { "#meta": { index: s.index } };
      for (const name of names) state[name] = toItfValue(s.vars[name]);
      state[ACTION_VAR] = s.action;
      return state;
    }),
  };
  if (trace.loopsTo !== undefined) itf.loop = trace.loopsTo;
  return itf;
}

function toItfValue(v: unknown): ItfValue {
  if (typeof v === "number") return { "#bigint": String(Math.trunc(v)) };
  if (typeof v === "boolean" || typeof v === "string") return v;
  if (Array.isArray(v)) return v.map(toItfValue);
  if (v !== null && typeof v === "object") {
    const out: Record<string, ItfValue> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toItfValue(x);
    return out;
  }
  return String(v);
}

/**
 * One ITF file per finding with a trace, named deterministically
 * (`01-saga-stuck-orders.arch-12.itf.json`), for `--trace-format itf --trace-out DIR`.
 */
export function itfTraceFiles(diagnostics: readonly Diagnostic[]): { fileName: string; content: string }[] {
  const withTrace = diagnostics.filter((d) => d.trace !== undefined);
  return withTrace.map((d, n) => {
    const base = d.span.file.split(/[\\/]/).pop() ?? "model";
    const fileName = `${String(n + 1).padStart(2, "0")}-${d.code}-${base}-${d.span.line}.itf.json`;
    const itf = toItf(d.trace!, { rule: d.code, description: d.message, source: d.span.file });
    return { fileName, content: `${JSON.stringify(itf, null, 2)}\n` };
  });
}
