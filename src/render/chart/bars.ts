// Vertical bars: by period (on a true time axis, so gaps show) or by category; stacked by series; small multiples.
import { isTimeBy } from '../format.js';
import { textWidth } from '../text-width.js';
import { annotationLayers } from './annotations.js';
import { timeAxisX, valueAxisY } from './axes.js';
import { headroom, plotWidthOf, timeBy, timeDomain } from './context.js';
import type { ChartContext, KindSpec } from './context.js';
import { hasRange, seriesOrder, totalsByKey } from './data.js';
import type { Datum } from './data.js';
import { errorBars, rangeNote } from './uncertainty.js';

interface BarLayers {
  layers: Record<string, unknown>[];
  /** The rows with their stacked bottom (y0) and top (y1): the data of the bars layer. */
  values: object[];
}

/** The x encoding of bars and the x of their error bars. */
function xEncodings(ctx: ChartContext, data: Datum[], plotWidth: number) {
  if (isTimeBy(ctx.breakdown.by)) {
    const domain = timeDomain(data);
    return {
      bar: { x: timeAxisX(timeBy(ctx), 'start', domain, plotWidth, ctx.size.label), x2: { field: 'end' } },
      mid: { field: 'mid', type: 'temporal' },
      domain,
    };
  }
  const x = { field: 'label', type: 'nominal', sort: null, axis: { title: null, labelAngle: 0, labelLimit: plotWidth / Math.max(1, new Set(data.map((d) => d.key)).size) + 20 } };
  return { bar: { x }, mid: { field: 'label', type: 'nominal', sort: null }, domain: null };
}

/** Each bar's bottom and top: stacked in series order (largest series at the bottom), else from zero. */
function stack(data: Datum[], order: string[], stacked: boolean): (Datum & { y0: number; y1: number })[] {
  const base = new Map<string, number>();
  const rank = (d: Datum) => (d.series === null ? 0 : order.indexOf(d.series));
  return [...data]
    .sort((a, b) => rank(a) - rank(b))
    .map((d) => {
      const y0 = stacked ? (base.get(d.key) ?? 0) : 0;
      base.set(d.key, y0 + d.best);
      return { ...d, y0, y1: y0 + d.best };
    });
}

/** Bars (optionally stacked by series), error bars on the totals, and annotations. */
function barLayers(ctx: ChartContext, data: Datum[], plotWidth: number, stacked: boolean): BarLayers {
  const totals = stacked ? totalsByKey(data) : data;
  const maxValue = Math.max(0, ...totals.map((d) => Math.max(d.best, d.high)));
  const x = xEncodings(ctx, data, plotWidth);
  const keys = new Set(data.map((d) => d.key)).size;
  const gap = plotWidth / Math.max(1, keys) >= 5 ? 1 : 0;
  const notes = x.domain ? annotationLayers(ctx.annotations, x.domain, plotWidth, ctx.size, ctx.theme) : { layers: [], reserved: 0 };
  // Bars carry their own bottom (y2), so stacking is computed here, in a fixed order.
  const y = valueAxisY('y1', ctx.valueTitle, maxValue, ctx.size, headroom(maxValue, ctx.plotHeight, notes.reserved));
  const order = seriesOrder(data);
  const color = stacked ? { color: { field: 'series', type: 'nominal', sort: order, scale: { domain: order }, legend: { title: null, offset: ctx.size.label + 16 } } } : {};
  const bars = {
    name: 'bars',
    mark: { type: 'bar', stroke: ctx.theme.colors.background, strokeWidth: gap, ...(x.domain ? {} : { width: { band: 0.8 } }) },
    encoding: { ...x.bar, y, y2: { field: 'y0' }, ...color, description: { field: 'description' } },
  };
  const layers: Record<string, unknown>[] = [bars];
  if (hasRange(totals)) {
    const cap = Math.min(8, Math.max(2, (plotWidth / Math.max(1, keys)) * 0.4));
    // Stacked bars get error bars on their totals; plain bars take theirs from the bars' own rows.
    const source = stacked ? { data: { values: totals } } : {};
    layers.push({ ...source, transform: [{ filter: 'datum.low != datum.high' }], ...errorBars(x.mid, ctx.theme.colors.range, cap, ctx.valueTitle) });
  }
  layers.push(...notes.layers);
  return { layers, values: stack(data, order, stacked) };
}

function rangeNotes(data: Datum[]): string[] {
  return hasRange(data) ? [rangeNote('bars')] : [];
}

export function barSpec(ctx: ChartContext): KindSpec {
  // Bars have no series: rows split by series are summed.
  const data = ctx.data.some((d) => d.series !== null) ? totalsByKey(ctx.data) : ctx.data;
  const plotWidth = plotWidthOf(ctx, Math.max(...data.map((d) => d.high)));
  const { layers, values } = barLayers(ctx, data, plotWidth, false);
  return { spec: { data: { values }, layer: layers }, notes: rangeNotes(data) };
}

export function stackedSpec(ctx: ChartContext): KindSpec {
  requireSeries(ctx, 'stacked bars');
  const totals = totalsByKey(ctx.data);
  const plotWidth = plotWidthOf(ctx, Math.max(...totals.map((d) => d.high)));
  const { layers, values } = barLayers(ctx, ctx.data, plotWidth, true);
  return {
    spec: { data: { values }, layer: layers },
    notes: hasRange(totals) ? ['Bars show the best estimate; the thin lines show the range of the total from the low to the high estimate.'] : [],
  };
}

/** One small chart per series, on a shared value scale. */
export function multiplesSpec(ctx: ChartContext): KindSpec {
  requireSeries(ctx, 'small multiples');
  const order = seriesOrder(ctx.data);
  const maxValue = Math.max(...ctx.data.map((d) => d.high));
  const labelRoom = textWidth(String(Math.ceil(maxValue)), ctx.size.label) + 12;
  const minPanel = ctx.size.width < 480 ? 140 : 170;
  const columns = ctx.columns ?? Math.max(1, Math.min(order.length, Math.floor((ctx.innerWidth + 16) / (minPanel + labelRoom + 16))));
  const panelWidth = Math.floor((ctx.innerWidth - columns * labelRoom - (columns - 1) * 16) / columns);
  const panelHeight = Math.round(Math.max(90, ctx.plotHeight * 0.5));
  // Annotations carry their own data, which a facet cannot split: panels go without them.
  const panelCtx: ChartContext = { ...ctx, annotations: [], plotHeight: panelHeight };
  const { layers, values } = barLayers(panelCtx, ctx.data, panelWidth, false);
  const rows = Math.ceil(order.length / columns);
  return {
    spec: {
      data: { values },
      facet: { field: 'series', type: 'nominal', sort: order, header: { title: null } },
      columns,
      spec: { width: panelWidth, height: panelHeight, layer: layers },
      resolve: { axis: { x: 'independent', y: 'independent' } },
    },
    notes: rangeNotes(ctx.data),
    fixedWidth: true,
    height: rows * (panelHeight + 40),
  };
}

function requireSeries(ctx: ChartContext, what: string): void {
  if (!ctx.data.some((d) => d.series !== null)) throw new Error(`${what} need rows with a series`);
}
