// Where the chart and map endpoints live and what they take: the one place the builder names them.
import { qs } from '../../api/client.js';

export const CHART_KINDS = ['bar', 'line', 'stacked', 'ranked', 'cumulative', 'step', 'multiples'] as const;
export const MAP_KINDS = ['points', 'hexbin', 'choropleth'] as const;
export const SIZES = ['mobile', 'desktop', 'wide'] as const;
export const FORMATS = ['svg', 'png', 'html'] as const;
export type GraphicFormat = (typeof FORMATS)[number];

export interface GraphicSpec {
  graphic: 'chart' | 'map';
  q: string;
  measure: string;
  by: string;
  kind: string;
  size: string;
  title: string;
}

/** The URL of the graphic in one format, as the server renders it from the same filter and options. */
export function graphicUrl(spec: GraphicSpec, format: GraphicFormat, opts: { download?: boolean } = {}): string {
  const common = { q: spec.q, measure: spec.measure, kind: spec.kind, size: spec.size, title: spec.title || undefined, download: opts.download ? true : undefined };
  if (spec.graphic === 'chart') return `/api/chart.${format}${qs({ ...common, by: spec.by })}`;
  return `/api/map.${format}${qs({ ...common, by: spec.kind === 'choropleth' ? spec.by : undefined })}`;
}
