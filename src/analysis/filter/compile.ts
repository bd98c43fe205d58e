// AST → a parameterised SQL condition (Kysely `sql` fragments, values always bound as parameters).
// Dates make the condition three-valued: an event dated only to a week may or may not lie in a window.
// `strict` holds for events certainly matching, `loose` for those that might: their difference is the margin.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { addDays } from '../../ingest/values.js';
import { cellCondition, cellsAround, cellsInside } from '../cells.js';
import { boxAround, KM_PER_DEGREE } from '../geo.js';
import type { FilterNode, TermNode } from './ast.js';
import type { ResolvedFilter, Resolution } from './resolve.js';
import { textMatchCondition, textPrefilter } from './text-matches.js';

export type Mode = 'strict' | 'loose';
export type Source = 'events' | 'rollup_days' | 'rollup_country_days' | 'rollup_months' | 'rollup_actor_months' | 'rollup_cell_months' | 'rollup_points';

/** Filter fields each rollup can answer (their columns), besides dates. */
const ROLLUP_FIELDS: Record<Exclude<Source, 'events'>, readonly string[]> = {
  rollup_days: ['actor', 'actor1', 'actor2', 'country', 'admin1', 'type', 'subtype', 'disorder', 'civilian', 'dataset', 'investigation', 'date'],
  rollup_country_days: ['country', 'dataset', 'investigation', 'date'],
  rollup_months: ['country', 'type', 'disorder', 'civilian', 'dataset', 'investigation', 'date'],
  rollup_actor_months: ['actor', 'actor1', 'actor2', 'country', 'type', 'subtype', 'disorder', 'civilian', 'dataset', 'investigation', 'date'],
  rollup_points: ['country', 'type', 'subtype', 'disorder', 'civilian', 'dataset', 'investigation', 'date', 'near', 'bbox'],
  // Cells wholly inside a near: circle only (figure.ts picks them): the term itself is left to the point rollup.
  rollup_cell_months: ['country', 'type', 'subtype', 'disorder', 'civilian', 'dataset', 'investigation', 'date'],
};

const TRUE = sql<SqlBool>`1 = 1`;
const FALSE = sql<SqlBool>`1 = 0`;

/** Whether a rollup table can answer this filter exactly. */
export function rollupCanAnswer(source: Exclude<Source, 'events'>, root: FilterNode | null): boolean {
  const check = (n: FilterNode): boolean => {
    if (n.kind === 'not') return check(n.item);
    if (n.kind !== 'term') return n.items.every(check);
    if (!ROLLUP_FIELDS[source].includes(n.field)) return false;
    // Months answer only windows made of whole months.
    if (n.field === 'date' && isMonthly(source)) {
      const { start, end } = n.window;
      if (start !== null && !start.endsWith('-01')) return false;
      if (end !== null && end !== lastOfMonth(end)) return false;
    }
    return true;
  };
  return root === null || check(root);
}

/** Tables whose dates are months (month and end_month columns). */
export const isMonthly = (source: Source): boolean => source === 'rollup_months' || source === 'rollup_actor_months' || source === 'rollup_cell_months';

export function lastOfMonth(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return `${iso.slice(0, 8)}${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** Whether the filter has any date term (else strict and loose are the same condition). */
export function hasDates(root: FilterNode | null): boolean {
  const walk = (n: FilterNode): boolean => (n.kind === 'term' ? n.field === 'date' : n.kind === 'not' ? walk(n.item) : n.items.some(walk));
  return root !== null && walk(root);
}

export function compileFilter(filter: ResolvedFilter, mode: Mode, source: Source = 'events'): RawBuilder<SqlBool> {
  const col = (name: string) => sql.ref(`${source === 'events' ? 'e' : 'r'}.${name}`);
  // Every table read (events and rollups) carries dataset_id, so left-out datasets are left out of all of them.
  const excluded = filter.excludedDatasets ?? [];
  if (excluded.length > 0) {
    const rest = compileFilter({ ...filter, excludedDatasets: [] }, mode, source);
    return sql<SqlBool>`(${col('dataset_id')} not in (${sql.join([...excluded])}) and ${rest})`;
  }
  if (!filter.root) return TRUE;
  const resolution = (t: TermNode): Resolution => {
    const r = filter.resolutions.get(t);
    if (!r) throw new Error(`filter term ${t.field} was not resolved`);
    return r;
  };
  const names = (t: TermNode) => {
    const r = resolution(t);
    return r.kind === 'names' ? r.values : [];
  };
  let prefilter: { tokens: string[] | null } | undefined;
  const inList = (column: string, values: (string | number)[]) =>
    values.length === 0 ? FALSE : sql<SqlBool>`(${col(column)} is not null and ${col(column)} in (${sql.join(values)}))`;

  const term = (t: TermNode, m: Mode): RawBuilder<SqlBool> => {
    switch (t.field) {
      case 'actor':
        return sql<SqlBool>`(${inList('actor1_id', names(t))} or ${inList('actor2_id', names(t))})`;
      case 'actor1':
        return inList('actor1_id', names(t));
      case 'actor2':
        return inList('actor2_id', names(t));
      case 'country':
        return inList('iso3', names(t));
      case 'admin1': case 'admin2': case 'location': case 'target':
        return inList(t.field, names(t));
      case 'type':
        return inList('event_type', names(t));
      case 'subtype':
        return inList('sub_event_type', names(t));
      case 'disorder':
        return inList('disorder_type', names(t));
      case 'dataset':
      case 'investigation': {
        const r = resolution(t);
        return inList('dataset_id', r.kind === 'ids' ? r.ids : []);
      }
      case 'civilian':
        return t.yes ? sql<SqlBool>`coalesce(${col('civilian_targeting')}, 0) = 1` : sql<SqlBool>`coalesce(${col('civilian_targeting')}, 0) = 0`;
      case 'fatal': {
        const deaths = sql`coalesce(${col('fatalities_best')}, ${col('fatalities_low')}, 0)`;
        return t.yes ? sql<SqlBool>`${deaths} > 0` : sql<SqlBool>`${deaths} = 0`;
      }
      case 'date':
        return dateCondition(t.window.start, t.window.end, m, source, col, filter.maxSpanDays);
      case 'near': {
        const r = resolution(t);
        if (r.kind !== 'point') throw new Error('near: resolved without a point');
        return nearCondition(r.lat, r.lon, t.km, col, source);
      }
      case 'bbox':
        return sql<SqlBool>`(${cells(source, t, col)}${col('lat')} is not null and ${col('lat')} >= ${t.south} and ${col('lat')} <= ${t.north} and ${lonRange(t.west, t.east, col)})`;
      case 'text': {
        const r = filter.resolutions.get(t);
        if (r?.kind === 'matches') return textMatchCondition(filter.engine, col('id'), r);
        prefilter ??= { tokens: textPrefilter(filter.root, names, filter.maxSpanDays) };
        return textMatchCondition(filter.engine, col('id'), { phrases: t.values.map((v) => v.text), tokens: prefilter.tokens });
      }
      case 'grade':
      case 'status':
        return sql<SqlBool>`exists (select 1 from incidents i where i.event_id = ${col('id')} and i.${sql.ref(t.field)} in (${sql.join(t.values.map((v) => v.text))}))`;
    }
  };

  const walk = (n: FilterNode, m: Mode): RawBuilder<SqlBool> => {
    switch (n.kind) {
      case 'term':
        return term(n, m);
      case 'and':
        return sql<SqlBool>`(${sql.join(n.items.map((i) => walk(i, m)), sql` and `)})`;
      case 'or':
        return sql<SqlBool>`(${sql.join(n.items.map((i) => walk(i, m)), sql` or `)})`;
      case 'not':
        // Certainly not X = not possibly X; possibly not X = not certainly X.
        return sql<SqlBool>`not ${walk(n.item, m === 'strict' ? 'loose' : 'strict')}`;
    }
  };
  return walk(filter.root, mode);
}

/**
 * The strict condition for rows already known to match loosely: terms without dates hold alike in both
 * modes, so only the date terms need checking again (far cheaper inside every sum of a wide query).
 */
export function compileStrictGivenLoose(filter: ResolvedFilter, source: Source = 'events'): RawBuilder<SqlBool> {
  const root = filter.root;
  if (!root || !hasDates(root)) return TRUE;
  const items = root.kind === 'and' ? root.items : [root];
  const parts = items.filter((i) => hasDates(i)).map((i) => compileFilter({ ...filter, root: i, excludedDatasets: [] }, 'strict', source));
  return parts.length === 1 ? parts[0]! : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

function dateCondition(start: string | null, end: string | null, mode: Mode, source: Source, col: (n: string) => RawBuilder<unknown>, maxSpanDays: number | null): RawBuilder<SqlBool> {
  const months = isMonthly(source);
  const first = col(months ? 'month' : 'date_start');
  const last = col(months ? 'end_month' : 'date_end');
  const a = start === null ? null : months ? start.slice(0, 7) : start;
  const b = end === null ? null : months ? end.slice(0, 7) : end;
  const parts: RawBuilder<SqlBool>[] = [];
  // Wholly inside: starts on or after A and ends on or before B. Overlapping: ends on or after A, starts by B.
  if (a !== null) parts.push(mode === 'strict' ? sql<SqlBool>`${first} >= ${a}` : sql<SqlBool>`${last} >= ${a}`);
  // Redundant but indexable: an event ending on or after A started no earlier than A minus the longest span.
  if (a !== null && mode === 'loose' && !months && maxSpanDays !== null) parts.push(sql<SqlBool>`${first} >= ${addDays(a, -maxSpanDays)}`);
  if (b !== null) parts.push(mode === 'strict' ? sql<SqlBool>`${last} <= ${b}` : sql<SqlBool>`${first} <= ${b}`);
  // Redundant too (an event never ends before it starts), and indexable: a strict window's read stops at B.
  if (b !== null && mode === 'strict') parts.push(sql<SqlBool>`${first} <= ${b}`);
  return parts.length === 0 ? TRUE : sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** The point rollup's cells around a box, ahead of the box itself (implied by it, so exact; see cells.ts). */
function cells(source: Source, box: { south: number; north: number; west: number; east: number }, col: (n: string) => RawBuilder<unknown>): RawBuilder<unknown> {
  const c = source === 'rollup_points' ? cellCondition(box, col('cell')) : null;
  return c ? sql`${c} and ` : sql``;
}

function lonRange(west: number, east: number, col: (n: string) => RawBuilder<unknown>): RawBuilder<SqlBool> {
  // A box across the antimeridian (west > east) is two ranges.
  if (west <= east) return sql<SqlBool>`${col('lon')} >= ${west} and ${col('lon')} <= ${east}`;
  return sql<SqlBool>`(${col('lon')} >= ${west} or ${col('lon')} <= ${east})`;
}

/**
 * The grid cells wholly within km of a point, by the same test nearCondition makes (box, then distance), with
 * room for rounding: every point of these cells passes it.
 */
export function cellsWithin(lat: number, lon: number, km: number): { inside: number[]; around: number[] | null } {
  const box = boxAround(lat, lon, km);
  const kx = KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const ky = KM_PER_DEGREE;
  const west = Math.max(-180, box.west);
  const east = Math.min(180, box.east);
  // The cells nearCondition lists (cellCondition of the same box), for the reads of the cells outside.
  const around = cellsAround({ ...box, west, east });
  const m = 1e-9;
  const limit = km * km * (1 - 1e-9);
  const inside = cellsInside({ south: box.south, north: box.north, west, east }, (la, lo) => {
    if (la < box.south + m || la > box.north - m || lo < west + m || lo > east - m) return false;
    const dx = (lo - lon) * kx;
    const dy = (la - lat) * ky;
    return dx * dx + dy * dy <= limit;
  });
  return { inside, around };
}

/**
 * Within km of a point: a bounding box the indexes can use, then the equirectangular distance, which
 * needs only arithmetic (no trigonometry in SQLite) and errs by under 0.5% within a few hundred km.
 */
function nearCondition(lat: number, lon: number, km: number, col: (n: string) => RawBuilder<unknown>, source: Source): RawBuilder<SqlBool> {
  const box = boxAround(lat, lon, km);
  const kx = KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  const ky = KM_PER_DEGREE;
  const dx = sql`((${col('lon')} - ${lon}) * ${kx})`;
  const dy = sql`((${col('lat')} - ${lat}) * ${ky})`;
  const west = Math.max(-180, box.west);
  const east = Math.min(180, box.east);
  return sql<SqlBool>`(${cells(source, { ...box, west, east }, col)}${col('lat')} is not null and ${col('lat')} >= ${box.south} and ${col('lat')} <= ${box.north}
    and ${col('lon')} >= ${west} and ${col('lon')} <= ${east} and ${dx} * ${dx} + ${dy} * ${dy} <= ${km * km})`;
}
