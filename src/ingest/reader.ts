// The contract every reader (ACLED, UCDP, mapped CSV, …) follows.
import type { EventRecord } from '../model/event.js';
import type { RowReject } from '../model/reject.js';

export interface ReadBatch {
  records: EventRecord[];
  rejects: RowReject[];
  /** Rows read from the file in this batch (records + rejects + rows skipped on purpose). */
  rows: number;
  /** Line of each record in the file, parallel to records (for rejects found later, e.g. duplicates). */
  lines?: number[];
  /** Raw fields of each record, parallel to records. */
  fields?: string[][];
}

export interface EventReader {
  /** Format name ("acled", "ucdp", "csv"). */
  readonly format: string;
  /** The layout detected from the header, known after the first batch ("acled-2024-31col", …). */
  layout(): string;
  /** Batches of validated records and rejects, in file order. Throws InputFileError for a wrong file. */
  batches(): AsyncIterable<ReadBatch>;
}
