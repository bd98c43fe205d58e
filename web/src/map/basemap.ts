// The offline base map: Natural Earth countries (TopoJSON → GeoJSON here) and Afghanistan's provinces,
// both built into the app (web/build/basemap.ts) and fetched from the desk's own origin once.
import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export interface Basemap {
  countries: FeatureCollection;
  provinces: FeatureCollection;
}

let loading: Promise<Basemap> | null = null;

async function json<T>(path: string): Promise<T> {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`base map ${path}: ${r.status}`);
  return (await r.json()) as T;
}

export function loadBasemap(): Promise<Basemap> {
  loading ??= Promise.all([json<Topology>('/basemap/countries-50m.json'), json<FeatureCollection>('/basemap/afghanistan-provinces.json')]).then(([topo, provinces]) => ({
    countries: feature(topo, topo.objects.countries as GeometryCollection) as FeatureCollection,
    provinces,
  }));
  return loading;
}
