// A set of (source id, row hash) pairs as 64-bit fingerprints in shared memory: what a store holds of a dataset,
// handed to the reading threads so they can leave out the rows a re-import finds unchanged before they reach the
// store (SQLite's threads ask the file itself; a PostgreSQL server cannot be asked per row).
// Two different pairs share a fingerprint with odds of about one in 2^64 per pair: far below any error in the data.

/** Slots per entry: a fingerprint is two 32-bit halves; 0/0 marks an empty slot. */
const WIDTH = 2;
/** Entries at most this share of the slots, so probes stay short. */
const LOAD = 0.6;

/** 32-bit FNV-1a of a string's UTF-16 code units, from a seed. */
function fnv(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The 6 bits of each base64 character (either alphabet); other characters map to 0. */
const SIXES = new Uint8Array(128);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (SIXES[c.charCodeAt(0)] = i));
SIXES['-'.charCodeAt(0)] = 62;
SIXES['_'.charCodeAt(0)] = 63;

/**
 * The fingerprint of a pair: the first 64 bits of the row hash (a SHA-1 of the record, source id included, in
 * base64url), with a hash of the source id mixed in so that the pair, not the hash alone, is what is kept.
 */
function fingerprint(sourceId: string, rowHash: string): [number, number] {
  const v = (i: number) => SIXES[rowHash.charCodeAt(i) & 127]!;
  const hi = ((v(0) << 26) | (v(1) << 20) | (v(2) << 14) | (v(3) << 8) | (v(4) << 2) | (v(5) >> 4)) ^ fnv(sourceId, 0x811c9dc5);
  const lo = ((v(5) & 15) << 28) | (v(6) << 22) | (v(7) << 16) | (v(8) << 10) | (v(9) << 4) | (v(10) >> 2);
  const h = hi >>> 0;
  const l = lo >>> 0;
  return h === 0 && l === 0 ? [0, 1] : [h, l];
}

export class FingerprintSet {
  private readonly slots: Uint32Array;
  private readonly mask: number;

  /** A set over existing shared memory (a reading thread's view of the main thread's set). */
  constructor(readonly buffer: SharedArrayBuffer) {
    this.slots = new Uint32Array(buffer);
    this.mask = this.slots.length / WIDTH - 1;
  }

  /** An empty set with room for `entries` pairs. */
  static sized(entries: number): FingerprintSet {
    let capacity = 1024;
    while (capacity * LOAD < entries) capacity *= 2;
    return new FingerprintSet(new SharedArrayBuffer(capacity * WIDTH * Uint32Array.BYTES_PER_ELEMENT));
  }

  add(sourceId: string, rowHash: string): void {
    const [hi, lo] = fingerprint(sourceId, rowHash);
    for (let i = (hi ^ lo) & this.mask; ; i = (i + 1) & this.mask) {
      const at = i * WIDTH;
      if (this.slots[at] === hi && this.slots[at + 1] === lo) return;
      if (this.slots[at] === 0 && this.slots[at + 1] === 0) {
        this.slots[at] = hi;
        this.slots[at + 1] = lo;
        return;
      }
    }
  }

  has(sourceId: string, rowHash: string): boolean {
    const [hi, lo] = fingerprint(sourceId, rowHash);
    for (let i = (hi ^ lo) & this.mask; ; i = (i + 1) & this.mask) {
      const at = i * WIDTH;
      if (this.slots[at] === hi && this.slots[at + 1] === lo) return true;
      if (this.slots[at] === 0 && this.slots[at + 1] === 0) return false;
    }
  }
}
