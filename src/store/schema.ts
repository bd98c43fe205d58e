// Table types shared by every engine: Kysely's view of the database, so queries are typed end to end.
import type { Generated, Insertable, Selectable } from 'kysely';
import type { DeskTables } from './desk/tables.js';
import type { AssetTables } from './assets/tables.js';
import type { SavedFigureTables } from './saved-figures-tables.js';
import type { SeriesTables } from './series/tables.js';

export interface DatasetsTable {
  id: Generated<number>;
  name: string;
  format: string;
  title: string | null;
  licence: string | null;
  attribution: string | null;
  access_date: string | null;
  access_filters: string | null;
  created_at: string;
}

export interface ImportsTable {
  id: Generated<number>;
  dataset_id: number;
  format: string;
  layout: string;
  file_name: string;
  file_size: number;
  sha256: string;
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
  rejected: number;
  rejects_file: string | null;
  started_at: string;
  finished_at: string;
}

/** Current version of each event. Dates are ISO text (YYYY-MM-DD) in every engine. */
export interface EventsTable {
  id: Generated<number>;
  dataset_id: number;
  source_id: string;
  revision: number;
  import_id: number | null;
  row_hash: string;
  date_start: string;
  date_end: string;
  date_precision: string;
  disorder_type: string | null;
  event_type: string | null;
  sub_event_type: string | null;
  actor1: string | null;
  assoc_actor1: string | null;
  actor2: string | null;
  assoc_actor2: string | null;
  /** Canonical actor names through the alias table (the raw name when no alias applies). */
  actor1_id: string | null;
  actor2_id: string | null;
  target: string | null;
  /** 1 / 0 / null (SQLite has no boolean). */
  civilian_targeting: number | null;
  iso3: string | null;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  admin3: string | null;
  location: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: number | null;
  fatalities_low: number | null;
  fatalities_best: number | null;
  fatalities_high: number | null;
  civilian_fatalities_low: number | null;
  civilian_fatalities_high: number | null;
  units_low: number | null;
  units_high: number | null;
  notes: string | null;
  sources: string | null;
  tags: string | null;
  source_timestamp: number | null;
  event_count: number;
  /** JSON text of dataset-specific fields. */
  extra: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** Earlier versions of events: one row each time an import changed or deleted an event. */
export interface RevisionsTable {
  id: Generated<number>;
  event_id: number;
  revision: number;
  import_id: number | null;
  /** When this version was first written. */
  recorded_at: string;
  deleted_at: string | null;
  /** JSON text of the EventRecord as it stood. */
  record: string;
  /** The import that replaced this version. */
  superseded_by_import: number | null;
  superseded_at: string;
}

export interface ActorAliasesTable {
  /** Folded spelling (see foldName). */
  alias_key: string;
  alias: string;
  canonical: string;
  /** ISO3 where the alias only holds in one country (UCDP's "IS" in Afghanistan); '' for everywhere. */
  iso3: string;
  origin: string;
}

/** Event ids whose notes await the full-text index (migration 008; see text-index.ts). */
export interface TextIndexPendingTable {
  id: Generated<number>;
  import_id: number | null;
  first_id: number;
  last_id: number;
}

/** The desk's tables (users, investigations, incidents, evidence, audit) come from migration 002. */
export interface Database extends DeskTables, AssetTables, SeriesTables, SavedFigureTables {
  datasets: DatasetsTable;
  imports: ImportsTable;
  events: EventsTable;
  event_revisions: RevisionsTable;
  actor_aliases: ActorAliasesTable;
  text_index_pending: TextIndexPendingTable;
}

export type EventRow = Selectable<EventsTable>;
export type NewEventRow = Insertable<EventsTable>;
