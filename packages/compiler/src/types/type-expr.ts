// Resolved types as values: construction in normal form (products flat, `unit` dropped),
// structural equality, and printing for diagnostics.

import type { PrimitiveName, TypeExpr } from "../model/schema.js";
import { PrimitiveNames } from "../model/schema.js";

export const UNIT: TypeExpr = { kind: "prim", name: "unit" };
export const ERROR_TYPE: TypeExpr = { kind: "error" };

const primitiveSet = new Set<string>(PrimitiveNames);

export function isPrimitiveName(name: string): name is PrimitiveName {
  return primitiveSet.has(name);
}

export function isUnit(t: TypeExpr): boolean {
  return t.kind === "prim" && t.name === "unit";
}

/**
 * The product of `parts` in normal form: nested products flattened (associativity), `unit`
 * dropped (it is the identity), an empty product is `unit`, a single part is that part.
 */
export function productOf(parts: readonly TypeExpr[]): TypeExpr {
  const flat = parts.flatMap(factorsOf);
  if (flat.length === 0) return UNIT;
  if (flat.length === 1) return flat[0];
  return { kind: "product", parts: flat };
}

/** The factors of a normal type: a product's parts, none for `unit`, else the type itself. */
export function factorsOf(t: TypeExpr): TypeExpr[] {
  if (t.kind === "product") return t.parts.flatMap(factorsOf);
  if (isUnit(t)) return [];
  return [t];
}

/** Structural equality of resolved types (records and enums are compared by name). */
export function typeEquals(a: TypeExpr, b: TypeExpr): boolean {
  if (a === b) return true;
  switch (a.kind) {
    case "prim":
      return b.kind === "prim" && a.name === b.name;
    case "ref":
      return b.kind === "ref" && a.name === b.name;
    case "list":
      return b.kind === "list" && typeEquals(a.element, b.element);
    case "map":
      return b.kind === "map" && typeEquals(a.key, b.key) && typeEquals(a.value, b.value);
    case "product":
      return (
        b.kind === "product" &&
        a.parts.length === b.parts.length &&
        a.parts.every((p, i) => typeEquals(p, b.parts[i]))
      );
    case "error":
      return b.kind === "error";
  }
}

export function containsError(t: TypeExpr): boolean {
  switch (t.kind) {
    case "error":
      return true;
    case "list":
      return containsError(t.element);
    case "map":
      return containsError(t.key) || containsError(t.value);
    case "product":
      return t.parts.some(containsError);
    default:
      return false;
  }
}

/**
 * Equality for checking user code: a type that already failed to resolve matches anything,
 * so one unknown name yields one diagnostic rather than a cascade of mismatches.
 */
export function compatible(a: TypeExpr, b: TypeExpr): boolean {
  return containsError(a) || containsError(b) || typeEquals(a, b);
}

/** `Order`, `list<Order>`, `map<string, int>`, `Order * Payment`, `unit`. */
export function showType(t: TypeExpr): string {
  switch (t.kind) {
    case "prim":
    case "ref":
      return t.name;
    case "list":
      return `list<${showType(t.element)}>`;
    case "map":
      return `map<${showType(t.key)}, ${showType(t.value)}>`;
    case "product":
      return t.parts.map(showType).join(" * ");
    case "error":
      return "?";
  }
}
