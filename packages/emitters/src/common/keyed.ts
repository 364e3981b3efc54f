// Objects whose keys come from the model (service, type, event and path names). V8 gives each
// object literal a hidden class per sequence of keys added, so thousands of documents that each
// add their own names grow a tree of thousands of classes, one slow transition per key. An
// object without a prototype starts as a hash table instead. Keys keep insertion order (integer-
// like keys first, ascending), as for any object, and the YAML writer accepts either kind.

/** An empty object for entries keyed by names from the model. */
export function keyedByName<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
