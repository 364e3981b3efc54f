// Worst-case latency of a flow by the composition law: `;` adds, `&` and `*` take the
// maximum. One op's share is the worst-case time of the driver's `calls` edge to it (LAWS.md
// §D), else the op's declared `latency`; an op with neither is unknown and counts as zero, so
// the total is then a lower bound.

import type { FlowTerm, Model } from "@archc/compiler";
import type { Span } from "@archc/dsl";
import { formatDuration } from "../format.js";
import { opLabel } from "../op-label.js";
import { worstCaseTimeMs } from "./call-arithmetic.js";

export interface OpLatency {
  readonly op: string;
  readonly span: Span;
  /** Undefined when nothing bounds the op. */
  readonly ms: number | undefined;
  /** Where the number comes from, for messages. */
  readonly from: string;
}

export interface FlowLatency {
  readonly ms: number;
  /** The arithmetic, e.g. "orders.place 500ms + max(a.f 1s, b.g 2s)". */
  readonly expression: string;
  readonly parts: readonly OpLatency[];
}

export function flowLatency(model: Model, term: FlowTerm, driver: string | undefined): FlowLatency {
  const parts: OpLatency[] = [];
  const walk = (t: FlowTerm): { ms: number; expr: string } => {
    switch (t.kind) {
      case "op": {
        const part = opLatency(model, t.op, t.span, driver);
        parts.push(part);
        return {
          ms: part.ms ?? 0,
          expr: `${opLabel(model, t.op)} ${part.ms === undefined ? "unknown" : formatDuration(part.ms)}`,
        };
      }
      case "id":
        return { ms: 0, expr: "" };
      case "seq": {
        const xs = t.parts.map(walk).filter((x) => x.expr !== "");
        return { ms: xs.reduce((s, x) => s + x.ms, 0), expr: xs.map((x) => x.expr).join(" + ") };
      }
      case "fanout":
      case "par": {
        const xs = t.parts.map(walk).filter((x) => x.expr !== "");
        if (xs.length === 1) return xs[0];
        return { ms: Math.max(0, ...xs.map((x) => x.ms)), expr: `max(${xs.map((x) => x.expr).join(", ")})` };
      }
    }
  };
  const total = walk(term);
  return { ms: total.ms, expression: total.expr, parts };
}

/** Only the worst-case milliseconds (no text): what every flow pays, not only failing ones. */
export function flowLatencyMs(model: Model, term: FlowTerm, driver: string | undefined): number {
  switch (term.kind) {
    case "op":
      return opLatency(model, term.op, term.span, driver).ms ?? 0;
    case "id":
      return 0;
    case "seq":
      return term.parts.reduce((s, p) => s + flowLatencyMs(model, p, driver), 0);
    case "fanout":
    case "par":
      return term.parts.reduce((m, p) => Math.max(m, flowLatencyMs(model, p, driver)), 0);
  }
}

function opLatency(model: Model, opId: string, span: Span, driver: string | undefined): OpLatency {
  const call = driver === undefined ? undefined : model.services[driver]?.calls.find((c) => c.op === opId);
  const bound = call === undefined ? undefined : worstCaseTimeMs(call.policy);
  if (bound !== undefined)
    return { op: opId, span, ms: bound, from: `worst case of the call policy of ${driver}` };
  const declared = model.ops[opId]?.latencyMs;
  if (declared !== undefined) return { op: opId, span, ms: declared, from: "declared latency" };
  return { op: opId, span, ms: undefined, from: "no timeout or latency declared" };
}
