// Snapshot SVGs under test/output/: written when missing (delete one to renew it), compared byte for byte otherwise.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

export function expectSnapshot(name: string, svg: string): void {
  const file = new URL(`../output/${name}`, import.meta.url);
  if (!existsSync(file)) {
    writeFileSync(file, svg);
    return;
  }
  expect(svg, `differs from test/output/${name}`).toBe(readFileSync(file, 'utf8'));
}

/** The markup of the Vega mark group with this name (bars_marks, lines_marks…). */
export function markGroup(svg: string, name: string): string {
  const start = svg.indexOf(`role-mark ${name}"`);
  if (start < 0) return '';
  return svg.slice(start, svg.indexOf('</g>', start));
}

export function count(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))?.length ?? 0;
}

/** The text of an SVG, as a reader sees it: tags dropped, wrapped lines joined. */
export function words(svg: string): string {
  return svg.replace(/<title[^>]*>[^<]*<\/title>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}
