// The frame around every chart and map: title, subtitle, legend, the graphic, notes, source and byline.
import { escapeXml } from './escape.js';
import { wrapText } from './text-width.js';
import { fontStack } from './theme.js';
import type { Size, Theme } from './theme.js';

/** A block of SVG markup of known size, drawn with its top-left corner at the origin. */
export interface Block {
  content: string;
  width: number;
  height: number;
}

export interface FrameInput {
  theme: Theme;
  size: Size;
  title?: string;
  subtitle?: string;
  legend?: Block;
  body: Block;
  notes: string[];
  source: string[];
  byline?: string;
  altText: string;
  idPrefix: string;
}

const ASCENT = 0.93; // DejaVu Sans ascender, as a share of the font size
const LEADING = 1.25;

interface TextStyle {
  size: number;
  color: string;
  bold?: boolean;
  italic?: boolean;
}

/** Wrapped lines of text as SVG, and the height they take. */
function paragraph(text: string, x: number, y: number, width: number, style: TextStyle): { svg: string; height: number } {
  const lines = wrapText(text, width, style.size, style.bold);
  const attrs = `font-size="${style.size}" fill="${style.color}"${style.bold ? ' font-weight="bold"' : ''}${style.italic ? ' font-style="italic"' : ''}`;
  const svg = lines
    .map((line, i) => `<text x="${x}" y="${round(y + style.size * ASCENT + i * style.size * LEADING)}" ${attrs}>${escapeXml(line)}</text>`)
    .join('');
  return { svg, height: lines.length * style.size * LEADING };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** A short stable id prefix from the graphic's text, so two graphics on one page keep apart their clip paths. */
export function idPrefixFor(...texts: string[]): string {
  let h = 0x811c9dc5;
  for (const ch of texts.join('\u0000')) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return `gt${h.toString(36)}`;
}

/** Gives every id (and the references to it) in an SVG fragment a prefix. */
export function prefixIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${prefix}-${id}"`);
}

/** Composes the full SVG document of a graphic. */
export function frame(input: FrameInput): { svg: string; width: number; height: number } {
  const { theme, size } = input;
  const pad = size.padding;
  const width = size.width;
  const inner = width - 2 * pad;
  const parts: string[] = [];
  let y = pad;

  if (input.title) {
    const t = paragraph(input.title, pad, y, inner, { size: size.title, color: theme.colors.text, bold: true });
    parts.push(`<g class="gt-title">${t.svg}</g>`);
    y += t.height + 2;
  }
  if (input.subtitle) {
    const s = paragraph(input.subtitle, pad, y, inner, { size: size.subtitle, color: theme.colors.muted });
    parts.push(`<g class="gt-subtitle">${s.svg}</g>`);
    y += s.height;
  }
  if (input.title || input.subtitle) y += size.label;
  if (input.legend) {
    parts.push(`<g class="gt-legend" transform="translate(${pad},${round(y)})">${input.legend.content}</g>`);
    y += input.legend.height + size.label * 0.5;
  }
  // A body wider than the frame (facets size themselves) is scaled down rather than cut off.
  const scale = input.body.width > inner + 0.5 ? inner / input.body.width : 1;
  const scaling = scale === 1 ? '' : ` scale(${Math.round(scale * 10000) / 10000})`;
  parts.push(`<g class="gt-body" transform="translate(${pad},${round(y)})${scaling}">${input.body.content}</g>`);
  y += input.body.height * scale + size.label;

  const small: TextStyle = { size: size.small, color: theme.colors.muted };
  const footer: string[] = [];
  for (const note of input.notes) {
    const n = paragraph(note, pad, y, inner, small);
    footer.push(n.svg);
    y += n.height;
  }
  for (const line of input.source) {
    const s = paragraph(line, pad, y, inner, small);
    footer.push(s.svg);
    y += s.height;
  }
  if (input.byline) {
    const b = paragraph(input.byline, pad, y, inner, { ...small, italic: true });
    footer.push(b.svg);
    y += b.height;
  }
  if (footer.length) parts.push(`<g class="gt-footer">${footer.join('')}</g>`);
  const height = Math.ceil(y + pad);

  const id = input.idPrefix;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${escapeXml(fontStack(theme))}">` +
    `<title id="${id}-title">${escapeXml(input.title ?? '')}</title><desc id="${id}-desc">${escapeXml(input.altText)}</desc>` +
    `<rect width="${width}" height="${height}" fill="${theme.colors.background}"/>` +
    parts.join('') +
    `</svg>`;
  return { svg, width, height };
}
