// What every chart kind needs to build its spec: the data, the house style and the room it has.
import { isTimeBy } from '../format.js';
import type { TimeBy } from '../format.js';
import type { Size, Theme } from '../theme.js';
import type { Annotation, Breakdown } from '../types.js';
import type { Datum } from './data.js';
import { valueLabelWidth } from './axes.js';

export interface ChartContext {
  breakdown: Breakdown;
  data: Datum[];
  theme: Theme;
  size: Size;
  /** Width of the frame's content (the chart with its axes). */
  innerWidth: number;
  plotHeight: number;
  /** "Fatalities", "Vessels": the value axis title. */
  valueTitle: string;
  /** "fatalities", "vessels": in sentences. */
  unit: string;
  annotations: Annotation[];
  limit: number;
  columns?: number;
}

/** A chart kind's part of the Vega-Lite spec (without config and size) and the notes it owes the reader. */
export interface KindSpec {
  spec: Record<string, unknown>;
  notes: string[];
  /** Set when the kind sizes itself (facets): no autosize fit. */
  fixedWidth?: boolean;
  height?: number;
}

export function timeBy(ctx: ChartContext): TimeBy {
  const by = ctx.breakdown.by;
  if (!isTimeBy(by)) throw new Error(`this chart needs a breakdown by day, week, month or year, not by ${by}`);
  return by;
}

/** The first and last day (exclusive) of the periods charted. */
export function timeDomain(data: Datum[]): [string, string] {
  const starts = data.map((d) => d.start!).sort();
  const ends = data.map((d) => d.end!).sort();
  return [starts[0]!, ends[ends.length - 1]!];
}

/** About how wide the plot area is once the value labels are set beside it. */
export function plotWidthOf(ctx: ChartContext, maxValue: number): number {
  return ctx.innerWidth - valueLabelWidth(maxValue, ctx.size) - 10;
}

/** The domain top that leaves `reserved` pixels free above the highest value. */
export function headroom(maxValue: number, plotHeight: number, reserved: number): number | undefined {
  if (reserved <= 0 || maxValue <= 0) return undefined;
  return (maxValue * plotHeight) / Math.max(plotHeight - reserved, plotHeight * 0.4);
}
