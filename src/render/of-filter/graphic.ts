// A chart or a map of a filter, in the format asked for: the analysis answers, drawn by render.
import { breakdown } from '../../analysis/breakdown.js';
import { MEASURES, type Measure } from '../../analysis/measures.js';
import { CHART_KINDS, type ChartKind } from '../chart/kinds.js';
import { renderChart } from '../chart/render.js';
import { MAP_KINDS, renderMap } from '../map/render.js';
import type { BoundariesInput } from '../map/regions.js';
import type { Annotation, Graphic } from '../types.js';
import { encodeGraphic, type GraphicFormat } from '../write.js';
import type { SizeName } from '../theme.js';
import type { Store } from '../../store/store.js';
import { badGraphic } from './error.js';
import { breakdownFor, chartKeys, provenanceOf } from './from-analysis.js';
import { MAX_POINTS, mapPoints } from './map-points.js';

export const FORMATS = ['svg', 'png', 'html', 'vl.json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];
export const SIZES = ['mobile', 'desktop', 'wide'] as const;

export const CONTENT_TYPES: Record<Format, string> = {
  svg: 'image/svg+xml; charset=utf-8',
  png: 'image/png',
  html: 'text/html; charset=utf-8',
  'vl.json': 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export interface GraphicRequest {
  graphic: 'chart' | 'map';
  q: string;
  measure: Measure;
  kind: string;
  by?: string;
  size: (typeof SIZES)[number];
  title?: string;
  subtitle?: string;
  top?: number;
  /** The country a map is about (ISO alpha-3 or a name): framed, its provinces drawn when known. */
  country?: string;
  /** Key events marked on a chart. */
  annotations?: Annotation[];
  /** A map's admin boundaries for a country other than Afghanistan (whose provinces ship). */
  boundaries?: BoundariesInput;
  /** A choropleth per head: population by region name. */
  population?: Record<string, number>;
}

export { CHART_KINDS, MAP_KINDS, MEASURES };

export async function makeGraphic(store: Pick<Store, 'db' | 'engine'>, r: GraphicRequest): Promise<Graphic> {
  const text = { title: r.title, subtitle: r.subtitle, provenance: await provenanceOf(store, r.q, r.measure) };
  const size = r.size as SizeName;
  try {
    if (r.graphic === 'chart') {
      if (!(CHART_KINDS as readonly string[]).includes(r.kind)) throw badGraphic(`option "kind": a chart is one of ${CHART_KINDS.join(', ')}`, 'kind');
      const keys = chartKeys(r.by ?? 'month');
      if ((r.kind === 'stacked' || r.kind === 'multiples') && !keys.series) throw badGraphic(`option "by": a ${r.kind} chart needs a time key and a series key, e.g. month,actor1`, 'by');
      return await renderChart(await breakdownFor(store, r.q, keys, r.measure, r.top), { kind: r.kind as ChartKind, size, annotations: r.annotations, ...text });
    }
    if (!(MAP_KINDS as readonly string[]).includes(r.kind)) throw badGraphic(`option "kind": a map is one of ${MAP_KINDS.join(', ')}`, 'kind');
    const country = { ...(r.country ? { country: r.country } : {}), ...(r.boundaries ? { boundaries: r.boundaries } : {}) };
    if (r.kind === 'choropleth') {
      const by = r.by ?? 'admin1';
      if (by !== 'admin1' && by !== 'country') throw badGraphic('option "by": a choropleth fills admin1 areas or countries', 'by');
      const focus = by === 'admin1' && !r.country ? { country: await onlyCountry(store, r.q) } : country;
      return renderMap({ kind: 'choropleth', breakdown: await breakdownFor(store, r.q, { by, series: null }, r.measure) }, { size, ...focus, ...(r.boundaries ? { boundaries: r.boundaries } : {}), ...(r.population ? { population: r.population } : {}), ...text });
    }
    const { points, truncated } = await mapPoints(store, r.q);
    const notes = truncated ? [`Only the first ${MAX_POINTS.toLocaleString('en-GB')} events are drawn: narrow the filter, or draw a hex-bin map.`] : undefined;
    const measure = r.measure === 'events' ? 'events' : 'fatalities';
    return renderMap(r.kind === 'hexbin' ? { kind: 'hexbin', points, measure } : { kind: 'points', points: points }, { size, notes, ...country, ...text });
  } catch (err) {
    // Render refuses what it cannot draw (nothing to chart, no boundaries for a country): the request's fault.
    if (err instanceof Error && err.name === 'Error' && /^(nothing to chart|no \w+ boundaries|unknown country)/.test(err.message)) throw badGraphic(err.message);
    throw err;
  }
}

/** The one country a filter's events are in: a map of admin1 areas is a map of one country. */
async function onlyCountry(store: Pick<Store, 'db' | 'engine'>, q: string): Promise<string> {
  const b = await breakdown(store, q, { by: ['country'], measure: 'events' });
  const codes = b.rows.map((r) => r.keys.country).filter((c): c is string => !!c);
  if (codes.length !== 1) throw badGraphic(`option "country": a map of admin1 areas shows one country, and this filter's events are in ${codes.length === 0 ? 'none' : codes.length}: add country:… to the filter or give country`, 'country');
  return codes[0]!;
}

export function encode(graphic: Graphic, format: Format): Buffer {
  if (format === 'vl.json' && !graphic.spec) throw badGraphic('a map has no Vega-Lite specification: ask for svg, png, html or csv', 'format');
  return encodeGraphic(graphic, `.${format}` as GraphicFormat);
}
