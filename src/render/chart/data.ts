// Breakdown rows as chart data: labels, period bounds and a spoken description for each row.
import { formatNumber, isTimeBy, keyLabel, measureName, parsePeriod } from '../format.js';
import type { Breakdown } from '../types.js';

export interface Datum {
  key: string;
  label: string;
  series: string | null;
  events: number;
  low: number;
  best: number;
  high: number;
  /** For periods: first day, the day after the last, and the middle (ISO dates, UTC). */
  start?: string;
  end?: string;
  mid?: string;
  /** What a screen reader says for this mark. */
  description: string;
}

function midpoint(start: string, end: string): string {
  return new Date((Date.parse(start) + Date.parse(end)) / 2).toISOString();
}

export function chartData(breakdown: Breakdown, unitName?: string): Datum[] {
  const { by, measure } = breakdown;
  const unit = measureName(measure, unitName);
  const data = breakdown.rows.map((row): Datum => {
    const { low, best, high } = row.value;
    for (const [name, v] of [['low', low], ['best', best], ['high', high], ['events', row.events]] as const) {
      if (!Number.isFinite(v)) throw new Error(`row "${row.key}": ${name} is not a number`);
    }
    const label = keyLabel(row.key, by);
    const range = low !== high ? ` (range ${formatNumber(low)} to ${formatNumber(high)})` : '';
    const series = row.series ?? null;
    const datum: Datum = {
      key: row.key,
      label,
      series,
      events: row.events,
      low,
      best,
      high,
      description: `${series ? `${series}, ` : ''}${label}: ${formatNumber(best)} ${unit}${range}`,
    };
    if (isTimeBy(by)) {
      const period = parsePeriod(row.key, by);
      Object.assign(datum, period, { mid: midpoint(period.start, period.end) });
    }
    return datum;
  });
  if (isTimeBy(by)) data.sort((a, b) => (a.start ?? '').localeCompare(b.start ?? '') || (a.series ?? '').localeCompare(b.series ?? ''));
  return data;
}

/** Whether any row has a low estimate different from its high one. */
export function hasRange(data: Datum[]): boolean {
  return data.some((d) => d.low !== d.high);
}

/** Series names, largest total first. */
export function seriesOrder(data: Datum[]): string[] {
  const totals = new Map<string, number>();
  for (const d of data) if (d.series !== null) totals.set(d.series, (totals.get(d.series) ?? 0) + d.best);
  return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s);
}

/** One row per key with the sums across series (for the range of stacked totals). */
export function totalsByKey(data: Datum[]): Datum[] {
  const byKey = new Map<string, Datum>();
  for (const d of data) {
    const t = byKey.get(d.key);
    if (!t) byKey.set(d.key, { ...d, series: null });
    else {
      t.low += d.low;
      t.best += d.best;
      t.high += d.high;
      t.events += d.events;
    }
  }
  return [...byKey.values()];
}
