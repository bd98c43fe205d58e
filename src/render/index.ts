// Publication graphics: charts (Vega-Lite → SVG), maps (d3-geo → SVG), PNG, self-contained HTML embeds.
export * from './types.js';
export { renderChart } from './chart/render.js';
export type { ChartInput, ChartOptions } from './chart/render.js';
export { CHART_KINDS } from './chart/kinds.js';
export type { ChartKind } from './chart/kinds.js';
export { loadTheme, defaultTheme, themeSchema } from './theme.js';
export type { Theme, SizeName } from './theme.js';
export { escapeXml } from './escape.js';
export { toCsv } from './csv.js';
