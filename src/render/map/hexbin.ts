// Hex-bin density: points binned on a hexagonal grid in projected pixels (pointy-top, axial coordinates).
import { escapeXml } from '../escape.js';
import { formatNumber } from '../format.js';
import type { Theme } from '../theme.js';
import { classOf, colorClasses } from './classes.js';
import type { ColorClass } from './classes.js';
import type { PlacedPoint } from './placement.js';
import type { View } from './projection.js';

export interface HexBin {
  x: number;
  y: number;
  events: number;
  fatalities: number;
}

/** Bins points by the hexagon (of circumradius `radius`) their projected position falls in. */
export function hexbin(xy: { x: number; y: number; fatalities: number }[], radius: number): HexBin[] {
  const w = Math.sqrt(3) * radius;
  const bins = new Map<string, HexBin>();
  for (const p of xy) {
    // Fractional axial coordinates, rounded through cube coordinates to the nearest hexagon.
    const q = ((Math.sqrt(3) / 3) * p.x - p.y / 3) / radius;
    const r = ((2 / 3) * p.y) / radius;
    let rq = Math.round(q), rr = Math.round(r);
    const rs = Math.round(-q - r);
    const dq = Math.abs(rq - q), dr = Math.abs(rr - r), ds = Math.abs(rs - (-q - r));
    if (dq > dr && dq > ds) rq = -rr - rs;
    else if (dr > ds) rr = -rq - rs;
    const key = `${rq},${rr}`;
    const bin = bins.get(key) ?? { x: w * (rq + rr / 2), y: 1.5 * radius * rr, events: 0, fatalities: 0 };
    bin.events += 1;
    bin.fatalities += p.fatalities;
    bins.set(key, bin);
  }
  return [...bins.values()].sort((a, b) => a.y - b.y || a.x - b.x);
}

function hexagon(radius: number): string {
  const corners = Array.from({ length: 6 }, (_, i) => {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    return [radius * Math.cos(a), radius * Math.sin(a)] as const;
  });
  return `M${corners.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join('L')}Z`;
}

export interface HexLayer {
  svg: string;
  classes: ColorClass[];
  bins: HexBin[];
}

export function hexLayer(points: PlacedPoint[], view: View, theme: Theme, radius: number, measure: 'events' | 'fatalities'): HexLayer {
  const xy: { x: number; y: number; fatalities: number }[] = [];
  for (const p of points) {
    if (p.placement !== 'exact') continue; // an approximate position would invent a density
    const at = view.projection([p.lon!, p.lat!]);
    if (at && at[0] >= 0 && at[1] >= 0 && at[0] <= view.width && at[1] <= view.height) xy.push({ x: at[0], y: at[1], fatalities: p.point.fatalities });
  }
  const bins = hexbin(xy, radius);
  const value = (b: HexBin) => (measure === 'events' ? b.events : b.fatalities);
  const classes = colorClasses(bins.map(value), theme.colors.sequential, theme.map.land, true);
  const shape = hexagon(radius);
  const hexes = bins
    .filter((b) => value(b) > 0 || measure === 'events')
    .map((b) => `<path transform="translate(${b.x.toFixed(1)},${b.y.toFixed(1)})" d="${shape}" fill="${classOf(value(b), classes).color}"><title>${escapeXml(`${formatNumber(b.events)} events, ${formatNumber(b.fatalities)} fatalities`)}</title></path>`);
  return { svg: `<g class="hexbins" stroke="${theme.colors.background}" stroke-width="0.5" fill-opacity="0.9">${hexes.join('')}</g>`, classes, bins };
}
