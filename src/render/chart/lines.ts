// Lines over time: the value per period, its running total, and a step chart of a build-up.
import { formatNumber, parsePeriod, periodLabel } from '../format.js';
import type { TimeBy } from '../format.js';
import { annotationLayers } from './annotations.js';
import { timeAxisX, valueAxisY } from './axes.js';
import { headroom, plotWidthOf, timeBy, timeDomain } from './context.js';
import type { ChartContext, KindSpec } from './context.js';
import { hasRange, seriesOrder } from './data.js';
import type { Datum } from './data.js';
import { rangeBand, rangeNote } from './uncertainty.js';

interface LinePoint {
  at: string;
  series: string | null;
  low: number;
  best: number;
  high: number;
  description: string;
}

type Shape = 'line' | 'cumulative' | 'step';

/** Rows grouped by series (one group when there is none), each in time order, with absent periods as zero. */
function bySeries(data: Datum[], by: TimeBy, unit: string): Datum[][] {
  const groups = new Map<string | null, Datum[]>();
  for (const d of data) groups.set(d.series, [...(groups.get(d.series) ?? []), d]);
  const [first, last] = timeDomain(data);
  return [...groups.values()].map((group) => {
    const byStart = new Map(group.map((d) => [d.start!, d]));
    const series = group[0]!.series;
    const filled: Datum[] = [];
    // A breakdown lists only periods with events: a line through a missing period must drop to zero.
    for (let start = parsePeriod(first, by).start; start < last; start = parsePeriod(start, by).end) {
      const label = periodLabel(start, by);
      const { end } = parsePeriod(start, by);
      filled.push(byStart.get(start) ?? {
        key: start, label, series, events: 0, low: 0, best: 0, high: 0, start, end,
        mid: new Date((Date.parse(start) + Date.parse(end)) / 2).toISOString(),
        description: `${series ? `${series}, ` : ''}${label}: 0 ${unit}`,
      });
    }
    return filled;
  });
}

function points(ctx: ChartContext, shape: Shape): LinePoint[] {
  const by = timeBy(ctx);
  const out: LinePoint[] = [];
  for (const group of bySeries(ctx.data, by, ctx.unit)) {
    const series = group[0]!.series;
    const prefix = series ? `${series}, ` : '';
    if (shape === 'line') {
      for (const d of group) out.push({ at: d.mid!, series, low: d.low, best: d.best, high: d.high, description: d.description });
    } else if (shape === 'step') {
      for (const d of group) out.push({ at: d.start!, series, low: d.low, best: d.best, high: d.high, description: d.description });
      const last = group[group.length - 1]!;
      out.push({ at: last.end!, series, low: last.low, best: last.best, high: last.high, description: last.description });
    } else {
      // A running total: 0 at the start of the first period, then the sum at the end of each period.
      let low = 0, best = 0, high = 0;
      out.push({ at: group[0]!.start!, series, low, best, high, description: `${prefix}start: 0` });
      for (const d of group) {
        low += d.low;
        best += d.best;
        high += d.high;
        out.push({ at: d.end!, series, low, best, high, description: `${prefix}by the end of ${periodLabel(d.key, by)}: ${formatNumber(best)} ${ctx.unit} in total` });
      }
    }
  }
  return out;
}

function lineKind(ctx: ChartContext, shape: Shape): KindSpec {
  const data = points(ctx, shape);
  const maxValue = Math.max(0, ...data.map((d) => Math.max(d.best, d.high)));
  const plotWidth = plotWidthOf(ctx, maxValue);
  const domain = timeDomain(ctx.data);
  const notes = annotationLayers(ctx.annotations, domain, plotWidth, ctx.size, ctx.theme);
  const x = timeAxisX(timeBy(ctx), 'at', domain, plotWidth, ctx.size.label, true);
  const y = valueAxisY('best', ctx.valueTitle, maxValue, ctx.size, headroom(maxValue, ctx.plotHeight, notes.reserved));
  const multi = data.some((d) => d.series !== null);
  const order = seriesOrder(ctx.data);
  const color = multi ? { color: { field: 'series', type: 'nominal', sort: order, scale: { domain: order }, legend: { title: null } } } : {};
  const interpolate = shape === 'step' ? 'step-after' : 'linear';
  const layers: Record<string, unknown>[] = [];
  if (!multi && shape !== 'line') layers.push({ mark: { type: 'area', opacity: 0.08, interpolate }, encoding: { x, y } });
  const range = data.some((d) => d.low !== d.high);
  if (range) layers.push(rangeBand(x, ctx.theme.colors.accent, interpolate, multi ? color.color : undefined));
  const few = ctx.data.length / Math.max(1, order.length || 1) <= 40;
  layers.push({
    name: 'lines',
    mark: { type: 'line', interpolate, strokeWidth: 2, ...(shape === 'line' && few ? { point: { size: 18 } } : {}) },
    encoding: { x, y, ...color, description: { field: 'description' } },
  });
  if (shape === 'cumulative' && !multi) {
    const last = data[data.length - 1]!;
    layers.push({
      data: { values: [{ ...last, text: formatNumber(last.best) }] },
      mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -6, fontWeight: 'bold', color: ctx.theme.colors.text },
      encoding: { x: { field: 'at', type: 'temporal' }, y: { field: 'best', type: 'quantitative' }, text: { field: 'text' } },
    });
  }
  layers.push(...notes.layers);
  return { spec: { data: { values: data }, layer: layers }, notes: range || hasRange(ctx.data) ? [rangeNote(multi ? 'lines' : 'line')] : [] };
}

export const lineSpec = (ctx: ChartContext): KindSpec => lineKind(ctx, 'line');
export const cumulativeSpec = (ctx: ChartContext): KindSpec => lineKind(ctx, 'cumulative');
export const stepSpec = (ctx: ChartContext): KindSpec => lineKind(ctx, 'step');
