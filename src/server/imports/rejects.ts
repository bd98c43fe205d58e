// The first rows of a rejects file, parsed, for the import page.
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';

export interface RejectRow {
  line: number;
  field: string;
  reason: string;
  row: string;
}

export function readRejects(file: string, limit: number): Promise<RejectRow[]> {
  return new Promise((resolve, reject) => {
    const out: RejectRow[] = [];
    if (limit === 0) return resolve(out);
    const stream = createReadStream(file, { encoding: 'utf8' });
    Papa.parse<Record<string, string>>(stream as unknown as File, {
      header: true,
      skipEmptyLines: true,
      step(result, parser) {
        const r = result.data;
        out.push({ line: Number(r.line), field: r.field ?? '', reason: r.reason ?? '', row: r.row ?? '' });
        if (out.length >= limit) {
          parser.abort();
          stream.destroy();
        }
      },
      complete: () => resolve(out),
      error: (err: Error) => reject(err),
    });
  });
}
