// Parsing of the cell values every reader meets: blanks, integers, decimals, dates in the wild.
import { isRealDate } from '../model/event.js';
import { FieldError } from './validate.js';

/** Blank, "NA", "N/A" and "NULL" all mean no value. */
export function blank(v: string | undefined | null): string | null {
  if (v === undefined || v === null) return null;
  const s = v.trim();
  if (s === '' || s === 'NA' || s === 'N/A' || s === 'NULL' || s === 'null') return null;
  return s;
}

export function intField(field: string, v: string | undefined | null): number | null {
  const s = blank(v);
  if (s === null) return null;
  const clean = s.replace(/,/g, '');
  if (!/^-?\d+(\.0+)?$/.test(clean)) throw new FieldError(field, `expected a whole number, got ${JSON.stringify(s)}`);
  return Number.parseInt(clean, 10);
}

export function floatField(field: string, v: string | undefined | null): number | null {
  const s = blank(v);
  if (s === null) return null;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new FieldError(field, `expected a number, got ${JSON.stringify(s)}`);
  return n;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function monthNumber(name: string): number | undefined {
  const k = name.toLowerCase();
  return MONTHS[k] ?? MONTHS[k.slice(0, 3)];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Two-digit years: 00–69 are 20xx, 70–99 are 19xx (as spreadsheets read them). */
function fullYear(y: string): number {
  if (y.length === 4) return Number(y);
  const n = Number(y);
  return n < 70 ? 2000 + n : 1900 + n;
}

/**
 * A date in any layout seen in conflict datasets: 2021-08-26, 26 August 2021, 07 December 2022,
 * 26-Aug-21, 30-Sept-24, 2021/08/26, 2021-08-26T10:00:00Z. Day-first for numeric d/m/y forms.
 */
export function parseDate(field: string, v: string | undefined | null): string | null {
  const s = blank(v);
  if (s === null) return null;
  let y: number | undefined, m: number | undefined, d: number | undefined;
  let match: RegExpMatchArray | null;
  if ((match = s.match(/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = s.match(/^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{2}|\d{4})$/))) {
    [d, m, y] = [Number(match[1]), monthNumber(match[2]!), fullYear(match[3]!)];
  } else if ((match = s.match(/^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/))) {
    [m, d, y] = [monthNumber(match[1]!), Number(match[2]), Number(match[3])];
  } else if ((match = s.match(/^(\d{1,2})[./](\d{1,2})[./](\d{4})$/))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (y === undefined || m === undefined || d === undefined) throw new FieldError(field, `not a date we can read: ${JSON.stringify(s)}`);
  const iso = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  if (!isRealDate(iso)) throw new FieldError(field, `not a calendar date: ${JSON.stringify(s)}`);
  return iso;
}

/** Adds days to an ISO date. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d + days));
  return dt.toISOString().slice(0, 10);
}

/** The range a date of the given precision stands for: the day, its ISO week (Mon–Sun), its month, its year. */
export function precisionRange(iso: string, precision: 'day' | 'week' | 'month' | 'year'): { start: string; end: string } {
  const [y, m] = iso.split('-').map(Number) as [number, number, number];
  switch (precision) {
    case 'day':
      return { start: iso, end: iso };
    case 'week': {
      const dow = (new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
      const start = addDays(iso, -dow);
      return { start, end: addDays(start, 6) };
    }
    case 'month': {
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      return { start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-${pad(last)}` };
    }
    case 'year':
      return { start: `${y}-01-01`, end: `${y}-12-31` };
  }
}
