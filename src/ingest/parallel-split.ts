// Where a CSV file can be cut into ranges of whole rows without parsing it: at a line break with an even number of
// quotes since the last cut, since quotes come in pairs in a well-formed file. A stray quote can fool this; the
// range then ends inside a quoted field when it is read (CsvCutError) and the import reads the rest whole.
import type { FileHandle } from 'node:fs/promises';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export class RangeCutter {
  private buf = Buffer.alloc(0);

  constructor(
    private readonly fh: FileHandle,
    private readonly size: number,
    /** '\n' or '\r\n': the line break rows end with. */
    private readonly newline: string,
    /** How long a range should be, in bytes (it runs on to the next line break that qualifies). */
    private readonly length: number,
  ) {}

  /** The end of the range that starts at `start` (a row boundary); the file's size for the last range. */
  async end(start: number): Promise<number> {
    const target = start + this.length;
    if (target >= this.size) return this.size;
    let odd = false;
    let at = start;
    let read = await this.read(start, this.length + (this.length >> 2));
    // Every quote up to the target, for the parity there.
    for (let q = read.indexOf(QUOTE); q !== -1 && q < this.length; q = read.indexOf(QUOTE, q + 1)) odd = !odd;
    let pos = this.length;
    for (;;) {
      const lf = read.indexOf(LF, pos);
      const quote = read.indexOf(QUOTE, pos);
      if (quote !== -1 && (lf === -1 || quote < lf)) {
        odd = !odd;
        pos = quote + 1;
        continue;
      }
      if (lf !== -1) {
        const crlfOk = this.newline !== '\r\n' || (lf > 0 && read[lf - 1] === CR);
        if (!odd && crlfOk) return at + lf + 1;
        pos = lf + 1;
        continue;
      }
      // No break that qualifies in what was read: read on (keeping the last byte, for a CR before the next LF).
      if (at + read.length >= this.size) return this.size;
      const keep = read.length - 1;
      at += keep;
      read = await this.read(at, this.length);
      pos = 1;
    }
  }

  private async read(from: number, length: number): Promise<Buffer> {
    const n = Math.min(length, this.size - from);
    if (this.buf.length < n) this.buf = Buffer.alloc(n);
    const { bytesRead } = await this.fh.read(this.buf, 0, n, from);
    return this.buf.subarray(0, bytesRead);
  }
}
