// The messages between an import's main thread (which writes the store) and its reading threads.
import type { RowReject } from '../model/reject.js';
import type { AliasKey } from '../store/queries.js';
import type { CsvDialect, CsvRange } from './csv.js';
import type { ErrorSpec, ReaderSpec } from './parallel-spec.js';
import type { WirePacked } from './parallel-wire.js';

export const PACKED_BATCH = 64;

export interface ReadingSetup {
  spec: ReaderSpec;
  /**
   * The SQLite file the import writes to, which a reading thread opens read-only to leave out rows stored
   * unchanged; null for other stores (every row is then sent).
   */
  sqliteFile: string | null;
}

/** A piece of the file for one reading thread: the whole file, or a range of it (see CsvRange). */
export interface Piece {
  /** Pieces are numbered in file order; the main thread takes their parts in that order. */
  index: number;
  /** null: from the start of the file to its end, header included, read by the reader as it reads any file. */
  range: CsvRange | null;
}

/** One part of a piece, read and packed. Line numbers count from the piece's first line. */
export interface Part {
  index: number;
  /** Parts of a piece are numbered from 0; the last one has `last` set. */
  part: number;
  last: boolean;
  /** Rows read (records, rejects and rows skipped on purpose). */
  rows: number;
  rejects: RowReject[];
  /** The id of every record read, in file order, for the main thread to find duplicates across pieces. */
  ids: string[];
  /** Per record: 'p' packed in `packed`, 'u' stored already with the same hash. */
  kinds: string;
  /**
   * The packed records in batches of at most PACKED_BATCH (strings that size stay out of V8's large-object space,
   * which only a full collection frees), sent as bytes (see parallel-wire.ts).
   */
  packed: WirePacked;
  /** For a range: the lines it held (for numbering the lines of the pieces after it). */
  lines: number;
}

export type ToReading =
  /**
   * The import has begun (its write lock is held), into this dataset, with these actor aliases, and (from a store the
   * threads cannot ask themselves) the fingerprints of what the dataset holds (src/store/fingerprints.ts).
   */
  | { type: 'start'; datasetId: number; aliases: AliasKey[]; known: SharedArrayBuffer | null }
  | { type: 'piece'; piece: Piece }
  /** The line and raw text of some records of a part (duplicates), for the rejects file. */
  | { type: 'raw'; index: number; part: number; records: number[] }
  /** The main thread is done with a part. */
  | { type: 'release'; index: number; part: number }
  /** Drop every piece not yet read: the rest of the file will be read another way. */
  | { type: 'drop' };

export type FromReading =
  /** Sent once the header of the file is read (by the thread given the piece that starts the file). */
  | { type: 'header'; layout: string; header: string[]; dialect: CsvDialect }
  | ({ type: 'part' } & Part)
  | { type: 'raw'; index: number; part: number; raws: { line: number; raw: string }[] }
  /** A range ended inside a quoted field: its start is a row boundary, its end was not. */
  | { type: 'cut'; index: number }
  | { type: 'error'; error: ErrorSpec };
