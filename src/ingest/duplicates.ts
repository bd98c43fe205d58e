// The second row of a file with an id an earlier row had is a reject: an import keeps the first.
import type { EventRecord } from '../model/event.js';
import type { RowReject } from '../model/reject.js';
import { rowToCsv } from './csv.js';
import { IdSet } from './id-set.js';
import type { ReadBatch } from './reader.js';

export class DuplicateFilter {
  /** Millions of ids: kept compactly, off the JS heap. */
  private readonly seen = new IdSet();

  /** Calls `keep` for each record whose id is new to the import; returns a reject for each of the others. */
  filter(batch: ReadBatch, keep: (record: EventRecord) => void): RowReject[] {
    const dupes: RowReject[] = [];
    for (let i = 0; i < batch.records.length; i++) {
      const record = batch.records[i]!;
      if (!this.seen.add(record.source_id)) {
        const fields = batch.fields?.[i];
        dupes.push({
          line: batch.lines?.[i] ?? 0,
          field: 'source_id',
          reason: `duplicate id ${record.source_id}: an earlier row of this file has it`,
          raw: fields ? rowToCsv(fields) : JSON.stringify(record),
        });
        continue;
      }
      keep(record);
    }
    return dupes;
  }
}
