// The map's coarse views from the month × tenth-degree cell rollup. From zoom 6 out a grid cell spans several
// tenths of a degree, so the filter's sums by tenth (a few rows a cell and month, where the point rollup has one
// a day and place) are folded into it: a country's map reads tens of thousands of rows instead of hundreds of
// thousands. Counts and deaths are the point rollup's; a cell's place is the centre of its tenths weighted by
// their events and its bounds are theirs (within 0.05° and 0.1°: a few pixels at these zooms), and a tenth
// belongs to the grid cell and the view that hold its centre.
import { sql } from 'kysely';
import { cellBounds, cellCondition } from '../../analysis/cells.js';
import { compileFilter, rollupCanAnswer, type ResolvedFilter, type ScopedStore } from '../../analysis/filter/index.js';
import { analysisDb } from '../../analysis/tables.js';
import type { Box } from './event-map.js';

/** Grid cells at least this wide (zoom 6 and out) are read from the cell rollup. */
export const COARSE_DEGREES = 0.4;

/** One grid cell's sums, from either rollup. */
export interface GridRow {
  gx: number;
  gy: number;
  n: number;
  deaths: number;
  lat_sum: number;
  lon_sum: number;
  south: number;
  north: number;
  west: number;
  east: number;
}

export interface TenthCell {
  cell: number;
  events: number;
  deaths: number;
}

/** Whether cells this wide can be read from the cell rollup for this filter (exactly the events it selects). */
export function coarseReadable(filter: ResolvedFilter, cellDegrees: number): boolean {
  return cellDegrees >= COARSE_DEGREES && filter.rollupsFresh && rollupCanAnswer('rollup_cell_months', filter.root);
}

/** A tenth's centre and bounds (those of the last row and column held within the world). */
const centreOf = (cell: number) => {
  const b = cellBounds(cell);
  const [north, east] = [Math.min(90, b.north), Math.min(180, b.east)];
  return { lat: (b.south + north) / 2, lon: (b.west + east) / 2, south: b.south, west: b.west, north, east };
};

function holds(box: Box, lat: number, lon: number): boolean {
  if (lat < box.south || lat > box.north) return false;
  return box.west <= box.east ? lon >= box.west && lon <= box.east : lon >= box.west || lon <= box.east;
}

/** The filter's events and deaths by tenth-degree cell: those centred in the box, or all of them (null). */
export async function tenthCells(store: ScopedStore, filter: ResolvedFilter, box: Box | null): Promise<TenthCell[]> {
  // Cells of the box and one more around it: the centres are tested below.
  const around = box ? cellCondition(box, sql.ref('r.cell')) : null;
  const rows = (
    await sql<{ cell: number; n: number; deaths: number }>`select r.cell as cell, sum(r.events) as n, sum(r.fatalities_best) as deaths
      from rollup_cell_months r where ${compileFilter(filter, 'loose', 'rollup_cell_months')}${around ? sql` and ${around}` : sql``}
      group by r.cell`.execute(analysisDb(store.db))
  ).rows;
  const tenths = rows.map((r) => ({ cell: Number(r.cell), events: Number(r.n), deaths: Number(r.deaths) }));
  return box ? tenths.filter((t) => {
    const c = centreOf(t.cell);
    return holds(box, c.lat, c.lon);
  }) : tenths;
}

/** Tenths folded into the grid of `cell` degrees (the same numbering as the point rollup's cells). */
export function foldTenths(tenths: TenthCell[], cell: number): GridRow[] {
  const grid = new Map<string, GridRow>();
  for (const t of tenths) {
    if (t.events === 0) continue;
    const c = centreOf(t.cell);
    const gx = Math.floor((c.lon + 180) / cell);
    const gy = Math.floor((c.lat + 90) / cell);
    const key = `${gx}:${gy}`;
    const g = grid.get(key);
    if (!g) {
      grid.set(key, { gx, gy, n: t.events, deaths: t.deaths, lat_sum: c.lat * t.events, lon_sum: c.lon * t.events, south: c.south, north: c.north, west: c.west, east: c.east });
      continue;
    }
    Object.assign(g, {
      n: g.n + t.events, deaths: g.deaths + t.deaths, lat_sum: g.lat_sum + c.lat * t.events, lon_sum: g.lon_sum + c.lon * t.events,
      south: Math.min(g.south, c.south), north: Math.max(g.north, c.north), west: Math.min(g.west, c.west), east: Math.max(g.east, c.east),
    });
  }
  return [...grid.values()];
}
