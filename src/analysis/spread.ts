// Spread: places active in a period that were not active in a baseline, with when each first appeared.
import { sql } from 'kysely';
import { countryName } from '../model/country.js';
import type { Store } from '../store/store.js';
import { prepareFilter } from './filter/index.js';
import { nearestPlace } from './gazetteer.js';
import { KM_PER_DEGREE } from './geo.js';
import { conditions, fromWhere } from './query.js';
import { analysisDb } from './tables.js';

export type SpreadLevel = 'location' | 'admin2' | 'admin1' | `cell:${number}km`;

export interface SpreadOptions {
  /** Date terms' syntax: "2021-08-15..2021-12-31", "2021". */
  period: string;
  baseline: string;
  level?: SpreadLevel | string;
}

export interface SpreadPlace {
  name: string;
  level: string;
  country: string | null;
  events: number;
  first_date: string;
  /** For cells: the cell's centre. */
  lat?: number;
  lon?: number;
}

export interface Spread {
  places: SpreadPlace[];
  period: string;
  baseline: string;
  level: string;
}

const pad = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Places with events certainly inside the period and none even possibly inside the baseline (an event
 * whose dates only overlap the baseline still counts as earlier presence, so "new" is never overstated).
 */
export async function spread(store: Pick<Store, 'db' | 'engine'>, filterText: string, options: SpreadOptions): Promise<Spread> {
  const level = options.level ?? 'admin2';
  const cell = /^cell:(\d+(?:\.\d+)?)km$/.exec(level);
  if (!cell && !['location', 'admin2', 'admin1'].includes(level)) throw new Error(`unknown level "${level}": use location, admin2, admin1 or cell:25km`);
  await prepareFilter(store, filterText);
  const within = (dates: string) => (filterText.trim() === '' ? `date:${dates}` : `(${filterText}) date:${dates}`);
  const period = conditions(await prepareFilter(store, within(options.period)), 'events');
  const baseline = conditions(await prepareFilter(store, within(options.baseline)), 'events');
  const db = analysisDb(store.db);

  if (!cell) {
    const col = sql.ref(`e.${level}`);
    const active = await sql<{ iso3: string | null; name: string; events: number; first_date: string }>`select e.iso3 as iso3, ${col} as name,
      sum(e.event_count) as events, min(e.date_start) as first_date
      from events e where e.deleted_at is null and ${period.strict} and ${col} is not null group by e.iso3, ${col}`.execute(db);
    const before = await sql<{ iso3: string | null; name: string }>`select distinct e.iso3 as iso3, ${col} as name ${fromWhere(baseline, sql`${col} is not null`)}`.execute(db);
    const seen = new Set(before.rows.map((r) => `${r.iso3}\u0000${r.name}`));
    const places = active.rows
      .filter((r) => !seen.has(`${r.iso3}\u0000${r.name}`))
      .map((r) => ({ name: r.name, level, country: r.iso3 ? (countryName(r.iso3) ?? r.iso3) : null, events: Number(r.events), first_date: r.first_date }));
    return { places: sortPlaces(places), period: options.period, baseline: options.baseline, level };
  }

  const km = Number(cell[1]);
  const cellOf = (lat: number, lon: number) => {
    const row = Math.floor((lat * KM_PER_DEGREE) / km);
    const rowLat = ((row + 0.5) * km) / KM_PER_DEGREE;
    const width = Math.max(km / (KM_PER_DEGREE * Math.cos((rowLat * Math.PI) / 180)), 1e-6);
    const col = Math.floor(lon / width);
    return { key: `${row}:${col}`, lat: rowLat, lon: (col + 0.5) * width };
  };
  const points = await sql<{ lat: number; lon: number; events: number; first_date: string }>`select e.lat as lat, e.lon as lon,
    sum(e.event_count) as events, min(e.date_start) as first_date
    from events e where e.deleted_at is null and ${period.strict} and e.lat is not null group by e.lat, e.lon`.execute(db);
  const before = await sql<{ lat: number; lon: number }>`select distinct e.lat as lat, e.lon as lon ${fromWhere(baseline, sql`e.lat is not null`)}`.execute(db);
  const seen = new Set(before.rows.map((r) => cellOf(Number(r.lat), Number(r.lon)).key));
  const cells = new Map<string, { lat: number; lon: number; events: number; first_date: string }>();
  for (const p of points.rows) {
    const c = cellOf(Number(p.lat), Number(p.lon));
    if (seen.has(c.key)) continue;
    const prev = cells.get(c.key);
    if (prev) {
      prev.events += Number(p.events);
      if (p.first_date < prev.first_date) prev.first_date = p.first_date;
    } else cells.set(c.key, { lat: c.lat, lon: c.lon, events: Number(p.events), first_date: p.first_date });
  }
  const places = [...cells.values()].map((c) => {
    const near = nearestPlace(c.lat, c.lon, km * 2);
    return {
      name: near ? `${km} km cell near ${near.plain}` : `${km} km cell at ${pad(c.lat)}, ${pad(c.lon)}`,
      level,
      country: near?.country ?? null,
      events: c.events,
      first_date: c.first_date,
      lat: pad(c.lat),
      lon: pad(c.lon),
    };
  });
  return { places: sortPlaces(places), period: options.period, baseline: options.baseline, level };
}

function sortPlaces<T extends { first_date: string; events: number; name: string }>(places: T[]): T[] {
  return places.sort((a, b) => a.first_date.localeCompare(b.first_date) || b.events - a.events || a.name.localeCompare(b.name));
}
