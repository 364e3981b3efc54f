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
  private keys: Uint32Array;
  private slotIndex: Int32Array;
  private mask: number;

  constructor(
    readonly words: number,
    initialCapacity = 1 << 16,
  ) {
    this.states = new Uint32Array(initialCapacity * words);
    this.parent = new Int32Array(initialCapacity);
    this.via = new Int32Array(initialCapacity);
    this.keys = new Uint32Array(initialCapacity * 2 * words);
    this.slotIndex = new Int32Array(initialCapacity * 2);
    this.mask = initialCapacity * 2 - 1;
  }

  /** Bytes per state at the worst point (just after doubling): states, parent, action, two slots. */
  static bytesPerState(words: number): number {
    return 2 * (4 * words + 8) + 4 * (4 * words + 4);
  }

  /** The index of the state, or -1. */
  find(buf: Uint32Array, off = 0): number {
    const W = this.words;
    const keys = this.keys;
    let slot = hash(buf, off, W) & this.mask;
    for (;;) {
      const k = slot * W;
      if (keys[k] === 0) return -1;
      if (equal(keys, k, buf, off, W)) return this.slotIndex[slot];
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds the state unless present. Returns its index when added, -1 when it was already there. */
  add(buf: Uint32Array, parent: number, via: number): number {
    const W = this.words;
    const keys = this.keys;
    let slot = hash(buf, 0, W) & this.mask;
    for (;;) {
      const k = slot * W;
      if (keys[k] === 0) break;
      if (equal(keys, k, buf, 0, W)) return -1;
      slot = (slot + 1) & this.mask;
    }
    const idx = this.size;
    if (idx === this.parent.length) {
      this.grow();
      return this.add(buf, parent, via);
    }
    const states = this.states;
    const at = idx * W;
    const k = slot * W;
    for (let w = 0; w < W; w++) {
      states[at + w] = buf[w];
      keys[k + w] = buf[w];
    }
    this.slotIndex[slot] = idx;
    this.parent[idx] = parent;
    this.via[idx] = via;
    this.size++;
    return idx;
  }

  private grow(): void {
    const cap = this.parent.length * 2;
    const W = this.words;
    const states = new Uint32Array(cap * W);
    states.set(this.states);
    this.states = states;
    const parent = new Int32Array(cap);
    parent.set(this.parent);
    this.parent = parent;
    const via = new Int32Array(cap);
    via.set(this.via);
    this.via = via;
    // Rehash into a table of twice the capacity: the load stays at most one half.
    this.keys = new Uint32Array(cap * 2 * W);
    this.slotIndex = new Int32Array(cap * 2);
    this.mask = cap * 2 - 1;
    const keys = this.keys;
    for (let idx = 0; idx < this.size; idx++) {
      const at = idx * W;
      let slot = hash(states, at, W) & this.mask;
      while (keys[slot * W] !== 0) slot = (slot + 1) & this.mask;
      for (let w = 0; w < W; w++) keys[slot * W + w] = states[at + w];
      this.slotIndex[slot] = idx;
    }
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
