// The versions an import replaces, as they stood in events (canonical actor ids included, which the revision
// record does not keep): a temporary table the import fills as it rewrites rows, so that the rollups can take
// away exactly what those versions added, instead of being rebuilt over every date the import touched.

export const REPLACED_TABLE = 'groundtruth_replaced_rows';

/** The columns of events that the rollups read (see src/analysis/rollup-delta.ts). */
export const REPLACED_COLUMNS = [
  'id', 'revision', 'dataset_id', 'import_id', 'deleted_at', 'date_start', 'date_end', 'iso3', 'admin1', 'actor1_id', 'actor2_id',
  'event_type', 'sub_event_type', 'disorder_type', 'civilian_targeting', 'admin2', 'location', 'target', 'lat', 'lon', 'event_count', 'fatalities_low',
  'fatalities_best', 'fatalities_high', 'civilian_fatalities_low', 'civilian_fatalities_high', 'units_low', 'units_high',
] as const;

export const REPLACED_COLUMN_LIST = REPLACED_COLUMNS.join(', ');

/** `create temp table …` with the columns (and types) of events, empty. */
export function createReplacedTableSql(engine: 'sqlite' | 'postgres'): string {
  return engine === 'postgres'
    ? `CREATE TEMP TABLE IF NOT EXISTS ${REPLACED_TABLE} ON COMMIT DROP AS SELECT ${REPLACED_COLUMN_LIST} FROM events WITH NO DATA`
    : `CREATE TEMP TABLE IF NOT EXISTS ${REPLACED_TABLE} AS SELECT ${REPLACED_COLUMN_LIST} FROM events WHERE 0`;
}
