// A locator globe in a corner: where in the world the map's view lies.
import { geoOrthographic, geoPath } from 'd3-geo';
import type { Polygon } from 'geojson';
import type { Theme } from '../theme.js';
import type { View } from './projection.js';
import { land } from './world.js';

export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
export const CORNERS: Corner[] = ['bottom-left', 'top-left', 'top-right', 'bottom-right'];

/** The view's bounds as a ring with points along its edges, so it bends with the globe. */
function viewOutline(view: View): Polygon {
  const [[w, s], [e, n]] = view.bounds;
  const ring: [number, number][] = [];
  const steps = 8;
  for (let i = 0; i <= steps; i++) ring.push([w + ((e - w) * i) / steps, n]);
  for (let i = 1; i <= steps; i++) ring.push([e, n - ((n - s) * i) / steps]);
  for (let i = 1; i <= steps; i++) ring.push([e - ((e - w) * i) / steps, s]);
  for (let i = 1; i <= steps; i++) ring.push([w, s + ((n - s) * i) / steps]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** The corner whose square holds the fewest of the given marks (ties go in CORNERS order). */
export function quietestCorner(view: View, marks: [number, number][], side: number): Corner {
  const inside = (c: Corner, [x, y]: [number, number]) => {
    const left = c.endsWith('left'), top = c.startsWith('top');
    return (left ? x < side : x > view.width - side) && (top ? y < side : y > view.height - side);
  };
  let best = CORNERS[0]!, fewest = Infinity;
  for (const c of CORNERS) {
    const n = marks.filter((m) => inside(c, m)).length;
    if (n < fewest) [best, fewest] = [c, n];
  }
  return best;
}

export function locatorInset(view: View, theme: Theme, radius: number, corner: Corner): string {
  const [[w, s], [e, n]] = view.bounds;
  const centre: [number, number] = [(w + e) / 2, (s + n) / 2];
  const globe = geoOrthographic().rotate([-centre[0], -Math.max(-60, Math.min(60, centre[1]))]).scale(radius).translate([radius, radius]).clipAngle(90);
  const path = geoPath(globe).digits(1);
  const outline = viewOutline(view);
  const area = path.area(outline);
  const [cx, cy] = path.centroid(outline);
  const marker = area > 16
    ? `<path d="${path(outline)}" fill="none" stroke="${theme.colors.accent}" stroke-width="1.5"/>`
    : `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="3" fill="none" stroke="${theme.colors.accent}" stroke-width="1.5"/>`;
  const margin = 8;
  const x = corner.endsWith('left') ? margin : view.width - margin - 2 * radius;
  const y = corner.startsWith('top') ? margin : view.height - margin - 2 * radius;
  return `<g class="locator" transform="translate(${x.toFixed(1)},${y.toFixed(1)})">` +
    `<circle cx="${radius}" cy="${radius}" r="${radius + 1.5}" fill="${theme.colors.background}"/>` +
    `<circle cx="${radius}" cy="${radius}" r="${radius}" fill="${theme.map.water}" stroke="${theme.colors.axis}" stroke-width="0.6"/>` +
    `<path d="${path(land('110m')) ?? ''}" fill="${theme.map.focusBorder}" fill-opacity="0.55"/>` +
    marker +
    `</g>`;
}
