// The offline base map: Natural Earth countries and Afghanistan's provinces, both built into the app as
// GeoJSON (web/build/basemap.ts) and served from the desk's own origin. The map's worker reads them by
// address, so the page's own thread neither downloads nor parses them (it still receives a copy of
// each, so the lighter the file, the sooner the map draws). A map first gets the countries simplified
// for the zooms that frame a country; the full countries and the provinces come when a view first
// needs them.
import type * as MapLibre from 'maplibre-gl';

export interface Basemap {
  /** Natural Earth 1:50m simplified to ~2 km (web/build/basemap.ts), for views further out than DETAIL_ZOOM. */
  overview: string;
  countries: string;
  provinces: string;
}

/** From this zoom the simplified borders would show their corners: the full file replaces them. */
export const DETAIL_ZOOM = 6;
/** The provinces layer's minzoom (style.ts). */
export const PROVINCES_ZOOM = 4;
/** Where the provinces are (Afghanistan, with a margin): west, south, east, north. */
const PROVINCES_BOX = [59, 28.5, 76, 39.5] as const;

/** Absolute addresses: the map's worker runs from a blob: URL, against which a path resolves to nothing. */
export function basemapUrls(origin: string = location.origin): Basemap {
  return {
    overview: `${origin}/basemap/countries-50m-overview.geojson`,
    countries: `${origin}/basemap/countries-50m.geojson`,
    provinces: `${origin}/basemap/afghanistan-provinces.json`,
  };
}

function showsProvinces(map: MapLibre.Map): boolean {
  const b = map.getBounds();
  const [w, s, e, n] = PROVINCES_BOX;
  return map.getZoom() >= PROVINCES_ZOOM && b.getWest() < e && b.getEast() > w && b.getSouth() < n && b.getNorth() > s;
}

/**
 * Gives the base map's sources their data: the overview at once, the full countries from DETAIL_ZOOM
 * and the provinces once a view draws them. Each is read once; a map zoomed out again keeps them.
 */
export function feedBasemap(map: MapLibre.Map, base: Basemap): void {
  const setData = (source: string, url: string) => (map.getSource(source) as MapLibre.GeoJSONSource).setData(url);
  let detail = false;
  let provinces = false;
  const follow = () => {
    if (!detail && map.getZoom() >= DETAIL_ZOOM) {
      detail = true;
      setData('countries', base.countries);
    }
    if (!provinces && showsProvinces(map)) {
      provinces = true;
      setData('provinces', base.provinces);
    }
    if (detail && provinces) map.off('moveend', follow);
  };
  setData('countries', base.overview);
  map.on('moveend', follow);
  follow();
}
