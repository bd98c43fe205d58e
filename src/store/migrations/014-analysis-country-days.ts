// A figure of a country over a window of days, at the grain it needs: sums by dataset × country × day (with the
// day each event ends, for the window's margin) and nothing else, a row or two a country-day where the day rollup
// keeps one per actor pair, admin1 and type. The month rollup gets the country index its whole months are read by,
// and every rollup the counts of strikes and attacks that name a figure's events.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../store.js';
import { columnTypes } from './column-types.js';
import { rebuildAllRollups } from '../../analysis/rollups.js';

const SUMS = [
  'events', 'fatalities_low', 'fatalities_best', 'fatalities_high', 'civilian_fatalities_low', 'civilian_fatalities_high',
  'units_low', 'units_high', 'units_events', 'strike_events', 'attack_events',
] as const;

const EARLIER_ROLLUPS = ['rollup_days', 'rollup_months', 'rollup_actor_months', 'rollup_cell_months', 'rollup_points'];

export function analysisCountryDaysMigration(engine: Engine) {
  const { big } = columnTypes(engine);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      let days = db.schema
        .createTable('rollup_country_days')
        .addColumn('dataset_id', big, (c) => c.notNull())
        .addColumn('iso3', 'text')
        .addColumn('date_start', 'text', (c) => c.notNull())
        .addColumn('date_end', 'text', (c) => c.notNull());
      for (const col of SUMS) days = days.addColumn(col, big, (c) => c.notNull());
      await days.execute();
      await db.schema.createIndex('rollup_country_days_country_date').on('rollup_country_days').columns(['iso3', 'date_start']).execute();
      await db.schema.createIndex('rollup_country_days_dataset_date').on('rollup_country_days').columns(['dataset_id', 'date_start']).execute();
      // Spans on their own, as 011-analysis-spans does for the day rollup: a window's edges read only them.
      await sql`create index rollup_country_days_spans on rollup_country_days (iso3, date_start) where date_start <> date_end`.execute(db);
      await db.schema.createIndex('rollup_months_country_month').on('rollup_months').columns(['iso3', 'month']).execute();
      // Every rollup counts its strikes and attacks, so a figure names its events from its sums, not from a search of its rows.
      for (const table of EARLIER_ROLLUPS) {
        for (const col of ['strike_events', 'attack_events']) await db.schema.alterTable(table).addColumn(col, big, (c) => c.notNull().defaultTo(0)).execute();
      }
      // Every rollup again from the events (the latest migration that adds a rollup builds them all, once).
      await rebuildAllRollups(db);
      // PostgreSQL plans the rollups' reads from statistics: gather them now rather than whenever autovacuum comes by.
      if (engine === 'postgres') await sql`analyze rollup_days, rollup_country_days, rollup_months, rollup_actor_months, rollup_cell_months, rollup_points`.execute(db);
    },
  };
}
