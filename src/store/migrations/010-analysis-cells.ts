// Near a place at month grain: sums by month × grid cell × type, so a near: figure reads the cells wholly inside
// its circle a month at a time and only the cells its edge crosses (and the days at its window's edges) point by point.
import type { Kysely } from 'kysely';
import type { Engine } from '../store.js';
import { columnTypes } from './column-types.js';

const SUMS = [
  'events', 'fatalities_low', 'fatalities_best', 'fatalities_high', 'civilian_fatalities_low', 'civilian_fatalities_high',
  'units_low', 'units_high', 'units_events',
] as const;

export function analysisCellsMigration(engine: Engine) {
  const { big } = columnTypes(engine);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      let cells = db.schema
        .createTable('rollup_cell_months')
        .addColumn('dataset_id', big, (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('end_month', 'text', (c) => c.notNull())
        .addColumn('iso3', 'text')
        .addColumn('cell', 'integer', (c) => c.notNull());
      for (const col of ['event_type', 'sub_event_type', 'disorder_type']) cells = cells.addColumn(col, 'text');
      cells = cells.addColumn('civilian_targeting', 'integer');
      for (const col of SUMS) cells = cells.addColumn(col, big, (c) => c.notNull());
      await cells.execute();
      await db.schema.createIndex('rollup_cell_months_cell_month').on('rollup_cell_months').columns(['cell', 'month']).execute();
      await db.schema.createIndex('rollup_cell_months_dataset_month').on('rollup_cell_months').columns(['dataset_id', 'month']).execute();
      // The rollups are built from the events by 014-analysis-country-days, which adds one more.
    },
  };
}
