// Alt text written from the data: what the chart shows, its peak and its total.
import { byName, formatNumber, isTimeBy } from '../format.js';
import type { Breakdown } from '../types.js';
import { seriesOrder, totalsByKey } from './data.js';
import type { Datum } from './data.js';
import type { ChartKind } from './kinds.js';

const KIND_NAMES: Record<ChartKind, string> = {
  bar: 'Bar chart',
  line: 'Line chart',
  stacked: 'Stacked bar chart',
  ranked: 'Ranked bar chart',
  cumulative: 'Running-total chart',
  step: 'Step chart',
  multiples: 'Small multiples',
};

function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function chartAltText(kind: ChartKind, breakdown: Breakdown, data: Datum[], unit: string): string {
  const totals = totalsByKey(data);
  if (!totals.length) return `${KIND_NAMES[kind]}: no ${unit} to show.`;
  const series = seriesOrder(data);
  const by = byName(breakdown.by);
  const what = `${unit} by ${by}${series.length ? ` and series (${list(series)})` : ''}`;
  const sum = (f: (d: Datum) => number) => totals.reduce((s, d) => s + f(d), 0);
  const total = sum((d) => d.best);
  const range = totals.some((d) => d.low !== d.high) ? ` Estimates range from ${formatNumber(sum((d) => d.low))} to ${formatNumber(sum((d) => d.high))} in total.` : '';
  const ranked = [...totals].sort((a, b) => b.best - a.best);
  const top = ranked[0]!;

  if (isTimeBy(breakdown.by)) {
    const span = `from ${totals[0]!.label} to ${totals[totals.length - 1]!.label}`;
    const peak = `${series.length ? 'highest total' : 'highest'} in ${top.label} (${formatNumber(top.best)})`;
    if (kind === 'cumulative') return `${KIND_NAMES[kind]}: ${what}, ${span}, reaching ${formatNumber(total)} in total.${range}`;
    if (kind === 'step') return `${KIND_NAMES[kind]}: ${what}, ${span}, peaking at ${formatNumber(top.best)} in ${top.label}.${range}`;
    return `${KIND_NAMES[kind]}: ${what}, ${span}, ${peak}; ${formatNumber(total)} in total.${range}`;
  }
  if (ranked.length <= 5) {
    return `${KIND_NAMES[kind]}: ${what}: ${list(ranked.map((d) => `${d.label} ${formatNumber(d.best)}`))}.${range}`;
  }
  const next = ranked.slice(1, 3).map((d) => `${d.label} (${formatNumber(d.best)})`);
  return `${KIND_NAMES[kind]}: ${what}, highest ${top.label} (${formatNumber(top.best)}), then ${list(next)}; ${ranked.length} in all, ${formatNumber(total)} in total.${range}`;
}
