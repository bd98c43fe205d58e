// Keeps the rollups current: after an import's rows are in place, inside its transaction, the days it touched are rebuilt.
import { sql, type Kysely } from 'kysely';
import { refreshRollups, type DateRange } from '../analysis/rollups.js';
import type { Database } from '../store/schema.js';
import type { Engine } from '../store/store.js';

/**
 * The dates (by date_start) an import touched: the rows it wrote or marked deleted, and the versions it replaced
 * (an event moved to another day leaves the old day to fix). Null when it changed nothing.
 */
export async function touchedRange(db: Kysely<Database>, engine: Engine, datasetId: number, importId: number): Promise<DateRange | null> {
  const written = await sql<{ lo: string | null; hi: string | null }>`select min(date_start) as lo, max(date_start) as hi
    from events where dataset_id = ${datasetId} and import_id = ${importId}`.execute(db);
  const oldDate = engine === 'postgres' ? sql`(record::json ->> 'date_start')` : sql`json_extract(record, '$.date_start')`;
  const replaced = await sql<{ lo: string | null; hi: string | null }>`select min(${oldDate}) as lo, max(${oldDate}) as hi
    from event_revisions where superseded_by_import = ${importId}`.execute(db);
  const dates = [written.rows[0]?.lo, written.rows[0]?.hi, replaced.rows[0]?.lo, replaced.rows[0]?.hi].filter((d): d is string => Boolean(d)).sort();
  return dates.length ? { from: dates[0]!, to: dates[dates.length - 1]! } : null;
}

/** Rebuilds the rollups (and the names filters resolve) for what the import changed, in its own transaction. */
export async function refreshImportRollups(db: Kysely<Database>, engine: Engine, datasetId: number, importId: number, emptyBefore: boolean): Promise<void> {
  if (emptyBefore) return refreshRollups(db, datasetId, 'all');
  const range = await touchedRange(db, engine, datasetId, importId);
  // Nothing changed: the rollups still describe the dataset, but mark them refreshed after this import began.
  await refreshRollups(db, datasetId, range ?? { from: '9999-12-31', to: '9999-12-31' });
}
