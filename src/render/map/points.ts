// Points sized by fatalities and coloured by category; approximate ones hollow and dashed, gathered round their area's anchor.
import { escapeXml } from '../escape.js';
import { formatNumber } from '../format.js';
import type { Size, Theme } from '../theme.js';
import type { PlacedPoint } from './placement.js';
import type { View } from './projection.js';

export interface CategoryColor {
  name: string;
  color: string;
  count: number;
}

/** Categories, most frequent first, each with its palette colour ("Unknown" grey for none). */
export function categoryColors(points: PlacedPoint[], theme: Theme): CategoryColor[] {
  const counts = new Map<string, number>();
  for (const p of points) counts.set(p.point.category ?? '', (counts.get(p.point.category ?? '') ?? 0) + 1);
  const named = [...counts].filter(([n]) => n !== '').sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const palette = theme.colors.categorical;
  const list = named.map(([name, count], i) => ({ name, count, color: palette[i % palette.length]! }));
  if (counts.has('')) list.push({ name: 'Unknown', count: counts.get('')!, color: theme.colors.unknown });
  return list;
}

export function radiusScale(maxFatalities: number, size: Size): (f: number) => number {
  const rMax = size.pointMax;
  const rMin = Math.max(1.8, rMax / 7);
  // Area in proportion to fatalities; events without deaths keep a small visible dot.
  return (f) => (maxFatalities > 0 ? Math.max(rMin, Math.sqrt(Math.max(0, f) / maxFatalities) * rMax) : rMin * 1.5);
}

export interface PointsLayer {
  svg: string;
  /** How far from its anchor each area's gathered points reach, in pixels. */
  spread: Map<string, number>;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export function pointsLayer(points: PlacedPoint[], view: View, theme: Theme, size: Size, colors: CategoryColor[]): PointsLayer {
  const colorOf = new Map(colors.map((c) => [c.name, c.color]));
  const maxF = Math.max(0, ...points.map((p) => p.point.fatalities));
  const r = radiusScale(maxF, size);
  interface Mark { x: number; y: number; r: number; p: PlacedPoint }
  const marks: Mark[] = [];
  const spread = new Map<string, number>();

  const groups = new Map<string, PlacedPoint[]>();
  for (const p of points) {
    if (p.placement === 'exact') {
      const xy = view.projection([p.lon!, p.lat!]);
      if (xy && xy[0] >= 0 && xy[1] >= 0 && xy[0] <= view.width && xy[1] <= view.height) marks.push({ x: xy[0], y: xy[1], r: r(p.point.fatalities), p });
    } else if (p.placement === 'approximate') {
      groups.set(p.area!, [...(groups.get(p.area!) ?? []), p]);
    }
  }
  // Points that share an anchor are laid out on a sunflower spiral, largest in the middle, so each stays visible.
  for (const [area, group] of groups) {
    const anchor = view.projection([group[0]!.lon!, group[0]!.lat!]);
    if (!anchor) continue;
    const sorted = [...group].sort((a, b) => b.point.fatalities - a.point.fatalities || String(a.point.id).localeCompare(String(b.point.id)));
    const radii = sorted.map((p) => r(p.point.fatalities));
    const step = radii.reduce((s, v) => s + v, 0) / radii.length * 1.6;
    let reach = 0;
    sorted.forEach((p, i) => {
      const d = step * Math.sqrt(i);
      const x = anchor[0] + d * Math.cos(i * GOLDEN_ANGLE);
      const y = anchor[1] + d * Math.sin(i * GOLDEN_ANGLE);
      reach = Math.max(reach, Math.abs(y - anchor[1]) + radii[i]!);
      marks.push({ x, y, r: radii[i]!, p });
    });
    spread.set(area, reach);
  }

  marks.sort((a, b) => b.r - a.r); // big ones under small ones
  const circles = marks.map(({ x, y, r: radius, p }) => {
    const color = colorOf.get(p.point.category ?? 'Unknown') ?? theme.colors.unknown;
    const style = p.placement === 'exact'
      ? `fill="${color}" fill-opacity="0.7" stroke="${theme.colors.background}" stroke-width="0.7"`
      : `fill="${theme.colors.background}" fill-opacity="0.35" stroke="${color}" stroke-width="1.6" stroke-dasharray="3 2"`;
    const label = `${p.point.label ? `${p.point.label}, ` : ''}${p.point.date}${p.point.location ? `, ${p.point.location}` : ''}: ${formatNumber(p.point.fatalities)} fatalities${p.placement === 'approximate' ? ` (position approximate: ${p.area})` : ''}`;
    return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${radius.toFixed(1)}" ${style}><title>${escapeXml(label)}</title></circle>`;
  });
  return { svg: `<g class="points">${circles.join('')}</g>`, spread };
}
