// The ground under the data: water, hatched sea areas, land, countries (the focus one lighter), borders and names.
import { escapeXml } from '../escape.js';
import type { Theme } from '../theme.js';
import { textWidth } from '../text-width.js';
import { thinPath } from './projection.js';
import type { View } from './projection.js';
import type { Region } from './regions.js';
import type { SeaArea } from './seas.js';
import { clipToBox } from './clip.js';
import { containsPlanar } from './regions.js';
import { boundsOverlap, countries } from './world.js';
import type { Area, Bounds, Country, Resolution } from './world.js';

export interface BasemapInput {
  view: View;
  theme: Theme;
  resolution: Resolution;
  focus: string | null;
  seas: SeaArea[];
}

export function countriesInView(view: View, resolution: Resolution): Country[] {
  return countries(resolution).filter((c) => boundsOverlap(c.bounds, view.bounds));
}

/** The view's box with a margin, to cut features to before projecting them. */
function cutBox(view: View): Bounds {
  const [[w, s], [e, n]] = view.bounds;
  const mx = Math.max(1, (e - w) * 0.1), my = Math.max(1, (n - s) * 0.1);
  return [[Math.max(-180, w - mx), Math.max(-89, s - my)], [Math.min(180, e + mx), Math.min(89, n + my)]];
}

/** A <path> for a feature, or nothing when the feature lies outside the view. */
export function pathOf(view: View, feature: Area, attrs: string): string {
  const cut = clipToBox(feature, cutBox(view));
  const d = cut ? view.path(cut) : null;
  return d ? `<path d="${thinPath(d)}" ${attrs}/>` : '';
}

const HATCH_ID = 'sea-hatch';

/** Water, hatched sea areas and land, below everything else. */
export function basemapUnder(input: BasemapInput): string {
  const { view, theme, resolution } = input;
  const m = theme.map;
  const parts = [`<rect width="${view.width}" height="${view.height}" fill="${m.water}"/>`];
  if (input.seas.length) {
    parts.push(
      `<defs><pattern id="${HATCH_ID}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">` +
        `<line x1="0" y1="0" x2="0" y2="6" stroke="${m.seaHatch}" stroke-width="1.2"/></pattern></defs>`,
    );
    const outlines = [...new Set(input.seas.map((s) => s.feature))];
    // Land is drawn over the hatching, so a coarse outline never shows on shore.
    parts.push(`<g class="sea-areas">${outlines.map((f) => pathOf(view, f, `fill="url(#${HATCH_ID})"`)).join('')}</g>`);
  }
  // Countries cover the land; only those in view are cut, projected and drawn.
  const inView = countriesInView(view, resolution);
  const fill = (c: Country) => (c.iso3 !== null && c.iso3 === input.focus ? m.focus : m.land);
  // Each country's fill carries its border, so no outline is written twice.
  parts.push(`<g class="land" stroke="${m.border}" stroke-width="0.8">${inView.map((c) => pathOf(view, c.feature, `fill="${fill(c)}"`)).join('')}</g>`);
  return parts.join('');
}

/** Country borders (and the focus country's outline, and region outlines) over the data fills. */
export function basemapOver(input: BasemapInput, regions: Region[]): string {
  const { view, theme, resolution } = input;
  const m = theme.map;
  const inView = countriesInView(view, resolution);
  const parts: string[] = [];
  if (regions.length) {
    parts.push(`<g class="regions" fill="none" stroke="${m.admin}" stroke-width="0.6">${regions.map((r) => pathOf(view, r.feature, `data-name="${escapeXml(r.name)}"`)).join('')}</g>`);
  }
  const focus = inView.filter((c) => c.iso3 !== null && c.iso3 === input.focus);
  if (focus.length) parts.push(`<g class="focus-outline" fill="none" stroke="${m.focusBorder}" stroke-width="1">${focus.map((c) => pathOf(view, c.feature, '')).join('')}</g>`);
  return parts.join('');
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Names of the neighbouring countries, where enough of them is in view, clear of the focus country and of `avoid`. */
export function countryLabels(input: BasemapInput, fontSize: number, avoid: Box[]): string {
  const focus = input.focus ? countriesInView(input.view, input.resolution).find((c) => c.iso3 === input.focus) : undefined;
  const { view, theme, resolution } = input;
  const minArea = view.width * view.height * 0.015;
  const labels: string[] = [];
  for (const c of countriesInView(view, resolution)) {
    if (c.iso3 === input.focus) continue;
    const cut = clipToBox(c.feature, cutBox(view));
    if (!cut || view.path.area(cut) < minArea) continue;
    const [x, y] = view.path.centroid(cut);
    const text = c.name.toUpperCase();
    const w = textWidth(text, fontSize) * 1.08;
    if (!(x - w / 2 > 4 && x + w / 2 < view.width - 4 && y > fontSize && y < view.height - 4)) continue;
    const box = { x: x - w / 2, y: y - fontSize, w, h: fontSize * 1.3 };
    if (avoid.some((a) => overlaps(a, box))) continue;
    const corners: [number, number][] = [[box.x, box.y], [box.x + w, box.y], [x, y], [box.x, y], [box.x + w, y]];
    if (focus && corners.some((c) => containsPlanar(focus.feature, ...(view.projection.invert!(c) as [number, number])))) continue;
    labels.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="middle" letter-spacing="0.08em">${escapeXml(text)}</text>`);
  }
  return labels.length ? `<g class="country-labels" font-size="${fontSize}" fill="${theme.map.countryLabel}">${labels.join('')}</g>` : '';
}

/** Names of the sea areas shown, in italics above the points gathered at their anchors. */
export function seaLabels(view: View, seas: SeaArea[], theme: Theme, fontSize: number, spread: Map<string, number>): string {
  const labels = seas
    .map((s) => {
      const p = view.projection(s.anchor);
      if (!p) return '';
      const w = textWidth(s.name, fontSize);
      const x = Math.min(Math.max(p[0], w / 2 + 4), view.width - w / 2 - 4);
      const y = Math.min(Math.max(p[1] - (spread.get(s.name) ?? 0) - 6, fontSize + 2), view.height - 4);
      return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="middle">${escapeXml(s.name)}</text>`;
    })
    .join('');
  return labels ? `<g class="sea-labels" font-size="${fontSize}" font-style="italic" fill="${theme.map.seaLabel}">${labels}</g>` : '';
}
