// Space-time clusters: events chained together when within R km and D days of each other (single
// linkage), found through a grid of cells R km wide and D days long so only neighbouring cells are compared.
import { sql } from 'kysely';
import type { Store } from '../store/store.js';
import { daysBetween, longDate } from './filter/dates.js';
import { prepareFilter } from './filter/index.js';
import { nearestPlace } from './gazetteer.js';
import { haversineKm, KM_PER_DEGREE } from './geo.js';
import { ROW_VALUES, type Range } from './measures.js';
import { rollupCanAnswer } from './filter/compile.js';
import { figureOf } from './figure.js';
import { classifyTypes, conditions } from './query.js';
import { analysisDb } from './tables.js';
import { count, counted, eventNoun } from './wording.js';

export interface ClusterOptions {
  km: number;
  days: number;
  /** Smallest cluster reported, in events (each row's event_count summed). */
  min?: number;
  /** List each cluster's event ids (reads the events themselves, which is slower on a large store). */
  ids?: boolean;
}

export interface Cluster {
  start: string;
  end: string;
  events: number;
  fatalities: Range;
  centre: { lat: number; lon: number };
  /** The nearest named place to the centre, and how far the cluster's farthest event lies from it. */
  place: { name: string; country: string | null; km: number } | null;
  radius_km: number;
  sentence: string;
  /** The events of the cluster, when asked for (options.ids). */
  event_ids: number[] | null;
}

export interface Clusters {
  clusters: Cluster[];
  /** Events matched that have no coordinates, so could not be placed. */
  unplaced: number;
  km: number;
  days: number;
  min: number;
}

interface Point {
  id: number;
  lat: number;
  lon: number;
  day: number;
  date: string;
  events: number;
  low: number;
  best: number;
  high: number;
  type: string;
}

export async function clusters(store: Pick<Store, 'db' | 'engine'>, filterText: string, options: ClusterOptions): Promise<Clusters> {
  const { km, days } = options;
  const min = options.min ?? 3;
  if (!(km > 0) || !(days >= 0)) throw new Error('clusters need a distance above 0 km and a number of days of at least 0');
  const filter = await prepareFilter(store, filterText);
  const db = analysisDb(store.db);
  // Clusters need coordinates, so the point rollup (events with coordinates, summed by day and place) answers
  // exactly when the filter only uses its columns; event ids need the events themselves.
  const source = !options.ids && filter.rollupsFresh && rollupCanAnswer('rollup_points', filter.root) ? 'rollup_points' : 'events';
  const c = conditions(filter, source);
  const fatal = (b: 'low' | 'best' | 'high') => (source === 'events' ? sql.raw(ROW_VALUES.fatalities[b]) : sql.raw(`r.fatalities_${b}`));
  const rows =
    source === 'events'
      ? await sql<Record<string, unknown>>`select e.id as id, e.lat as lat, e.lon as lon, e.date_start as date, e.event_count as events,
          ${fatal('low')} as low, ${fatal('best')} as best, ${fatal('high')} as high, e.event_type as t_type, e.sub_event_type as t_subtype
          from events e where e.deleted_at is null and ${c.strict}`.execute(db)
      : await sql<Record<string, unknown>>`select null as id, r.lat as lat, r.lon as lon, r.date_start as date, r.events as events,
          ${fatal('low')} as low, ${fatal('best')} as best, ${fatal('high')} as high, r.event_type as t_type, r.sub_event_type as t_subtype
          from rollup_points r where ${c.strict}`.execute(db);
  const points: Point[] = [];
  let unplaced = 0;
  const epoch = '1970-01-01';
  // A country-year has tens of thousands of events but only 365 dates: convert each date once.
  const dayOf = new Map<string, number>();
  for (const r of rows.rows) {
    if (r.lat === null || r.lon === null) {
      unplaced += Number(r.events);
      continue;
    }
    const date = String(r.date);
    let day = dayOf.get(date);
    if (day === undefined) dayOf.set(date, (day = daysBetween(epoch, date)));
    points.push({ id: r.id === null ? -1 : Number(r.id), lat: Number(r.lat), lon: Number(r.lon), day, date, events: Number(r.events), low: Number(r.low), best: Number(r.best), high: Number(r.high), type: `${r.t_type ?? ''} ${r.t_subtype ?? ''}` });
  }
  if (source === 'rollup_points') unplaced = (await figureOf(store, filter, { measure: 'events' })).events - points.reduce((n, p) => n + p.events, 0);
  const groups = linkPoints(points, km, days);
  const found = groups
    .map((g) => g.map((i) => points[i]!))
    .filter((g) => g.reduce((n, p) => n + p.events, 0) >= min)
    .map((g) => describeCluster(g))
    .sort((a, b) => a.start.localeCompare(b.start) || b.events - a.events);
  return { clusters: found, unplaced, km, days, min };
}

/**
 * Single-linkage groups (indexes into points) of points within km and days of a neighbour.
 * Cells are a little under half the distance across and `days` long, so every point in a cell is within
 * reach of every other: each cell is linked whole at once, and then only pairs of nearby cells that are not
 * yet linked are compared, stopping at the first pair of points in reach.
 */
export function linkPoints(points: { lat: number; lon: number; day: number }[], km: number, days: number): number[][] {
  const parent = points.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent[ra] = rb;
  };
  // 2.2 rather than 2 leaves room for the flat-earth cell geometry against haversine distances.
  const side = km / 2.2;
  const latStep = side / KM_PER_DEGREE;
  const span = Math.max(1, days);
  const cosAt = (lat: number) => Math.max(Math.cos((Math.min(89.9, Math.abs(lat)) * Math.PI) / 180), 1e-6);
  // Within a row of cells, longitude steps are set at the row's edge nearest the equator, where a degree is
  // widest, so no cell is wider than `side` anywhere in the row.
  const lonStep = (row: number) => {
    const [a, b] = [row * latStep, (row + 1) * latStep];
    const nearest = a <= 0 && b >= 0 ? 0 : Math.min(Math.abs(a), Math.abs(b));
    return side / (KM_PER_DEGREE * cosAt(nearest));
  };
  const rowFarthest = (row: number) => Math.max(Math.abs(row * latStep), Math.abs((row + 1) * latStep));

  interface Cell { row: number; col: number; t: number; members: number[] }
  // Nested maps (row → column → time) rather than string keys: the neighbour search looks up many cells.
  const grid = new Map<number, Map<number, Map<number, Cell>>>();
  const cells: Cell[] = [];
  const cellAt = (row: number, col: number, t: number) => grid.get(row)?.get(col)?.get(t);
  points.forEach((p, i) => {
    const row = Math.floor(p.lat / latStep);
    const col = Math.floor(p.lon / lonStep(row));
    const t = Math.floor(p.day / span);
    const cell = cellAt(row, col, t);
    if (cell) {
      union(i, cell.members[0]!);
      cell.members.push(i);
      return;
    }
    const fresh: Cell = { row, col, t, members: [i] };
    cells.push(fresh);
    let cols = grid.get(row);
    if (!cols) grid.set(row, (cols = new Map()));
    let times = cols.get(col);
    if (!times) cols.set(col, (times = new Map()));
    times.set(t, fresh);
  });

  const rowsReach = Math.ceil(km / side);
  for (const a of cells) {
    const step = lonStep(a.row);
    const [west, east] = [a.col * step, (a.col + 1) * step];
    for (let row = a.row - rowsReach; row <= a.row + rowsReach; row++) {
      const cols = grid.get(row);
      if (!cols) continue;
      const reach = km / (KM_PER_DEGREE * cosAt(Math.max(rowFarthest(row), rowFarthest(a.row))));
      const s = lonStep(row);
      const [c0, c1] = [Math.floor((west - reach) / s), Math.floor((east + reach) / s)];
      for (let col = c0; col <= c1; col++) {
        const times = cols.get(col);
        if (!times) continue;
        for (let t = a.t - 1; t <= a.t + 1; t++) {
          const b = times.get(t);
          if (!b || b === a || find(a.members[0]!) === find(b.members[0]!)) continue;
          linkFirst(a.members, b.members);
        }
      }
    }
  }

  function linkFirst(as: number[], bs: number[]): void {
    for (const i of as) {
      const p = points[i]!;
      for (const j of bs) {
        const q = points[j]!;
        if (Math.abs(q.day - p.day) <= days && haversineKm(p.lat, p.lon, q.lat, q.lon) <= km) {
          union(i, j);
          return;
        }
      }
    }
  }

  const groups = new Map<number, number[]>();
  points.forEach((_, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()];
}

function describeCluster(g: Point[]): Cluster {
  const events = g.reduce((n, p) => n + p.events, 0);
  const fatalities = g.reduce((r, p) => ({ low: r.low + p.low, best: r.best + p.best, high: r.high + p.high }), { low: 0, best: 0, high: 0 });
  let [start, end] = [g[0]!.date, g[0]!.date];
  for (const p of g) {
    if (p.date < start) start = p.date;
    if (p.date > end) end = p.date;
  }
  const lat = g.reduce((s, p) => s + p.lat * p.events, 0) / events;
  const lon = g.reduce((s, p) => s + p.lon * p.events, 0) / events;
  const near = nearestPlace(lat, lon, 100);
  const anchor = near ?? { lat, lon };
  const farthest = g.reduce((m, p) => Math.max(m, haversineKm(anchor.lat, anchor.lon, p.lat, p.lon)), 0);
  // Round the reach up to a whole 5 km, as copy would say it ("within 25 km").
  const radius = Math.max(5, Math.ceil(farthest / 5) * 5);
  // Few distinct types in many events: classify each type once.
  const byType = new Map<string, number>();
  for (const p of g) byType.set(p.type, (byType.get(p.type) ?? 0) + p.events);
  let [strikes, attacks] = [0, 0];
  for (const [type, n] of byType) {
    const t = classifyTypes({ t_type: type }, n);
    strikes += t.strike_events;
    attacks += t.attack_events;
  }
  const noun = eventNoun(events, strikes, attacks);
  const span = daysBetween(start, end) + 1;
  const where = near ? `within ${radius} km of ${near.plain}` : `within ${radius} km of ${lat.toFixed(2)}, ${lon.toFixed(2)}`;
  const killed = fatalities.low > 0 ? `, ${counted(fatalities.low, 'person', 'people')} killed` : '';
  const sentence = `${count(events)} ${events === 1 ? noun : `${noun}s`} in ${counted(span, 'day')} ${where}, ${dateSpan(start, end)}${killed}`;
  return {
    start,
    end,
    events,
    fatalities,
    centre: { lat: Math.round(lat * 1e4) / 1e4, lon: Math.round(lon * 1e4) / 1e4 },
    place: near ? { name: near.plain, country: near.country, km: Math.round(near.km * 10) / 10 } : null,
    radius_km: radius,
    sentence: sentence.charAt(0).toUpperCase() + sentence.slice(1),
    event_ids: g[0]!.id === -1 ? null : g.map((p) => p.id).sort((a, b) => a - b),
  };
}

/** "8–12 October 2021", "30 September – 2 October 2021", "8 October 2021". */
export function dateSpan(start: string, end: string): string {
  if (start === end) return longDate(start);
  if (start.slice(0, 7) === end.slice(0, 7)) return `${Number(start.slice(8))}–${longDate(end)}`;
  if (start.slice(0, 4) === end.slice(0, 4)) return `${longDate(start, false)} – ${longDate(end)}`;
  return `${longDate(start)} – ${longDate(end)}`;
}
