// Numbers, periods and names as readers see them.
import type { BreakdownBy, Measure } from './types.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const TIME_BYS = ['day', 'week', 'month', 'year'] as const;
export type TimeBy = (typeof TIME_BYS)[number];

export function isTimeBy(by: BreakdownBy): by is TimeBy {
  return (TIME_BYS as readonly string[]).includes(by);
}

/** 1234567 → "1,234,567"; 2.345 → "2.3". */
export function formatNumber(n: number): string {
  // Faster than toLocaleString, which a map with thousands of labels and titles would feel.
  const digits = Number.isInteger(n) ? 0 : Math.abs(n) < 10 ? 1 : 0;
  const [whole, fraction] = Math.abs(n).toFixed(digits).split('.') as [string, string?];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const text = fraction && !/^0+$/.test(fraction) ? `${grouped}.${fraction}` : grouped;
  return n < 0 && text !== '0' ? `-${text}` : text;
}

/** "2021-10-05" → "5 October 2021"; short: "5 Oct". */
export function formatDate(iso: string, style: 'long' | 'short' | 'day-month' = 'long'): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number?];
  const month = MONTHS[(m ?? 1) - 1] ?? '';
  if (style === 'day-month') return `${d ?? 1} ${month.slice(0, 3)}`;
  if (style === 'short') return `${d ?? 1} ${month.slice(0, 3)} ${y}`;
  return `${d ?? 1} ${month} ${y}`;
}

export interface Period {
  /** First day, YYYY-MM-DD. */
  start: string;
  /** The day after the last, YYYY-MM-DD. */
  end: string;
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** The days a period key covers: "2021" (year), "2021-10" (month), "2021-W34" or a start date (week), "2021-08-26" (day). */
export function parsePeriod(key: string, by: TimeBy): Period {
  const k = key.trim();
  if (by === 'year') {
    const y = Number(k.slice(0, 4));
    if (!/^\d{4}/.test(k)) throw new Error(`not a year: "${key}"`);
    return { start: `${y}-01-01`, end: `${y + 1}-01-01` };
  }
  if (by === 'month') {
    const m = /^(\d{4})-(\d{2})/.exec(k);
    if (!m) throw new Error(`not a month (YYYY-MM): "${key}"`);
    const start = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
    return { start: iso(start), end: iso(new Date(Date.UTC(Number(m[1]), Number(m[2]), 1))) };
  }
  if (by === 'week') {
    const w = /^(\d{4})-W(\d{1,2})$/i.exec(k);
    if (w) {
      // ISO week: the week with 4 January in it is week 1; weeks start on Monday.
      const jan4 = new Date(Date.UTC(Number(w[1]), 0, 4));
      const monday = addDays(jan4, -((jan4.getUTCDay() + 6) % 7) + (Number(w[2]) - 1) * 7);
      return { start: iso(monday), end: iso(addDays(monday, 7)) };
    }
  }
  const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(k);
  if (!d) throw new Error(`not a ${by === 'week' ? 'week (YYYY-Www or a start date)' : 'date (YYYY-MM-DD)'}: "${key}"`);
  const start = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])));
  return { start: iso(start), end: iso(addDays(start, by === 'week' ? 7 : 1)) };
}

/** A period key as words: "October 2021", "week of 23 Aug 2021", "2021". */
export function periodLabel(key: string, by: TimeBy): string {
  const { start } = parsePeriod(key, by);
  const [y, m] = start.split('-').map(Number) as [number, number];
  if (by === 'year') return String(y);
  if (by === 'month') return `${MONTHS[m - 1]} ${y}`;
  if (by === 'week') return `week of ${formatDate(start, 'short')}`;
  return formatDate(start);
}

/** A key as words, whatever it is by. */
export function keyLabel(key: string, by: BreakdownBy): string {
  return isTimeBy(by) ? periodLabel(key, by) : key;
}

const MEASURE_NAMES: Record<Measure, string> = {
  events: 'events',
  fatalities: 'fatalities',
  civilian_fatalities: 'civilian fatalities',
  units: 'units',
};

/** "fatalities", "civilian fatalities"; a unit name (e.g. "vessels") can stand in for "units". */
export function measureName(measure: Measure, unitName?: string): string {
  return measure === 'units' && unitName ? unitName : MEASURE_NAMES[measure];
}

const BY_NAMES: Record<BreakdownBy, string> = {
  day: 'day', week: 'week', month: 'month', year: 'year', country: 'country', admin1: 'region', admin2: 'district',
  location: 'location', actor1: 'actor', actor2: 'second actor', event_type: 'event type', target: 'target',
};

export function byName(by: BreakdownBy): string {
  return BY_NAMES[by];
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
