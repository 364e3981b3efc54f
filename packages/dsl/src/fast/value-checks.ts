// The value checks of parser.ts (E0111, E0115, E0117) as yes/no questions: "would the chevrotain
// parser report something here?". The fast parser gives up whenever the answer is yes, so it
// never needs the messages; parser.ts stays the one place that phrases them. The differential
// tests (test/fast-parse.test.ts) keep these conditions in step with parser.ts.

import type * as A from "../ast.js";
import { namedValueKinds, type ValueKind } from "../properties.js";
import { isQuantityOf, rangeOrderProblem } from "../units.js";

/** parser.ts `checkKind`: whether `name` is one of `allowed`. */
export function kindIsKnown(name: A.Name, allowed: readonly string[]): boolean {
  return allowed.includes(name.text);
}

/** parser.ts `checkRangeOrder`: same family of units at both ends, low end not above high. */
export function rangeOrderIsClean(r: A.Range, kind?: ValueKind): boolean {
  return rangeOrderProblem(r, kind === "cpu") === undefined;
}

/** parser.ts `checkValue` (with `checkRange`): whether `value` suits a `key` of `kind`. */
export function valueIsClean(key: string, kind: ValueKind, value: A.Literal | A.Name | undefined): boolean {
  if (value === undefined) return kind === "flag";
  if (kind === "flag") return false;
  if (kind === "name") {
    if (value.kind !== "Name") return false;
    const allowed = namedValueKinds[key];
    return !allowed || allowed.includes(value.text);
  }
  if (!literalMatches(kind, value)) return false;
  if (value.kind === "Quantity") {
    if (key === "port" && (value.value < 1 || value.value > 65535)) return false;
    if (kind === "percent" && value.value > 100) return false;
  }
  return value.kind !== "Range" || rangeOrderIsClean(value);
}

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
