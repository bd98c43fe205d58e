// Compare two figures: two filters, or one filter over a period and a baseline.
import type { Store } from '../store/store.js';
import { requiredTerms, termsOf } from './filter/ast.js';
import { daysBetween } from './filter/dates.js';
import { filterEnglish } from './filter/english.js';
import { prepareFilter, type ResolvedFilter } from './filter/index.js';
import { figureOf, type Figure } from './figure.js';
import type { Measure } from './measures.js';
import { capitalise, count } from './wording.js';

export interface CompareOptions {
  measure?: Measure;
  /** With one filter: the period (A) and the baseline (B), as date terms take them ("2021-10", "2020-01..2020-09"). */
  period?: string;
  baseline?: string;
}

export interface Comparison {
  measure: Measure;
  a: Figure;
  b: Figure;
  /** A minus B, on the low ("at least") values. */
  change: { absolute: number; percent: number | null };
  sentence: string;
}

const SUBJECT: Record<Measure, string> = {
  events: 'events',
  fatalities: 'deaths',
  civilian_fatalities: 'civilian deaths',
  units: 'units hit',
};

export async function compare(store: Pick<Store, 'db' | 'engine'>, filterA: string, filterB: string | null, options: CompareOptions = {}): Promise<Comparison> {
  const measure = options.measure ?? 'fatalities';
  let a: ResolvedFilter;
  let b: ResolvedFilter;
  // A's error is reported before B's; once both resolve, the two are read side by side (PostgreSQL answers
  // them on two connections at once; SQLite's one connection takes them in turn).
  if (filterB !== null) {
    a = await prepareFilter(store, filterA);
    b = await prepareFilter(store, filterB);
  } else {
    if (!options.period || !options.baseline) throw new Error('compare one filter with both a period and a baseline, or give two filters');
    await prepareFilter(store, filterA); // errors point at the filter as the user wrote it
    const within = (dates: string) => (filterA.trim() === '' ? `date:${dates}` : `(${filterA}) date:${dates}`);
    [a, b] = await Promise.all([prepareFilter(store, within(options.period)), prepareFilter(store, within(options.baseline))]);
  }
  const [fa, fb] = await Promise.all([figureOf(store, a, { measure }), figureOf(store, b, { measure })]);
  const absolute = fa.value.low - fb.value.low;
  const percent = fb.value.low === 0 ? null : Math.round((1000 * absolute) / fb.value.low) / 10;
  return { measure, a: fa, b: fb, change: { absolute, percent }, sentence: compareSentence(measure, a, b, fa, fb) };
}

/** The length in days of a filter's one required window, when it has exactly one closed window. */
function windowDays(f: ResolvedFilter): number | null {
  const dates = requiredTerms(f.root).filter((t) => t.field === 'date');
  if (dates.length !== 1 || termsOf(f.root).filter((t) => t.field === 'date').length !== 1) return null;
  const w = dates[0]!.window;
  return w.start && w.end ? daysBetween(w.start, w.end) + 1 : null;
}

/** "Civilian deaths in October 2021 alone (1,204) exceeded those of the first nine months of 2020 (1,012)." */
function compareSentence(measure: Measure, a: ResolvedFilter, b: ResolvedFilter, fa: Figure, fb: Figure): string {
  // Provenance terms go to the method note; "targeting civilians" adds nothing to "civilian deaths".
  const describe = (f: ResolvedFilter) =>
    filterEnglish(f, (t) => t.field === 'dataset' || t.field === 'investigation' || (measure === 'civilian_fatalities' && t.field === 'civilian' && t.yes), ' ');
  const da = describe(a);
  const db = describe(b);
  const [va, vb] = [fa.value.low, fb.value.low];
  const [la, lb] = [windowDays(a), windowDays(b)];
  const alone = va > vb && la !== null && lb !== null && la < lb ? ' alone' : '';
  const verb = va > vb ? 'exceeded' : va < vb ? 'were fewer than' : 'equalled';
  const subject = capitalise(SUBJECT[measure]);
  const aPart = da === 'all events' ? subject : `${subject} ${da}${alone}`;
  const bPart = db === 'all events' ? 'those of all events' : `those ${db.replace(/^in /, 'of ')}`;
  return `${aPart} (${count(va)}) ${verb} ${bPart} (${count(vb)}).`;
}
