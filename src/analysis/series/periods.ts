// Windows as people write them ("2025-01..2025-10", "2024") and periods as English ("January–October 2025").
import type { PeriodPrecision } from '../../model/series.js';
import { partialDate } from '../filter/dates.js';

export interface Window {
  start: string;
  end: string;
}

/** A window in a check's arguments could not be read. */
export class WindowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WindowError';
  }
}

/** "2025-01..2025-10", "2024", "2025-01-01..2025-05-31": the whole days from the first part's start to the last part's end. */
export function parseWindow(text: string, flag = 'period'): Window {
  const parts = text.trim().split('..');
  if (parts.length > 2 || parts.some((p) => p.trim() === '')) {
    throw new WindowError(`--${flag} ${JSON.stringify(text)}: write a window as A..B (2025-01..2025-10) or one period (2024)`);
  }
  const [a, b] = [parts[0]!.trim(), (parts[1] ?? parts[0]!).trim()];
  const start = partialDate(a);
  const end = partialDate(b);
  if ('error' in start) throw new WindowError(`--${flag}: ${start.error}`);
  if ('error' in end) throw new WindowError(`--${flag}: ${end.error}`);
  if (end.end < start.start) throw new WindowError(`--${flag} ${JSON.stringify(text)} ends before it starts`);
  return { start: start.start, end: end.end };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const parts = (iso: string) => iso.split('-').map(Number) as [number, number, number];
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const isMonthStart = (iso: string) => iso.endsWith('-01');
const isMonthEnd = (iso: string) => {
  const [y, m, d] = parts(iso);
  return d === lastDay(y, m);
};

/** "2024", "2023–2024", "October 2025", "January–October 2025", "November 2024–February 2025", "3–9 June 2025". */
export function windowLabel(w: Window): string {
  const [ys, ms, ds] = parts(w.start);
  const [ye, me, de] = parts(w.end);
  if (isMonthStart(w.start) && isMonthEnd(w.end)) {
    if (ms === 1 && me === 12) return ys === ye ? `${ys}` : `${ys}–${ye}`;
    if (ys === ye) return ms === me ? `${MONTHS[ms - 1]} ${ys}` : `${MONTHS[ms - 1]}–${MONTHS[me - 1]} ${ys}`;
    return `${MONTHS[ms - 1]} ${ys}–${MONTHS[me - 1]} ${ye}`;
  }
  if (w.start === w.end) return `${ds} ${MONTHS[ms - 1]} ${ys}`;
  if (ys !== ye) return `${ds} ${MONTHS[ms - 1]} ${ys}–${de} ${MONTHS[me - 1]} ${ye}`;
  if (ms !== me) return `${ds} ${MONTHS[ms - 1]}–${de} ${MONTHS[me - 1]} ${ys}`;
  return `${ds}–${de} ${MONTHS[me - 1]} ${ye}`;
}

/** One period by itself: "May 2025", "Q2 2025", "week of 2 June 2025", "3 June 2025", "2025". */
export function periodLabel(p: Window, precision: PeriodPrecision): string {
  const [y, m] = parts(p.start);
  if (precision === 'quarter') return `Q${(m + 2) / 3} ${y}`;
  if (precision === 'week') return `the week of ${windowLabel({ start: p.start, end: p.start })}`;
  return windowLabel(p);
}

/** Periods (in order) as runs of consecutive ones: "May–October 2025", "March 2019 and May–June 2020". */
export function periodRuns(periods: Window[], precision: PeriodPrecision): string {
  const runs: Window[][] = [];
  for (const p of periods) {
    const last = runs.at(-1);
    if (last && nextDay(last.at(-1)!.end) === p.start) last.push(p);
    else runs.push([p]);
  }
  const labels = runs.map((run) => (run.length === 1 || precision === 'week' ? run.map((p) => periodLabel(p, precision)).join(', ') : windowLabel({ start: run[0]!.start, end: run.at(-1)!.end })));
  return joinList(labels);
}

export function joinList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function nextDay(iso: string): string {
  const [y, m, d] = parts(iso);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export const PRECISION_ADJECTIVE: Record<PeriodPrecision, string> = {
  day: 'daily',
  week: 'weekly',
  month: 'monthly',
  quarter: 'quarterly',
  year: 'annual',
};

export const PRECISION_NOUN: Record<PeriodPrecision, [string, string]> = {
  day: ['day', 'days'],
  week: ['week', 'weeks'],
  month: ['month', 'months'],
  quarter: ['quarter', 'quarters'],
  year: ['year', 'years'],
};
