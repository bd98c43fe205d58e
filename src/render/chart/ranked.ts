// Ranked horizontal bars (provinces, actors): largest first, the value printed at each bar's end.
import { formatNumber } from '../format.js';
import { textWidth } from '../text-width.js';
import type { ChartContext, KindSpec } from './context.js';
import { hasRange, totalsByKey } from './data.js';
import { errorBars } from './uncertainty.js';

export function rankedSpec(ctx: ChartContext): KindSpec {
  const all = ctx.data.some((d) => d.series !== null) ? totalsByKey(ctx.data) : ctx.data;
  const sorted = [...all].sort((a, b) => b.best - a.best || a.label.localeCompare(b.label));
  const shown = sorted.slice(0, ctx.limit).map((d) => ({
    ...d,
    barEnd: Math.max(d.best, d.high),
    valueText: d.low !== d.high ? `${formatNumber(d.best)} (${formatNumber(d.low)}–${formatNumber(d.high)})` : formatNumber(d.best),
  }));
  const step = Math.round(ctx.size.label * 2.1);
  const maxLabel = Math.max(...shown.map((d) => d.label.length ? textWidth(d.label, ctx.size.label) : 0));
  const labelLimit = Math.min(maxLabel + 2, ctx.innerWidth * 0.4);
  const plotWidth = ctx.innerWidth - labelLimit - 8;
  const maxEnd = Math.max(0, ...shown.map((d) => d.barEnd));
  const widestValue = Math.max(...shown.map((d) => textWidth(d.valueText, ctx.size.label)));
  // Leave room after the longest bar for its printed value.
  const domainMax = maxEnd > 0 ? (maxEnd * plotWidth) / Math.max(plotWidth - widestValue - 8, plotWidth * 0.5) : 1;
  const y = { field: 'label', type: 'nominal', sort: null, axis: { title: null, labelLimit, labelColor: ctx.theme.colors.text } };
  const x = { field: 'best', type: 'quantitative', scale: { domain: [0, domainMax], nice: false }, axis: null };
  const layers: Record<string, unknown>[] = [
    { name: 'bars', mark: { type: 'bar', height: { band: 0.72 } }, encoding: { y, x, description: { field: 'description' } } },
  ];
  if (hasRange(shown)) layers.push({ transform: [{ filter: 'datum.low != datum.high' }], ...errorBars({ ...y, axis: undefined }, ctx.theme.colors.range, step * 0.4, null, true) });
  layers.push({
    mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6, color: ctx.theme.colors.text },
    encoding: { y: { ...y, axis: undefined }, x: { field: 'barEnd', type: 'quantitative' }, text: { field: 'valueText' } },
  });
  const notes: string[] = [];
  if (hasRange(shown)) notes.push('Bars show the best estimate; the thin lines and the figures in brackets show the range from the low to the high estimate.');
  if (sorted.length > shown.length) notes.push(`The ${shown.length} largest of ${sorted.length} shown.`);
  return { spec: { data: { values: shown }, layer: layers }, notes, height: shown.length * step };
}
