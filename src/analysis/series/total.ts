// A series' total over a window, for a selection of dimension values, and what the loaded data cannot say about it.
import { foldName } from '../../model/names.js';
import { dimsKey, periodContaining, periodsWithin, type Series } from '../../model/series.js';
import { seriesPeriods, seriesValues } from '../../store/series/read.js';
import type { Store } from '../../store/store.js';
import { suggest } from '../suggest.js';
import { joinList, periodLabel, periodRuns, PRECISION_NOUN, windowLabel, type Window } from './periods.js';

/** Dimension name → the values to add up (any of them). */
export type Selection = Record<string, string[]>;

export interface WindowTotal {
  window: Window & { label: string };
  /** The sum, or null when the loaded data cannot give it (see `gap`). */
  value: number | null;
  /** Why the value cannot be given, in words; null when it can. */
  gap: string | null;
  /** Periods of the window with no value at all in the series. */
  missing: Window[];
  /** Periods the window holds, and how many of them the series has. */
  periods: number;
  covered: number;
  /** Selected dimension values with no row in some covered periods, counted as zero (said in words). */
  zero_filled: string | null;
}

/** `--where route=A` or `route=A,B` (repeatable): checked against the values the series holds. */
export function parseWhere(items: string[]): Selection {
  const out: Selection = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new SelectionError(`--where ${JSON.stringify(item)}: write dimension=value (route=Central Mediterranean Route)`);
    const dim = item.slice(0, eq).trim();
    const values = item.slice(eq + 1).split(',').map((v) => v.trim()).filter((v) => v !== '');
    if (values.length === 0) throw new SelectionError(`--where ${JSON.stringify(item)}: no value after "="`);
    out[dim] = [...(out[dim] ?? []), ...values];
  }
  return out;
}

export class SelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectionError';
  }
}

/**
 * Resolves each selected value to the spelling the series holds (ignoring case and accents), or fails
 * naming the nearest ones; a dimension the series does not have fails too.
 */
export function resolveSelection(series: Series, known: Map<string, Set<string>>, selection: Selection): Selection {
  const out: Selection = {};
  for (const [dim, values] of Object.entries(selection)) {
    if (!series.dimensions.includes(dim)) {
      const has = series.dimensions.length ? `its dimensions are ${series.dimensions.join(', ')}` : 'it has no dimensions';
      throw new SelectionError(`the series ${series.name} has no dimension ${JSON.stringify(dim)}: ${has}`);
    }
    const names = [...(known.get(dim) ?? [])];
    out[dim] = values.map((v) => {
      const exact = names.find((n) => n === v) ?? names.find((n) => foldName(n) === foldName(v));
      if (exact) return exact;
      const near = suggest(v, names);
      const hint = near.length ? `; did you mean ${joinList(near.map((n) => JSON.stringify(n)))}?` : '';
      const all = names.length <= 12 ? `its ${dim} values are ${joinList([...names].sort().map((n) => JSON.stringify(n)))}` : `${names.length} ${dim} values: see \`series ${series.name} --by ${dim}\``;
      throw new SelectionError(`the series ${series.name} has no ${dim} ${JSON.stringify(v)}${hint} (${all})`);
    });
  }
  return out;
}

/** Every value each dimension takes anywhere in the series. */
export async function dimensionValues(store: Pick<Store, 'db'>, series: Series): Promise<Map<string, Set<string>>> {
  const known = new Map(series.dimensions.map((d) => [d, new Set<string>()]));
  const rows = await store.db.selectFrom('series_values').select('dims').distinct().where('series_id', '=', series.id).execute();
  for (const r of rows) {
    for (const [d, v] of Object.entries(JSON.parse(r.dims) as Record<string, string>)) known.get(d)?.add(v);
  }
  return known;
}

const matches = (dims: Record<string, string>, selection: Selection) => Object.entries(selection).every(([d, vs]) => vs.includes(dims[d] ?? ''));

export async function seriesTotal(store: Pick<Store, 'db'>, series: Series, window: Window, selection: Selection): Promise<WindowTotal> {
  const labelled = { ...window, label: windowLabel(window) };
  const [noun, nouns] = PRECISION_NOUN[series.precision];
  const base = { window: labelled, missing: [] as Window[], periods: 0, covered: 0, zero_filled: null };

  // A window that cuts through a period cannot be answered from whole periods.
  const first = periodContaining(window.start, series.precision);
  const last = periodContaining(window.end, series.precision);
  if (first.start !== window.start || last.end !== window.end) {
    const cut = first.start !== window.start ? first : last;
    return { ...base, value: null, gap: `the series counts whole ${nouns}, and ${labelled.label} cuts through ${periodLabel(cut, series.precision)}: give whole ${nouns}` };
  }

  const expected = periodsWithin(window.start, window.end, series.precision);
  const have = new Set(await seriesPeriods(store.db, series.id, window));
  const missing = expected.filter((p) => !have.has(p.start));
  const counts = { periods: expected.length, covered: expected.length - missing.length };
  if (missing.length > 0) {
    const all = await seriesPeriods(store.db, series.id);
    const loaded = all.length ? `the series runs from ${periodLabel(periodContaining(all[0]!, series.precision), series.precision)} to ${periodLabel(periodContaining(all.at(-1)!, series.precision), series.precision)}` : 'the series has no values';
    const asOf = series.access_date ? ` (${series.access_date})` : '';
    const which = missing.length === expected.length
      ? `none of ${labelled.label} is loaded`
      : `${periodRuns(missing, series.precision)} ${missing.length === 1 ? 'is' : 'are'} missing from ${labelled.label} (${missing.length} of its ${expected.length} ${nouns})`;
    return { ...base, ...counts, missing, value: null, gap: `${loaded}${asOf}, so ${which}` };
  }

  const rows = await seriesValues(store.db, series.id, window);
  const chosen = rows.filter((r) => matches(r.dims, selection));
  const value = chosen.reduce((sum, r) => sum + r.value, 0);

  // Each selected combination of dimension values that lacks a row in some periods of the window.
  const combos = new Map<string, { dims: Record<string, string>; periods: Set<string> }>();
  // A value the reader names is expected in every period; without a selection, those the window shows at least once.
  const selected = Object.keys(selection).length > 0;
  const candidates = selected ? await dimensionCombos(store, series) : chosen.map((r) => r.dims);
  for (const dims of candidates) if (matches(dims, selection)) combos.set(dimsKey(dims), { dims, periods: new Set() });
  for (const r of chosen) combos.get(dimsKey(r.dims))?.periods.add(r.period_start);
  const gaps = [...combos.values()].filter((c) => c.periods.size < expected.length).map((c) => ({ label: comboLabel(c.dims), absent: expected.length - c.periods.size }));
  if (gaps.length === 0 || series.dimensions.length === 0) return { ...base, ...counts, value, gap: null };

  const listed = gaps.slice(0, 3).map((g) => `${g.label} in ${g.absent} of ${expected.length} ${g.absent === 1 && expected.length === 1 ? noun : nouns}`);
  const more = gaps.length > 3 ? ` and ${gaps.length - 3} more` : '';
  if (series.absent_rows === 'unknown') {
    return { ...base, ...counts, value: null, gap: `for ${labelled.label} the series has no value for ${joinList(listed)}${more}, and it does not say that a missing row means zero` };
  }
  if (!selected) return { ...base, ...counts, value, gap: null };
  const zero = `no row for ${joinList(listed)}${more}: counted as zero, as this series lists only non-zero values`;
  return { ...base, ...counts, value, gap: null, zero_filled: zero };
}

async function dimensionCombos(store: Pick<Store, 'db'>, series: Series): Promise<Record<string, string>[]> {
  const rows = await store.db.selectFrom('series_values').select('dims').distinct().where('series_id', '=', series.id).execute();
  return rows.map((r) => JSON.parse(r.dims) as Record<string, string>);
}

function comboLabel(dims: Record<string, string>): string {
  const values = Object.values(dims);
  return values.length === 1 ? values[0]! : Object.entries(dims).map(([d, v]) => `${d} ${v}`).join(', ');
}

/** "(route: Central Mediterranean Route)" for a selection; '' for all. */
export function selectionLabel(selection: Selection): string {
  const parts = Object.entries(selection).map(([d, vs]) => `${d}: ${joinList(vs)}`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}
