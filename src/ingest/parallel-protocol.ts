// The messages between an import's main thread (which writes the store) and its reading thread.
import type { RowReject } from '../model/reject.js';
import type { PackedRows } from '../store/packed-rows.js';
import type { AliasKey } from '../store/queries.js';
import type { ErrorSpec, ReaderSpec } from './parallel-spec.js';

export interface ReadingSetup {
  spec: ReaderSpec;
  /**
   * The SQLite file the import writes to, which the reading thread opens read-only to leave out rows stored
   * unchanged; null for other stores (every row is then sent).
   */
  sqliteFile: string | null;
}

/** One batch of the file, read and packed: every row is accounted for as packed, unchanged or rejected. */
export interface ReadingBatch {
  rows: number;
  rejects: RowReject[];
  packed: PackedRows;
  /** Rows whose stored version has the same hash: the store has nothing to do for them. */
  unchanged: number;
}

export type ToReading =
  /** The import has begun (its write lock is held), into this dataset, with these actor aliases. */
  | { type: 'start'; datasetId: number; aliases: AliasKey[] }
  /** The main thread has applied one more batch. */
  | { type: 'ack' };

export type FromReading =
  | { type: 'layout'; layout: string }
  | ({ type: 'batch' } & ReadingBatch)
  | { type: 'done' }
  | { type: 'error'; error: ErrorSpec };
