// Key events on a time axis: a dashed rule and a label ("26 Aug: Kabul airport bombing"), labels stacked so they never overlap.
import { formatDate } from '../format.js';
import { textWidth } from '../text-width.js';
import type { Size, Theme } from '../theme.js';
import type { Annotation } from '../types.js';

interface Placed {
  date: string;
  text: string;
  align: 'left' | 'right';
  ypx: number;
}

export interface AnnotationLayers {
  layers: Record<string, unknown>[];
  /** Pixels at the top of the plot the labels take. */
  reserved: number;
}

/** The layers for annotations inside [start, end), given the plot width they are laid out in. */
export function annotationLayers(annotations: Annotation[], domain: [string, string], plotWidth: number, size: Size, theme: Theme): AnnotationLayers {
  const t0 = Date.parse(domain[0]);
  const t1 = Date.parse(domain[1]);
  const multiYear = t1 - t0 > 400 * 86_400_000;
  const lineHeight = size.small + 4;
  const rows: [number, number][][] = [];
  const placed: Placed[] = [];
  const sorted = [...annotations].filter((a) => /^\d{4}-\d{2}-\d{2}$/.test(a.date)).sort((a, b) => a.date.localeCompare(b.date));
  for (const a of sorted) {
    const t = Date.parse(a.date);
    if (!(t >= t0 && t < t1)) continue;
    const text = `${formatDate(a.date, multiYear ? 'short' : 'day-month')}: ${a.label}`;
    const x = ((t - t0) / (t1 - t0)) * plotWidth;
    const w = textWidth(text, size.small) + 4;
    const align = x + w <= plotWidth || x - w < 0 ? 'left' : 'right';
    const span: [number, number] = align === 'left' ? [x, x + w] : [x - w, x];
    let row = rows.findIndex((r) => r.every(([a0, a1]) => span[1] + 6 < a0 || span[0] - 6 > a1));
    if (row === -1) row = rows.push([]) - 1;
    rows[row]!.push(span);
    placed.push({ date: a.date, text, align, ypx: row * lineHeight });
  }
  if (!placed.length) return { layers: [], reserved: 0 };

  const x = { field: 'date', type: 'temporal', scale: { type: 'utc' } };
  const color = theme.colors.annotation;
  const rule = {
    data: { values: placed },
    mark: { type: 'rule', strokeDash: [3, 3], color, strokeWidth: 1 },
    encoding: { x },
  };
  const labels = (['left', 'right'] as const)
    .filter((align) => placed.some((p) => p.align === align))
    .map((align) => ({
      data: { values: placed.filter((p) => p.align === align) },
      mark: { type: 'text', align, baseline: 'top', dx: align === 'left' ? 4 : -4, fontSize: size.small, color },
      encoding: { x, y: { field: 'ypx', type: 'quantitative', scale: null }, text: { field: 'text' } },
    }));
  return { layers: [rule, ...labels], reserved: rows.length * lineHeight + 4 };
}
