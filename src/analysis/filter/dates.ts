// Dates as people write them in filters (2021, 2021-10, 2021-10-08, open ranges) and as English.
import { isRealDate } from '../../model/event.js';
import type { DateWindow } from './ast.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const COUNT_WORDS = ['', 'first month', 'first two months', 'first three months', 'first four months', 'first five months', 'first six months',
  'first seven months', 'first eight months', 'first nine months', 'first ten months', 'first eleven months'];

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The whole days a partial date stands for, or a reason it is not a date. */
export function partialDate(text: string): { start: string; end: string } | { error: string } {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text);
  if (!m) return { error: `"${text}" is not a date (write 2021, 2021-10 or 2021-10-08)` };
  const y = Number(m[1]);
  if (m[2] === undefined) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return { error: `${text} has no month ${month}` };
  if (m[3] === undefined) return { start: `${m[1]}-${pad(month)}-01`, end: `${m[1]}-${pad(month)}-${pad(lastDayOfMonth(y, month))}` };
  const iso = `${m[1]}-${pad(month)}-${pad(Number(m[3]))}`;
  if (!isRealDate(iso)) return { error: `${text} is not a calendar date (${MONTHS[month - 1]} ${y} has ${lastDayOfMonth(y, month)} days)` };
  return { start: iso, end: iso };
}

export function longDate(iso: string, withYear = true): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return withYear ? `${d} ${MONTHS[m - 1]} ${y}` : `${d} ${MONTHS[m - 1]}`;
}

export function monthName(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${y}`;
}

const isFirstOfMonth = (iso: string) => iso.endsWith('-01');
const isLastOfMonth = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return d === lastDayOfMonth(y, m);
};

/** "2 September and 4 December 2025", "30 December 2024 and 2 January 2025", "8 and 12 October 2021". */
export function dayRange(start: string, end: string, joiner = 'and'): string {
  if (start === end) return longDate(start);
  const [ys, ms] = start.split('-');
  const [ye, me] = end.split('-');
  if (ys !== ye) return `${longDate(start)} ${joiner} ${longDate(end)}`;
  if (ms !== me) return `${longDate(start, false)} ${joiner} ${longDate(end)}`;
  return `${Number(start.slice(8))} ${joiner} ${longDate(end)}`;
}

/** A window in English: "in October 2021", "in 2021", "from 26 August 2021", "between 2 September and 4 December 2025". */
export function windowEnglish(w: DateWindow): string {
  const { start, end } = w;
  if (start === null && end === null) return 'at any date';
  if (start === null) return `until ${longDate(end!)}`;
  if (end === null) return `from ${longDate(start)}`;
  if (start === end) return `on ${longDate(start)}`;
  if (isFirstOfMonth(start) && isLastOfMonth(end)) {
    const [ys, ms] = start.split('-');
    const [ye, me] = end.split('-');
    if (ys === ye && ms === me) return `in ${monthName(start)}`;
    if (ys === ye && ms === '01' && me === '12') return `in ${ys}`;
    if (ys === ye && ms === '01') return `in the ${COUNT_WORDS[Number(me)]} of ${ys}`;
    if (ms === '01' && me === '12') return `from ${ys} to ${ye}`;
    if (ys === ye) return `between ${MONTHS[Number(ms) - 1]} and ${monthName(end)}`;
    return `between ${monthName(start)} and ${monthName(end)}`;
  }
  return `between ${dayRange(start, end)}`;
}

/** Days from one ISO date to another. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Intersects windows (all must hold); null when they cannot all hold. */
export function intersectWindows(windows: DateWindow[]): DateWindow | null {
  let start: string | null = null;
  let end: string | null = null;
  for (const w of windows) {
    if (w.start !== null && (start === null || w.start > start)) start = w.start;
    if (w.end !== null && (end === null || w.end < end)) end = w.end;
  }
  if (start !== null && end !== null && start > end) return null;
  return { start, end };
}
