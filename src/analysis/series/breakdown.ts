// A loaded series as a table: totals by period or by one dimension, over a window and a selection.
import { periodContaining, type Series, type StoredSeriesValue } from '../../model/series.js';
import { getSeries, seriesValues } from '../../store/series/read.js';
import type { Store } from '../../store/store.js';
import { periodLabel, windowLabel, type Window } from './periods.js';
import { dimensionValues, resolveSelection, SelectionError, type Selection } from './total.js';

export interface BreakdownRow {
  /** The period's first day, or the dimension value. */
  key: string;
  label: string;
  value: number;
  /** Values added up into this row. */
  values: number;
}

export interface SeriesBreakdown {
  series: Series;
  by: string;
  /** The window asked for, or the series' whole span. */
  window: (Window & { label: string }) | null;
  selection: Selection;
  rows: BreakdownRow[];
  total: number;
}

export async function seriesBreakdown(
  store: Pick<Store, 'db'>,
  name: string,
  opts: { window?: Window | null; where?: Selection; by?: string } = {},
): Promise<SeriesBreakdown> {
  const series = await getSeries(store.db, name);
  if (!series) throw new SelectionError(`no series named ${JSON.stringify(name)} is loaded`);
  const by = opts.by ?? 'period';
  if (by !== 'period' && !series.dimensions.includes(by)) {
    throw new SelectionError(`--by ${by}: the series ${name} can be broken down by period${series.dimensions.map((d) => `, ${d}`).join('')}`);
  }
  const selection = resolveSelection(series, await dimensionValues(store, series), opts.where ?? {});
  const values = (await seriesValues(store.db, series.id, opts.window ?? undefined)).filter((v) =>
    Object.entries(selection).every(([d, vs]) => vs.includes(v.dims[d] ?? '')),
  );
  const groups = new Map<string, BreakdownRow>();
  const keyOf = (v: StoredSeriesValue) => (by === 'period' ? v.period_start : (v.dims[by] ?? ''));
  for (const v of values) {
    const key = keyOf(v);
    const row = groups.get(key) ?? { key, label: by === 'period' ? periodLabel(periodContaining(v.period_start, series.precision), series.precision) : key, value: 0, values: 0 };
    row.value += v.value;
    row.values += 1;
    groups.set(key, row);
  }
  const rows = [...groups.values()];
  // Periods in time order; dimension values largest first.
  rows.sort(by === 'period' ? (a, b) => a.key.localeCompare(b.key) : (a, b) => b.value - a.value || a.key.localeCompare(b.key));
  const window = opts.window ? { ...opts.window, label: windowLabel(opts.window) } : null;
  return { series, by, window, selection, rows, total: rows.reduce((s, r) => s + r.value, 0) };
}
