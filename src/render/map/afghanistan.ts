// Afghanistan's 34 provinces from Natural Earth, with its two mislabelled features put right by geometry
// and the names reconciled with ACLED and UCDP spellings.
import { readFileSync } from 'node:fs';
import { geoCentroid } from 'd3-geo';
import type { Feature, FeatureCollection } from 'geojson';
import { dataFile } from '../data-path.js';
import { readAliases, regionSet, regionsFromFeatures } from './regions.js';
import type { RegionSet } from './regions.js';

export const AFGHANISTAN_PROVINCES_FILE = 'demo/afghanistan_provinces_naturalearth.geojson';
export const AFGHANISTAN_ALIASES_FILE = 'boundaries/afghanistan-admin1-aliases.json';

function rename(f: Feature, name: string): void {
  f.properties = { ...f.properties, name };
}

/**
 * Natural Earth names two features "Parwan" (one is Panjshir) and two "Uruzgan" (one is Daykundi).
 * Panjshir lies north-east of Parwan and Daykundi north of Uruzgan, so the centroids tell them apart.
 */
export function fixAfghanistanLabels(collection: FeatureCollection): FeatureCollection {
  const features = collection.features.map((f) => ({ ...f, properties: { ...f.properties } }));
  const named = (name: string) => features.filter((f) => f.properties?.name === name);
  const parwan = named('Parwan');
  if (parwan.length === 2) {
    const [a, b] = parwan.map((f) => geoCentroid(f)) as [[number, number], [number, number]];
    // North-east: further east plus further north.
    rename(a[0] + a[1] > b[0] + b[1] ? parwan[0]! : parwan[1]!, 'Panjshir');
  }
  const uruzgan = named('Uruzgan');
  if (uruzgan.length === 2) {
    const [a, b] = uruzgan.map((f) => geoCentroid(f)) as [[number, number], [number, number]];
    rename(a[1] > b[1] ? uruzgan[0]! : uruzgan[1]!, 'Daykundi');
  }
  return { ...collection, features };
}

let provinces: RegionSet | null = null;

/** The provinces, named as ACLED names them, found by any spelling. */
export function afghanistanProvinces(): RegionSet {
  if (provinces) return provinces;
  const raw = JSON.parse(readFileSync(dataFile(AFGHANISTAN_PROVINCES_FILE), 'utf8')) as FeatureCollection;
  const aliases = readAliases(dataFile(AFGHANISTAN_ALIASES_FILE));
  provinces = regionSet(regionsFromFeatures(fixAfghanistanLabels(raw), 'name', aliases), aliases);
  return provinces;
}
