// The rejects file: every row an import turned away, with its line, field and reason, as CSV.
import { createWriteStream, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import Papa from 'papaparse';
import type { RowReject } from '../model/reject.js';

export class RejectsFile {
  private out: WriteStream | null = null;
  count = 0;

  constructor(readonly path: string) {}

  write(rejects: RowReject[]): void {
    if (rejects.length === 0) return;
    if (!this.out) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.out = createWriteStream(this.path, { encoding: 'utf8' });
      this.out.write('line,field,reason,row\n');
    }
    const rows = rejects.map((r) => [String(r.line), r.field, r.reason, r.raw]);
    this.out.write(Papa.unparse(rows, { newline: '\n', header: false }) + '\n');
    this.count += rejects.length;
  }

  /** Closes the file; returns its path, or null when nothing was rejected. */
  async close(): Promise<string | null> {
    const out = this.out;
    if (!out) return null;
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    return this.path;
  }

  /** Removes the file (the import was abandoned: its rejects mean nothing). */
  async discard(): Promise<void> {
    await this.close().catch(() => undefined);
    rmSync(this.path, { force: true });
  }
}

/** rejects/<file>-<timestamp>.csv under the working directory. */
export function defaultRejectsPath(fileName: string, at = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `rejects/${fileName.replace(/\.[^.]+$/, '')}-${stamp}.rejects.csv`;
}
