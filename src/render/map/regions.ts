// Regions (provinces, states…) from a boundaries GeoJSON, with their names reconciled through an alias table.
import { readFileSync } from 'node:fs';
import { geoBounds, geoCentroid } from 'd3-geo';
import type { FeatureCollection, Position } from 'geojson';
import { foldName } from '../../model/names.js';
import type { Area, Bounds } from './world.js';

export interface Region {
  /** The canonical name (from the alias table when it knows the boundary's name). */
  name: string;
  /** The name as the boundaries file spells it. */
  sourceName: string;
  feature: Area;
  bounds: Bounds;
  centroid: [number, number];
}

/** Canonical name → other spellings. */
export type AliasTable = Record<string, string[]>;

/** The key two spellings of one place share: no accents, case, hyphens, "Wilayat-e" or "Province". */
export function regionKey(name: string): string {
  return foldName(name)
    .replace(/[-_'.,()]/g, ' ')
    .replace(/^(wilayat|velayat|welayat) e /, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ (province|governorate|oblast|region|state)$/, '')
    .replace(/\s/g, '');
}

/** Reads an alias file: `{ names: { Canonical: [alias, …] } }`. */
export function readAliases(file: string): AliasTable {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { names?: unknown };
  const names = parsed.names;
  if (!names || typeof names !== 'object') throw new Error(`${file}: an alias file needs a "names" object`);
  for (const [canonical, list] of Object.entries(names)) {
    if (!Array.isArray(list) || list.some((a) => typeof a !== 'string')) throw new Error(`${file}: aliases of "${canonical}" must be a list of names`);
  }
  return names as AliasTable;
}

/** Folded spelling → canonical name, for every spelling of every name (the canonical one included). */
export function aliasIndex(aliases: AliasTable): Map<string, string> {
  const index = new Map<string, string>();
  for (const [canonical, list] of Object.entries(aliases)) {
    for (const name of [canonical, ...list]) index.set(regionKey(name), canonical);
  }
  return index;
}

/** Even-odd ray casting in lon/lat: exact enough for regions of a country, and far faster than on the sphere. */
function ringContains(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function containsPlanar(feature: Area, lon: number, lat: number): boolean {
  const g = feature.geometry;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons.some(([outer, ...holes]) => ringContains(outer!, lon, lat) && !holes.some((h) => ringContains(h, lon, lat)));
}

export interface RegionSet {
  regions: Region[];
  /** Finds the region a name (in any known spelling) refers to. */
  find(name: string): Region | null;
  /** The region that contains a point, if any. */
  at(lon: number, lat: number): Region | null;
}

export function regionSet(regions: Region[], aliases: AliasTable = {}): RegionSet {
  const index = aliasIndex(aliases);
  const byKey = new Map<string, Region>();
  for (const r of regions) {
    byKey.set(regionKey(r.name), r);
    byKey.set(regionKey(r.sourceName), r);
  }
  return {
    regions,
    find(name) {
      const key = regionKey(name);
      const canonical = index.get(key);
      return (canonical !== undefined ? byKey.get(regionKey(canonical)) : undefined) ?? byKey.get(key) ?? null;
    },
    at(lon, lat) {
      for (const r of regions) {
        const [[w, s], [e, n]] = r.bounds;
        if (lon < w || lon > e || lat < s || lat > n) continue;
        if (containsPlanar(r.feature, lon, lat)) return r;
      }
      return null;
    },
  };
}

export interface BoundariesInput {
  /** A GeoJSON FeatureCollection of polygons, or the path of one. */
  geojson: FeatureCollection | string;
  /** The property that holds each feature's name (default "name"). */
  nameProperty?: string;
  /** Canonical name → other spellings, or the path of an alias file. */
  aliases?: AliasTable | string;
}

/** Regions from user-supplied boundaries. */
export function loadBoundaries(input: BoundariesInput): RegionSet {
  const collection = typeof input.geojson === 'string' ? (JSON.parse(readFileSync(input.geojson, 'utf8')) as FeatureCollection) : input.geojson;
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) throw new Error('boundaries must be a GeoJSON FeatureCollection');
  const aliases = typeof input.aliases === 'string' ? readAliases(input.aliases) : (input.aliases ?? {});
  return regionSet(regionsFromFeatures(collection, input.nameProperty ?? 'name', aliases), aliases);
}

/** Polygon features → regions, named through the aliases. */
export function regionsFromFeatures(collection: FeatureCollection, nameProperty: string, aliases: AliasTable): Region[] {
  const index = aliasIndex(aliases);
  const regions: Region[] = [];
  for (const f of collection.features) {
    if (f.geometry?.type !== 'Polygon' && f.geometry?.type !== 'MultiPolygon') continue;
    const raw = f.properties?.[nameProperty];
    if (typeof raw !== 'string' || !raw.trim()) throw new Error(`a boundary feature has no "${nameProperty}" property`);
    const feature = f as Area;
    regions.push({
      name: index.get(regionKey(raw)) ?? raw.trim(),
      sourceName: raw.trim(),
      feature,
      bounds: geoBounds(feature) as Bounds,
      centroid: geoCentroid(feature) as [number, number],
    });
  }
  return regions;
}
