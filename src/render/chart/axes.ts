// Axes shared by the chart kinds: a UTC time axis with sensible tick steps, and a value axis titled at the top.
import { formatNumber } from '../format.js';
import type { TimeBy } from '../format.js';
import { textWidth } from '../text-width.js';
import type { Size } from '../theme.js';

const DAY = 86_400_000;

// Tick steps from fine to coarse; a period's own unit is the finest step it may use.
const STEPS = [
  { interval: 'day', step: 1, days: 1 },
  { interval: 'day', step: 2, days: 2 },
  { interval: 'day', step: 7, days: 7 },
  { interval: 'day', step: 14, days: 14 },
  { interval: 'month', step: 1, days: 30.4 },
  { interval: 'month', step: 2, days: 61 },
  { interval: 'month', step: 3, days: 91 },
  { interval: 'month', step: 6, days: 182 },
  { interval: 'year', step: 1, days: 365 },
  { interval: 'year', step: 2, days: 730 },
  { interval: 'year', step: 5, days: 1826 },
  { interval: 'year', step: 10, days: 3652 },
] as const;
const FINEST: Record<TimeBy, number> = { day: 1, week: 7, month: 30.4, year: 365 };

// About how wide a tick label is, in characters: "2021", "Oct 2021", "26 Aug".
const LABEL_CHARS: Record<string, number> = { year: 4, month: 8, day: 6 };

/** Ticks far enough apart for their labels, never finer than the period. */
export function timeTicks(by: TimeBy, start: string, end: string, plotWidth: number, fontSize = 11): { interval: string; step: number } {
  const spanDays = (Date.parse(end) - Date.parse(start)) / DAY;
  const fits = (s: (typeof STEPS)[number]) => {
    const room = (LABEL_CHARS[s.interval] ?? 6) * fontSize * 0.62 + 14;
    return spanDays / s.days <= Math.max(2, Math.floor(plotWidth / room));
  };
  const choice = STEPS.find((s) => s.days >= FINEST[by] && fits(s)) ?? STEPS[STEPS.length - 1]!;
  return { interval: choice.interval, step: choice.step };
}

/** "2021", "Oct 2021", "26 Aug": as precise as the ticks. */
function tickFormat(interval: string, domain: [string, string]): string {
  if (interval === 'year') return '%Y';
  const sameYear = domain[0].slice(0, 4) === new Date(Date.parse(domain[1]) - 1).toISOString().slice(0, 4);
  if (interval === 'month') return sameYear ? '%b' : '%b %Y';
  return '%-d %b';
}

/** Tick dates (ms, UTC) on round steps: years divisible by the step, months Jan/Apr/Jul/Oct for 3, every n-th day from the start. */
export function tickValues(domain: [string, string], interval: string, step: number): number[] {
  const start = Date.parse(domain[0]);
  const end = Date.parse(domain[1]);
  const first = new Date(start);
  const values: number[] = [];
  if (interval === 'year') {
    for (let yr = first.getUTCFullYear(); Date.UTC(yr, 0, 1) <= end; yr++) if (yr % step === 0 && Date.UTC(yr, 0, 1) >= start) values.push(Date.UTC(yr, 0, 1));
  } else if (interval === 'month') {
    for (let m = first.getUTCFullYear() * 12 + first.getUTCMonth(); Date.UTC(Math.floor(m / 12), m % 12, 1) <= end; m++) {
      const t = Date.UTC(Math.floor(m / 12), m % 12, 1);
      if (m % step === 0 && t >= start) values.push(t);
    }
  } else {
    for (let t = start; t <= end; t += step * 86_400_000) values.push(t);
  }
  return values;
}

/** A UTC time axis with ticks on period starts; the domain is fixed only when asked (with x2 Vega-Lite would count it twice). */
export function timeAxisX(by: TimeBy, field: string, domain: [string, string], plotWidth: number, fontSize: number, fixDomain = false): Record<string, unknown> {
  const { interval, step } = timeTicks(by, domain[0], domain[1], plotWidth, fontSize);
  return {
    field,
    type: 'temporal',
    scale: { type: 'utc', nice: false, ...(fixDomain ? { domain: domain.map((d) => Date.parse(d)) } : {}) },
    axis: { title: null, values: tickValues(domain, interval, step), format: tickFormat(interval, domain), labelAngle: 0 },
  };
}

/** Room the value labels take on the left, so the axis title can start above them. */
export function valueLabelWidth(maxValue: number, size: Size): number {
  return textWidth(formatNumber(Math.ceil(maxValue)), size.label);
}

export function valueAxisY(field: string, title: string, maxValue: number, size: Size, domainMax?: number): Record<string, unknown> {
  return {
    field,
    type: 'quantitative',
    scale: domainMax !== undefined ? { domainMax, nice: true } : { nice: true },
    axis: {
      title,
      titleAngle: 0,
      titleAlign: 'left',
      titleAnchor: 'end',
      titleBaseline: 'bottom',
      titleX: -(valueLabelWidth(maxValue, size) + 6),
      titleY: -8,
      format: ',~f',
      tickMinStep: 1,
    },
  };
}
