// A breakdown → a framed chart: Vega-Lite spec, SVG rendered in Node, the data as CSV.
import type { TopLevelSpec } from 'vega-lite';
import { toCsv } from '../csv.js';
import { byName, capitalize, measureName } from '../format.js';
import { frame, idPrefixFor, prefixIds } from '../frame.js';
import { sourceLines } from '../provenance.js';
import { breakdownTable } from '../table.js';
import { defaultTheme, resolveSize } from '../theme.js';
import type { SizeName, Theme } from '../theme.js';
import type { Annotation, Breakdown, Graphic, GraphicText } from '../types.js';
import { chartAltText } from './alt.js';
import { chartConfig } from './config.js';
import type { ChartContext } from './context.js';
import { chartData } from './data.js';
import { CHART_KINDS, KIND_BUILDERS } from './kinds.js';
import type { ChartKind } from './kinds.js';
import { renderVegaLite } from './vega.js';

export type ChartInput = Breakdown;

export interface ChartOptions extends GraphicText {
  kind: ChartKind;
  /** 'mobile' (360 px), 'desktop' (640 px), 'wide' (960 px) or a width in pixels. */
  size?: SizeName | number;
  theme?: Theme;
  annotations?: Annotation[];
  /** What "units" counts, e.g. "vessels". */
  unitName?: string;
  /** Ranked bars: how many to show (default 15). */
  limit?: number;
  /** Small multiples: panels per row (default: as many as fit). */
  columns?: number;
  /** Height of the plot area in pixels (default from the size). */
  plotHeight?: number;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export async function renderChart(input: ChartInput, options: ChartOptions): Promise<Graphic> {
  if (!CHART_KINDS.includes(options.kind)) throw new Error(`unknown chart kind "${options.kind}" (one of ${CHART_KINDS.join(', ')})`);
  const theme = options.theme ?? defaultTheme();
  const size = resolveSize(theme, options.size);
  const unit = measureName(input.measure, options.unitName);
  const data = chartData(input, options.unitName);
  if (!data.length) throw new Error('nothing to chart: the breakdown has no rows');
  const ctx: ChartContext = {
    breakdown: input,
    data,
    theme,
    size,
    innerWidth: size.width - 2 * size.padding,
    plotHeight: options.plotHeight ?? size.plotHeight,
    valueTitle: capitalize(unit),
    unit,
    annotations: options.annotations ?? [],
    limit: options.limit ?? 15,
    columns: options.columns,
  };
  const kind = KIND_BUILDERS[options.kind](ctx);

  const title = options.title ?? `${capitalize(unit)} by ${byName(input.by)}`;
  const altText = chartAltText(options.kind, input, data, unit);
  const notes = [...(options.notes ?? []), ...kind.notes];
  const source = sourceLines(options.provenance);
  const sizing = kind.fixedWidth
    ? {}
    : { width: ctx.innerWidth, height: kind.height ?? ctx.plotHeight, autosize: { type: 'fit-x', contains: 'padding' } };
  const body = { ...sizing, ...kind.spec, config: chartConfig(theme, size) };
  // The exported spec carries the whole text; the frame draws title and footer, so Vega renders the body only.
  const spec = {
    $schema: SCHEMA,
    title: { text: title, ...(options.subtitle ? { subtitle: options.subtitle } : {}), anchor: 'start' },
    description: altText,
    usermeta: { notes, source, byline: options.byline ?? null },
    ...body,
  } as unknown as TopLevelSpec;
  const rendered = await renderVegaLite(body as unknown as TopLevelSpec);

  const idPrefix = idPrefixFor(title, altText, options.kind, String(size.width));
  const framed = frame({
    theme,
    size,
    title,
    subtitle: options.subtitle,
    body: { ...rendered, content: prefixIds(rendered.content, idPrefix) },
    notes,
    source,
    byline: options.byline,
    altText,
    idPrefix,
  });
  const table = breakdownTable(input);
  return {
    kind: 'chart',
    svg: framed.svg,
    width: framed.width,
    height: framed.height,
    title,
    description: [options.subtitle, ...notes].filter(Boolean).join(' '),
    altText,
    table,
    csv: toCsv(table),
    spec,
  };
}
