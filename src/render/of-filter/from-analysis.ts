// From the analysis layer's answers to the shapes render draws: a breakdown (one key, or a time key with
// a second key as series) and the provenance line of the figure over the same filter. No counting here:
// every number comes from breakdown() and figure().
import { breakdown, type Breakdown as AnalysisBreakdown, type BreakdownKey } from '../../analysis/breakdown.js';
import { figure } from '../../analysis/figure.js';
import type { Measure } from '../../analysis/measures.js';
import { BREAKDOWN_BYS, type Breakdown, type BreakdownBy, type Provenance } from '../types.js';
import type { Store } from '../../store/store.js';
import { badGraphic } from './error.js';

const TIME: readonly string[] = ['day', 'week', 'month', 'year'];

/** "month" or "month,actor1" (a time key, then the series); the keys render can draw. */
export function chartKeys(by: string): { by: BreakdownBy; series: BreakdownKey | null } {
  const keys = by.split(',').map((k) => k.trim());
  const drawable = BREAKDOWN_BYS as readonly string[];
  for (const k of keys) if (!drawable.includes(k)) throw badGraphic(`option "by": cannot chart by ${JSON.stringify(k)}: use ${BREAKDOWN_BYS.join(', ')}`, 'by');
  if (keys.length > 2) throw badGraphic('option "by": one key, or a time key and a second key for the series', 'by');
  if (keys.length === 2 && (!TIME.includes(keys[0]!) || TIME.includes(keys[1]!))) throw badGraphic('option "by": with two keys, the first is a time (day, week, month, year) and the second splits it into series', 'by');
  return { by: keys[0] as BreakdownBy, series: (keys[1] as BreakdownKey | undefined) ?? null };
}

/** The analysis breakdown, as render takes it: the first key as the row key, the second (if any) as the series. */
export function drawableBreakdown(b: AnalysisBreakdown, by: BreakdownBy, series: BreakdownKey | null): Breakdown {
  return {
    by,
    measure: b.measure,
    rows: b.rows.map((r) => ({
      key: r.other ? r.label : (r.keys[by] ?? '(none)'),
      events: r.events,
      value: r.value,
      ...(series ? { series: r.keys[series] ?? '(none)' } : {}),
    })),
  };
}

export async function provenanceOf(store: Pick<Store, 'db' | 'engine'>, q: string, measure: Measure): Promise<Provenance> {
  const f = await figure(store, q, { measure });
  return {
    datasets: f.datasets.map((d) => ({ name: d.name, title: d.title, attribution: d.attribution, access_date: d.access_date })),
    filter_english: q.trim() === '' ? undefined : f.english,
  };
}

export async function breakdownFor(store: Pick<Store, 'db' | 'engine'>, q: string, keys: { by: BreakdownBy; series: BreakdownKey | null }, measure: Measure, top?: number): Promise<Breakdown> {
  const b = await breakdown(store, q, { by: keys.series ? [keys.by, keys.series] : [keys.by], measure, top });
  return drawableBreakdown(b, keys.by, keys.series);
}
