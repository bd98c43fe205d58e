// The events of a filter on the desk's map, as GeoJSON, without sending millions of rows: within the
// viewport's box, the events are summed into a grid whose cells shrink as the map zooms in, and only
// when the box holds few enough events are they sent one by one. Cells come from the point rollup
// (sums by day and coordinates) when it can answer the filter, else from the events themselves.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { compileFilter, filterEnglish, prepareFilter, rollupCanAnswer, type ResolvedFilter, type ScopedStore } from '../../analysis/filter/index.js';
import { analysisDb } from '../../analysis/tables.js';

export interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface EventMapQuery {
  q: string;
  /** The viewport (west > east crosses the antimeridian); null: the whole world. */
  bbox: Box | null;
  /** The map's zoom level (MapLibre's, 512-pixel tiles): decides the cell size. */
  zoom: number;
  /** Events sent one by one when the box holds at most this many; above it, cells. */
  limit: number;
}

export interface CellProperties {
  kind: 'cell';
  /** "column:row" on the grid of `cell_degrees`. */
  id: string;
  events: number;
  /** Deaths, best estimates summed. */
  fatalities: number;
  /** The bounds of the events inside (to zoom to). */
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface EventProperties {
  kind: 'event';
  id: number;
  events: number;
  fatalities: number;
  date: string;
  place: string;
}

type Feature<P> = { type: 'Feature'; id?: number | string; geometry: { type: 'Point'; coordinates: [number, number] }; properties: P };

export interface EventMap {
  type: 'FeatureCollection';
  features: Feature<CellProperties | EventProperties>[];
  filter: string;
  english: string;
  /** cells: sums on a grid; events: each event (the box holds no more than `limit`). */
  mode: 'cells' | 'events';
  /** Events of the filter with coordinates inside the box. */
  total: number;
  /** The grid's cell size in degrees (cells mode). */
  cell_degrees: number | null;
  /** The box read: the one asked for, widened to whole cells. */
  bbox: [number, number, number, number];
  /** The bounds of the events found (null: none), to frame the map. */
  extent: [number, number, number, number] | null;
  /** Where the sums were read: rollup_points or events. */
  source: 'rollup_points' | 'events';
}

/** A cell of about 43 pixels: twelve across a 512-pixel tile. */
const CELLS_PER_TILE = 12;
/** Cells in one answer at most: a box too wide for its zoom gets coarser cells instead. */
export const MAX_CELLS = 6000;

export function cellDegrees(zoom: number): number {
  return 360 / (2 ** Math.floor(Math.max(0, zoom)) * CELLS_PER_TILE);
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** The box widened to whole cells (so that the cells at its edges are whole and answers can be shared). */
export function snapBox(box: Box, cell: number): Box {
  const down = (v: number, offset: number) => round6(Math.floor((v + offset) / cell) * cell - offset);
  const up = (v: number, offset: number) => round6(Math.ceil((v + offset) / cell) * cell - offset);
  return {
    west: clamp(down(box.west, 180), -180, 180),
    east: clamp(up(box.east, 180), -180, 180),
    south: clamp(down(box.south, 90), -90, 90),
    north: clamp(up(box.north, 90), -90, 90),
  };
}

function cellsIn(box: Box, cell: number): number {
  const width = box.west <= box.east ? box.east - box.west : 360 - (box.west - box.east);
  return Math.ceil(width / cell + 1) * Math.ceil((box.north - box.south) / cell + 1);
}

/** The cell size for a zoom, coarsened until the box holds at most MAX_CELLS, and the box snapped to it. */
export function gridFor(bbox: Box | null, zoom: number): { cell: number; box: Box } {
  const world = { west: -180, south: -90, east: 180, north: 90 };
  let cell = cellDegrees(zoom);
  let box = snapBox(bbox ?? world, cell);
  while (cellsIn(box, cell) > MAX_CELLS) {
    cell *= 2;
    box = snapBox(bbox ?? world, cell);
  }
  return { cell, box };
}

export async function eventMap(store: ScopedStore, query: EventMapQuery): Promise<EventMap> {
  const filter = await prepareFilter(store, query.q);
  const db = analysisDb(store.db);
  const { cell, box } = gridFor(query.bbox, query.zoom);
  const source: EventMap['source'] = filter.rollupsFresh && rollupCanAnswer('rollup_points', filter.root) ? 'rollup_points' : 'events';
  const alias = source === 'events' ? 'e' : 'r';
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const inBox = boxCondition(box, col);
  const where = source === 'events' ? sql`from events e where e.deleted_at is null and e.lat is not null and ${inBox} and ${compileFilter(filter, 'loose', 'events')}` : sql`from rollup_points r where ${inBox} and ${compileFilter(filter, 'loose', 'rollup_points')}`;
  const count = source === 'events' ? sql`e.event_count` : sql`r.events`;
  const deaths = source === 'events' ? sql`coalesce(e.fatalities_best, e.fatalities_low, 0)` : sql`r.fatalities_best`;
  const index = (c: string, offset: number) => (store.engine === 'postgres' ? sql`floor((${col(c)} + ${offset}) / ${cell})::integer` : sql`cast((${col(c)} + ${offset}) / ${cell} as integer)`);
  const rows = (
    await sql<Record<string, unknown>>`select ${index('lon', 180)} as gx, ${index('lat', 90)} as gy, sum(${count}) as n, sum(${deaths}) as deaths,
      sum(${col('lat')} * ${count}) as lat_sum, sum(${col('lon')} * ${count}) as lon_sum,
      min(${col('lat')}) as south, max(${col('lat')}) as north, min(${col('lon')}) as west, max(${col('lon')}) as east
      ${where} group by 1, 2`.execute(db)
  ).rows;

  const total = rows.reduce((n, r) => n + Number(r.n), 0);
  const extent = rows.length === 0 ? null : boundsOf(rows);
  const base = { type: 'FeatureCollection' as const, filter: filter.text, english: filterEnglish(filter), total, bbox: [box.west, box.south, box.east, box.north] as [number, number, number, number], extent, source };
  if (total <= query.limit) {
    return { ...base, mode: 'events', cell_degrees: null, features: await eventPoints(store, filter, box, query.limit) };
  }
  const features = rows.map((r): Feature<CellProperties> => {
    const n = Number(r.n);
    const id = `${Number(r.gx)}:${Number(r.gy)}`;
    return {
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [round6(Number(r.lon_sum) / n), round6(Number(r.lat_sum) / n)] },
      properties: { kind: 'cell', id, events: n, fatalities: Number(r.deaths), west: Number(r.west), south: Number(r.south), east: Number(r.east), north: Number(r.north) },
    };
  });
  return { ...base, mode: 'cells', cell_degrees: cell, features };
}

function boundsOf(rows: Record<string, unknown>[]): [number, number, number, number] {
  const min = (k: string) => Math.min(...rows.map((r) => Number(r[k])));
  const max = (k: string) => Math.max(...rows.map((r) => Number(r[k])));
  return [min('west'), min('south'), max('east'), max('north')];
}

function boxCondition(box: Box, col: (c: string) => RawBuilder<unknown>): RawBuilder<SqlBool> {
  const lat = sql<SqlBool>`${col('lat')} >= ${box.south} and ${col('lat')} <= ${box.north}`;
  if (box.west <= -180 && box.east >= 180) return lat;
  // A box across the antimeridian (west > east) is two ranges of longitude.
  const lon = box.west <= box.east ? sql`${col('lon')} >= ${box.west} and ${col('lon')} <= ${box.east}` : sql`(${col('lon')} >= ${box.west} or ${col('lon')} <= ${box.east})`;
  return sql<SqlBool>`${lat} and ${lon}`;
}

async function eventPoints(store: ScopedStore, filter: ResolvedFilter, box: Box, limit: number): Promise<Feature<EventProperties>[]> {
  const col = (c: string) => sql.ref(`e.${c}`);
  const rows = (
    await sql<Record<string, unknown>>`select e.id, e.lat, e.lon, e.date_start, e.event_count, coalesce(e.fatalities_best, e.fatalities_low, 0) as deaths,
      e.location, e.admin2, e.admin1, e.country
      from events e where e.deleted_at is null and e.lat is not null and ${boxCondition(box, col)} and ${compileFilter(filter, 'loose', 'events')}
      order by e.date_start desc, e.id desc limit ${limit}`.execute(analysisDb(store.db))
  ).rows;
  return rows.map((r) => {
    const id = Number(r.id);
    const place = [r.location, r.admin2, r.admin1, r.country].filter((p): p is string => typeof p === 'string' && p !== '').slice(0, 2).join(', ');
    return {
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [Number(r.lon), Number(r.lat)] },
      properties: { kind: 'event', id, events: Number(r.event_count), fatalities: Number(r.deaths), date: String(r.date_start), place },
    };
  });
}
