// Reading series back: what is loaded, each one's values in a window, its imports and the values they replaced.
import type { Kysely, Selectable } from 'kysely';
import type { PeriodPrecision, Series, SeriesImportRecord, SeriesRevision, StoredSeriesValue } from '../../model/series.js';
import type { Database } from '../schema.js';
import type { SeriesTable } from './tables.js';

export interface SeriesSummary extends Series {
  values: number;
  /** First and last period loaded (their first days), null when the series has no values. */
  first_period: string | null;
  last_period: string | null;
  last_import: SeriesImportRecord | null;
}

export interface Window {
  start: string;
  end: string;
}

function toSeries(r: Selectable<SeriesTable>): Series {
  return {
    id: Number(r.id),
    name: r.name,
    title: r.title,
    unit: r.unit,
    precision: r.precision as PeriodPrecision,
    dimensions: JSON.parse(r.dimensions) as string[],
    absent_rows: r.absent_rows === 'unknown' ? 'unknown' : 'zero',
    source: r.source,
    source_url: r.source_url,
    licence: r.licence,
    attribution: r.attribution,
    access_date: r.access_date,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

export async function getSeries(db: Kysely<Database>, name: string): Promise<Series | null> {
  const row = await db.selectFrom('series').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toSeries(row) : null;
}

export async function listSeries(db: Kysely<Database>): Promise<SeriesSummary[]> {
  const rows = await db.selectFrom('series').selectAll().orderBy('name').execute();
  const stats = await db
    .selectFrom('series_values')
    .select((eb) => ['series_id', eb.fn.countAll<number>().as('n'), eb.fn.min('period_start').as('first'), eb.fn.max('period_start').as('last')])
    .groupBy('series_id')
    .execute();
  const byId = new Map(stats.map((s) => [Number(s.series_id), s]));
  const imports = await listSeriesImports(db);
  return rows.map((r) => {
    const s = toSeries(r);
    const stat = byId.get(s.id);
    return {
      ...s,
      values: Number(stat?.n ?? 0),
      first_period: (stat?.first as string | undefined) ?? null,
      last_period: (stat?.last as string | undefined) ?? null,
      last_import: imports.filter((i) => i.series === s.name).at(-1) ?? null,
    };
  });
}

/** Imports of one series (or of all), oldest first. */
export async function listSeriesImports(db: Kysely<Database>, seriesName?: string): Promise<SeriesImportRecord[]> {
  let q = db.selectFrom('series_imports as i').innerJoin('series as s', 's.id', 'i.series_id').selectAll('i').select('s.name as series_name');
  if (seriesName) q = q.where('s.name', '=', seriesName);
  const rows = await q.orderBy('i.id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    series: r.series_name,
    layout: r.layout,
    file_name: r.file_name,
    file_size: Number(r.file_size),
    sha256: r.sha256,
    rows_read: Number(r.rows_read),
    inserted: Number(r.inserted),
    updated: Number(r.updated),
    unchanged: Number(r.unchanged),
    removed: Number(r.removed),
    rejected: Number(r.rejected),
    rejects_file: r.rejects_file,
    started_at: r.started_at,
    finished_at: r.finished_at,
  }));
}

/** Values whose periods lie wholly inside the window (every value when no window is given), in period order. */
export async function seriesValues(db: Kysely<Database>, seriesId: number, window?: Window): Promise<StoredSeriesValue[]> {
  let q = db.selectFrom('series_values').selectAll().where('series_id', '=', seriesId);
  if (window) q = q.where('period_start', '>=', window.start).where('period_end', '<=', window.end);
  const rows = await q.orderBy('period_start').orderBy('dims').execute();
  return rows.map((r) => ({
    period_start: r.period_start,
    period_end: r.period_end,
    dims: JSON.parse(r.dims) as Record<string, string>,
    value: Number(r.value),
    revision: Number(r.revision),
    import_id: Number(r.import_id),
  }));
}

/** The periods (first days) that have at least one value, in the window: what the series covers. */
export async function seriesPeriods(db: Kysely<Database>, seriesId: number, window?: Window): Promise<string[]> {
  let q = db.selectFrom('series_values').select('period_start').distinct().where('series_id', '=', seriesId);
  if (window) q = q.where('period_start', '>=', window.start).where('period_end', '<=', window.end);
  return (await q.orderBy('period_start').execute()).map((r) => r.period_start);
}

/** Values later imports replaced or removed, oldest first. */
export async function seriesRevisions(db: Kysely<Database>, seriesId: number, window?: Window): Promise<SeriesRevision[]> {
  let q = db.selectFrom('series_revisions').selectAll().where('series_id', '=', seriesId);
  if (window) q = q.where('period_start', '>=', window.start).where('period_end', '<=', window.end);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    period_start: r.period_start,
    period_end: r.period_end,
    dims: JSON.parse(r.dims) as Record<string, string>,
    value: Number(r.value),
    revision: Number(r.revision),
    import_id: Number(r.import_id),
    superseded_by_import: Number(r.superseded_by_import),
    superseded_at: r.superseded_at,
    removed: Number(r.removed) === 1,
  }));
}
