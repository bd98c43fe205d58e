// The events a map draws, as render's points: read through the filter language, in pages, up to a cap.
import { compileFilter, prepareFilter } from '../../analysis/filter/index.js';
import type { MapPoint } from '../types.js';
import { eventPages } from '../../store/event-pages.js';
import type { Store } from '../../store/store.js';

/** Beyond this a point map is unreadable and a hex-bin map says the same thing faster. */
export const MAX_POINTS = 20_000;

export async function mapPoints(store: Pick<Store, 'db' | 'engine'>, q: string): Promise<{ points: MapPoint[]; truncated: boolean }> {
  const filter = await prepareFilter(store, q);
  const where = compileFilter(filter, 'loose');
  const points: MapPoint[] = [];
  for await (const e of eventPages(store.db, { where: () => where, limit: MAX_POINTS + 1 })) {
    points.push({
      id: e.id,
      lat: e.lat,
      lon: e.lon,
      location: e.location,
      admin1: e.admin1,
      iso3: e.iso3,
      date: e.date_start,
      fatalities: e.fatalities_best ?? e.fatalities_low ?? 0,
      category: e.event_type,
    });
  }
  const truncated = points.length > MAX_POINTS;
  return { points: points.slice(0, MAX_POINTS), truncated };
}
