// What a PostgreSQL import finds of its dataset, as fingerprints the reading threads can test rows against: one
// COPY of (source_id, row_hash) on the import's own connection, inside its transaction (so as the import sees it).
import { StringDecoder } from 'node:string_decoder';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { FingerprintSet } from '../fingerprints.js';

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
/** A value of COPY's text format, unescaped. */
const unescape = (v: string) => (v.includes('\\') ? v.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c) : v);

/** The dataset's (source id, row hash) pairs, deleted events included; null when it holds none. */
export async function storedFingerprints(client: pg.ClientBase, datasetId: number): Promise<FingerprintSet | null> {
  const counted = await client.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE dataset_id = $1', [datasetId]);
  const n = Number(counted.rows[0]?.n ?? 0);
  if (n === 0) return null;
  const set = FingerprintSet.sized(n);
  const stream = client.query(copyTo(`COPY (SELECT source_id, row_hash FROM events WHERE dataset_id = ${Number(datasetId)}) TO STDOUT`));
  const decoder = new StringDecoder('utf8');
  let rest = '';
  const take = (text: string) => {
    const lines = (rest + text).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      const tab = line.lastIndexOf('\t');
      set.add(unescape(line.slice(0, tab)), line.slice(tab + 1));
    }
  };
  for await (const chunk of stream) take(decoder.write(chunk as Buffer));
  take(decoder.end());
  return set;
}
