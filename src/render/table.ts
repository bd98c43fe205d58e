// The data behind a chart, as a table: one row per key (and series), with the count and the estimate.
import type { Breakdown, DataTable } from './types.js';

export function breakdownTable(breakdown: Breakdown): DataTable {
  const withSeries = breakdown.rows.some((r) => r.series !== undefined);
  const m = breakdown.measure;
  const columns = [breakdown.by, ...(withSeries ? ['series'] : []), 'events', `${m}_low`, `${m}_best`, `${m}_high`];
  const rows = breakdown.rows.map((r) => [
    r.key,
    ...(withSeries ? [r.series ?? null] : []),
    r.events,
    r.value.low,
    r.value.best,
    r.value.high,
  ]);
  return { columns, rows };
}
