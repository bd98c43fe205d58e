// Kysely's view of the series tables (added by migration 005-series); Database in ../schema.ts includes them.
import type { Generated } from 'kysely';

export interface SeriesTable {
  id: Generated<number>;
  name: string;
  title: string | null;
  unit: string;
  /** day / week / month / quarter / year. */
  precision: string;
  /** JSON array of dimension names. */
  dimensions: string;
  /** What a period with no row for a dimension value means: 'zero' or 'unknown'. */
  absent_rows: string;
  source: string | null;
  source_url: string | null;
  licence: string | null;
  attribution: string | null;
  access_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface SeriesImportsTable {
  id: Generated<number>;
  series_id: number;
  layout: string;
  file_name: string;
  file_size: number;
  sha256: string;
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  removed: number;
  rejected: number;
  rejects_file: string | null;
  started_at: string;
  finished_at: string;
}

/** The current value of each (series, period, dimension values). */
export interface SeriesValuesTable {
  series_id: number;
  period_start: string;
  period_end: string;
  /** Canonical JSON of the dimension values (keys sorted); '{}' for a single series. */
  dims: string;
  value: number;
  revision: number;
  import_id: number;
}

/** Values that a later import changed or no longer had. */
export interface SeriesRevisionsTable {
  id: Generated<number>;
  series_id: number;
  period_start: string;
  period_end: string;
  dims: string;
  value: number;
  revision: number;
  import_id: number;
  superseded_by_import: number;
  superseded_at: string;
  /** 1 when the later import no longer had the row; 0 when it changed the value. */
  removed: number;
}

export interface SeriesTables {
  series: SeriesTable;
  series_imports: SeriesImportsTable;
  series_values: SeriesValuesTable;
  series_revisions: SeriesRevisionsTable;
}
