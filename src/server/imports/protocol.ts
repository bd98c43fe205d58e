// What the server and its import thread say to each other.
import type { AfterImportReport } from '../../ingest/after-import.js';
import type { ImportRecord } from '../../model/dataset.js';
import type { ImportFields } from './formats.js';

export interface ImportThreadInput {
  /** The SQLite file the thread opens a connection of its own to. */
  location: string;
  file: string;
  displayName: string;
  fields: ImportFields;
  rejectsPath: string;
}

export type FromImportThread =
  | { type: 'progress'; rows: number }
  | { type: 'done'; record: ImportRecord; report: AfterImportReport }
  | { type: 'failed'; message: string };
