// Countries as regions, for a choropleth by country: found by ISO code or any name the model knows.
import { geoCentroid } from 'd3-geo';
import { toIso3 } from '../../model/country.js';
import type { Region, RegionSet } from './regions.js';
import { countries } from './world.js';

let set: RegionSet | null = null;

export function countryRegions(): RegionSet {
  if (set) return set;
  const list = countries('50m').filter((c) => c.iso3 !== null);
  const regions: Region[] = list.map((c) => ({ name: c.name, sourceName: c.name, feature: c.feature, bounds: c.bounds, centroid: geoCentroid(c.feature) as [number, number] }));
  const byIso3 = new Map(list.map((c, i) => [c.iso3!, regions[i]!]));
  set = {
    regions,
    find: (name) => byIso3.get(toIso3(name) ?? '') ?? null,
    at: () => null,
  };
  return set;
}
