// Grid cells of a tenth of a degree, numbered so that one row of latitude is one run of numbers:
// the point rollup keeps each point's cell, indexed with its date, so near: and bbox: read only the
// cells around the place (and only the window's days in each) rather than a whole band of latitude.
import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** Cells per degree. */
const PER_DEGREE = 10;
/** Numbers per row of cells: more than the 3,600 columns of a row, so rows never overlap. */
const ROW_WIDTH = 4000;

/** The cell of each row, as SQL over its lat and lon columns (the same arithmetic on both engines). */
export function cellSql(lat: RawBuilder<unknown>, lon: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(cast(floor(${lat} * ${sql.lit(PER_DEGREE)}) as integer) * ${sql.lit(ROW_WIDTH)} + cast(floor(${lon} * ${sql.lit(PER_DEGREE)}) as integer))`;
}

/** Above this many cells a box is read by rows of cells (ranges) rather than cell by cell. */
const MAX_LISTED = 400;
/** Above this many rows the cells would not narrow the read enough to be worth it. */
const MAX_ROWS = 200;

/**
 * A condition on the cell column that every point inside the box meets (a superset: one cell more on each
 * side absorbs any rounding between the database's arithmetic and this one), or null when the box is too
 * large for cells to help. West above east is a box across the antimeridian.
 */
export function cellCondition(box: { south: number; north: number; west: number; east: number }, cell: RawBuilder<unknown>): RawBuilder<SqlBool> | null {
  const south = Math.max(-90, box.south);
  const north = Math.min(90, box.north);
  const row0 = Math.floor(south * PER_DEGREE) - 1;
  const row1 = Math.floor(north * PER_DEGREE) + 1;
  if (!(row1 >= row0) || row1 - row0 + 1 > MAX_ROWS) return null;
  const cols = (w: number, e: number): [number, number] => [Math.max(-180 * PER_DEGREE - 1, Math.floor(w * PER_DEGREE) - 1), Math.min(180 * PER_DEGREE, Math.floor(e * PER_DEGREE) + 1)];
  const spans: [number, number][] = box.west <= box.east ? [cols(box.west, box.east)] : [cols(box.west, 180), cols(-180, box.east)];
  const rows = Array.from({ length: row1 - row0 + 1 }, (_, i) => row0 + i);
  const listed = cellsAround(box);
  if (listed) return sql<SqlBool>`${cell} in (${sql.join(listed.map((c) => sql.lit(c)))})`;
  const ranges = rows.flatMap((r) => spans.map(([a, b]) => sql<SqlBool>`${cell} between ${sql.lit(r * ROW_WIDTH + a)} and ${sql.lit(r * ROW_WIDTH + b)}`));
  return sql<SqlBool>`(${sql.join(ranges, sql` or `)})`;
}

/** The cells cellCondition lists for a box (null when it reads the box by rows of cells instead). */
export function cellsAround(box: { south: number; north: number; west: number; east: number }): number[] | null {
  const row0 = Math.floor(Math.max(-90, box.south) * PER_DEGREE) - 1;
  const row1 = Math.floor(Math.min(90, box.north) * PER_DEGREE) + 1;
  if (!(row1 >= row0)) return null;
  const cols = (w: number, e: number): [number, number] => [Math.max(-180 * PER_DEGREE - 1, Math.floor(w * PER_DEGREE) - 1), Math.min(180 * PER_DEGREE, Math.floor(e * PER_DEGREE) + 1)];
  const spans: [number, number][] = box.west <= box.east ? [cols(box.west, box.east)] : [cols(box.west, 180), cols(-180, box.east)];
  const perRow = spans.reduce((n, [a, b]) => n + b - a + 1, 0);
  if ((row1 - row0 + 1) * perRow > MAX_LISTED) return null;
  const cells: number[] = [];
  for (let r = row0; r <= row1; r++) for (const [a, b] of spans) for (let c = a; c <= b; c++) cells.push(r * ROW_WIDTH + c);
  return cells;
}

/** Above this many cells inside, a region is read point by point (the list would cost more than it saves). */
const MAX_INSIDE = 1000;

/**
 * The cells wholly inside a convex region, among the cells of its box: those whose four corners, pushed a
 * little outwards (rounding in either engine's arithmetic), are all inside. Empty when there are too many.
 */
export function cellsInside(box: { south: number; north: number; west: number; east: number }, inside: (lat: number, lon: number) => boolean): number[] {
  const eps = 1e-9;
  if (box.west > box.east) return [];
  const [row0, row1] = [Math.floor(box.south * PER_DEGREE), Math.floor(box.north * PER_DEGREE)];
  const [col0, col1] = [Math.floor(box.west * PER_DEGREE), Math.floor(box.east * PER_DEGREE)];
  if ((row1 - row0 + 1) * (col1 - col0 + 1) > 4 * MAX_INSIDE) return [];
  const found: number[] = [];
  for (let r = row0; r <= row1; r++) {
    const [s, n] = [r / PER_DEGREE - eps, (r + 1) / PER_DEGREE + eps];
    for (let c = col0; c <= col1; c++) {
      const [w, e] = [c / PER_DEGREE - eps, (c + 1) / PER_DEGREE + eps];
      if (inside(s, w) && inside(s, e) && inside(n, w) && inside(n, e)) found.push(r * ROW_WIDTH + c);
    }
  }
  return found.length > MAX_INSIDE ? [] : found;
}

/** The bounds of a cell (the inverse of cellSql): columns run from -1,800 to 1,799, so a row is the nearest multiple. */
export function cellBounds(cell: number): { south: number; west: number; north: number; east: number } {
  const row = Math.round(cell / ROW_WIDTH);
  const col = cell - row * ROW_WIDTH;
  return { south: row / PER_DEGREE, west: col / PER_DEGREE, north: (row + 1) / PER_DEGREE, east: (col + 1) / PER_DEGREE };
}
