// Model names are identifiers (`[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*`); the platforms want
// narrower alphabets. These functions map a name into each alphabet deterministically.

/** A DNS-1035 label (Kubernetes Service names, compose service names): lowercase, `-`, starts
 * with a letter, at most 63 characters. */
export function dnsLabel(name: string): string {
  let label = dnsLabels.get(name);
  if (label === undefined) {
    label = toDnsLabel(name);
    if (dnsLabels.size >= CACHE_LIMIT) dnsLabels.clear();
    dnsLabels.set(name, label);
  }
  return label;
}

// Emitters ask for the same few labels (each service's, each store's) over and over.
const CACHE_LIMIT = 100_000;
const dnsLabels = new Map<string, string>();

function toDnsLabel(name: string): string {
  let s = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (!/^[a-z]/.test(s)) s = `x-${s}`;
  if (s.length > 63) s = s.slice(0, 63).replace(/-+$/, "");
  return s;
}

/** An environment variable name: `orders-db` → `ORDERS_DB`. */
export function envName(name: string): string {
  const s = name.toUpperCase().replace(/[^A-Z0-9_]+/g, "_");
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** Joins label parts and keeps the result a valid DNS label (`orders` + `db` → `orders-db`). */
export function joinLabel(...parts: string[]): string {
  return dnsLabel(parts.join("-"));
}
