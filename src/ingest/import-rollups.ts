// Keeps the rollups current: after an import's rows are in place, inside its transaction, the days it touched are rebuilt.
import { sql, type Kysely } from 'kysely';
import { applyRollupDelta, countChanges, knowsEveryRollup } from '../analysis/rollup-delta.js';
import { refreshRollups, type DateRange } from '../analysis/rollups.js';
import { analysisDb } from '../analysis/tables.js';
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

/** Above this share of a dataset's events changed, rebuilding is cheaper than applying each difference. */
const DELTA_MAX_SHARE = 0.2;

/**
 * Brings the rollups (and the names filters resolve) up to date with what the import changed, in its own
 * transaction: by difference when the session kept the versions it replaced and they are few, else by rebuilding.
 */
export async function refreshImportRollups(
  db: Kysely<Database>,
  engine: Engine,
  datasetId: number,
  importId: number,
  emptyBefore: boolean,
  replaced?: { newIdsAbove: number },
): Promise<void> {
  if (replaced && (await rollupsCurrentBefore(db, datasetId, importId)) && (await knowsEveryRollup(analysisDb(db), engine))) {
    const adb = analysisDb(db);
    const changes = await countChanges(adb, datasetId, importId, replaced.newIdsAbove);
    const size = await adb.selectFrom('rollup_months').select((eb) => eb.fn.sum<number | string>('events').as('n')).where('dataset_id', '=', datasetId).executeTakeFirst();
    if (changes <= DELTA_MAX_SHARE * Number(size?.n ?? 0)) return applyRollupDelta(adb, engine, datasetId, importId, replaced.newIdsAbove);
  }
  if (emptyBefore) return refreshRollups(db, datasetId, 'all');
  const range = await touchedRange(db, engine, datasetId, importId);
  // Nothing changed: the rollups still describe the dataset, but mark them refreshed after this import began.
  await refreshRollups(db, datasetId, range ?? { from: '9999-12-31', to: '9999-12-31' });
}

/** Whether the dataset's rollups described it when this import began (a difference applied to stale ones stays wrong). */
async function rollupsCurrentBefore(db: Kysely<Database>, datasetId: number, importId: number): Promise<boolean> {
  const r = await sql<{ refreshed: number; later: number }>`select
    (select count(*) from rollup_state where dataset_id = ${datasetId}) as refreshed,
    (select count(*) from imports i where i.dataset_id = ${datasetId} and i.id <> ${importId}
      and i.started_at > (select refreshed_at from rollup_state where dataset_id = ${datasetId})) as later`.execute(db);
  return Number(r.rows[0]?.refreshed ?? 0) === 1 && Number(r.rows[0]?.later ?? 0) === 0;
}
