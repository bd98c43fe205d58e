// Reads ACLED's deleted-events list (event_id_cnty, deleted_timestamp as a Unix time) in batches.
import { InputFileError } from '../model/reject.js';
import { readCsv } from './csv.js';

export interface AcledDeletion {
  source_id: string;
  /** When ACLED deleted the event, as an ISO timestamp. */
  deleted_at: string;
}

const EXPECTED = "ACLED's deleted-events list (event_id_cnty, deleted_timestamp)";
const REQUIRED = ['event_id_cnty', 'deleted_timestamp'] as const;

/**
 * Batches of deletions in file order. Deleting events is not something to half-do, so a row that cannot be read fails
 * the whole list with its line number instead of being skipped.
 */
export async function* readAcledDeleted(file: string): AsyncGenerator<AcledDeletion[]> {
  let idIndex = -1;
  let timeIndex = -1;
  for await (const batch of readCsv(file, { expected: EXPECTED })) {
    if (idIndex < 0) {
      const names = batch.header.map((h) => h.trim().toLowerCase());
      const missing = REQUIRED.filter((k) => !names.includes(k));
      if (missing.length > 0) {
        throw new InputFileError(file, `this is not ${EXPECTED}: missing ${missing.join(', ')}; the header reads ${JSON.stringify(batch.header.join(','))}`);
      }
      idIndex = names.indexOf('event_id_cnty');
      timeIndex = names.indexOf('deleted_timestamp');
    }
    const bad = batch.malformed[0];
    if (bad) throw new InputFileError(file, `line ${bad.line} ${bad.reason}`);
    const out: AcledDeletion[] = [];
    for (const row of batch.rows) {
      const id = row.fields[idIndex]!.trim();
      if (id === '') throw new InputFileError(file, `line ${row.line}: event_id_cnty is empty`);
      out.push({ source_id: id, deleted_at: unixToIso(row.fields[timeIndex]!, file, row.line) });
    }
    yield out;
  }
}

function unixToIso(raw: string, file: string, line: number): string {
  const s = raw.trim();
  if (!/^\d{1,12}$/.test(s)) throw new InputFileError(file, `line ${line}: deleted_timestamp should be a Unix time in seconds, got ${JSON.stringify(s)}`);
  return new Date(Number(s) * 1000).toISOString();
}
