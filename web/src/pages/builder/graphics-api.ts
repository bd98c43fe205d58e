// The chart and map endpoints (GET /api/chart.FORMAT, /api/map.FORMAT) and publishing (POST /api/embeds):
// the one place the builder names them.
import { qs, sendJson } from '../../api/client.js';
import type { ChartKind } from '../../../../src/render/chart/kinds.js';
import type { MapKind } from '../../../../src/render/map/render.js';

export const CHART_KINDS: readonly ChartKind[] = ['bar', 'line', 'stacked', 'ranked', 'cumulative', 'step', 'multiples'];
export const MAP_KINDS: readonly MapKind[] = ['points', 'hexbin', 'choropleth'];
export const SIZES = ['mobile', 'desktop', 'wide'] as const;
/** What the builder offers to save: the graphic three ways, and the numbers behind it. */
export const EXPORTS = [
  { format: 'svg', label: 'SVG' },
  { format: 'png', label: 'PNG' },
  { format: 'html', label: 'HTML (self-contained)' },
  { format: 'csv', label: 'Data (CSV)' },
] as const;
export type GraphicFormat = 'svg' | 'png' | 'html' | 'csv';

export interface GraphicSpec {
  graphic: 'chart' | 'map';
  q: string;
  measure: string;
  by: string;
  kind: string;
  size: string;
  title: string;
}

/** Only a chart and a choropleth split by a key. */
export const splits = (spec: Pick<GraphicSpec, 'graphic' | 'kind'>) => spec.graphic === 'chart' || spec.kind === 'choropleth';

function params(spec: GraphicSpec) {
  return { q: spec.q, measure: spec.measure, kind: spec.kind, size: spec.size, title: spec.title || undefined, by: splits(spec) ? spec.by : undefined };
}

/** The URL of the graphic in one format, drawn by the server from the same filter and options. */
export function graphicUrl(spec: GraphicSpec, format: GraphicFormat, opts: { download?: boolean } = {}): string {
  return `/api/${spec.graphic}.${format}${qs({ ...params(spec), download: opts.download ? true : undefined })}`;
}

export interface Embed {
  id: string;
  title: string;
  url: string;
  snippet: string;
}

/** Freezes the graphic as published HTML at /embed/ID; later imports do not change what readers see. */
export function publish(spec: GraphicSpec): Promise<Embed> {
  const p = params(spec);
  return sendJson<Embed>('POST', '/api/embeds', { graphic: spec.graphic, q: p.q, measure: p.measure, kind: p.kind, size: p.size, ...(p.title ? { title: p.title } : {}), ...(p.by ? { by: p.by } : {}) });
}
