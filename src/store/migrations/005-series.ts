// Plain time series (e.g. monthly detections by route) with their imports and every value a re-import replaced.
import type { Kysely } from 'kysely';
import type { Engine } from '../store.js';
import { columnTypes } from './column-types.js';

export function seriesMigration(engine: Engine) {
  const { id, idCol, big, real } = columnTypes(engine);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('series')
        .addColumn('id', id, idCol)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text')
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('precision', 'text', (c) => c.notNull())
        .addColumn('dimensions', 'text', (c) => c.notNull())
        .addColumn('absent_rows', 'text', (c) => c.notNull())
        .addColumn('source', 'text')
        .addColumn('source_url', 'text')
        .addColumn('licence', 'text')
        .addColumn('attribution', 'text')
        .addColumn('access_date', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('series_imports')
        .addColumn('id', id, idCol)
        .addColumn('series_id', big, (c) => c.notNull().references('series.id'))
        .addColumn('layout', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_size', big, (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('rows_read', 'integer', (c) => c.notNull())
        .addColumn('inserted', 'integer', (c) => c.notNull())
        .addColumn('updated', 'integer', (c) => c.notNull())
        .addColumn('unchanged', 'integer', (c) => c.notNull())
        .addColumn('removed', 'integer', (c) => c.notNull())
        .addColumn('rejected', 'integer', (c) => c.notNull())
        .addColumn('rejects_file', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('series_values')
        .addColumn('series_id', big, (c) => c.notNull().references('series.id'))
        .addColumn('period_start', 'text', (c) => c.notNull())
        .addColumn('period_end', 'text', (c) => c.notNull())
        .addColumn('dims', 'text', (c) => c.notNull())
        .addColumn('value', real, (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('import_id', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('series_values_pk', ['series_id', 'period_start', 'dims'])
        .execute();
      await db.schema
        .createTable('series_revisions')
        .addColumn('id', id, idCol)
        .addColumn('series_id', big, (c) => c.notNull())
        .addColumn('period_start', 'text', (c) => c.notNull())
        .addColumn('period_end', 'text', (c) => c.notNull())
        .addColumn('dims', 'text', (c) => c.notNull())
        .addColumn('value', real, (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('import_id', big, (c) => c.notNull())
        .addColumn('superseded_by_import', big, (c) => c.notNull())
        .addColumn('superseded_at', 'text', (c) => c.notNull())
        .addColumn('removed', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('series_revisions_value').on('series_revisions').columns(['series_id', 'period_start', 'dims']).execute();
    },
  };
}
