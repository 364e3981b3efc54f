// Showing results: a trace as numbered lines (what changed at each state), and the
// one-line-per-saga summary that says what was explored and how far a result goes
// ("bounded: explored N states" when a bound was hit — never a proof then). SARIF code flows
// are built by the SARIF reporter (report/sarif.ts) from the same traces.

import type { Trace } from "@archc/dsl";

/** The trace as text lines: each state's number and action, then what changed, indented. */
export function formatTrace(trace: Trace, indent = "  "): string[] {
  const kind = trace.loopsTo === undefined ? "shortest counterexample" : "lasso counterexample";
  const lines = [`${indent}${kind}, ${trace.states.length} states:`];
  let prev: Record<string, string> = {};
  for (const s of trace.states) {
    const flat = flatten(s.vars);
    const loopMark = trace.loopsTo === s.index ? "  <- the loop starts here" : "";
    lines.push(`${indent}${String(s.index).padStart(3)}. ${s.action}${loopMark}`);
    const changes = Object.keys(flat)
      .filter((k) => prev[k] !== flat[k])
      .map((k) =>
        s.index === 0 || prev[k] === undefined ? `${k} = ${flat[k]}` : `${k}: ${prev[k]} -> ${flat[k]}`,
      );
    if (s.index === 0) {
      lines.push(`${indent}       ${summariseInitial(flat)}`);
    } else {
      for (const c of changes) lines.push(`${indent}       ${c}`);
    }
    prev = flat;
  }
  if (trace.loopsTo !== undefined)
    lines.push(`${indent}     ... and from state ${trace.loopsTo} the loop repeats forever`);
  return lines;
}

function summariseInitial(flat: Record<string, string>): string {
  const entries = Object.entries(flat).filter(([k]) => k.endsWith(".phase") || k.startsWith("orchestrator"));
  return entries.map(([k, v]) => `${k} = ${v}`).join(", ");
}

/** Leaf paths of a vars record: `i1.reserve.call` → "done" (the `steps` level is left out). */
function flatten(vars: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (path: string, v: unknown): void => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v))
        walk(k === "steps" ? path : path === "" ? k : `${path}.${k}`, x);
    } else out[path] = Array.isArray(v) ? v.join("; ") : String(v);
  };
  walk("", vars);
  return out;
}

export interface SagaSummaryStats {
  readonly saga: string;
  readonly instances: number;
  readonly statesExplored: number;
  readonly distinctStates: number;
  readonly statesPerSecond: number;
  readonly elapsedMs: number;
  readonly bounded: boolean;
  readonly boundReason?: "max-states" | "memory";
  readonly findings: number;
  readonly skipped?: string;
  readonly sameShapeAs?: string;
}

const thousands = (n: number): string => Math.round(n).toLocaleString("en-US");

/** One line per saga: what was explored, how fast, and how far the result goes. */
export function formatModelCheckSummary(sagas: readonly SagaSummaryStats[]): string[] {
  return sagas.map((s) => {
    if (s.skipped) return `model check: saga ${s.saga} skipped: ${s.skipped}`;
    const explored = s.sameShapeAs
      ? `the same state space as saga ${s.sameShapeAs} (${thousands(s.distinctStates)} distinct states), reused`
      : `${thousands(s.distinctStates)} distinct states (${thousands(s.statesExplored)} explored) in ${(
          s.elapsedMs / 1000
        ).toFixed(2)} s, ${thousands(s.statesPerSecond)} states/s`;
    const verdict = s.bounded
      ? `bounded: explored ${thousands(s.distinctStates)} states (${s.boundReason === "memory" ? "memory limit" : "--max-states"} reached), so this is no proof${
          s.findings === 0 ? "; no violation within the bound" : ""
        }`
      : s.findings === 0
        ? "every reachable state checked: safety holds, and termination holds under weak fairness"
        : `every reachable state checked (termination under weak fairness): ${s.findings} finding${s.findings === 1 ? "" : "s"}`;
    return `model check: saga ${s.saga}, ${s.instances} instance${s.instances === 1 ? "" : "s"}: ${explored}; ${verdict}`;
  });
}
