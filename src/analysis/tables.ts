// Kysely types of the analysis tables (migrations 004-analysis, 009-analysis-grain, 010-analysis-cells and 014-analysis-country-days), joined onto the store's Database.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

interface RollupSums {
  events: number;
  fatalities_low: number;
  fatalities_best: number;
  fatalities_high: number;
  civilian_fatalities_low: number;
  civilian_fatalities_high: number;
  units_low: number;
  units_high: number;
  /** Events whose units (e.g. vessels) were recorded: the sentence names units only when there are some. */
  units_events: number;
  /** Events whose type or sub-type makes them strikes, and attacks (migration 014): the sentence's noun. */
  strike_events: number;
  attack_events: number;
}

export interface RollupDaysTable extends RollupSums {
  dataset_id: number;
  date_start: string;
  date_end: string;
  iso3: string | null;
  admin1: string | null;
  actor1_id: string | null;
  actor2_id: string | null;
  event_type: string | null;
  sub_event_type: string | null;
  disorder_type: string | null;
  civilian_targeting: number | null;
}

/** Day × country alone (migration 014): a figure of a country's window reads a row or two a day. */
export interface RollupCountryDaysTable extends RollupSums {
  dataset_id: number;
  iso3: string | null;
  date_start: string;
  date_end: string;
}

export interface RollupMonthsTable extends RollupSums {
  dataset_id: number;
  /** YYYY-MM of date_start and of date_end. */
  month: string;
  end_month: string;
  iso3: string | null;
  event_type: string | null;
  disorder_type: string | null;
  civilian_targeting: number | null;
}

/** Month grain with the actors and sub-type (migration 009): actor figures over whole months read a few rows a month. */
export interface RollupActorMonthsTable extends RollupSums {
  dataset_id: number;
  month: string;
  end_month: string;
  iso3: string | null;
  actor1_id: string | null;
  actor2_id: string | null;
  event_type: string | null;
  sub_event_type: string | null;
  disorder_type: string | null;
  civilian_targeting: number | null;
}

/** Month × grid cell (migration 010): near: figures read the cells wholly inside their circle a month at a time. */
export interface RollupCellMonthsTable extends RollupSums {
  dataset_id: number;
  month: string;
  end_month: string;
  iso3: string | null;
  cell: number;
  event_type: string | null;
  sub_event_type: string | null;
  disorder_type: string | null;
  civilian_targeting: number | null;
}

export interface RollupPointsTable extends RollupSums {
  dataset_id: number;
  date_start: string;
  date_end: string;
  iso3: string | null;
  lat: number;
  lon: number;
  /** The grid cell of lat and lon (see cells.ts; migration 009). */
  cell: number;
  event_type: string | null;
  sub_event_type: string | null;
  disorder_type: string | null;
  civilian_targeting: number | null;
}

export interface AnalysisNamesTable {
  kind: string;
  name: string;
  name_key: string;
}

export interface RollupStateTable {
  dataset_id: number;
  refreshed_at: string;
  max_span_days: number;
}

type AnalysisTables = {
  rollup_days: RollupDaysTable;
  rollup_country_days: RollupCountryDaysTable;
  rollup_months: RollupMonthsTable;
  rollup_actor_months: RollupActorMonthsTable;
  rollup_cell_months: RollupCellMonthsTable;
  rollup_points: RollupPointsTable;
  analysis_names: AnalysisNamesTable;
  rollup_state: RollupStateTable;
};

export interface AnalysisDatabase extends Database, AnalysisTables {}

export type AnalysisDb = Kysely<AnalysisDatabase>;

export function analysisDb(db: Kysely<Database> | Kysely<unknown>): AnalysisDb {
  return (db as Kysely<Database>).withTables<AnalysisTables>();
}
