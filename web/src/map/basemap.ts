// The offline base map: Natural Earth countries and Afghanistan's provinces, both built into the app as
// GeoJSON (web/build/basemap.ts) and served from the desk's own origin. The map's worker reads them by
// address, so the page's own thread neither downloads, parses nor copies them.

export interface Basemap {
  countries: string;
  provinces: string;
}

/** Absolute addresses: the map's worker runs from a blob: URL, against which a path resolves to nothing. */
export function basemapUrls(origin: string = location.origin): Basemap {
  return { countries: `${origin}/basemap/countries-50m.geojson`, provinces: `${origin}/basemap/afghanistan-provinces.json` };
}
