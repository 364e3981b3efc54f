// The set of reached states: packed states stored back to back in one growing Uint32Array (their
// index is their BFS order), an open-addressing hash table of indices over it, and for each state
// its BFS parent and the action that reached it. No object per state.

export class StateSet {
  /** States, `words` each, in insertion (= BFS) order. */
  states: Uint32Array;
  parent: Int32Array;
  via: Int32Array;
  size = 0;
  private table: Int32Array;
  private mask: number;

  constructor(
    readonly words: number,
    initialCapacity = 1 << 16,
  ) {
    this.states = new Uint32Array(initialCapacity * words);
    this.parent = new Int32Array(initialCapacity);
    this.via = new Int32Array(initialCapacity);
    this.table = new Int32Array(initialCapacity * 2).fill(-1);
    this.mask = initialCapacity * 2 - 1;
  }

  /** Bytes held per state at the current load (states, parent, action, hash slots). */
  static bytesPerState(words: number): number {
    return 4 * words + 8 + 4 * 4;
  }

  /** The index of the state, or -1. */
  find(buf: Uint32Array, off = 0): number {
    const W = this.words;
    const states = this.states;
    let slot = hash(buf, off, W) & this.mask;
    for (;;) {
      const idx = this.table[slot];
      if (idx < 0) return -1;
      if (equal(states, idx * W, buf, off, W)) return idx;
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * Adds the state unless present. Returns its index, or -1 - index when it was already there,
   * so the caller learns both in one probe.
   */
  add(buf: Uint32Array, parent: number, via: number): number {
    const W = this.words;
    let slot = hash(buf, 0, W) & this.mask;
    for (;;) {
      const idx = this.table[slot];
      if (idx < 0) break;
      if (equal(this.states, idx * W, buf, 0, W)) return -1 - idx;
      slot = (slot + 1) & this.mask;
    }
    const idx = this.size;
    if (idx === this.parent.length) {
      this.grow();
      return this.add(buf, parent, via);
    }
    const states = this.states;
    const at = idx * W;
    for (let w = 0; w < W; w++) states[at + w] = buf[w];
    this.parent[idx] = parent;
    this.via[idx] = via;
    this.table[slot] = idx;
    this.size++;
    return idx;
  }

  private grow(): void {
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
    // Rehash into a table twice the capacity: load stays at most one half.
    this.table = new Int32Array(cap * 2).fill(-1);
    this.mask = cap * 2 - 1;
    const W = this.words;
    for (let idx = 0; idx < this.size; idx++) {
      let slot = hash(this.states, idx * W, W) & this.mask;
      while (this.table[slot] >= 0) slot = (slot + 1) & this.mask;
      this.table[slot] = idx;
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
