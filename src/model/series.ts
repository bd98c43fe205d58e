// A Series: a plain time series (e.g. Frontex monthly detections by route), kept to check published claims against.
import { z } from 'zod';

/** How long each period of a series lasts. */
export const PERIOD_PRECISIONS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type PeriodPrecision = (typeof PERIOD_PRECISIONS)[number];

export const seriesNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'a series name is lower-case letters, digits, "-", "_" or "." (at most 64)');

/** A dimension name (e.g. "route"): what `--where route=…` names. */
export const dimensionNameSchema = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'a dimension name is lower-case letters, digits or "_", starting with a letter');

/**
 * What a period with no row for a dimension value means. Many publishers list only non-zero cells
 * (Frontex omits a route in a month with no detections), so by default an absent row counts as zero;
 * "unknown" makes any such gap stop a check instead.
 */
export const ABSENT_ROWS = ['zero', 'unknown'] as const;
export type AbsentRows = (typeof ABSENT_ROWS)[number];

/** Where the numbers come from and how they may be reused: printed with every check. */
export interface SeriesMeta {
  name: string;
  title: string | null;
  /** What one unit counts ("detections of illegal border crossings"). */
  unit: string;
  precision: PeriodPrecision;
  /** Dimension names, in the mapping's order (empty for a single series). */
  dimensions: string[];
  absent_rows: AbsentRows;
  /** Who publishes the numbers ("Frontex"). */
  source: string | null;
  source_url: string | null;
  licence: string | null;
  attribution: string | null;
  /** As the publisher states it ("data as of 3 Jun 2025"). */
  access_date: string | null;
}

export interface Series extends SeriesMeta {
  id: number;
  created_at: string;
  updated_at: string;
}

/** Each period as the first and last day it covers (ISO dates): a month is 2024-01-01..2024-01-31. */
export interface SeriesValue {
  period_start: string;
  period_end: string;
  /** Dimension name → value ({} for a single series). */
  dims: Record<string, string>;
  value: number;
}

export interface StoredSeriesValue extends SeriesValue {
  revision: number;
  import_id: number;
}

/** A value an import replaced or removed: nothing is lost on re-import. */
export interface SeriesRevision extends SeriesValue {
  revision: number;
  /** The import that wrote this value. */
  import_id: number;
  superseded_by_import: number;
  superseded_at: string;
  /** True when the later import no longer had the row at all. */
  removed: boolean;
}

export interface SeriesImportCounts {
  rows_read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Values the file no longer has (kept as revisions). */
  removed: number;
  rejected: number;
}

export interface SeriesImportRecord extends SeriesImportCounts {
  id: number;
  series: string;
  /** `series:<mapping name>`. */
  layout: string;
  file_name: string;
  file_size: number;
  sha256: string;
  rejects_file: string | null;
  started_at: string;
  finished_at: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function shiftDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The period of the given precision that contains a day: its first and last day. Weeks run Monday to Sunday. */
export function periodContaining(iso: string, precision: PeriodPrecision): { start: string; end: string } {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  switch (precision) {
    case 'day':
      return { start: iso, end: iso };
    case 'week': {
      const monday = shiftDays(iso, -((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7));
      return { start: monday, end: shiftDays(monday, 6) };
    }
    case 'month':
      return { start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-${pad(lastDayOfMonth(y, m))}` };
    case 'quarter': {
      const first = m - ((m - 1) % 3);
      return { start: `${y}-${pad(first)}-01`, end: `${y}-${pad(first + 2)}-${pad(lastDayOfMonth(y, first + 2))}` };
    }
    case 'year':
      return { start: `${y}-01-01`, end: `${y}-12-31` };
  }
}

/** Every period of a precision that lies wholly inside [start, end], in order. */
export function periodsWithin(start: string, end: string, precision: PeriodPrecision): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = [];
  let p = periodContaining(start, precision);
  if (p.start < start) p = periodContaining(shiftDays(p.end, 1), precision);
  while (p.end <= end) {
    out.push(p);
    p = periodContaining(shiftDays(p.end, 1), precision);
  }
  return out;
}

/** The key that identifies a value within its series: its period and dimension values, in a fixed order. */
export function valueKey(periodStart: string, dims: Record<string, string>): string {
  return `${periodStart}|${dimsKey(dims)}`;
}

/** Dimension values as canonical JSON (keys sorted), so equal selections compare equal as text. */
export function dimsKey(dims: Record<string, string>): string {
  return JSON.stringify(Object.fromEntries(Object.keys(dims).sort().map((k) => [k, dims[k]])));
}
