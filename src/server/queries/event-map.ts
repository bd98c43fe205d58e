// The events of a filter on the desk's map, as GeoJSON, without sending millions of rows: within the
// viewport's box, the events are summed into a grid whose cells shrink as the map zooms in, and only
// when the box holds few enough events are they sent one by one. Coarse cells (zoom 6 and out) come from
// the month × tenth-degree cell rollup (event-map-cells.ts), finer ones from the point rollup (sums by day
// and coordinates), when they can answer the filter, else from the events themselves.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { compileFilter, filterEnglish, prepareFilter, rollupCanAnswer, type ResolvedFilter, type ScopedStore } from '../../analysis/filter/index.js';
import { analysisDb } from '../../analysis/tables.js';
import { COARSE_DEGREES, coarseReadable, foldTenths, tenthCells, type GridRow, type TenthCell } from './event-map-cells.js';

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
  /**
   * A view of this many pixels to frame the filter's events in: the zoom is chosen to fit them (at most
   * FIT_MAX_ZOOM) and the answer covers the whole world at that zoom, in one read. bbox and zoom are ignored.
   */
  fit?: { width: number; height: number } | null;
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
  /** The bounds of the events found (null: none), to frame the map; from the cell rollup, those of their tenth-degree cells. */
  extent: [number, number, number, number] | null;
  /** Where the sums were read. */
  source: 'rollup_cell_months' | 'rollup_points' | 'events';
  /** With fit: the view that frames the events (null: no events to frame). */
  view: { center: [number, number]; zoom: number } | null;
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
export function gridFor(bbox: Box | null, zoom: number, coarsen = true): { cell: number; box: Box } {
  const world = { west: -180, south: -90, east: 180, north: 90 };
  let cell = cellDegrees(zoom);
  let box = snapBox(bbox ?? world, cell);
  while (coarsen && cellsIn(box, cell) > MAX_CELLS) {
    cell *= 2;
    box = snapBox(bbox ?? world, cell);
  }
  return { cell, box };
}

/** The deepest zoom a fitted view takes (cells of about 0.12°): finer views are read as the map zooms in. */
export const FIT_MAX_ZOOM = 8;
/** Pixels kept free around the framed events. */
const FIT_PADDING = 40;

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (clamp(lat, -85, 85) * Math.PI) / 360));
const latOfY = (y: number) => ((2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180) / Math.PI;

/** The zoom (MapLibre's 512-pixel tiles) and centre that frame an extent in a view of width × height pixels. */
export function fitView(extent: [number, number, number, number], width: number, height: number): { center: [number, number]; zoom: number } {
  const [west, south, east, north] = extent;
  const w = Math.max(1, width - 2 * FIT_PADDING);
  const h = Math.max(1, height - 2 * FIT_PADDING);
  const spanX = Math.max(east - west, 1e-6) / 360;
  const spanY = Math.max(mercatorY(north) - mercatorY(south), 1e-6) / (2 * Math.PI);
  const zoom = clamp(Math.min(Math.log2(w / 512 / spanX), Math.log2(h / 512 / spanY)), 0, FIT_MAX_ZOOM);
  return { center: [round6((west + east) / 2), round6(latOfY((mercatorY(south) + mercatorY(north)) / 2))], zoom: Math.round(zoom * 1000) / 1000 };
}

export async function eventMap(store: ScopedStore, query: EventMapQuery): Promise<EventMap> {
  const filter = await prepareFilter(store, query.q);
  if (query.fit) return fittedEventMap(store, filter, query, query.fit);
  return gridEventMap(store, filter, query);
}

/**
 * One read at the finest zoom a fitted view can take, over the whole world; the extent of its cells
 * gives the view, and the cells of that view's zoom are unions of the fine ones (the grids nest).
 * A filter the cell rollup answers is read by tenth of a degree instead, once, when the view is coarse.
 */
async function fittedEventMap(store: ScopedStore, filter: ResolvedFilter, query: EventMapQuery, fit: { width: number; height: number }): Promise<EventMap> {
  if (coarseReadable(filter, COARSE_DEGREES)) {
    const coarse = await coarseFit(store, filter, query, fit);
    if (coarse) return coarse;
  }
  // Not coarsened: the cells read are at most the events' distinct places, and are merged below.
  const fine = await gridEventMap(store, filter, { ...query, bbox: null, zoom: FIT_MAX_ZOOM, limit: 0 }, false);
  if (!fine.extent) return fine;
  const view = fitView(fine.extent, fit.width, fit.height);
  if (fine.total <= query.limit) return { ...(await gridEventMap(store, filter, { ...query, bbox: null, zoom: view.zoom })), view };
  const cell = cellDegrees(view.zoom);
  const factor = Math.round(cell / fine.cell_degrees!);
  const merged = new Map<string, { n: number; deaths: number; lat: number; lon: number; west: number; south: number; east: number; north: number }>();
  for (const f of fine.features) {
    const p = f.properties as CellProperties;
    const [gx, gy] = p.id.split(':').map(Number) as [number, number];
    const id = `${Math.floor(gx / factor)}:${Math.floor(gy / factor)}`;
    const m = merged.get(id);
    const [lon, lat] = f.geometry.coordinates;
    if (!m) merged.set(id, { n: p.events, deaths: p.fatalities, lat: lat * p.events, lon: lon * p.events, west: p.west, south: p.south, east: p.east, north: p.north });
    else Object.assign(m, { n: m.n + p.events, deaths: m.deaths + p.fatalities, lat: m.lat + lat * p.events, lon: m.lon + lon * p.events, west: Math.min(m.west, p.west), south: Math.min(m.south, p.south), east: Math.max(m.east, p.east), north: Math.max(m.north, p.north) });
  }
  const features = [...merged].map(([id, m]): Feature<CellProperties> => ({
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [round6(m.lon / m.n), round6(m.lat / m.n)] },
    properties: { kind: 'cell', id, events: m.n, fatalities: m.deaths, west: m.west, south: m.south, east: m.east, north: m.north },
  }));
  return { ...fine, features, cell_degrees: cell, view };
}

/**
 * The fit from the filter's tenth-degree cells: their extent gives the view, and when its cells are coarse (and the
 * events too many to send one by one) they are folded into them. Null when the view is finer: the points answer.
 */
async function coarseFit(store: ScopedStore, filter: ResolvedFilter, query: EventMapQuery, fit: { width: number; height: number }): Promise<EventMap | null> {
  const tenths = await tenthCells(store, filter, null);
  const extent = tenthsExtent(tenths);
  const world = gridFor(null, FIT_MAX_ZOOM, false);
  if (!extent) return answer(store, filter, [], world.cell, world.box, 'rollup_cell_months', 0);
  const view = fitView(extent, fit.width, fit.height);
  const cell = cellDegrees(view.zoom);
  if (cell < COARSE_DEGREES) return null;
  const total = tenths.reduce((n, t) => n + t.events, 0);
  if (total <= query.limit) return { ...(await gridEventMap(store, filter, { ...query, bbox: null, zoom: view.zoom })), view };
  return { ...(await answer(store, filter, foldTenths(tenths, cell), cell, gridFor(null, view.zoom, false).box, 'rollup_cell_months', query.limit)), view };
}

function tenthsExtent(tenths: TenthCell[]): [number, number, number, number] | null {
  const rows = foldTenths(tenths, 360);
  return rows.length === 0 ? null : boundsOf(rows);
}

async function gridEventMap(store: ScopedStore, filter: ResolvedFilter, query: EventMapQuery, coarsen = true): Promise<EventMap> {
  const db = analysisDb(store.db);
  const { cell, box } = gridFor(query.bbox, query.zoom, coarsen);
  if (coarseReadable(filter, cell)) {
    const whole = box.west <= -180 && box.east >= 180 && box.south <= -90 && box.north >= 90;
    return answer(store, filter, foldTenths(await tenthCells(store, filter, whole ? null : box), cell), cell, box, 'rollup_cell_months', query.limit);
  }
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
  const grid = rows.map((r): GridRow => ({
    gx: Number(r.gx), gy: Number(r.gy), n: Number(r.n), deaths: Number(r.deaths), lat_sum: Number(r.lat_sum), lon_sum: Number(r.lon_sum),
    south: Number(r.south), north: Number(r.north), west: Number(r.west), east: Number(r.east),
  }));
  return answer(store, filter, grid, cell, box, source, query.limit);
}

/** The answer for a grid's sums: its cells, or the events one by one when the box holds at most `limit`. */
async function answer(store: ScopedStore, filter: ResolvedFilter, rows: GridRow[], cell: number, box: Box, source: EventMap['source'], limit: number): Promise<EventMap> {
  const total = rows.reduce((n, r) => n + r.n, 0);
  const extent = rows.length === 0 ? null : boundsOf(rows);
  const base = { type: 'FeatureCollection' as const, filter: filter.text, english: filterEnglish(filter), total, bbox: [box.west, box.south, box.east, box.north] as [number, number, number, number], extent, source, view: null };
  if (total <= limit) {
    return { ...base, mode: 'events', cell_degrees: null, features: await eventPoints(store, filter, box, limit) };
  }
  const features = rows.map((r): Feature<CellProperties> => {
    const id = `${r.gx}:${r.gy}`;
    return {
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [round6(r.lon_sum / r.n), round6(r.lat_sum / r.n)] },
      properties: { kind: 'cell', id, events: r.n, fatalities: r.deaths, west: r.west, south: r.south, east: r.east, north: r.north },
    };
  });
  return { ...base, mode: 'cells', cell_degrees: cell, features };
}

function boundsOf(rows: GridRow[]): [number, number, number, number] {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of rows) [west, south, east, north] = [Math.min(west, r.west), Math.min(south, r.south), Math.max(east, r.east), Math.max(north, r.north)];
  return [west, south, east, north];
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
