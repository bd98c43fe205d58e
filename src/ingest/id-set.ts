// An exact set of short strings (the ids an import has seen) in typed arrays: a Set of 2.5 million ACLED ids takes
// about 160 MB of JS heap, this about 45 MB outside it.

/** Each string is stored as its length (with the top bit set for two-byte text) and then its characters. */
const WIDE = 0x8000_0000;

export class IdSet {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  /** Open addressing with linear probing: offset + 1 into `bytes`, 0 for an empty slot. */
  private slots = new Int32Array(1 << 12);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds `s`; false when it was in the set already. */
  add(s: string): boolean {
    const mask = this.slots.length - 1;
    for (let i = hash(s) & mask; ; i = (i + 1) & mask) {
      const at = this.slots[i]!;
      if (at === 0) {
        this.slots[i] = this.append(s) + 1;
        if (++this.count * 10 > this.slots.length * 7) this.grow();
        return true;
      }
      if (this.equals(at - 1, s)) return false;
    }
  }

  has(s: string): boolean {
    const mask = this.slots.length - 1;
    for (let i = hash(s) & mask; ; i = (i + 1) & mask) {
      const at = this.slots[i]!;
      if (at === 0) return false;
      if (this.equals(at - 1, s)) return true;
    }
  }

  private append(s: string): number {
    let wide = false;
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) wide = true;
    const need = 4 + s.length * (wide ? 2 : 1);
    if (this.used + need > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + need));
      bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    const b = this.bytes;
    const at = this.used;
    const head = (s.length | (wide ? WIDE : 0)) >>> 0;
    b[at] = head >>> 24;
    b[at + 1] = (head >>> 16) & 0xff;
    b[at + 2] = (head >>> 8) & 0xff;
    b[at + 3] = head & 0xff;
    let p = at + 4;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (wide) {
        b[p++] = c >>> 8;
        b[p++] = c & 0xff;
      } else b[p++] = c;
    }
    this.used = p;
    return at;
  }

  private equals(at: number, s: string): boolean {
    const b = this.bytes;
    const head = ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
    if ((head & ~WIDE) >>> 0 !== s.length) return false;
    let p = at + 4;
    if (head & WIDE) {
      for (let i = 0; i < s.length; i++, p += 2) if (((b[p]! << 8) | b[p + 1]!) !== s.charCodeAt(i)) return false;
    } else {
      for (let i = 0; i < s.length; i++, p++) if (b[p] !== s.charCodeAt(i)) return false;
    }
    return true;
  }

  /** Doubles the table and puts every string back in its place. */
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    const mask = this.slots.length - 1;
    for (const at of old) {
      if (at === 0) continue;
      let i = this.hashAt(at - 1) & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = at;
    }
  }

  /** hash() of the string stored at `at`, from its bytes. */
  private hashAt(at: number): number {
    const b = this.bytes;
    const head = ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
    const length = (head & ~WIDE) >>> 0;
    let h = FNV_OFFSET;
    let p = at + 4;
    for (let i = 0; i < length; i++) {
      const c = head & WIDE ? (b[p++]! << 8) | b[p++]! : b[p++]!;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    return finish(h);
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units, finished with a multiply so nearby ids spread over the table. */
function hash(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return finish(h);
}

function finish(h: number): number {
  return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
}
