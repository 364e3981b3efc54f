// The compiled Model is immutable: rules, emitters and the language server share one instance.
// Walked with plain loops and no call per primitive: the Model of a 10k-service system holds
// millions of objects. Already-frozen objects (shared subtrees, spans of a reused AST) are
// not walked again.

export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) freeze(value);
  return value;
}

function freeze(value: object): void {
  if (Object.isFrozen(value)) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === "object" && v !== null) freeze(v);
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const v = record[key];
      if (typeof v === "object" && v !== null) freeze(v);
    }
  }
  Object.freeze(value);
}
