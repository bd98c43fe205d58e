// Writes a graphic in the format its file name asks for: .svg, .png, .html, .vl.json or .csv.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { embedHtml } from './embed.js';
import { svgToPng } from './png.js';
import type { Theme } from './theme.js';
import type { Graphic } from './types.js';

export const GRAPHIC_FORMATS = ['.svg', '.png', '.html', '.vl.json', '.csv'] as const;
export type GraphicFormat = (typeof GRAPHIC_FORMATS)[number];

export function formatOf(file: string): GraphicFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.htm')) return '.html';
  const format = GRAPHIC_FORMATS.find((ext) => lower.endsWith(ext));
  if (!format) throw new Error(`cannot tell the format of "${file}": end it with ${GRAPHIC_FORMATS.join(', ')}`);
  return format;
}

/** The bytes of a graphic in one format. */
export function encodeGraphic(graphic: Graphic, format: GraphicFormat, options: { scale?: number; theme?: Theme } = {}): Buffer {
  switch (format) {
    case '.svg':
      return Buffer.from(graphic.svg, 'utf8');
    case '.png':
      return svgToPng(graphic.svg, options);
    case '.html':
      return Buffer.from(embedHtml(graphic), 'utf8');
    case '.csv':
      return Buffer.from(graphic.csv, 'utf8');
    case '.vl.json':
      if (!graphic.spec) throw new Error('a map has no Vega-Lite specification: write .svg, .png, .html or .csv');
      return Buffer.from(JSON.stringify(graphic.spec, null, 2) + '\n', 'utf8');
  }
}

/** Writes the graphic to `file`, creating its folder; returns the number of bytes written. */
export function writeGraphic(graphic: Graphic, file: string, options: { scale?: number; theme?: Theme } = {}): number {
  const bytes = encodeGraphic(graphic, formatOf(file), options);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return bytes.length;
}
