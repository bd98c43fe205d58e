// Rollups: sums by day × country × admin1 × actors × event type and sub-type, by day × country alone, by month × country × actors × type,
// by month × country × event type, by day × point (with its grid cell) and by month × cell,
// rebuilt for the part of a dataset an import touched, so wide breakdowns never scan every event.
import { sql, Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { foldName } from '../model/names.js';
import { cellSql } from './cells.js';
import { nounEventsSql } from './query.js';
import { daysBetween } from './filter/dates.js';
import type { Store } from '../store/store.js';
import type { Database } from '../store/schema.js';
import { analysisDb, type AnalysisDb } from './tables.js';

export interface DateRange {
  /** Inclusive ISO dates, compared with events.date_start. */
  from: string;
  to: string;
}

/** The event fields that filters resolve by name (see analysis_names). */
export const NAME_KINDS = {
  actor: ['actor1_id', 'actor2_id'],
  admin1: ['admin1'],
  admin2: ['admin2'],
  location: ['location'],
  event_type: ['event_type'],
  sub_event_type: ['sub_event_type'],
  disorder_type: ['disorder_type'],
  target: ['target'],
} as const;
export type NameKind = keyof typeof NAME_KINDS;

const DAY_SUMS = sql`sum(e.event_count) as events,
  sum(coalesce(e.fatalities_low, e.fatalities_best, 0)) as fatalities_low,
  sum(coalesce(e.fatalities_best, e.fatalities_low, 0)) as fatalities_best,
  sum(coalesce(e.fatalities_high, e.fatalities_best, e.fatalities_low, 0)) as fatalities_high,
  sum(coalesce(e.civilian_fatalities_low, 0)) as civilian_fatalities_low,
  sum(coalesce(e.civilian_fatalities_high, e.civilian_fatalities_low, 0)) as civilian_fatalities_high,
  sum(coalesce(e.units_low, 0)) as units_low,
  sum(coalesce(e.units_high, e.units_low, 0)) as units_high,
  sum(case when e.units_low is null then 0 else e.event_count end) as units_events,
  sum(${sql.raw(nounEventsSql('strike'))}) as strike_events,
  sum(${sql.raw(nounEventsSql('attack'))}) as attack_events`;

const MONTH_SUMS = sql`sum(events), sum(fatalities_low), sum(fatalities_best), sum(fatalities_high),
  sum(civilian_fatalities_low), sum(civilian_fatalities_high), sum(units_low), sum(units_high), sum(units_events),
  sum(strike_events), sum(attack_events)`;

const SUM_COLUMNS = sql`events, fatalities_low, fatalities_best, fatalities_high, civilian_fatalities_low,
  civilian_fatalities_high, units_low, units_high, units_events, strike_events, attack_events`;

function dbOf(target: Store | Kysely<Database> | Kysely<unknown> | AnalysisDb): AnalysisDb {
  return analysisDb(target instanceof Kysely ? (target as Kysely<unknown>) : target.db);
}

const monthOf = (iso: string) => iso.slice(0, 7);

/**
 * Rebuilds the rollups and names of one dataset, for the events whose date_start lies in `range`
 * (give the union of the old and new dates of what an import changed), or for all of it.
 * Pass the import's transaction so the rollups commit with the events.
 */
export async function refreshRollups(target: Store | Kysely<Database>, datasetId: number, range: DateRange | 'all'): Promise<void> {
  await refreshDataset(dbOf(target), datasetId, range);
}

async function refreshDataset(db: AnalysisDb, datasetId: number, range: DateRange | 'all'): Promise<void> {
  const inDays = range === 'all' ? sql`` : sql`and date_start >= ${range.from} and date_start <= ${range.to}`;
  const inEvents = range === 'all' ? sql`` : sql`and e.date_start >= ${range.from} and e.date_start <= ${range.to}`;
  await sql`delete from rollup_days where dataset_id = ${datasetId} ${inDays}`.execute(db);
  const ofDataset = await datasetCondition(db, datasetId, range);
  // Written in (country, day) order, so a country's days sit together on disk and a country-window query
  // reads neighbouring pages rather than one page per row. The order lists the whole grouping, in its order:
  // a sort for the grouping then gives it, where a shorter order would cost a second sort.
  const dayKeys = sql`e.dataset_id, e.iso3, e.date_start, e.date_end, e.admin1, e.actor1_id, e.actor2_id, e.event_type, e.sub_event_type, e.disorder_type, e.civilian_targeting`;
  await sql`insert into rollup_days (dataset_id, iso3, date_start, date_end, admin1, actor1_id, actor2_id, event_type, sub_event_type, disorder_type, civilian_targeting, ${SUM_COLUMNS})
    select ${dayKeys}, ${DAY_SUMS}
    from events e where ${ofDataset('e.dataset_id')} and e.deleted_at is null ${inEvents}
    group by ${dayKeys} order by ${dayKeys}`.execute(db);

  // Country days from the day rollup just written (its rows are in this order already): figures of a country's window.
  await sql`delete from rollup_country_days where dataset_id = ${datasetId} ${inDays}`.execute(db);
  const countryKeys = sql`dataset_id, iso3, date_start, date_end`;
  await sql`insert into rollup_country_days (dataset_id, iso3, date_start, date_end, ${SUM_COLUMNS})
    select ${countryKeys}, ${MONTH_SUMS}
    from rollup_days where ${ofDataset('dataset_id')} ${inDays}
    group by ${countryKeys} order by ${countryKeys}`.execute(db);

  await sql`delete from rollup_points where dataset_id = ${datasetId} ${inDays}`.execute(db);
  // Written in (cell, day) order: a near: query reads a few cells' runs of neighbouring rows, and a country-year
  // (clusters) one run per cell of the country. The cell follows from lat and lon, so grouping by it too changes
  // no group and lets one sort serve both.
  const pointKeys = sql`e.dataset_id, ${cellSql(sql.ref('e.lat'), sql.ref('e.lon'))}, e.date_start, e.iso3, e.date_end, e.lat, e.lon, e.event_type, e.sub_event_type, e.disorder_type, e.civilian_targeting`;
  await sql`insert into rollup_points (dataset_id, cell, date_start, iso3, date_end, lat, lon, event_type, sub_event_type, disorder_type, civilian_targeting, ${SUM_COLUMNS})
    select ${pointKeys}, ${DAY_SUMS}
    from events e where ${ofDataset('e.dataset_id')} and e.deleted_at is null and e.lat is not null ${inEvents}
    group by ${pointKeys} order by ${pointKeys}`.execute(db);

  // Cell months for every month the range touches: a whole dataset from the point rollup just written (narrow
  // rows), a part of one from its events (through the date index; the point rollup has none by dataset and day).
  const cellMonths = range === 'all' ? null : { from: monthOf(range.from), to: monthOf(range.to) };
  await sql`delete from rollup_cell_months where dataset_id = ${datasetId} ${cellMonths ? sql`and month >= ${cellMonths.from} and month <= ${cellMonths.to}` : sql``}`.execute(db);
  if (cellMonths === null) {
    const keys = sql`dataset_id, cell, substr(date_start, 1, 7), substr(date_end, 1, 7), iso3, event_type, sub_event_type, disorder_type, civilian_targeting`;
    await sql`insert into rollup_cell_months (dataset_id, cell, month, end_month, iso3, event_type, sub_event_type, disorder_type, civilian_targeting, ${SUM_COLUMNS})
      select ${keys}, ${MONTH_SUMS}
      from rollup_points where ${ofDataset('dataset_id')}
      group by ${keys} order by ${keys}`.execute(db);
  } else {
    await sql`insert into rollup_cell_months (dataset_id, month, end_month, iso3, cell, event_type, sub_event_type, disorder_type, civilian_targeting, ${SUM_COLUMNS})
      select e.dataset_id, substr(e.date_start, 1, 7), substr(e.date_end, 1, 7), e.iso3, ${cellSql(sql.ref('e.lat'), sql.ref('e.lon'))}, e.event_type, e.sub_event_type, e.disorder_type, e.civilian_targeting, ${DAY_SUMS}
      from events e where ${ofDataset('e.dataset_id')} and e.deleted_at is null and e.lat is not null
        and e.date_start >= ${`${cellMonths.from}-01`} and e.date_start <= ${`${cellMonths.to}-31`}
      group by e.dataset_id, substr(e.date_start, 1, 7), substr(e.date_end, 1, 7), e.iso3, 5, e.event_type, e.sub_event_type, e.disorder_type, e.civilian_targeting`.execute(db);
  }

  // Months are rebuilt whole for every month the range touches: the actor months from the day rollup
  // (its days of those months, read through its date index), the plain months from the actor months.
  const months = range === 'all' ? null : { from: monthOf(range.from), to: monthOf(range.to) };
  const inMonths = months ? sql`and month >= ${months.from} and month <= ${months.to}` : sql``;
  const inMonthDays = months ? sql`and date_start >= ${`${months.from}-01`} and date_start <= ${`${months.to}-31`}` : sql``;
  await sql`delete from rollup_actor_months where dataset_id = ${datasetId} ${inMonths}`.execute(db);
  const actorKeys = sql`dataset_id, iso3, substr(date_start, 1, 7), substr(date_end, 1, 7), actor1_id, actor2_id, event_type, sub_event_type, disorder_type, civilian_targeting`;
  await sql`insert into rollup_actor_months (dataset_id, iso3, month, end_month, actor1_id, actor2_id, event_type, sub_event_type, disorder_type, civilian_targeting, ${SUM_COLUMNS})
    select ${actorKeys}, ${MONTH_SUMS}
    from rollup_days where ${ofDataset('dataset_id')} ${inMonthDays}
    group by ${actorKeys} order by ${actorKeys}`.execute(db);
  await sql`delete from rollup_months where dataset_id = ${datasetId} ${inMonths}`.execute(db);
  await sql`insert into rollup_months (dataset_id, month, end_month, iso3, event_type, disorder_type, civilian_targeting, ${SUM_COLUMNS})
    select dataset_id, month, end_month, iso3, event_type, disorder_type, civilian_targeting, ${MONTH_SUMS}
    from rollup_actor_months where ${ofDataset('dataset_id')} ${inMonths}
    group by dataset_id, month, end_month, iso3, event_type, disorder_type, civilian_targeting`.execute(db);

  await addNames(db, datasetId, range, ofDataset);
  // Spans only grow here (a partial refresh cannot see the rest of the dataset): a looser bound stays correct.
  const previous = range === 'all' ? undefined : await db.selectFrom('rollup_state').select('max_span_days').where('dataset_id', '=', datasetId).executeTakeFirst();
  const spans = await sql<{ date_start: string; date_end: string }>`select distinct date_start, date_end from rollup_days
    where dataset_id = ${datasetId} and date_start <> date_end ${inDays}`.execute(db);
  const maxSpan = spans.rows.reduce((m, r) => Math.max(m, daysBetween(r.date_start, r.date_end)), Number(previous?.max_span_days ?? 0));
  await db.deleteFrom('rollup_state').where('dataset_id', '=', datasetId).execute();
  await db.insertInto('rollup_state').values({ dataset_id: datasetId, refreshed_at: new Date().toISOString(), max_span_days: maxSpan }).execute();
}

/** The condition on a table's dataset_id column that picks one dataset's rows. */
type DatasetCondition = (column: string) => RawBuilder<SqlBool>;

/**
 * How to pick a dataset's rows. SQLite reads `dataset_id = ?` through an index, one table lookup per row in the
 * index's order, all over the file; when the dataset is most of the store (a first import, say), reading the tables
 * straight through is cheaper, and `+ 0` keeps the planner off the index. A part of a dataset is left to the
 * planner (a date index picks it).
 */
async function datasetCondition(db: AnalysisDb, datasetId: number, range: DateRange | 'all'): Promise<DatasetCondition> {
  const byIndex: DatasetCondition = (column) => sql<SqlBool>`${sql.ref(column)} = ${datasetId}`;
  if (range !== 'all') return byIndex;
  const sizes = await sql<{ n: number | string; top: number | string | null }>`select
    (select count(*) from events where dataset_id = ${datasetId}) as n, (select max(id) from events) as top`.execute(db);
  // Ids are never reused and events never removed, so the highest id is the size of the table.
  if (Number(sizes.rows[0]?.n ?? 0) * 2 <= Number(sizes.rows[0]?.top ?? 0)) return byIndex;
  return (column) => sql<SqlBool>`${sql.ref(column)} + 0 = ${datasetId}`;
}

/**
 * Whether every dataset's rollups are at least as new as its last import (an import that began after
 * the last refresh, or a dataset never refreshed, makes them stale). Analysis falls back to the events then.
 */
export async function rollupsFresh(target: Store | Kysely<Database> | AnalysisDb): Promise<boolean> {
  return (await rollupFacts(target)).fresh;
}

/** Freshness, and (when fresh) the longest event span in the store, which lets date scans use indexes. */
export async function rollupFacts(target: Store | Kysely<Database> | AnalysisDb): Promise<{ fresh: boolean; maxSpanDays: number | null }> {
  const db = dbOf(target);
  // One round trip: every figure asks.
  const facts = await sql<{ n: number; m: number | null }>`select (select count(*) from imports i left join rollup_state s on s.dataset_id = i.dataset_id
    where s.refreshed_at is null or i.started_at > s.refreshed_at) as n, (select max(max_span_days) from rollup_state) as m`.execute(db);
  const row = facts.rows[0];
  if (Number(row?.n ?? 0) !== 0) return { fresh: false, maxSpanDays: null };
  return { fresh: true, maxSpanDays: Number(row?.m ?? 0) };
}

/**
 * Records new spellings; names are never removed here (a stale name only resolves to nothing).
 * Names the day rollup holds are read from it (narrow rows); the rest in one pass over the events.
 */
async function addNames(db: AnalysisDb, datasetId: number, range: DateRange | 'all', ofDataset: DatasetCondition): Promise<void> {
  const inRange = range === 'all' ? sql`` : sql`and date_start >= ${range.from} and date_start <= ${range.to}`;
  const seen = new Map<NameKind, Set<string>>(Object.keys(NAME_KINDS).map((k) => [k as NameKind, new Set<string>()]));
  const fromRollup: [NameKind, string][] = [['actor', 'actor1_id'], ['actor', 'actor2_id'], ['admin1', 'admin1'], ['event_type', 'event_type'], ['sub_event_type', 'sub_event_type'], ['disorder_type', 'disorder_type']];
  for (const [kind, col] of fromRollup) {
    const rows = await sql<{ name: string }>`select distinct ${sql.ref(col)} as name from rollup_days
      where ${ofDataset('dataset_id')} and ${sql.ref(col)} is not null ${inRange}`.execute(db);
    for (const r of rows.rows) seen.get(kind)!.add(r.name);
  }
  const rest = await sql<{ admin2: string | null; location: string | null; target: string | null }>`select distinct admin2, location, target from events e
    where ${ofDataset('e.dataset_id')} and deleted_at is null ${inRange}`.execute(db);
  for (const r of rest.rows) {
    if (r.admin2 !== null) seen.get('admin2')!.add(r.admin2);
    if (r.location !== null) seen.get('location')!.add(r.location);
    if (r.target !== null) seen.get('target')!.add(r.target);
  }
  for (const [kind, names] of seen) {
    if (names.size === 0) continue;
    const known = new Set((await db.selectFrom('analysis_names').select('name').where('kind', '=', kind).execute()).map((r) => r.name));
    const fresh = [...names].filter((n) => !known.has(n)).map((name) => ({ kind, name, name_key: foldName(name) }));
    for (let i = 0; i < fresh.length; i += 500) {
      await db.insertInto('analysis_names').values(fresh.slice(i, i + 500)).onConflict((oc) => oc.columns(['kind', 'name']).doNothing()).execute();
    }
  }
}

/** Rebuilds everything from the events table (the migration runs it once on an existing store). */
export async function rebuildAllRollups(target: Store | Kysely<Database> | Kysely<unknown>): Promise<void> {
  const db = dbOf(target);
  await sql`delete from rollup_days`.execute(db);
  await sql`delete from rollup_country_days`.execute(db);
  await sql`delete from rollup_months`.execute(db);
  await sql`delete from rollup_actor_months`.execute(db);
  await sql`delete from rollup_cell_months`.execute(db);
  await sql`delete from rollup_points`.execute(db);
  await sql`delete from analysis_names`.execute(db);
  await sql`delete from rollup_state`.execute(db);
  const datasets = await db.selectFrom('datasets').select('id').execute();
  for (const d of datasets) await refreshDataset(db, Number(d.id), 'all');
}
