// The set of reached states. States are kept twice, both packed: back to back in BFS order (an
// index is a state's BFS number, with its BFS parent and the action that reached it), and inside
// an open-addressing hash table, so that a probe reads one cache line instead of chasing an
// index into the state array. Slots are empty when their first word is zero, so callers must
// keep a bit of every state's first word set (the product's "valid" bit). No object per state.

export class StateSet {
  /** States, `words` each, in insertion (= BFS) order. */
  states: Uint32Array;
  parent: Int32Array;
  via: Int32Array;
  size = 0;
  /** Slots of `words + 1` words: the packed state, then its index. */
  private table: Uint32Array;
  private mask: number;

  constructor(
    readonly words: number,
    initialCapacity = 1 << 16,
  ) {
    this.states = new Uint32Array(initialCapacity * words);
    this.parent = new Int32Array(initialCapacity);
    this.via = new Int32Array(initialCapacity);
    this.table = new Uint32Array(initialCapacity * 2 * (words + 1));
    this.mask = initialCapacity * 2 - 1;
  }

  /**
   * Bytes per state at the worst point: the arrays just doubled (twice the states, parents and
   * actions) and the table just grown fourfold (eight slots per state).
   */
  static bytesPerState(words: number): number {
    return 2 * (4 * words + 8) + 8 * 4 * (words + 1);
  }

  /** The index of the state, or -1. */
  find(buf: Uint32Array, off = 0): number {
    const W = this.words;
    const S = W + 1;
    const table = this.table;
    let slot = hash(buf, off, W) & this.mask;
    for (;;) {
      const k = slot * S;
      if (table[k] === 0) return -1;
      if (equal(table, k, buf, off, W)) return table[k + W];
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * Computes the hashes of `count` packed states in `buf` into `hashes` and reads their home
   * slots. The reads do not depend on each other, so the processor overlaps their cache misses;
   * the inserts that follow then find those lines in cache.
   */
  prefetch(buf: Uint32Array, count: number, hashes: Uint32Array): number {
    const W = this.words;
    const S = W + 1;
    const table = this.table;
    const mask = this.mask;
    let touched = 0;
    for (let i = 0; i < count; i++) {
      const h = hash(buf, i * W, W);
      hashes[i] = h;
      touched ^= table[(h & mask) * S];
    }
    return touched;
  }

  /** Adds the state unless present. Returns its index when added, -1 when it was already there. */
  add(buf: Uint32Array, parent: number, via: number, off = 0, h = hash(buf, off, this.words)): number {
    const W = this.words;
    const S = W + 1;
    const table = this.table;
    let slot = h & this.mask;
    for (;;) {
      const k = slot * S;
      if (table[k] === 0) break;
      if (equal(table, k, buf, off, W)) return -1;
      slot = (slot + 1) & this.mask;
    }
    const idx = this.size;
    if (idx === this.parent.length) this.growArrays();
    // Keep the load at most one half; grow fourfold, so the costly rehash happens rarely.
    if (2 * (idx + 1) > this.mask + 1) {
      this.rehash(4 * (this.mask + 1));
      return this.add(buf, parent, via, off, h);
    }
    const states = this.states;
    const at = idx * W;
    const k = slot * S;
    for (let w = 0; w < W; w++) {
      states[at + w] = buf[off + w];
      table[k + w] = buf[off + w];
    }
    table[k + W] = idx;
    this.parent[idx] = parent;
    this.via[idx] = via;
    this.size++;
    return idx;
  }

  private growArrays(): void {
    const cap = this.parent.length * 2;
    const states = new Uint32Array(cap * this.words);
    states.set(this.states);
    this.states = states;
    const parent = new Int32Array(cap);
    parent.set(this.parent);
    this.parent = parent;
    const via = new Int32Array(cap);
    via.set(this.via);
    this.via = via;
  }

  /**
   * Moves every entry into a table of `slots` slots, walking the old table in slot order: an
   * entry's new home keeps its old home's low bits, so the writes advance through a few regions
   * in order instead of jumping around memory.
   */
  private rehash(slots: number): void {
    const W = this.words;
    const S = W + 1;
    const old = this.table;
    const oldSlots = this.mask + 1;
    const table = new Uint32Array(slots * S);
    const mask = slots - 1;
    for (let o = 0; o < oldSlots; o++) {
      const from = o * S;
      if (old[from] === 0) continue;
      let slot = hash(old, from, W) & mask;
      while (table[slot * S] !== 0) slot = (slot + 1) & mask;
      const k = slot * S;
      for (let w = 0; w <= W; w++) table[k + w] = old[from + w];
    }
    this.table = table;
    this.mask = mask;
  }
}

function hash(buf: Uint32Array, off: number, W: number): number {
  let h = 0x811c9dc5 ^ W;
  for (let w = 0; w < W; w++) {
    h = Math.imul(h ^ buf[off + w], 0x9e3779b1);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0x85ebca6b);
  return (h ^ (h >>> 16)) >>> 0;
}

function equal(a: Uint32Array, ao: number, b: Uint32Array, bo: number, W: number): boolean {
  for (let w = 0; w < W; w++) if (a[ao + w] !== b[bo + w]) return false;
  return true;
}
