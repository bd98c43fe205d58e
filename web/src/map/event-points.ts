// The events of a filter as GeoJSON points for the map. The API pages events 1,000 at a time; the map
// reads at most MAX of them and says so when the filter selects more.
import { getJson, qs } from '../api/client.js';
import type { EventsPage } from '../api/types.js';
import type { FeatureCollection, Point } from 'geojson';

export const MAX_POINTS = 5000;
const PAGE = 1000;

export interface EventPoints {
  collection: FeatureCollection<Point, { id: number; fatalities: number; date: string; place: string }>;
  total: number;
  /** Events read that have no coordinates. */
  unplaced: number;
}

export async function loadEventPoints(filter: string, signal: AbortSignal): Promise<EventPoints> {
  const features: EventPoints['collection']['features'] = [];
  let total = 0;
  let unplaced = 0;
  for (let offset = 0; offset < MAX_POINTS; offset += PAGE) {
    const page = await getJson<EventsPage>(`/api/events${qs({ q: filter, limit: PAGE, offset, sort: '-date' })}`, signal);
    total = page.total;
    for (const e of page.events) {
      if (typeof e.lat !== 'number' || typeof e.lon !== 'number') {
        unplaced++;
        continue;
      }
      const fatalities = Number(e.fatalities_best ?? e.fatalities_low ?? 0);
      const place = [e.location, e.admin2, e.admin1, e.country].filter(Boolean).slice(0, 2).join(', ');
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [e.lon, e.lat] }, properties: { id: Number(e.id), fatalities, date: String(e.date_start), place } });
    }
    if (offset + PAGE >= page.total) break;
  }
  return { collection: { type: 'FeatureCollection', features }, total, unplaced };
}
