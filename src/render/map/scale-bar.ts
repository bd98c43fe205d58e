// A scale bar of a round distance, measured at the map's centre (Mercator stretches towards the poles).
import { geoDistance } from 'd3-geo';
import type { Theme } from '../theme.js';
import type { View } from './projection.js';

const EARTH_KM = 6371.0088;

/** The largest 1, 2 or 5 × 10ⁿ not above x. */
function roundDown(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  const m = x / power;
  return (m >= 5 ? 5 : m >= 2 ? 2 : 1) * power;
}

/** Kilometres per pixel across the middle of the map. */
export function kmPerPixel(view: View): number {
  const cx = view.width / 2, cy = view.height / 2, half = Math.min(50, view.width / 4);
  const a = view.projection.invert!([cx - half, cy])!;
  const b = view.projection.invert!([cx + half, cy])!;
  return (geoDistance(a, b) * EARTH_KM) / (2 * half);
}

export function scaleBar(view: View, theme: Theme, fontSize: number, corner: 'left' | 'right'): { svg: string; km: number } {
  const perPx = kmPerPixel(view);
  const km = roundDown(view.width * 0.2 * perPx);
  const px = km / perPx;
  const x0 = corner === 'left' ? 10 : view.width - 10 - px;
  const y = view.height - 10;
  const label = `${km.toLocaleString('en-GB')} km`;
  const color = theme.colors.text;
  const svg = `<g class="scale-bar" fill="none" stroke="${color}" stroke-width="1.2">` +
    `<path d="M${x0.toFixed(1)},${(y - 4).toFixed(1)}V${y}H${(x0 + px).toFixed(1)}V${(y - 4).toFixed(1)}"/>` +
    `<text x="${(x0 + px / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" font-size="${fontSize}" fill="${color}" stroke="${theme.colors.background}" stroke-width="3" stroke-linejoin="round" paint-order="stroke">${label}</text></g>`;
  return { svg, km };
}
