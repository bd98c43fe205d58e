// The map's projection: Mercator fitted to the view, clipped to it, with coordinates rounded to 0.1 px.
import { geoMercator, geoPath } from 'd3-geo';
import type { GeoPath, GeoProjection } from 'd3-geo';
import type { MultiPoint } from 'geojson';
import type { Bounds } from './world.js';

export interface View {
  projection: GeoProjection;
  path: GeoPath;
  width: number;
  height: number;
  bounds: Bounds;
}

/** Bounds grown by a share of their span on every side (and at least a little, for a single point). */
export function padBounds(bounds: Bounds, share = 0.06, minSpan = 1): Bounds {
  const [[w, s], [e, n]] = bounds;
  const dx = Math.max(e - w, minSpan) * share + Math.max(0, minSpan - (e - w)) / 2;
  const dy = Math.max(n - s, minSpan) * share + Math.max(0, minSpan - (n - s)) / 2;
  return [[Math.max(-180, w - dx), Math.max(-85, s - dy)], [Math.min(180, e + dx), Math.min(85, n + dy)]];
}

export function unionBounds(list: Bounds[]): Bounds | null {
  const usable = list.filter(([[w], [e]]) => w <= e); // boxes across the antimeridian are left out
  if (!usable.length) return null;
  return [
    [Math.min(...usable.map((b) => b[0][0])), Math.min(...usable.map((b) => b[0][1]))],
    [Math.max(...usable.map((b) => b[1][0])), Math.max(...usable.map((b) => b[1][1]))],
  ];
}

function corners(bounds: Bounds): MultiPoint {
  const [[w, s], [e, n]] = bounds;
  return { type: 'MultiPoint', coordinates: [[w, s], [e, s], [e, n], [w, n], [(w + e) / 2, s], [(w + e) / 2, n]] };
}

/** A Mercator view of the bounds at this width; the height follows the bounds' shape unless given. */
export function fitView(bounds: Bounds, width: number, height?: number): View {
  const geometry = corners(bounds);
  const projection = geoMercator().fitWidth(width, geometry);
  const [[, y0], [, y1]] = geoPath(projection).bounds(geometry);
  const h = Math.round(height ?? Math.min(Math.max(y1 - y0, width * 0.5), width * 1.25));
  projection.fitSize([width, h], geometry).clipExtent([[0, 0], [width, h]]);
  const path = geoPath(projection).digits(1);
  // What the view really shows, which is wider than the bounds asked for on one axis.
  const [w, n] = projection.invert!([0, 0])!;
  const [e, s] = projection.invert!([width, h])!;
  return { projection, path, width, height: h, bounds: [[w, s], [e, n]] };
}

/** Projected [x, y] rounded to 0.1 px, or null outside the view. */
export function project(view: View, lon: number, lat: number): [number, number] | null {
  const p = view.projection([lon, lat]);
  if (!p || p[0] < 0 || p[1] < 0 || p[0] > view.width || p[1] > view.height) return null;
  return [Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10];
}

/**
 * Drops the points of an SVG path (M/L/Z only, as d3-geo writes polygons) that lie within `tolerance` px
 * of the last point kept: detail finer than the eye can see, which would only weigh down the file.
 */
export function thinPath(d: string, tolerance = 0.6): string {
  const out: string[] = [];
  let lastX = NaN, lastY = NaN, pending = '';
  const t2 = tolerance * tolerance;
  for (const [, cmd, args] of d.matchAll(/([MLZ])([^MLZ]*)/g)) {
    if (cmd === 'Z') {
      if (pending) out.push(pending);
      pending = '';
      out.push('Z');
      continue;
    }
    const [x, y] = args!.split(',').map(Number) as [number, number];
    if (cmd === 'M') {
      if (pending) out.push(pending);
      pending = '';
      out.push(`M${args}`);
      lastX = x;
      lastY = y;
      continue;
    }
    const dx = x - lastX, dy = y - lastY;
    if (dx * dx + dy * dy < t2) {
      pending = `L${args}`; // keep the latest, so a ring's last point before Z survives
      continue;
    }
    out.push(`L${args}`);
    pending = '';
    lastX = x;
    lastY = y;
  }
  if (pending) out.push(pending);
  return out.join('');
}
