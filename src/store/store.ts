// The Store: what every engine (SQLite, PostgreSQL) offers the layers above it.
import type { Kysely } from 'kysely';
import type { Dataset, DatasetMeta, FileFacts, ImportCounts, ImportRecord } from '../model/dataset.js';
import type { StoredEvent } from '../model/event.js';
import type { Revision } from '../model/revision.js';
import type { FingerprintSet } from './fingerprints.js';
import type { PackedRows } from './packed-rows.js';
import type { Database, NewEventRow } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

/** What an import writes, per batch, inside its one transaction. Implemented once per engine. */
export interface ImportSession {
  readonly importId: number;
  readonly datasetId: number;
  /**
   * Where the session keeps the versions it replaces (src/store/replaced-rows.ts), so the rollups can be updated
   * by difference: every event it inserts has an id above `newIdsAbove`. Absent: rollups are rebuilt instead.
   */
  readonly replaced?: { newIdsAbove: number };
  /**
   * Upserts rows by (dataset, source_id): new rows are inserted at revision 1; rows whose row_hash
   * differs become a new revision with the old version kept in event_revisions (reviving a deleted event);
   * equal rows are left alone, so re-importing an old file never revives an event that was deleted.
   */
  apply(rows: NewEventRow[]): Promise<{ inserted: number; updated: number; unchanged: number }>;
  /** apply() for rows packed by a reading thread (see packed-rows.ts), where the engine takes them so. */
  applyPacked?(rows: PackedRows): Promise<{ inserted: number; updated: number; unchanged: number }>;
  /**
   * What the dataset held when the import began, as fingerprints of (source id, row hash), for reading threads to
   * leave out unchanged rows; null for an empty dataset. Absent where the threads ask the store themselves (SQLite).
   */
  storedRows?(): Promise<FingerprintSet | null>;
  /** Marks events deleted (keeping the previous version as a revision); returns how many changed. */
  markDeleted(items: { source_id: string; deleted_at: string }[]): Promise<number>;
  /** Writes the final counts (and the rejects file, null when nothing was rejected) and commits everything at once. */
  commit(counts: ImportCounts & { rejects_file?: string | null }): Promise<ImportRecord>;
  /** Abandons the import: the store is as it was before it began. */
  rollback(): Promise<void>;
  /**
   * The import's own transaction, with every row applied so far in place, for work that must commit with it
   * (rollups, saved figures). Not to be used after commit() or rollback().
   */
  transaction?(): Promise<Kysely<Database>>;
}

export interface ImportStart {
  dataset: DatasetMeta;
  file: FileFacts;
  format: string;
  layout: string;
  rejects_file: string | null;
}

export interface EventHistory {
  event: StoredEvent;
  /** Earlier versions, oldest first, each with the import that replaced it. */
  revisions: (Revision & { superseded_by_import: number | null; superseded_at: string })[];
}

export interface AliasEntry {
  alias: string;
  canonical: string;
  iso3: string | null;
  origin: string;
}

export interface Store {
  readonly engine: Engine;
  /** Where the store lives: a file path or a URL without its password. */
  readonly location: string;
  readonly db: Kysely<Database>;

  /** Begins an import in its own transaction (datasets are created or updated inside it). */
  beginImport(start: ImportStart): Promise<ImportSession>;

  listDatasets(): Promise<Dataset[]>;
  getDataset(name: string): Promise<Dataset | null>;
  listImports(dataset?: string): Promise<ImportRecord[]>;
  getEvent(id: number): Promise<StoredEvent | null>;
  history(id: number): Promise<EventHistory | null>;

  /** Adds an actor alias and re-canonicalises the events it touches; returns how many events changed. */
  addAlias(alias: string, canonical: string, iso3?: string | null, origin?: string): Promise<number>;
  listAliases(): Promise<AliasEntry[]>;

  close(): Promise<void>;
}
