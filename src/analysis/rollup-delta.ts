// Rollups updated by difference after a re-import: what the replaced versions added is taken away and what the new
// versions add is put in, group by group, so a weekly update that changes 1% of a dataset costs in proportion to that
// 1% instead of a rebuild of every day it touched (which, for changes scattered over years, is all of them).
import { sql, type RawBuilder } from 'kysely';
import { foldName } from '../model/names.js';
import { REPLACED_COLUMNS, REPLACED_TABLE } from '../store/replaced-rows.js';
import type { Engine } from '../store/store.js';
import { cellSql } from './cells.js';
import { daysBetween } from './filter/dates.js';
import { nounEventsSql } from './query.js';
import { NAME_KINDS, type NameKind } from './rollups.js';
import type { AnalysisDb } from './tables.js';

/** The signed rows of one import: +1 for each version it wrote, -1 for each version it replaced. */
const CHANGES = 'groundtruth_rollup_changes';

/** A rollup table as a grouping of events: its key columns (SQL over an event row `e`), the first ones indexed. */
interface RollupShape {
  table: string;
  keys: [column: string, expression: RawBuilder<unknown>][];
  /** Key columns that are never null and lead an index of the table: the join to existing rows goes through them. */
  indexed: string[];
  where?: RawBuilder<unknown>;
}

const col = (c: string): [string, RawBuilder<unknown>] => [c, sql.ref(`e.${c}`)];
const month = (c: string) => sql`substr(${sql.ref(`e.${c}`)}, 1, 7)`;

/** The rollups of migrations 004, 009, 010 and 014, each as a grouping of events (rollups.ts builds them the same way). */
const SHAPES: RollupShape[] = [
  {
    table: 'rollup_days',
    keys: ['dataset_id', 'date_start', 'date_end', 'iso3', 'admin1', 'actor1_id', 'actor2_id', 'event_type', 'sub_event_type', 'disorder_type', 'civilian_targeting'].map(col),
    indexed: ['dataset_id', 'date_start'],
  },
  {
    table: 'rollup_country_days',
    keys: ['dataset_id', 'date_start', 'date_end', 'iso3'].map(col),
    indexed: ['dataset_id', 'date_start'],
  },
  {
    table: 'rollup_points',
    keys: [
      ...['dataset_id', 'date_start', 'date_end', 'iso3', 'lat', 'lon'].map(col),
      ['cell', cellSql(sql.ref('e.lat'), sql.ref('e.lon'))],
      ...['event_type', 'sub_event_type', 'disorder_type', 'civilian_targeting'].map(col),
    ],
    indexed: ['cell', 'date_start'],
    where: sql`e.lat is not null`,
  },
  {
    table: 'rollup_actor_months',
    keys: [col('dataset_id'), ['month', month('date_start')], ['end_month', month('date_end')], ...['iso3', 'actor1_id', 'actor2_id', 'event_type', 'sub_event_type', 'disorder_type', 'civilian_targeting'].map(col)],
    indexed: ['dataset_id', 'month'],
  },
  {
    table: 'rollup_cell_months',
    keys: [
      col('dataset_id'), ['month', month('date_start')], ['end_month', month('date_end')], col('iso3'), ['cell', cellSql(sql.ref('e.lat'), sql.ref('e.lon'))],
      ...['event_type', 'sub_event_type', 'disorder_type', 'civilian_targeting'].map(col),
    ],
    indexed: ['cell', 'month'],
    where: sql`e.lat is not null`,
  },
  {
    table: 'rollup_months',
    keys: [col('dataset_id'), ['month', month('date_start')], ['end_month', month('date_end')], ...['iso3', 'event_type', 'disorder_type', 'civilian_targeting'].map(col)],
    indexed: ['dataset_id', 'month'],
  },
];

/** Each rollup sum of one event row (src/analysis/measures.ts defines them; rollups.ts sums the same). */
const SUMS: [string, string][] = [
  ['events', 'e.event_count'],
  ['fatalities_low', 'coalesce(e.fatalities_low, e.fatalities_best, 0)'],
  ['fatalities_best', 'coalesce(e.fatalities_best, e.fatalities_low, 0)'],
  ['fatalities_high', 'coalesce(e.fatalities_high, e.fatalities_best, e.fatalities_low, 0)'],
  ['civilian_fatalities_low', 'coalesce(e.civilian_fatalities_low, 0)'],
  ['civilian_fatalities_high', 'coalesce(e.civilian_fatalities_high, e.civilian_fatalities_low, 0)'],
  ['units_low', 'coalesce(e.units_low, 0)'],
  ['units_high', 'coalesce(e.units_high, e.units_low, 0)'],
  ['units_events', 'case when e.units_low is null then 0 else e.event_count end'],
  ['strike_events', nounEventsSql('strike')],
  ['attack_events', nounEventsSql('attack')],
];
const SUM_LIST = SUMS.map(([c]) => c).join(', ');

/** Tables that are not sums by group: everything else named rollup_* must be one of SHAPES. */
const NOT_SUMS = ['rollup_state'];

/**
 * Whether every rollup table in the store is one this module knows how to update (a rollup added by a later
 * migration and not described here would silently go stale): when not, the import rebuilds instead.
 */
export async function knowsEveryRollup(db: AnalysisDb, engine: Engine): Promise<boolean> {
  const tables =
    engine === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_name like 'rollup\\_%'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_schema where type = 'table' and name like 'rollup\\_%' escape '\\'`.execute(db);
  const known = new Set([...SHAPES.map((s) => s.table), ...NOT_SUMS]);
  return tables.rows.every((t) => known.has(t.name));
}

/** How many signed rows the import made (each version written or replaced), to choose between this and a rebuild. */
export async function countChanges(db: AnalysisDb, datasetId: number, importId: number, newIdsAbove: number): Promise<number> {
  const r = await sql<{ n: number | string }>`select (select count(*) from events where id > ${newIdsAbove} and dataset_id = ${datasetId} and import_id = ${importId})
    + (select count(*) from ${sql.table(REPLACED_TABLE)}) as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * Applies one import's changes to every rollup, its names and its state, inside the import's transaction (the
 * replaced-rows table lives only there). The result is what a rebuild would give: tests compare the two.
 */
export async function applyRollupDelta(db: AnalysisDb, engine: Engine, datasetId: number, importId: number, newIdsAbove: number): Promise<void> {
  await collectChanges(db, engine, datasetId, importId, newIdsAbove);
  for (const shape of SHAPES) await applyShape(db, engine, shape);
  await addChangedNames(db);
  await touchState(db, datasetId);
  await sql`drop table ${sql.table(CHANGES)}`.execute(db);
}

async function collectChanges(db: AnalysisDb, engine: Engine, datasetId: number, importId: number, newIdsAbove: number): Promise<void> {
  const cols = sql.raw(REPLACED_COLUMNS.map((c) => `e.${c}`).join(', '));
  const temp = engine === 'postgres' ? sql`create temp table ${sql.table(CHANGES)} on commit drop as` : sql`create temp table ${sql.table(CHANGES)} as`;
  await sql`drop table if exists ${sql.table(CHANGES)}`.execute(db);
  // The version of an event before the import is the first the import replaced (an update then a deletion replace
  // two); versions of events the import itself created were never in the rollups.
  await sql`${temp}
    select 1 as sign, ${cols} from events e where e.id > ${newIdsAbove} and e.dataset_id = ${datasetId} and e.import_id = ${importId} and e.deleted_at is null
    union all
    select 1 as sign, ${cols} from events e where e.id in (select id from ${sql.table(REPLACED_TABLE)} where id <= ${newIdsAbove}) and e.deleted_at is null
    union all
    select -1 as sign, ${cols} from ${sql.table(REPLACED_TABLE)} e
      join (select id, min(revision) as revision from ${sql.table(REPLACED_TABLE)} group by id) first on first.id = e.id and first.revision = e.revision
      where e.id <= ${newIdsAbove} and e.deleted_at is null`.execute(db);
}

/** Null-safe equality of two key columns. */
const same = (engine: Engine, a: RawBuilder<unknown>, b: RawBuilder<unknown>) => (engine === 'postgres' ? sql`${a} is not distinct from ${b}` : sql`${a} is ${b}`);

async function applyShape(db: AnalysisDb, engine: Engine, shape: RollupShape): Promise<void> {
  const delta = `groundtruth_delta_${shape.table}`;
  const merged = `groundtruth_merged_${shape.table}`;
  const keyCols = sql.raw(shape.keys.map(([c]) => c).join(', '));
  const keyExprs = sql.join(shape.keys.map(([c, expr]) => sql`${expr} as ${sql.ref(c)}`));
  const signed = sql.raw(SUMS.map(([c, expr]) => `sum(e.sign * (${expr})) as ${c}`).join(', '));
  const temp = (name: string) => (engine === 'postgres' ? sql`create temp table ${sql.table(name)} on commit drop as` : sql`create temp table ${sql.table(name)} as`);
  const where = shape.where ? sql`where ${shape.where}` : sql``;
  // Joined on the indexed keys with =, then on the rest null-safely. In SQLite (where IS is indexable) a unary + keeps
  // dataset_id, the same in every row, from steering a lookup to its index (dataset, month: every cell of a month).
  const other = (ref: string) => (engine === 'sqlite' && ref.endsWith('.dataset_id') ? sql`+${sql.ref(ref)}` : sql.ref(ref));
  const match = (t: string, d: string) =>
    sql.join(
      shape.keys.map(([c]) => (shape.indexed.includes(c) ? sql`${sql.ref(`${t}.${c}`)} = ${sql.ref(`${d}.${c}`)}` : same(engine, other(`${t}.${c}`), sql.ref(`${d}.${c}`)))),
      sql` and `,
    );

  // The rows of the touched groups: the few groups drive, each looked up through the table's index (SQLite takes the
  // left side of a CROSS JOIN as the outer loop; PostgreSQL plans the join itself).
  const existing =
    engine === 'postgres'
      ? sql`${sql.table(shape.table)} t join ${sql.table(delta)} d on ${match('t', 'd')}`
      : sql`${sql.table(delta)} d cross join ${sql.table(shape.table)} t where ${match('t', 'd')}`;
  await sql`drop table if exists ${sql.table(delta)}`.execute(db);
  await sql`drop table if exists ${sql.table(merged)}`.execute(db);
  await sql`${temp(delta)} select ${keyExprs}, ${signed} from ${sql.table(CHANGES)} e ${where} group by ${sql.join(shape.keys.map(([, expr]) => expr))}`.execute(db);
  // The groups the import touched, as they will be: their rows now plus the difference.
  await sql`${temp(merged)} select ${keyCols}, ${sql.raw(SUMS.map(([c]) => `sum(${c}) as ${c}`).join(', '))} from (
      select ${sql.raw(shape.keys.map(([c]) => `t.${c}`).join(', '))}, ${sql.raw(SUMS.map(([c]) => `t.${c}`).join(', '))}
      from ${existing}
      union all
      select ${keyCols}, ${sql.raw(SUM_LIST)} from ${sql.table(delta)}
    ) x group by ${keyCols}`.execute(db);
  if (engine === 'postgres') {
    await sql`delete from ${sql.table(shape.table)} t using ${sql.table(delta)} d where ${match('t', 'd')}`.execute(db);
  } else {
    await sql`delete from ${sql.table(shape.table)} where rowid in (select t.rowid from ${existing})`.execute(db);
  }
  // A group left with no events is gone (its sums are then all zero too).
  await sql`insert into ${sql.table(shape.table)} (${keyCols}, ${sql.raw(SUM_LIST)}) select ${keyCols}, ${sql.raw(SUM_LIST)} from ${sql.table(merged)} where events <> 0`.execute(db);
  await sql`drop table ${sql.table(delta)}`.execute(db);
  await sql`drop table ${sql.table(merged)}`.execute(db);
}

/** New spellings among the versions written (names are only ever added, as rollups.ts does). */
async function addChangedNames(db: AnalysisDb): Promise<void> {
  for (const [kind, columns] of Object.entries(NAME_KINDS) as [NameKind, readonly string[]][]) {
    const names = new Set<string>();
    for (const c of columns) {
      if (!(REPLACED_COLUMNS as readonly string[]).includes(c)) continue;
      const rows = await sql<{ name: string }>`select distinct ${sql.ref(c)} as name from ${sql.table(CHANGES)} where sign = 1 and ${sql.ref(c)} is not null`.execute(db);
      for (const r of rows.rows) names.add(r.name);
    }
    const fresh = [...names].map((name) => ({ kind, name, name_key: foldName(name) }));
    for (let i = 0; i < fresh.length; i += 500) {
      await db.insertInto('analysis_names').values(fresh.slice(i, i + 500)).onConflict((oc) => oc.columns(['kind', 'name']).doNothing()).execute();
    }
  }
}

/** Marks the rollups refreshed, with the longest span among the new versions (spans only grow, as in rollups.ts). */
async function touchState(db: AnalysisDb, datasetId: number): Promise<void> {
  const previous = await db.selectFrom('rollup_state').select('max_span_days').where('dataset_id', '=', datasetId).executeTakeFirst();
  const spans = await sql<{ date_start: string; date_end: string }>`select distinct date_start, date_end from ${sql.table(CHANGES)}
    where sign = 1 and date_start <> date_end`.execute(db);
  const maxSpan = spans.rows.reduce((m, r) => Math.max(m, daysBetween(r.date_start, r.date_end)), Number(previous?.max_span_days ?? 0));
  await db.deleteFrom('rollup_state').where('dataset_id', '=', datasetId).execute();
  await db.insertInto('rollup_state').values({ dataset_id: datasetId, refreshed_at: new Date().toISOString(), max_span_days: maxSpan }).execute();
}
