// Saved figures: a named filter and measure with the value a story published and its value now,
// and every change an import made to it.
import type { Kysely } from 'kysely';
import type { Engine } from '../store.js';
import { columnTypes } from './column-types.js';

export function savedFiguresMigration(engine: Engine) {
  const { id, idCol, big, real } = columnTypes(engine);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      let figures = db.schema
        .createTable('saved_figures')
        .addColumn('id', id, idCol)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('filter', 'text', (c) => c.notNull())
        .addColumn('measure', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull());
      // "saved" is the value as published (or last accepted); "current" the value after the latest import.
      for (const stage of ['saved', 'current']) {
        figures = figures
          .addColumn(`${stage}_low`, real, (c) => c.notNull())
          .addColumn(`${stage}_best`, real, (c) => c.notNull())
          .addColumn(`${stage}_high`, real, (c) => c.notNull())
          .addColumn(`${stage}_events`, real, (c) => c.notNull())
          .addColumn(`${stage}_event_ids`, 'text', (c) => c.notNull())
          .addColumn(`${stage}_at`, 'text', (c) => c.notNull());
      }
      await figures.execute();
      await db.schema
        .createTable('saved_figure_changes')
        .addColumn('id', id, idCol)
        .addColumn('figure_id', big, (c) => c.notNull().references('saved_figures.id'))
        .addColumn('import_id', big)
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('before_low', real, (c) => c.notNull())
        .addColumn('before_best', real, (c) => c.notNull())
        .addColumn('before_high', real, (c) => c.notNull())
        .addColumn('before_events', real, (c) => c.notNull())
        .addColumn('after_low', real, (c) => c.notNull())
        .addColumn('after_best', real, (c) => c.notNull())
        .addColumn('after_high', real, (c) => c.notNull())
        .addColumn('after_events', real, (c) => c.notNull())
        .addColumn('added_ids', 'text', (c) => c.notNull())
        .addColumn('removed_ids', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('saved_figure_changes_figure').on('saved_figure_changes').column('figure_id').execute();
    },
  };
}
