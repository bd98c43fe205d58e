// Datasets, imports, events with their revisions, and actor aliases.
import type { Kysely } from 'kysely';
import type { Engine } from '../store.js';
import { columnTypes } from './column-types.js';

export function eventsMigration(engine: Engine) {
  const { id, idCol, real, big } = columnTypes(engine);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('datasets')
        .addColumn('id', id, idCol)
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('licence', 'text')
        .addColumn('attribution', 'text')
        .addColumn('access_date', 'text')
        .addColumn('access_filters', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('imports')
        .addColumn('id', id, idCol)
        .addColumn('dataset_id', big, (c) => c.notNull().references('datasets.id'))
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('layout', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_size', big, (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('rows_read', 'integer', (c) => c.notNull())
        .addColumn('inserted', 'integer', (c) => c.notNull())
        .addColumn('updated', 'integer', (c) => c.notNull())
        .addColumn('unchanged', 'integer', (c) => c.notNull())
        .addColumn('deleted', 'integer', (c) => c.notNull())
        .addColumn('rejected', 'integer', (c) => c.notNull())
        .addColumn('rejects_file', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text', (c) => c.notNull())
        .execute();
      let events = db.schema
        .createTable('events')
        .addColumn('id', id, idCol)
        .addColumn('dataset_id', big, (c) => c.notNull().references('datasets.id'))
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('import_id', big)
        .addColumn('row_hash', 'text', (c) => c.notNull())
        .addColumn('date_start', 'text', (c) => c.notNull())
        .addColumn('date_end', 'text', (c) => c.notNull())
        .addColumn('date_precision', 'text', (c) => c.notNull());
      for (const col of ['disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor1', 'actor2', 'assoc_actor2', 'actor1_id', 'actor2_id', 'target']) {
        events = events.addColumn(col, 'text');
      }
      events = events
        .addColumn('civilian_targeting', 'integer')
        .addColumn('iso3', 'text')
        .addColumn('country', 'text')
        .addColumn('admin1', 'text')
        .addColumn('admin2', 'text')
        .addColumn('admin3', 'text')
        .addColumn('location', 'text')
        .addColumn('lat', real)
        .addColumn('lon', real)
        .addColumn('geo_precision', 'integer');
      for (const col of ['fatalities_low', 'fatalities_best', 'fatalities_high', 'civilian_fatalities_low', 'civilian_fatalities_high', 'units_low', 'units_high']) {
        events = events.addColumn(col, 'integer');
      }
      await events
        .addColumn('notes', 'text')
        .addColumn('sources', 'text')
        .addColumn('tags', 'text')
        .addColumn('source_timestamp', big)
        .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('extra', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addUniqueConstraint('events_dataset_source', ['dataset_id', 'source_id'])
        .execute();
      await db.schema.createIndex('events_date').on('events').columns(['date_start', 'date_end']).execute();
      await db.schema.createIndex('events_country_date').on('events').columns(['iso3', 'date_start']).execute();
      await db.schema
        .createTable('event_revisions')
        .addColumn('id', id, idCol)
        .addColumn('event_id', big, (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('import_id', big)
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addColumn('record', 'text', (c) => c.notNull())
        .addColumn('superseded_by_import', big)
        .addColumn('superseded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('event_revisions_event').on('event_revisions').columns(['event_id', 'revision']).execute();
      await db.schema
        .createTable('actor_aliases')
        .addColumn('alias_key', 'text', (c) => c.notNull())
        .addColumn('alias', 'text', (c) => c.notNull())
        .addColumn('canonical', 'text', (c) => c.notNull())
        .addColumn('iso3', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('origin', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('actor_aliases_pk', ['alias_key', 'iso3'])
        .execute();
    },
  };
}
