// Analysis at the grain the latency targets need: a month rollup that keeps the actors and sub-type (actor
// figures over whole months read a few rows a month instead of every day's), and a grid cell on each point of
// the point rollup, indexed with its date (near: and bbox: read the cells around a place, not a latitude band).
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../store.js';
import { columnTypes } from './column-types.js';

const SUMS = [
  'events', 'fatalities_low', 'fatalities_best', 'fatalities_high', 'civilian_fatalities_low', 'civilian_fatalities_high',
  'units_low', 'units_high', 'units_events',
] as const;

export function analysisGrainMigration(engine: Engine) {
  const { big } = columnTypes(engine);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      let months = db.schema
        .createTable('rollup_actor_months')
        .addColumn('dataset_id', big, (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('end_month', 'text', (c) => c.notNull());
      for (const col of ['iso3', 'actor1_id', 'actor2_id', 'event_type', 'sub_event_type', 'disorder_type']) months = months.addColumn(col, 'text');
      months = months.addColumn('civilian_targeting', 'integer');
      for (const col of SUMS) months = months.addColumn(col, big, (c) => c.notNull());
      await months.execute();
      await db.schema.createIndex('rollup_actor_months_dataset_month').on('rollup_actor_months').columns(['dataset_id', 'month']).execute();
      await db.schema.createIndex('rollup_actor_months_country_month').on('rollup_actor_months').columns(['iso3', 'month']).execute();
      // "Involving X" is actor1 = X or actor2 = X: one index for each side.
      await db.schema.createIndex('rollup_actor_months_actor1_month').on('rollup_actor_months').columns(['actor1_id', 'month']).execute();
      await db.schema.createIndex('rollup_actor_months_actor2_month').on('rollup_actor_months').columns(['actor2_id', 'month']).execute();

      // The cell replaces the latitude index: a band of latitude holds every year of every place along it.
      await sql`drop index if exists rollup_points_lat_date`.execute(db);
      await db.schema.alterTable('rollup_points').addColumn('cell', 'integer').execute();
      await db.schema.createIndex('rollup_points_cell_date').on('rollup_points').columns(['cell', 'date_start']).execute();

      // The rollups are built from the events by 010-analysis-cells, which adds one more.
    },
  };
}
