// Tracks: the closest approach of an asset to a place, on the sphere, between and at its sightings.
import { geoDistance } from 'd3-geo';
import type { Sighting } from '../model/asset.js';
import { findPlaces, suggestPlaces, type Place as GazetteerPlace } from './gazetteer.js';

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;

/** The place an approach is measured to, and how it was chosen. */
export interface TargetPlace {
  name: string;
  lat: number;
  lon: number;
  /** "coordinates", or the gazetteer entry taken ("San Diego, United States"). */
  label: string;
  /** Other gazetteer entries of the same name that were not taken. */
  alternatives: number;
}

export class PlaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlaceError';
  }
}

/** Great-circle distance in km between two points. */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return geoDistance([a.lon, a.lat], [b.lon, b.lat]) * EARTH_RADIUS_KM;
}

/**
 * A place from "lat,lon" or a gazetteer name ("San Diego", "San Diego, US"), matched accent- and
 * case-insensitively. When a name stays ambiguous, the entry nearest to `near` (the track) is taken,
 * and `alternatives` says how many others there were; with nothing to go by, an ambiguous name is an error.
 */
export function resolvePlace(text: string, near: { lat: number; lon: number }[] = []): TargetPlace {
  const coords = text.trim().match(/^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/);
  if (coords) {
    const lat = Number(coords[1]);
    const lon = Number(coords[2]);
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new PlaceError(`${text}: latitude must be within ±90 and longitude within ±180`);
    return { name: text.trim(), lat, lon, label: 'coordinates', alternatives: 0 };
  }
  const candidates = findPlaces(text.trim());
  if (candidates.length === 0) {
    const hints = suggestPlaces(text.trim());
    throw new PlaceError(`no place called ${JSON.stringify(text.trim())} in the gazetteer${hints.length ? ` (did you mean ${hints.join(', ')}?)` : ''}; or give lat,lon`);
  }
  let chosen = candidates[0]!;
  if (candidates.length > 1 && near.length === 0) {
    const listed = candidates.slice(0, 5).map((c) => `${c.lat.toFixed(4)},${c.lon.toFixed(4)} (${c.country ?? c.iso3 ?? '?'})`).join('; ');
    throw new PlaceError(`${candidates.length} places are called ${JSON.stringify(text.trim())}: ${listed}${candidates.length > 5 ? '; …' : ''}; add a country or give lat,lon`);
  }
  if (candidates.length > 1) {
    // A sample of the track keeps a long one cheap.
    const step = Math.max(1, Math.floor(near.length / 500));
    const sample = near.filter((_, i) => i % step === 0);
    const reach = (c: GazetteerPlace) => Math.min(...sample.map((p) => distanceKm(p, c)));
    chosen = candidates.reduce((best, c) => (reach(c) < reach(best) ? c : best));
  }
  return {
    name: chosen.name,
    lat: chosen.lat,
    lon: chosen.lon,
    label: [chosen.name, chosen.country ?? chosen.iso3].filter(Boolean).join(', '),
    alternatives: candidates.length - 1,
  };
}

export interface Approach {
  /** When the asset was closest (interpolated between two sightings, or a sighting's own time). */
  at: string;
  lat: number;
  lon: number;
  distance_km: number;
  interpolated: boolean;
  /** The sighting(s) it rests on: one, or the two it lies between. */
  sighting_ids: number[];
}

export interface ClosestApproach {
  place: TargetPlace;
  /** The closest point of the track, between sightings where they are close enough in time to join. */
  closest: Approach;
  /** The closest recorded sighting, which the closest point never exceeds. */
  nearest_sighting: Approach;
  sightings: number;
}

type Vec = [number, number, number];
const toVec = (lat: number, lon: number): Vec => {
  const phi = (lat * Math.PI) / 180;
  const lambda = (lon * Math.PI) / 180;
  return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
};
const dot = (a: Vec, b: Vec) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: Vec) => Math.hypot(a[0], a[1], a[2]);
const angle = (a: Vec, b: Vec) => Math.atan2(norm(cross(a, b)), dot(a, b));

/**
 * Where on the great-circle arc from a to b a point p comes closest: the fraction along the arc
 * (0 at a, 1 at b) and the angular distance in radians.
 */
export function closestOnArc(a: Vec, b: Vec, p: Vec): { t: number; angle: number } {
  const arc = angle(a, b);
  const ends = () => {
    const da = angle(a, p);
    const db = angle(b, p);
    return da <= db ? { t: 0, angle: da } : { t: 1, angle: db };
  };
  if (arc < 1e-12) return { t: 0, angle: angle(a, p) };
  const n = cross(a, b);
  const nn = norm(n);
  const unit: Vec = [n[0] / nn, n[1] / nn, n[2] / nn];
  const h = dot(p, unit);
  const proj: Vec = [p[0] - h * unit[0], p[1] - h * unit[1], p[2] - h * unit[2]];
  const pn = norm(proj);
  if (pn < 1e-12) return ends(); // p is a pole of the arc's circle: every point is as far
  const c: Vec = [proj[0] / pn, proj[1] / pn, proj[2] / pn];
  const ac = angle(a, c);
  const cb = angle(c, b);
  if (Math.abs(ac + cb - arc) > 1e-9) return ends(); // the foot falls outside the arc
  return { t: ac / arc, angle: angle(c, p) };
}

function toLatLon(v: Vec): { lat: number; lon: number } {
  return { lat: (Math.atan2(v[2], Math.hypot(v[0], v[1])) * 180) / Math.PI, lon: (Math.atan2(v[1], v[0]) * 180) / Math.PI };
}

/** The point a fraction t along the great-circle arc from a to b (spherical interpolation). */
function slerp(a: Vec, b: Vec, t: number): Vec {
  const omega = angle(a, b);
  if (omega < 1e-12) return a;
  const s = Math.sin(omega);
  const ka = Math.sin((1 - t) * omega) / s;
  const kb = Math.sin(t * omega) / s;
  return [ka * a[0] + kb * b[0], ka * a[1] + kb * b[1], ka * a[2] + kb * b[2]];
}

export interface ApproachOptions {
  /** Sightings further apart than this (minutes) are not joined: what happened between is unknown. Default 30. */
  maxGapMinutes?: number;
}

/**
 * The closest approach of a track (sightings in time order) to a place. Between two sightings close
 * enough in time, the asset is taken to move along the great circle at even speed.
 */
export function closestApproach(track: Sighting[], place: TargetPlace, opts: ApproachOptions = {}): ClosestApproach | null {
  if (track.length === 0) return null;
  const maxGapMs = (opts.maxGapMinutes ?? 30) * 60_000;
  const p = toVec(place.lat, place.lon);
  const points = track.map((s) => ({ s, v: toVec(s.lat, s.lon), at: Date.parse(s.seen_at) }));
  const atSighting = (i: number): Approach => {
    const { s, v } = points[i]!;
    return { at: s.seen_at, lat: s.lat, lon: s.lon, distance_km: angle(v, p) * EARTH_RADIUS_KM, interpolated: false, sighting_ids: [s.id] };
  };
  let nearest = atSighting(0);
  for (let i = 1; i < points.length; i++) {
    const candidate = atSighting(i);
    if (candidate.distance_km < nearest.distance_km) nearest = candidate;
  }
  let closest = nearest;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (b.at - a.at > maxGapMs) continue;
    const foot = closestOnArc(a.v, b.v, p);
    const km = foot.angle * EARTH_RADIUS_KM;
    if (foot.t <= 0 || foot.t >= 1 || km >= closest.distance_km) continue;
    const where = toLatLon(slerp(a.v, b.v, foot.t));
    closest = {
      at: new Date(a.at + foot.t * (b.at - a.at)).toISOString(),
      lat: where.lat,
      lon: where.lon,
      distance_km: km,
      interpolated: true,
      sighting_ids: [a.s.id, b.s.id],
    };
  }
  return { place, closest, nearest_sighting: nearest, sightings: track.length };
}
