// Cuts polygons to a lon/lat box before projection, so a map of one country does not project all of Russia.
// The cut edges lie outside the view; d3-geo's exact clip to the view happens after projection.
import type { Position } from 'geojson';
import type { Area, Bounds } from './world.js';

type Edge = (p: Position) => boolean;

function cutRing(ring: Position[], inside: Edge, cross: (a: Position, b: Position) => Position): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < ring.length; i++) {
    const current = ring[i]!;
    const previous = ring[(i + ring.length - 1) % ring.length]!;
    const inCurrent = inside(current);
    if (inCurrent !== inside(previous)) out.push(cross(previous, current));
    if (inCurrent) out.push(current);
  }
  return out;
}

/** Sutherland–Hodgman against each side of the box; keeps each ring's winding. */
export function clipRing(ring: Position[], box: Bounds): Position[] {
  const [[w, s], [e, n]] = box;
  const atX = (x: number) => (a: Position, b: Position): Position => [x, a[1]! + ((b[1]! - a[1]!) * (x - a[0]!)) / (b[0]! - a[0]!)];
  const atY = (y: number) => (a: Position, b: Position): Position => [a[0]! + ((b[0]! - a[0]!) * (y - a[1]!)) / (b[1]! - a[1]!), y];
  let r = ring.slice(0, -1); // open ring
  r = cutRing(r, (p) => p[0]! >= w, atX(w));
  if (r.length) r = cutRing(r, (p) => p[0]! <= e, atX(e));
  if (r.length) r = cutRing(r, (p) => p[1]! >= s, atY(s));
  if (r.length) r = cutRing(r, (p) => p[1]! <= n, atY(n));
  return r.length >= 3 ? [...r, r[0]!] : [];
}

const cache = new WeakMap<Area, Map<string, Area | null>>();

/** The part of a polygon feature inside the box (null when none is). */
export function clipToBox(feature: Area, box: Bounds): Area | null {
  const key = box.flat().map((v) => v.toFixed(3)).join(',');
  let perBox = cache.get(feature);
  if (!perBox) cache.set(feature, (perBox = new Map()));
  if (perBox.has(key)) return perBox.get(key)!;
  const g = feature.geometry;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const kept: Position[][][] = [];
  for (const polygon of polygons) {
    const [outer, ...holes] = polygon;
    const clipped = clipRing(outer!, box);
    if (!clipped.length) continue;
    kept.push([clipped, ...holes.map((h) => clipRing(h, box)).filter((h) => h.length)]);
  }
  const result: Area | null = kept.length ? { type: 'Feature', properties: feature.properties, geometry: { type: 'MultiPolygon', coordinates: kept } } : null;
  perBox.set(key, result);
  return result;
}
