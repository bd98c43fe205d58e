// Countries and land from Natural Earth (world-atlas TopoJSON), converted once per resolution and kept.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoBounds } from 'd3-geo';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { toIso3 } from '../../model/country.js';

const require = createRequire(import.meta.url);

export type Resolution = '10m' | '50m' | '110m';
export type Bounds = [[number, number], [number, number]];
export type Area = Feature<Polygon | MultiPolygon>;

export interface Country {
  iso3: string | null;
  name: string;
  feature: Area;
  bounds: Bounds;
}

interface Atlas {
  countries: Country[];
  land: Area;
}

const atlases = new Map<Resolution, Atlas>();

function atlas(resolution: Resolution): Atlas {
  const known = atlases.get(resolution);
  if (known) return known;
  const topology = JSON.parse(readFileSync(require.resolve(`world-atlas/countries-${resolution}.json`), 'utf8')) as Topology;
  const objects = topology.objects as { countries: GeometryCollection<{ name: string }>; land: GeometryCollection };
  const collection = feature(topology, objects.countries);
  const countries = collection.features.map((f): Country => {
    const name = f.properties?.name ?? '';
    return { iso3: toIso3(f.id ?? null) ?? toIso3(name), name, feature: f as Area, bounds: geoBounds(f) as Bounds };
  });
  const landCollection = feature(topology, objects.land);
  const land: Area = { type: 'Feature', properties: {}, geometry: landCollection.features[0]!.geometry as MultiPolygon };
  const result = { countries, land };
  atlases.set(resolution, result);
  return result;
}

export function countries(resolution: Resolution): Country[] {
  return atlas(resolution).countries;
}

export function land(resolution: Resolution): Area {
  return atlas(resolution).land;
}

/** A country by ISO alpha-3 code or name. */
export function findCountry(nameOrCode: string, resolution: Resolution = '50m'): Country | null {
  const iso3 = toIso3(nameOrCode);
  return countries(resolution).find((c) => c.iso3 !== null && c.iso3 === iso3) ?? null;
}

/** Whether two lon/lat boxes overlap (a box crossing the antimeridian always counts). */
export function boundsOverlap(a: Bounds, b: Bounds): boolean {
  if (a[0][0] > a[1][0] || b[0][0] > b[1][0]) return a[0][1] <= b[1][1] && b[0][1] <= a[1][1];
  return a[0][0] <= b[1][0] && b[0][0] <= a[1][0] && a[0][1] <= b[1][1] && b[0][1] <= a[1][1];
}

/** The finest Natural Earth scale that suits a view spanning `degrees`. */
export function resolutionFor(degrees: number): Resolution {
  return degrees > 60 ? '110m' : degrees > 6 ? '50m' : '10m';
}
