// The map legend: rows of keyed items (colour swatches, sized circles, the approximate-position symbol) that wrap to the width.
import { escapeXml } from '../escape.js';
import type { Block } from '../frame.js';
import { textWidth } from '../text-width.js';
import type { Size, Theme } from '../theme.js';

export type LegendItem =
  | { kind: 'swatch'; color: string; label: string }
  | { kind: 'circle'; radius: number; label: string }
  | { kind: 'hollow'; color: string; radius: number; label: string };

export interface LegendRow {
  title?: string;
  items: LegendItem[];
}

function symbolWidth(item: LegendItem, size: Size): number {
  return item.kind === 'swatch' ? size.label : 2 * item.radius;
}

function symbol(item: LegendItem, x: number, mid: number, size: Size, theme: Theme): string {
  if (item.kind === 'swatch') {
    return `<rect x="${x}" y="${(mid - size.label / 2).toFixed(1)}" width="${size.label}" height="${size.label}" fill="${item.color}" stroke="${theme.colors.axis}" stroke-width="0.4"/>`;
  }
  const cx = (x + item.radius).toFixed(1);
  if (item.kind === 'circle') {
    return `<circle cx="${cx}" cy="${mid.toFixed(1)}" r="${item.radius.toFixed(1)}" fill="${theme.colors.muted}" fill-opacity="0.5" stroke="${theme.colors.background}" stroke-width="0.7"/>`;
  }
  return `<circle cx="${cx}" cy="${mid.toFixed(1)}" r="${item.radius.toFixed(1)}" fill="none" stroke="${item.color}" stroke-width="1.6" stroke-dasharray="3 2"/>`;
}

export function legendBlock(rows: LegendRow[], width: number, size: Size, theme: Theme): Block | undefined {
  const parts: string[] = [];
  const fs = size.label;
  let y = 0;
  for (const row of rows) {
    if (!row.items.length) continue;
    let x = 0;
    let lineHeight = Math.max(fs * 1.4, ...row.items.map((i) => (i.kind === 'swatch' ? 0 : 2 * i.radius + 4)));
    const line: string[] = [];
    const flush = () => {
      parts.push(...line);
      line.length = 0;
      y += lineHeight + 4;
      x = 0;
    };
    if (row.title) {
      line.push(`<text x="0" y="${(y + lineHeight / 2 + fs * 0.35).toFixed(1)}" font-size="${fs}" fill="${theme.colors.muted}">${escapeXml(row.title)}</text>`);
      x = textWidth(row.title, fs) + 8;
    }
    for (const item of row.items) {
      const w = symbolWidth(item, size) + 5 + textWidth(item.label, fs);
      if (x > 0 && x + w > width) {
        flush();
        lineHeight = Math.max(fs * 1.4, 2 * ('radius' in item ? item.radius : 0) + 4);
      }
      const mid = y + lineHeight / 2;
      line.push(symbol(item, x, mid, size, theme));
      line.push(`<text x="${(x + symbolWidth(item, size) + 5).toFixed(1)}" y="${(mid + fs * 0.35).toFixed(1)}" font-size="${fs}" fill="${theme.colors.text}">${escapeXml(item.label)}</text>`);
      x += w + 14;
    }
    flush();
  }
  if (!parts.length) return undefined;
  return { content: `<g class="legend">${parts.join('')}</g>`, width, height: Math.ceil(y - 4) };
}
