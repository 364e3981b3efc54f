// Objects keyed by data rather than by code, made so that V8 does not slow them down.
// Keys from the model (service, type, event and path names): V8 gives each object literal a
// hidden class per sequence of keys added, so thousands of documents that each add their own
// names grow a tree of thousands of classes, one slow transition per key; an object without a
// prototype starts as a hash table instead. Integer-like keys (HTTP statuses): see
// statusKeyedObject. Keys keep insertion order (integer-like keys first, ascending), as for any
// object, and the YAML writer accepts either kind.

/** An empty object for entries keyed by names from the model. */
export function keyedByName<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * An empty object for responses keyed by HTTP status ("200", "404"). V8 keeps integer-like keys
 * in an array as long as the largest key, about 4 KB for a `404`, for each of the thousands of
 * operations of a large system; starting it in dictionary mode (one far key, added and removed)
 * keeps it small. Keys still enumerate in ascending numeric order, as for any object.
 */
export function statusKeyedObject(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  out[FAR_INDEX] = undefined;
  delete out[FAR_INDEX];
  return out;
}

const FAR_INDEX = 1 << 24;
