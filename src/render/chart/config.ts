// The Vega-Lite config that carries the house style into every chart.
import type { Config } from 'vega-lite';
import { fontStack } from '../theme.js';
import type { Size, Theme } from '../theme.js';

export function chartConfig(theme: Theme, size: Size): Config {
  const c = theme.colors;
  const font = fontStack(theme);
  return {
    background: null as unknown as string, // the frame paints the background
    padding: 0,
    font,
    view: { stroke: null },
    axis: {
      labelFont: font,
      labelFontSize: size.label,
      labelColor: c.muted,
      titleFont: font,
      titleFontSize: size.label,
      titleColor: c.muted,
      titleFontWeight: 'normal',
      gridColor: c.grid,
      domainColor: c.axis,
      tickColor: c.axis,
      labelPadding: 4,
    },
    axisX: { grid: false, tickSize: 4, labelFlush: true, labelOverlap: true },
    axisY: { domain: false, ticks: false, labelPadding: 6, tickCount: 5 },
    axisBand: { tickSize: 0, labelPadding: 6 },
    legend: {
      orient: 'top',
      direction: 'horizontal',
      title: null,
      labelFont: font,
      labelFontSize: size.label,
      labelColor: c.text,
      symbolType: 'square',
      symbolSize: size.label * size.label,
      columnPadding: 12,
      offset: 10,
      labelLimit: size.width / 2,
    },
    header: {
      labelFont: font,
      labelFontSize: size.label + 1,
      labelFontWeight: 'bold',
      labelColor: c.text,
      labelAnchor: 'start',
      labelPadding: 6,
      title: null,
    },
    facet: { spacing: 16 },
    range: { category: c.categorical },
    bar: { color: c.accent },
    line: { color: c.accent, strokeWidth: 2 },
    area: { color: c.accent },
    point: { color: c.accent, filled: true },
    rule: { color: c.range },
    text: { font, fontSize: size.label, color: c.text },
  };
}
