// Assets (ships, aircraft), their sightings, and the track files imported.
import type { Kysely } from 'kysely';
import type { Engine } from '../store.js';
import { columnTypes } from './column-types.js';

export function assetsMigration(engine: Engine) {
  const { id, idCol, real, big } = columnTypes(engine);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('assets')
        .addColumn('id', id, idCol)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subtype', 'text')
        .addColumn('hull_or_tail', 'text')
        .addColumn('icao24', 'text', (c) => c.unique())
        .addColumn('mmsi', 'text', (c) => c.unique())
        .addColumn('callsign', 'text')
        .addColumn('operator', 'text')
        .addColumn('notes', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('track_imports')
        .addColumn('id', id, idCol)
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('layout', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_size', big, (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('rows_read', 'integer', (c) => c.notNull())
        .addColumn('assets_created', 'integer', (c) => c.notNull())
        .addColumn('sightings_inserted', 'integer', (c) => c.notNull())
        .addColumn('duplicates', 'integer', (c) => c.notNull())
        .addColumn('skipped', 'integer', (c) => c.notNull())
        .addColumn('rejected', 'integer', (c) => c.notNull())
        .addColumn('rejects_file', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sightings')
        .addColumn('id', id, idCol)
        .addColumn('asset_id', big, (c) => c.notNull().references('assets.id'))
        .addColumn('seen_at', 'text', (c) => c.notNull())
        .addColumn('lat', real, (c) => c.notNull())
        .addColumn('lon', real, (c) => c.notNull())
        .addColumn('altitude_ft', real)
        .addColumn('speed_kn', real)
        .addColumn('course_deg', real)
        .addColumn('on_ground', 'integer')
        .addColumn('precision_km', real)
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('notes', 'text')
        .addColumn('import_id', big, (c) => c.references('track_imports.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('sightings_asset_time_source', ['asset_id', 'seen_at', 'source'])
        .execute();
      // Build-ups scan by time across all assets; tracks read by asset in time order (the unique key serves those).
      await db.schema.createIndex('sightings_seen_at').on('sightings').columns(['seen_at']).execute();
    },
  };
}
