// A date window's partial months read outwards. A window split into whole months reads the days between its start
// and the first whole month from the day rollup (about a hundred rows a country-day on a large store). When the
// start lies early in its month, the whole month costs less from the month rollup with actors, less the days before
// the start; likewise at the end. The days taken away are read from the day rollup with a flag saying whether the
// window's margin holds them: their sums leave the counted and those flagged join the margin, so the sums are the
// same as the inward split's (figure.ts, monthSplit).
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { addDays } from '../ingest/values.js';
import type { TermNode } from './filter/ast.js';
import { lastOfMonth, type Source } from './filter/compile.js';
import { daysBetween } from './filter/dates.js';
import type { ResolvedFilter } from './filter/resolve.js';
import { conditions, type Conditions } from './query.js';

/** One read of a figure: a table's conditions, what narrows them to its part of the window, and for a part taken away, the window's margin. */
export interface Part {
  c: Conditions;
  extra?: RawBuilder<SqlBool>;
  /** The part's rows are taken from the counted; those meeting this condition join the margin. */
  subtract?: RawBuilder<SqlBool>;
}

/** The rollups a split window's whole months and its other days are read from. */
export interface SplitTables {
  months: Exclude<Source, 'events'>;
  days: Exclude<Source, 'events'>;
}

/** Conditions over rows wholly inside a split's whole months: every row read is counted, none is margin. */
export function wholeInside(c: Conditions): Conditions {
  return { ...c, strictInLoose: c.strict, loose: c.strict, dated: false };
}

/** A month of the month rollup costs about as much as this many days of the day rollup. */
const MONTH_IN_DAYS = 3;

const monthStartOf = (iso: string) => `${iso.slice(0, 8)}01`;
const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/**
 * The months to read for a window [start, end] (either open): each partial month at an edge is read inwards (its days
 * inside the window, from the day rollup) or outwards (the whole month, less its days outside), whichever reads fewer
 * days. Null when every edge is best read inwards, or the window holds no whole month and reading it outwards costs
 * more than its days.
 */
export function outwardMonths(window: { start: string | null; end: string | null }): { first: string | null; last: string | null } | null {
  const { start, end } = window;
  let first = start;
  let last = end;
  let outward = 0;
  let cost = 0;
  if (start !== null && !start.endsWith('-01')) {
    const next = addDays(lastOfMonth(start), 1);
    const before = daysBetween(monthStartOf(start), start) + MONTH_IN_DAYS;
    const inside = daysBetween(start, end !== null && end < next ? addDays(end, 1) : next);
    if (before < inside) [first, outward, cost] = [monthStartOf(start), outward + 1, cost + before];
    else [first, cost] = [next, cost + inside];
  }
  if (end !== null && end !== lastOfMonth(end)) {
    const monthEnd = lastOfMonth(end);
    const after = daysBetween(end, monthEnd) + MONTH_IN_DAYS;
    const inside = daysBetween(start !== null && start > monthStartOf(end) ? start : monthStartOf(end), end) + 1;
    if (after < inside) [last, outward, cost] = [monthEnd, outward + 1, cost + after];
    else [last, cost] = [addDays(monthStartOf(end), -1), cost + inside];
  }
  if (outward === 0) return null;
  // Inwards at both ends the months would be empty: then the window's own days are the alternative.
  if (first !== null && last !== null && first > last) return null;
  if (start !== null && end !== null && cost >= daysBetween(start, end) + 1) return null;
  return { first, last };
}

/**
 * The parts of a window [start, end] read with its months [first, last] (outwards at one edge or both): the month rollup's
 * rows wholly inside the months, all counted; the days taken away at an outward edge; the days and spans read inwards
 * as monthSplit reads them. `months` is the filter with its window widened to the months.
 */
export function outwardParts(
  filter: ResolvedFilter,
  date: TermNode & { field: 'date' },
  months: ResolvedFilter,
  range: { first: string | null; last: string | null },
  span: number,
  tables: SplitTables,
): Part[] {
  const { start, end } = date.window;
  const { first, last } = range;
  const days = conditions(filter, tables.days);
  // The day rollup's rows wholly inside the months: what the month part counted, read day by day.
  const inMonths = wholeInside(conditions(months, tables.days));
  const parts: Part[] = [{ c: wholeInside(conditions(months, tables.months)) }];
  const spans = sql<SqlBool>`r.date_start <> r.date_end`;
  if (start !== null) {
    if (first === null || first > start) parts.push({ c: days, extra: sql<SqlBool>`r.date_start >= ${start}${first === null ? sql`` : sql` and r.date_start < ${first}`}` });
    // Spans from before the start: those the months do not hold (begun before them, or ending after them).
    const outside = first !== null && first < start ? sql` and (r.date_start < ${first}${last === null ? sql`` : sql` or r.date_end > ${last}`})` : sql``;
    parts.push({ c: days, extra: sql<SqlBool>`r.date_start < ${start} and ${spans}${outside}` });
    if (first !== null && first < start) parts.push({ c: inMonths, extra: sql<SqlBool>`r.date_start < ${start}`, subtract: days.loose });
  }
  if (end !== null) {
    if (last === null || last < end) parts.push({ c: days, extra: last === null ? sql<SqlBool>`1 = 1` : sql<SqlBool>`r.date_start > ${last}` });
    if (last !== null) {
      // Spans running past the months, begun inside them at or after the start (the spans before it are read above).
      const from = later(later(first, start), addDays(last, -span))!;
      parts.push({ c: days, extra: sql<SqlBool>`r.date_start <= ${last} and r.date_end > ${last} and ${spans} and r.date_start >= ${from}` });
    }
    if (last !== null && last > end) {
      // Taken away: the months' rows ending after the window, those begun after it, and the spans begun inside it.
      parts.push({ c: inMonths, extra: sql<SqlBool>`r.date_start > ${end}`, subtract: days.loose });
      const from = later(start, addDays(end, -span))!;
      parts.push({ c: inMonths, extra: sql<SqlBool>`r.date_start >= ${from} and r.date_start <= ${end} and r.date_end > ${end} and ${spans}`, subtract: days.loose });
    }
  }
  return parts;
}
