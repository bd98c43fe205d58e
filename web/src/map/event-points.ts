// The events of a filter for one map view, from GET /api/events/geojson: never every row. Inside the
// view the server sums the events into grid cells that shrink as the map zooms in, and sends them one
// by one only when the view holds few. Views are asked for a little wider than they are, so that a
// small pan is answered from what the map already has.
import { getJson, qs } from '../api/client.js';
import type { EventMapAnswer } from '../api/types.js';

export type { EventMapAnswer };

/** Events sent one by one at most; above it, cells. */
export const POINT_LIMIT = 2000;

export interface View {
  west: number;
  south: number;
  east: number;
  north: number;
  zoom: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** The view widened by a quarter on each side, within the world (a view across the whole world is the world). */
export function widen(view: View): View {
  const w = view.east - view.west;
  const h = view.north - view.south;
  if (w >= 300) return { west: -180, south: clamp(view.south - h / 4, -90, 90), east: 180, north: clamp(view.north + h / 4, -90, 90), zoom: view.zoom };
  let west = view.west - w / 4;
  let east = view.east + w / 4;
  // MapLibre reports longitudes beyond ±180 when the world wraps: bring them back, crossing the antimeridian if need be.
  const wrap = (lon: number) => ((((lon + 180) % 360) + 360) % 360) - 180;
  west = wrap(west);
  east = wrap(east);
  return { west: r4(west), south: r4(clamp(view.south - h / 4, -85, 85)), east: r4(east), north: r4(clamp(view.north + h / 4, -85, 85)), zoom: view.zoom };
}

/** Whether an answer for `had` also serves `view` (same zoom level, view inside the box read). */
export function covers(had: View, view: View): boolean {
  if (Math.floor(had.zoom) !== Math.floor(view.zoom)) return false;
  if (view.south < had.south || view.north > had.north) return false;
  if (had.west <= -180 && had.east >= 180) return true;
  if (had.west > had.east || view.west > view.east || view.east - view.west >= 360) return false;
  return view.west >= had.west && view.east <= had.east;
}

/** The filter's events framed in a view of this many pixels: the answer says the view and covers the world at its zoom. */
export function loadFitted(filter: string, width: number, height: number, signal: AbortSignal): Promise<EventMapAnswer> {
  return getJson<EventMapAnswer>(`/api/events/geojson${qs({ q: filter, fit: `${Math.round(width)}x${Math.round(height)}`, limit: POINT_LIMIT })}`, signal);
}

/** What an answer covering the whole world at a zoom serves. */
export const worldAt = (zoom: number): View => ({ west: -180, south: -90, east: 180, north: 90, zoom });

export function loadView(filter: string, view: View, signal: AbortSignal): Promise<EventMapAnswer> {
  const bbox = [view.west, view.south, view.east, view.north].join(',');
  return getJson<EventMapAnswer>(`/api/events/geojson${qs({ q: filter, bbox, zoom: Math.floor(view.zoom), limit: POINT_LIMIT })}`, signal);
}
