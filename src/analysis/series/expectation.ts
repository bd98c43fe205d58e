// What a claim says, as a number: a change (−22%), a level (152,000) or a ratio (2x), and the tolerance it is held to.

export type Expectation =
  | { kind: 'change'; /** percent */ value: number; text: string }
  | { kind: 'level'; value: number; text: string }
  | { kind: 'ratio'; value: number; text: string };

export interface Tolerance {
  value: number;
  /** Points of percent for a change; percent of the computed value for a level or a ratio. */
  unit: 'points' | 'percent';
  /** True when the reader gave none. */
  default: boolean;
  /** "1 point", "2%": as the reasoning prints it. */
  text: string;
}

export class ExpectationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpectationError';
  }
}

/**
 * Defaults, said in every check's output: published percentages are rounded to whole points and levels to a
 * few significant figures ("about 152,000"), and preliminary figures move a little when revised.
 */
export const DEFAULT_TOLERANCE = { change: 1, level: 2, ratio: 5 } as const;

const MINUS = /[\u2212\u2012\u2013\u2014]/g;
const SCALE: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, million: 1e6, mn: 1e6, bn: 1e9, billion: 1e9 };

/** "-22%", "−22 %", "+5%" → change; "152000", "152,000", "152k", "1.2 million" → level; "2x", "2×", "x2" → ratio. */
export function parseExpectation(input: string): Expectation {
  const s = input.trim().replace(MINUS, '-').replace(/\s+/g, ' ');
  let m: RegExpExecArray | null;
  if ((m = /^([-+]?)\s?(\d+(?:\.\d+)?)\s?%$/.exec(s))) {
    const value = Number(m[2]) * (m[1] === '-' ? -1 : 1);
    return { kind: 'change', value, text: signedPercent(value, decimalsOf(m[2]!)) };
  }
  if ((m = /^(\d+(?:\.\d+)?)\s?[x×]$/i.exec(s)) || (m = /^[x×]\s?(\d+(?:\.\d+)?)$/i.exec(s))) {
    const value = Number(m[1]);
    if (value <= 0) throw new ExpectationError(`--expect ${JSON.stringify(input)}: a ratio is more than zero`);
    return { kind: 'ratio', value, text: `${m[1]}×` };
  }
  if ((m = /^(-?\d{1,3}(?:,\d{3})+|-?\d+)(\.\d+)?\s?(k|thousand|m|mn|million|bn|billion)?$/i.exec(s))) {
    const value = Number(`${m[1]!.replace(/,/g, '')}${m[2] ?? ''}`) * (m[3] ? SCALE[m[3].toLowerCase()]! : 1);
    return { kind: 'level', value, text: formatNumber(value) };
  }
  throw new ExpectationError(
    `--expect ${JSON.stringify(input)}: write a change as -22% (or +5%), a level as 152000 (or 152,000, 152k), a ratio as 2x`,
  );
}

export function toleranceFor(expected: Expectation, given?: number | null): Tolerance {
  if (given !== undefined && given !== null && (!Number.isFinite(given) || given < 0)) {
    throw new ExpectationError(`--tolerance ${given}: give a number of zero or more`);
  }
  const value = given ?? DEFAULT_TOLERANCE[expected.kind];
  const unit = expected.kind === 'change' ? 'points' : 'percent';
  return { value, unit, default: given === undefined || given === null, text: toleranceText(value, unit) };
}

/** Reads --tolerance as written: "1.5", "1.5%", "1.5pt", "1.5 points". */
export function parseTolerance(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%|pts?|points?|pp)?\s*$/i.exec(text);
  if (!m) throw new ExpectationError(`--tolerance ${JSON.stringify(text)}: give a number (points for a change, % for a level or ratio)`);
  return Number(m[1]);
}

export function toleranceText(value: number, unit: Tolerance['unit']): string {
  const n = trimNumber(value);
  return unit === 'points' ? `${n} ${value === 1 ? 'point' : 'points'}` : `${n}%`;
}

/** "−21.6%", "+3.0%": a typographic minus, as newsrooms print it. */
export function signedPercent(value: number, decimals = 1): string {
  const rounded = Number(value.toFixed(decimals));
  const sign = rounded < 0 ? '−' : rounded > 0 ? '+' : '';
  return `${sign}${Math.abs(rounded).toFixed(decimals)}%`;
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** 1 → "1", 1.5 → "1.5", 0.25 → "0.25". */
export function trimNumber(value: number): string {
  return String(Number(value.toFixed(2)));
}

function decimalsOf(digits: string): number {
  const dot = digits.indexOf('.');
  return dot === -1 ? 0 : digits.length - dot - 1;
}
