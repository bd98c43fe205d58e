// Kysely's view of the asset tables (added by migration 003-assets); Database in ../schema.ts includes them.
import type { Generated, Insertable, Selectable } from 'kysely';

export interface AssetsTable {
  id: Generated<number>;
  name: string;
  /** 'ship' or 'aircraft'. */
  kind: string;
  subtype: string | null;
  hull_or_tail: string | null;
  /** Six lower-case hex digits; unique when present. */
  icao24: string | null;
  /** Nine digits; unique when present. */
  mmsi: string | null;
  callsign: string | null;
  operator: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

/** One row per asset seen at a time and place. Unique on (asset_id, seen_at, source): an import run twice adds nothing. */
export interface SightingsTable {
  id: Generated<number>;
  asset_id: number;
  /** ISO 8601 UTC with milliseconds, so text order is time order. */
  seen_at: string;
  lat: number;
  lon: number;
  altitude_ft: number | null;
  speed_kn: number | null;
  course_deg: number | null;
  /** 1 / 0 / null. */
  on_ground: number | null;
  precision_km: number | null;
  kind: string;
  source: string;
  notes: string | null;
  import_id: number | null;
  created_at: string;
}

/** Each file of tracks (ADS-B, AIS) read into the store, with its hash and counts. */
export interface TrackImportsTable {
  id: Generated<number>;
  format: string;
  layout: string;
  file_name: string;
  file_size: number;
  sha256: string;
  /** The source recorded on its sightings. */
  source: string;
  rows_read: number;
  assets_created: number;
  sightings_inserted: number;
  duplicates: number;
  skipped: number;
  rejected: number;
  rejects_file: string | null;
  started_at: string;
  finished_at: string;
}

export type AssetRow = Selectable<AssetsTable>;
export type NewAssetRow = Insertable<AssetsTable>;
export type SightingRow = Selectable<SightingsTable>;
export type NewSightingRow = Insertable<SightingsTable>;

export interface AssetTables {
  assets: AssetsTable;
  sightings: SightingsTable;
  track_imports: TrackImportsTable;
}
