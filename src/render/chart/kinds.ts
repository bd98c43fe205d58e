// The chart kinds and the builder of each.
import { barSpec, multiplesSpec, stackedSpec } from './bars.js';
import type { ChartContext, KindSpec } from './context.js';
import { cumulativeSpec, lineSpec, stepSpec } from './lines.js';
import { rankedSpec } from './ranked.js';

export const CHART_KINDS = ['bar', 'line', 'stacked', 'ranked', 'cumulative', 'step', 'multiples'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export const KIND_BUILDERS: Record<ChartKind, (ctx: ChartContext) => KindSpec> = {
  bar: barSpec,
  line: lineSpec,
  stacked: stackedSpec,
  ranked: rankedSpec,
  cumulative: cumulativeSpec,
  step: stepSpec,
  multiples: multiplesSpec,
};
