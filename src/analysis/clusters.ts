// Space-time clusters: events chained together when within R km and D days of each other (single
// linkage), found through a grid of cells R km wide and D days long so only neighbouring cells are compared.
import { sql, type RawBuilder } from 'kysely';
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

/** The points read, one array per column (no object per point: a country-year holds tens of thousands). */
interface Points {
  n: number;
  lat: Float64Array;
  lon: Float64Array;
  day: Int32Array;
  events: Float64Array;
  low: Float64Array;
  best: Float64Array;
  high: Float64Array;
  /** Index into dates and types, and the event id (-1 from the rollup). */
  date: Int32Array;
  type: Int32Array;
  id: Float64Array;
  dates: string[];
  types: string[];
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
  // Each column comes back as one JSON array (aggregated in one pass, so the arrays line up row by row): far
  // cheaper than an object per row when a country-year holds tens of thousands of points.
  const t = source === 'events' ? 'e' : 'r';
  // SQLite writes reals into JSON with 15 digits: as text with 17 they read back exactly (PostgreSQL's are exact).
  const exact = (v: RawBuilder<unknown>) => (store.engine === 'postgres' ? v : sql`case when ${v} is null then null else printf('%!.17g', ${v}) end`);
  const columns: Record<string, RawBuilder<unknown>> = {
    id: source === 'events' ? sql`e.id` : sql`-1`,
    lat: exact(sql.ref(`${t}.lat`)),
    lon: exact(sql.ref(`${t}.lon`)),
    date: sql.ref(`${t}.date_start`),
    events: sql.ref(source === 'events' ? 'e.event_count' : 'r.events'),
    low: fatal('low'),
    best: fatal('best'),
    high: fatal('high'),
    // Type and sub-type as one text, as classifyTypes reads them.
    type: sql`coalesce(${sql.ref(`${t}.event_type`)}, '') || ' ' || coalesce(${sql.ref(`${t}.sub_event_type`)}, '')`,
  };
  const agg = (v: RawBuilder<unknown>) => (store.engine === 'postgres' ? sql`json_agg(${v})` : sql`json_group_array(${v})`);
  const select = sql.join(Object.entries(columns).map(([name, v]) => sql`${agg(v)} as ${sql.ref(name)}`));
  const from = source === 'events' ? sql`from events e where e.deleted_at is null and ${c.strict}` : sql`from rollup_points r where ${c.strict}`;
  // The events the filter matches (for those without coordinates) at the same time, from a rollup figure.
  const [result, matched] = await Promise.all([
    sql<Record<string, unknown>>`select ${select} ${from}`.execute(db),
    source === 'rollup_points' ? figureOf(store, filter, { measure: 'events' }) : null,
  ]);
  const packed = result.rows[0] ?? {};
  // SQLite returns JSON text, PostgreSQL parsed arrays (null over no rows).
  const col = (name: string): unknown[] => {
    const v = packed[name];
    return (typeof v === 'string' ? JSON.parse(v) : (v ?? [])) as unknown[];
  };
  const [ids, lats, lons, dates, events, lows, bests, highs, types] = ['id', 'lat', 'lon', 'date', 'events', 'low', 'best', 'high', 'type'].map(col) as unknown[][];
  const n = lats!.length;
  const pts: Points = {
    n: 0, lat: new Float64Array(n), lon: new Float64Array(n), day: new Int32Array(n), events: new Float64Array(n), low: new Float64Array(n),
    best: new Float64Array(n), high: new Float64Array(n), date: new Int32Array(n), type: new Int32Array(n), id: new Float64Array(n), dates: [], types: [],
  };
  let unplaced = 0;
  const epoch = '1970-01-01';
  // A country-year has tens of thousands of events but only 365 dates and a few dozen types: each is converted once.
  const dateIndex = new Map<unknown, number>();
  const dayOfDate: number[] = [];
  const typeIndex = new Map<string, number>();
  let placed = 0;
  for (let k = 0; k < n; k++) {
    if (lats![k] === null || lons![k] === null) {
      unplaced += Number(events![k]);
      continue;
    }
    const i = pts.n++;
    const date = dates![k];
    let d = dateIndex.get(date);
    if (d === undefined) {
      dateIndex.set(date, (d = pts.dates.length));
      pts.dates.push(String(date));
      dayOfDate.push(daysBetween(epoch, String(date)));
    }
    const typeKey = String(types![k]);
    let ty = typeIndex.get(typeKey);
    if (ty === undefined) {
      typeIndex.set(typeKey, (ty = pts.types.length));
      pts.types.push(typeKey);
    }
    pts.lat[i] = Number(lats![k]);
    pts.lon[i] = Number(lons![k]);
    pts.date[i] = d;
    pts.day[i] = dayOfDate[d]!;
    pts.type[i] = ty;
    pts.events[i] = Number(events![k]);
    pts.low[i] = Number(lows![k]);
    pts.best[i] = Number(bests![k]);
    pts.high[i] = Number(highs![k]);
    pts.id[i] = Number(ids![k]);
    placed += pts.events[i]!;
  }
  if (matched) unplaced = matched.events - placed;
  const roots = linkArrays(pts.lat, pts.lon, pts.day, pts.n, km, days);
  // Events per group first (most groups are small), then only the groups large enough are gathered.
  const total = new Float64Array(pts.n);
  for (let i = 0; i < pts.n; i++) {
    const root = roots[i]!;
    total[root] = total[root]! + pts.events[i]!;
  }
  const members = new Map<number, number[]>();
  for (let i = 0; i < pts.n; i++) {
    const root = roots[i]!;
    if (total[root]! < min) continue;
    const g = members.get(root);
    if (g) g.push(i);
    else members.set(root, [i]);
  }
  const found = [...members.values()].map((g) => describeCluster(pts, g)).sort((a, b) => a.start.localeCompare(b.start) || b.events - a.events || a.end.localeCompare(b.end) || a.centre.lat - b.centre.lat || a.centre.lon - b.centre.lon);
  return { clusters: found, unplaced, km, days, min };
}

/**
 * Single-linkage groups (indexes into points) of points within km and days of a neighbour.
 * Cells are a little under half the distance across and `days` long, so every point in a cell is within
 * reach of every other: each cell is linked whole at once, and then only pairs of nearby cells that are not
 * yet linked are compared, stopping at the first pair of points in reach.
 */
export function linkPoints(points: { lat: number; lon: number; day: number }[], km: number, days: number): number[][] {
  const n = points.length;
  const roots = linkArrays(Float64Array.from(points, (p) => p.lat), Float64Array.from(points, (p) => p.lon), Int32Array.from(points, (p) => p.day), n, km, days);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(roots[i]!);
    if (g) g.push(i);
    else groups.set(roots[i]!, [i]);
  }
  return [...groups.values()];
}

/** linkPoints over columns: the root of each point's group (points of one group share it). */
function linkArrays(lats: Float64Array, lons: Float64Array, dayOf: Int32Array, n: number, km: number, days: number): Int32Array {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
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
  const steps = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const row = Math.floor(lats[i]! / latStep);
    let step = steps.get(row);
    if (step === undefined) steps.set(row, (step = lonStep(row)));
    const col = Math.floor(lons[i]! / step);
    const t = Math.floor(dayOf[i]! / span);
    const cell = cellAt(row, col, t);
    if (cell) {
      union(i, cell.members[0]!);
      cell.members.push(i);
      continue;
    }
    const fresh: Cell = { row, col, t, members: [i] };
    cells.push(fresh);
    let cols = grid.get(row);
    if (!cols) grid.set(row, (cols = new Map()));
    let times = cols.get(col);
    if (!times) cols.set(col, (times = new Map()));
    times.set(t, fresh);
  }

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
      for (const j of bs) {
        if (Math.abs(dayOf[j]! - dayOf[i]!) <= days && haversineKm(lats[i]!, lons[i]!, lats[j]!, lons[j]!) <= km) {
          union(i, j);
          return;
        }
      }
    }
  }

  const roots = new Int32Array(n);
  for (let i = 0; i < n; i++) roots[i] = find(i);
  return roots;
}

function describeCluster(p: Points, g: number[]): Cluster {
  let events = 0;
  const fatalities = { low: 0, best: 0, high: 0 };
  let [first, last] = [p.date[g[0]!]!, p.date[g[0]!]!];
  let [latSum, lonSum] = [0, 0];
  // Few distinct types in many events: classify each type once.
  const byType = new Map<number, number>();
  for (const i of g) {
    const e = p.events[i]!;
    events += e;
    fatalities.low += p.low[i]!;
    fatalities.best += p.best[i]!;
    fatalities.high += p.high[i]!;
    if (p.day[i]! < p.day[first]!) first = p.date[i]!;
    if (p.day[i]! > p.day[last]!) last = p.date[i]!;
    latSum += p.lat[i]! * e;
    lonSum += p.lon[i]! * e;
    byType.set(p.type[i]!, (byType.get(p.type[i]!) ?? 0) + e);
  }
  const [start, end] = [p.dates[first]!, p.dates[last]!];
  const lat = latSum / events;
  const lon = lonSum / events;
  const near = nearestPlace(lat, lon, 100);
  const anchor = near ?? { lat, lon };
  let farthest = 0;
  for (const i of g) farthest = Math.max(farthest, haversineKm(anchor.lat, anchor.lon, p.lat[i]!, p.lon[i]!));
  // Round the reach up to a whole 5 km, as copy would say it ("within 25 km").
  const radius = Math.max(5, Math.ceil(farthest / 5) * 5);
  let [strikes, attacks] = [0, 0];
  for (const [type, n] of byType) {
    const t = classifyTypes({ t_type: p.types[type] }, n);
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
    event_ids: p.id[g[0]!] === -1 ? null : g.map((i) => p.id[i]!).sort((a, b) => a - b),
  };
}

/** "8–12 October 2021", "30 September – 2 October 2021", "8 October 2021". */
export function dateSpan(start: string, end: string): string {
  if (start === end) return longDate(start);
  if (start.slice(0, 7) === end.slice(0, 7)) return `${Number(start.slice(8))}–${longDate(end)}`;
  if (start.slice(0, 4) === end.slice(0, 4)) return `${longDate(start, false)} – ${longDate(end)}`;
  return `${longDate(start)} – ${longDate(end)}`;
}
