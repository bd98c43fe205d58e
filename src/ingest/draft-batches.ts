// The loop every CSV reader shares: rows → drafts → validated records or rejects, batch by batch, in file order.
import type { RowReject } from '../model/reject.js';
import { readCsv, rowToCsv, type CsvOptions, type CsvRow } from './csv.js';
import type { ReadBatch } from './reader.js';
import { rejectFromError, validateRecord } from './validate.js';

/** What a reader turns one row into: a draft to validate, or null for a row skipped on purpose. */
export type RowToDraft = (row: CsvRow) => Record<string, unknown> | null;

export interface DraftSource {
  /** Checks the header (throwing InputFileError for a wrong file) and returns the row converter. */
  start(header: string[]): RowToDraft;
  /** The file's column behind a record field, so that a reject names what the user can fix. */
  columnOf?(field: string): string | undefined;
}

export async function* draftBatches(file: string, csv: CsvOptions, source: DraftSource): AsyncGenerator<ReadBatch> {
  let toDraft: RowToDraft | null = null;
  for await (const batch of readCsv(file, csv)) {
    toDraft ??= source.start(batch.header);
    const records: ReadBatch['records'] = [];
    const lines: number[] = [];
    const fields: string[][] = [];
    const rejects: RowReject[] = batch.malformed.map((m) => ({ line: m.line, field: '(row)', reason: m.reason, raw: rowToCsv(m.fields) }));
    for (const row of batch.rows) {
      let draft: Record<string, unknown> | null;
      try {
        draft = toDraft(row);
      } catch (err) {
        rejects.push(rejectFromError(err, row.line, row.fields));
        continue;
      }
      if (draft === null) continue;
      const checked = validateRecord(draft, row.line, row.fields);
      if ('record' in checked) {
        records.push(checked.record);
        lines.push(row.line);
        fields.push(row.fields);
      } else rejects.push(renameField(checked.reject, source));
    }
    rejects.sort((a, b) => a.line - b.line);
    yield { records, rejects, rows: batch.rows.length + batch.malformed.length, lines, fields };
  }
}

function renameField(reject: RowReject, source: DraftSource): RowReject {
  const column = source.columnOf?.(reject.field);
  return column && column !== reject.field ? { ...reject, field: column } : reject;
}
