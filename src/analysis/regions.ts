// Regions for presence counts: a shipped or given GeoJSON polygon, or a box "bbox:W,S,E,N".
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';

export interface Region {
  /** How the region was named: "caribbean", "bbox:-90,8,-58,28", a file name. */
  name: string;
  /** What it is and where it comes from, for method notes. */
  description: string;
  /** West, south, east, north: narrows the scan before the exact test. East < west crosses 180°. */
  bbox: [number, number, number, number];
  contains(lat: number, lon: number): boolean;
}

export class RegionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegionError';
  }
}

const SHIPPED = fileURLToPath(new URL('../../data/regions/', import.meta.url));

/** The regions shipped with Groundtruth (data/regions/*.geojson), by name. */
export function shippedRegionPath(name: string): string | null {
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(name)) return null;
  const path = `${SHIPPED}${name.toLowerCase()}.geojson`;
  return existsSync(path) ? path : null;
}

/** Resolves "bbox:W,S,E,N", a shipped region's name, or a path to a GeoJSON file. */
export function loadRegion(spec: string): Region {
  const text = spec.trim();
  if (/^bbox:/i.test(text)) return bboxRegion(text);
  const shipped = shippedRegionPath(text);
  if (shipped) return polygonRegion(text.toLowerCase(), shipped);
  if (existsSync(text)) return polygonRegion(text, text);
  throw new RegionError(`unknown region ${JSON.stringify(spec)}: give bbox:W,S,E,N, a GeoJSON file, or a shipped region's name`);
}

export function bboxRegion(spec: string): Region {
  const parts = spec.replace(/^bbox:/i, '').split(',').map((s) => Number(s.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) throw new RegionError(`a box is bbox:WEST,SOUTH,EAST,NORTH in degrees, got ${JSON.stringify(spec)}`);
  const [west, south, east, north] = parts as [number, number, number, number];
  if (south > north) throw new RegionError(`the box's south ${south} is above its north ${north}`);
  if ([west, east].some((x) => x < -180 || x > 180) || [south, north].some((y) => y < -90 || y > 90)) throw new RegionError(`the box ${spec} leaves -180..180, -90..90`);
  const crosses = east < west;
  return {
    name: `bbox:${west},${south},${east},${north}`,
    description: `the box from ${west}° to ${east}° longitude${crosses ? ' (across 180°)' : ''} and ${south}° to ${north}° latitude`,
    bbox: [west, south, east, north],
    contains: (lat, lon) => lat >= south && lat <= north && (crosses ? lon >= west || lon <= east : lon >= west && lon <= east),
  };
}

type Areal = Feature<Polygon | MultiPolygon>;

function polygonRegion(name: string, path: string): Region {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new RegionError(`${path}: not a GeoJSON file (${err instanceof Error ? err.message : String(err)})`);
  }
  const features = arealFeatures(doc);
  if (features.length === 0) throw new RegionError(`${path}: no Polygon or MultiPolygon in it`);
  const bbox = boundsOf(features);
  const props = (features[0]!.properties ?? {}) as Record<string, unknown>;
  const described = [props['name'], props['description'], props['source']].filter((x): x is string => typeof x === 'string').join('; ');
  return {
    name,
    description: described || `the polygon in ${path}`,
    bbox,
    // Planar test on longitude/latitude, as GeoJSON reads edges; the box check first keeps it cheap.
    contains: (lat, lon) => lat >= bbox[1] && lat <= bbox[3] && lon >= bbox[0] && lon <= bbox[2] && features.some((f) => booleanPointInPolygon([lon, lat], f)),
  };
}

function arealFeatures(doc: unknown): Areal[] {
  const out: Areal[] = [];
  const visit = (g: unknown, properties: Record<string, unknown> | null) => {
    if (!g || typeof g !== 'object') return;
    const obj = g as { type?: string };
    if (obj.type === 'FeatureCollection') for (const f of (g as FeatureCollection).features ?? []) visit(f, null);
    else if (obj.type === 'Feature') visit((g as Feature).geometry, ((g as Feature).properties as Record<string, unknown> | null) ?? {});
    else if (obj.type === 'GeometryCollection') for (const sub of (g as { geometries?: Geometry[] }).geometries ?? []) visit(sub, properties);
    else if (obj.type === 'Polygon' || obj.type === 'MultiPolygon') out.push({ type: 'Feature', properties: properties ?? {}, geometry: g as Polygon | MultiPolygon });
  };
  visit(doc, null);
  return out;
}

function boundsOf(features: Areal[]): [number, number, number, number] {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = ([x, y]: Position) => {
    if (x! < west) west = x!;
    if (x! > east) east = x!;
    if (y! < south) south = y!;
    if (y! > north) north = y!;
  };
  for (const f of features) {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const polygon of polygons) for (const ring of polygon) ring.forEach(add);
  }
  return [west, south, east, north];
}
