// Writes one series import in one transaction: the series row, its values, and every value replaced kept as a revision.
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { FileFacts } from '../../model/dataset.js';
import { dimsKey, type SeriesImportCounts, type SeriesImportRecord, type SeriesMeta, type SeriesValue } from '../../model/series.js';
import type { Database } from '../schema.js';
import type { SeriesRevisionsTable, SeriesValuesTable } from './tables.js';

export interface SeriesWrite {
  meta: SeriesMeta;
  file: FileFacts;
  layout: string;
  values: SeriesValue[];
  /** Counts the reader already knows (rows read, rejected). */
  rows_read: number;
  rejected: number;
  rejects_file: string | null;
  started_at: string;
  /**
   * 'replace' (the file is the whole series): values the file no longer has are removed, kept as revisions.
   * 'merge' (the file updates part of it): values it does not mention stay as they are.
   */
  mode: 'replace' | 'merge';
  /** Runs inside the transaction before it commits (e.g. to close the rejects file); a throw rolls everything back. */
  beforeCommit?: () => Promise<void>;
}

/** The series exists with another shape: values of different periods or dimensions must not mix. */
export class SeriesShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeriesShapeError';
  }
}

const CHUNK = 400;

export async function writeSeriesImport(db: Kysely<Database>, w: SeriesWrite): Promise<SeriesImportRecord> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const seriesId = await upsertSeries(trx, w.meta, now);
    const inserted = await trx
      .insertInto('series_imports')
      .values({
        series_id: seriesId, layout: w.layout, file_name: w.file.file_name, file_size: w.file.file_size, sha256: w.file.sha256,
        rows_read: w.rows_read, inserted: 0, updated: 0, unchanged: 0, removed: 0, rejected: w.rejected, rejects_file: w.rejects_file,
        started_at: w.started_at, finished_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const importId = Number(inserted.id);

    const existing = new Map<string, { period_end: string; dims: string; value: number; revision: number; import_id: number; period_start: string }>();
    const rows = await trx.selectFrom('series_values').selectAll().where('series_id', '=', seriesId).execute();
    for (const r of rows) existing.set(`${r.period_start}|${r.dims}`, { ...r, value: Number(r.value), revision: Number(r.revision), import_id: Number(r.import_id) });

    const counts: Omit<SeriesImportCounts, 'rows_read' | 'rejected'> = { inserted: 0, updated: 0, unchanged: 0, removed: 0 };
    const fresh: Insertable<SeriesValuesTable>[] = [];
    const superseded: Insertable<SeriesRevisionsTable>[] = [];
    const changed: { key: string; value: number; period_start: string; period_end: string; dims: string; revision: number }[] = [];
    const seen = new Set<string>();
    for (const v of w.values) {
      const dims = dimsKey(v.dims);
      const key = `${v.period_start}|${dims}`;
      seen.add(key);
      const old = existing.get(key);
      if (!old) {
        counts.inserted++;
        fresh.push({ series_id: seriesId, period_start: v.period_start, period_end: v.period_end, dims, value: v.value, revision: 1, import_id: importId });
      } else if (old.value !== v.value || old.period_end !== v.period_end) {
        counts.updated++;
        superseded.push(revisionOf(seriesId, old, importId, now, false));
        changed.push({ key, value: v.value, period_start: v.period_start, period_end: v.period_end, dims, revision: old.revision + 1 });
      } else {
        counts.unchanged++;
      }
    }
    const gone = w.mode === 'replace' ? [...existing.entries()].filter(([key]) => !seen.has(key)) : [];
    for (const [, old] of gone) superseded.push(revisionOf(seriesId, old, importId, now, true));
    counts.removed = gone.length;

    for (let i = 0; i < superseded.length; i += CHUNK) await trx.insertInto('series_revisions').values(superseded.slice(i, i + CHUNK)).execute();
    for (let i = 0; i < fresh.length; i += CHUNK) await trx.insertInto('series_values').values(fresh.slice(i, i + CHUNK)).execute();
    for (const c of changed) {
      await trx
        .updateTable('series_values')
        .set({ value: c.value, period_end: c.period_end, revision: c.revision, import_id: importId })
        .where('series_id', '=', seriesId)
        .where('period_start', '=', c.period_start)
        .where('dims', '=', c.dims)
        .execute();
    }
    for (const [, old] of gone) {
      await trx.deleteFrom('series_values').where('series_id', '=', seriesId).where('period_start', '=', old.period_start).where('dims', '=', old.dims).execute();
    }

    const finished = new Date().toISOString();
    await trx.updateTable('series_imports').set({ ...counts, finished_at: finished }).where('id', '=', importId).execute();
    await w.beforeCommit?.();
    return {
      id: importId, series: w.meta.name, layout: w.layout, ...w.file, rows_read: w.rows_read, ...counts, rejected: w.rejected,
      rejects_file: w.rejects_file, started_at: w.started_at, finished_at: finished,
    };
  });
}

function revisionOf(
  seriesId: number,
  old: { period_start: string; period_end: string; dims: string; value: number; revision: number; import_id: number },
  importId: number,
  now: string,
  removed: boolean,
): Insertable<SeriesRevisionsTable> {
  return {
    series_id: seriesId, period_start: old.period_start, period_end: old.period_end, dims: old.dims, value: old.value, revision: old.revision,
    import_id: old.import_id, superseded_by_import: importId, superseded_at: now, removed: removed ? 1 : 0,
  };
}

/** Creates the series or refreshes its description; refuses a mapping that would change its periods or dimensions. */
async function upsertSeries(trx: Transaction<Database>, meta: SeriesMeta, now: string): Promise<number> {
  const current = await trx.selectFrom('series').select(['id', 'precision', 'dimensions']).where('name', '=', meta.name).executeTakeFirst();
  const described = {
    title: meta.title, unit: meta.unit, absent_rows: meta.absent_rows, source: meta.source, source_url: meta.source_url,
    licence: meta.licence, attribution: meta.attribution, access_date: meta.access_date, updated_at: now,
  };
  if (!current) {
    const row = await trx
      .insertInto('series')
      .values({ name: meta.name, precision: meta.precision, dimensions: JSON.stringify(meta.dimensions), created_at: now, ...described })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }
  const dims = JSON.parse(current.dimensions) as string[];
  if (current.precision !== meta.precision || [...dims].sort().join(',') !== [...meta.dimensions].sort().join(',')) {
    const shape = (p: string, d: string[]) => `${p} values${d.length ? ` by ${d.join(', ')}` : ''}`;
    throw new SeriesShapeError(
      `the series ${meta.name} holds ${shape(current.precision, dims)}; this mapping gives ${shape(meta.precision, meta.dimensions)}: import it under another name`,
    );
  }
  await trx.updateTable('series').set(described).where('id', '=', current.id).execute();
  return Number(current.id);
}
