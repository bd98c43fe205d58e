// Sequential colour classes for choropleths and hex bins: zero on its own, then breaks at rounded quantiles,
// so one outlier does not leave every other region in the palest class.
import { formatNumber } from '../format.js';

export interface ColorClass {
  /** Values above `above` and up to `upTo` (zero's class: up to 0). */
  above: number;
  upTo: number;
  color: string;
  label: string;
}

/** Rounds to two significant digits (137 → 140, 0.0234 → 0.023). */
function roundNice(x: number): number {
  if (x <= 0) return 0;
  const power = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.round(x / power) * power;
}

function quantile(sorted: number[], p: number): number {
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (i - lo);
}

/** Classes for the values: a zero class in `zeroColor`, then up to ramp.length classes of about equal counts. */
export function colorClasses(values: number[], ramp: string[], zeroColor: string, integers: boolean): ColorClass[] {
  const zero: ColorClass = { above: -Infinity, upTo: 0, color: zeroColor, label: '0' };
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (!positive.length) return [zero];
  const max = positive[positive.length - 1]!;
  const breaks: number[] = [];
  for (let i = 1; i < ramp.length; i++) {
    let b = roundNice(quantile(positive, i / ramp.length));
    if (integers) b = Math.round(b);
    if (b > (breaks[breaks.length - 1] ?? 0) && b < max) breaks.push(b);
  }
  const bounds = [0, ...breaks, max];
  const count = bounds.length - 1;
  const classes = [zero];
  for (let i = 0; i < count; i++) {
    const above = bounds[i]!;
    const upTo = bounds[i + 1]!;
    // Spread the classes across the ramp so a short scale still runs from light to dark.
    const color = ramp[count === 1 ? ramp.length - 1 : Math.round((i * (ramp.length - 1)) / (count - 1))]!;
    const from = integers ? above + 1 : above;
    const label = from >= upTo ? formatNumber(upTo) : `${formatNumber(from)}–${formatNumber(upTo)}`;
    classes.push({ above, upTo, color, label });
  }
  return classes;
}

export function classOf(value: number, classes: ColorClass[]): ColorClass {
  return classes.find((c) => value > c.above && value <= c.upTo) ?? classes[classes.length - 1]!;
}
