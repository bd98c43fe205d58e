// Vega-Lite spec → SVG in Node, with no browser and no canvas.
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { textWidth } from '../text-width.js';
import type { Block } from '../frame.js';

interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
}

type Metrics = { width: (item: TextItem, text?: unknown) => number };

// Without a canvas Vega guesses 0.8 em per character; DejaVu Sans' real widths give tighter, truer layout.
function useHouseMetrics(): void {
  const metrics = (vega as unknown as { textMetrics: Metrics }).textMetrics;
  metrics.width = (item, text) => {
    const value = text ?? item.text;
    const line = Array.isArray(value) ? value.join(' ') : String(value ?? '');
    const bold = item.fontWeight === 'bold' || (typeof item.fontWeight === 'number' && item.fontWeight >= 600);
    return textWidth(line.trim(), item.fontSize ?? 11, bold);
  };
}
useHouseMetrics();

/** The markup inside an <svg> element and its size. */
export function unwrapSvg(svg: string): Block {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('not an SVG document');
  const width = Number(/\bwidth="([\d.]+)"/.exec(open[0])?.[1] ?? NaN);
  const height = Number(/\bheight="([\d.]+)"/.exec(open[0])?.[1] ?? NaN);
  const content = svg.slice(open[0].length, svg.lastIndexOf('</svg>'));
  return { content, width, height };
}

/** Renders a Vega-Lite spec to an SVG block (its markup without the outer <svg>). */
export async function renderVegaLite(spec: TopLevelSpec): Promise<Block> {
  vega.resetSVGDefIds(); // clip ids start at 1 each time, so the same chart gives the same SVG
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return unwrapSvg(await view.toSVG());
  } finally {
    view.finalize();
  }
}
