// Values that several documents hold (a type's JSON Schema in every API that uses it), marked so
// the YAML writer writes each once per nesting depth and copies the text after that. A marked
// value is frozen all the way down: the text written once stays true.

const shared = new WeakSet<object>();

/** Freezes `value` deeply and marks it for the writer; returns it. */
export function shareInYaml<T extends object>(value: T): T {
  deepFreeze(value);
  shared.add(value);
  return value;
}

export function isSharedInYaml(value: object): boolean {
  return Object.isFrozen(value) && shared.has(value);
}

function deepFreeze(value: object): void {
  if (Object.isFrozen(value)) {
    // Frozen by someone else: its children may still change; freeze them too.
    for (const v of Object.values(value)) if (v !== null && typeof v === "object") deepFreeze(v);
    return;
  }
  Object.freeze(value);
  for (const v of Object.values(value)) if (v !== null && typeof v === "object") deepFreeze(v);
}
