// Analysis tables: rollups that wide queries read instead of every event, the names filters resolve
// against, full-text search over notes, and indexes for actor figures.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../store.js';
import { columnTypes } from './column-types.js';

/** Sums every rollup keeps (see src/analysis/measures.ts for how each is defined). */
const SUMS = [
  'events', 'fatalities_low', 'fatalities_best', 'fatalities_high', 'civilian_fatalities_low', 'civilian_fatalities_high',
  'units_low', 'units_high', 'units_events',
] as const;

export function analysisMigration(engine: Engine) {
  const { big, real } = columnTypes(engine);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Day grain: the dimensions DESIGN.md names (day × country × admin1 × actor × event type), with
      // date_end kept so a window can still tell events wholly inside it from those at its edges.
      let days = db.schema
        .createTable('rollup_days')
        .addColumn('dataset_id', big, (c) => c.notNull())
        .addColumn('date_start', 'text', (c) => c.notNull())
        .addColumn('date_end', 'text', (c) => c.notNull());
      for (const col of ['iso3', 'admin1', 'actor1_id', 'actor2_id', 'event_type', 'sub_event_type', 'disorder_type']) days = days.addColumn(col, 'text');
      days = days.addColumn('civilian_targeting', 'integer');
      for (const col of SUMS) days = days.addColumn(col, big, (c) => c.notNull());
      await days.execute();
      await db.schema.createIndex('rollup_days_dataset_date').on('rollup_days').columns(['dataset_id', 'date_start']).execute();
      await db.schema.createIndex('rollup_days_country_date').on('rollup_days').columns(['iso3', 'date_start']).execute();

      // Month grain: small enough that a breakdown of every event by month × country reads a few thousand rows.
      let months = db.schema
        .createTable('rollup_months')
        .addColumn('dataset_id', big, (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('end_month', 'text', (c) => c.notNull());
      for (const col of ['iso3', 'event_type', 'disorder_type']) months = months.addColumn(col, 'text');
      months = months.addColumn('civilian_targeting', 'integer');
      for (const col of SUMS) months = months.addColumn(col, big, (c) => c.notNull());
      await months.execute();
      await db.schema.createIndex('rollup_months_dataset_month').on('rollup_months').columns(['dataset_id', 'month']).execute();

      // Point grain: sums by day × coordinates × type, for clusters and near: queries without the wide events rows.
      let points = db.schema
        .createTable('rollup_points')
        .addColumn('dataset_id', big, (c) => c.notNull())
        .addColumn('date_start', 'text', (c) => c.notNull())
        .addColumn('date_end', 'text', (c) => c.notNull())
        .addColumn('iso3', 'text')
        .addColumn('lat', real, (c) => c.notNull())
        .addColumn('lon', real, (c) => c.notNull());
      for (const col of ['event_type', 'sub_event_type', 'disorder_type']) points = points.addColumn(col, 'text');
      points = points.addColumn('civilian_targeting', 'integer');
      for (const col of SUMS) points = points.addColumn(col, big, (c) => c.notNull());
      await points.execute();
      await db.schema.createIndex('rollup_points_country_date').on('rollup_points').columns(['iso3', 'date_start']).execute();
      await db.schema.createIndex('rollup_points_lat_date').on('rollup_points').columns(['lat', 'date_start']).execute();

      // When each dataset's rollups were last rebuilt: an import that started later leaves them stale,
      // and analysis reads the events instead until they are refreshed.
      await db.schema
        .createTable('rollup_state')
        .addColumn('dataset_id', big, (c) => c.primaryKey())
        .addColumn('refreshed_at', 'text', (c) => c.notNull())
        // The longest an event of the dataset lasts (date_end - date_start, days): bounds date scans.
        .addColumn('max_span_days', 'integer', (c) => c.notNull())
        .execute();

      // Every spelling a name filter can resolve to, folded for accent-insensitive lookup and suggestions.
      await db.schema
        .createTable('analysis_names')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_key', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('analysis_names_pk', ['kind', 'name'])
        .execute();
      await db.schema.createIndex('analysis_names_key').on('analysis_names').columns(['kind', 'name_key']).execute();

      await db.schema.createIndex('events_actor1_date').on('events').columns(['actor1_id', 'date_start']).execute();
      await db.schema.createIndex('events_actor2_date').on('events').columns(['actor2_id', 'date_start']).execute();

      if (engine === 'sqlite') {
        // External-content FTS5 over notes, kept in step with events by triggers.
        await sql`create virtual table events_fts using fts5(notes, content='events', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
        await sql`create trigger events_fts_insert after insert on events begin
          insert into events_fts(rowid, notes) values (new.id, new.notes); end`.execute(db);
        await sql`create trigger events_fts_delete after delete on events begin
          insert into events_fts(events_fts, rowid, notes) values ('delete', old.id, old.notes); end`.execute(db);
        await sql`create trigger events_fts_update after update of notes on events begin
          insert into events_fts(events_fts, rowid, notes) values ('delete', old.id, old.notes);
          insert into events_fts(rowid, notes) values (new.id, new.notes); end`.execute(db);
        await sql`insert into events_fts(events_fts) values ('rebuild')`.execute(db);
      } else {
        // A side table holding each event's tsvector, kept by a trigger: rechecks read the stored vector
        // instead of re-parsing notes, and the events table keeps its columns.
        await sql`create table events_fts (event_id bigint primary key, tsv tsvector not null)`.execute(db);
        await sql`create index events_fts_tsv on events_fts using gin (tsv)`.execute(db);
        await sql`create function events_fts_sync() returns trigger language plpgsql as $$
          begin
            if tg_op = 'DELETE' then
              delete from events_fts where event_id = old.id;
              return old;
            end if;
            insert into events_fts (event_id, tsv) values (new.id, to_tsvector('english', coalesce(new.notes, '')))
              on conflict (event_id) do update set tsv = excluded.tsv;
            return new;
          end $$`.execute(db);
        await sql`create trigger events_fts_insert after insert on events for each row execute function events_fts_sync()`.execute(db);
        await sql`create trigger events_fts_update after update of notes on events for each row when (old.notes is distinct from new.notes) execute function events_fts_sync()`.execute(db);
        await sql`create trigger events_fts_delete after delete on events for each row execute function events_fts_sync()`.execute(db);
        await sql`insert into events_fts (event_id, tsv) select id, to_tsvector('english', coalesce(notes, '')) from events`.execute(db);
      }

      // The rollups are built from the events by 010-analysis-cells, once every rollup table exists.
    },
  };
}
