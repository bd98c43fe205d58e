// Claim checks: a published number (a change, a level or a ratio) against a series or the events loaded,
// with a verdict, the numbers behind it, its reasoning in words and the sources used.
import { listSeriesImports, getSeries } from '../store/series/read.js';
import type { Store } from '../store/store.js';
import type { Measure } from './measures.js';
import { eventCoverage, eventTotal, type EventWindowTotal } from './series/event-total.js';
import {
  ExpectationError, formatNumber, parseExpectation, signedPercent, toleranceFor, trimNumber,
  type Expectation, type Tolerance,
} from './series/expectation.js';
import { parseWindow, PRECISION_ADJECTIVE, type Window } from './series/periods.js';
import { dimensionValues, resolveSelection, selectionLabel, seriesTotal, type Selection, type WindowTotal } from './series/total.js';

export { ExpectationError, parseExpectation, type Expectation, type Tolerance } from './series/expectation.js';
export { parseWindow, WindowError } from './series/periods.js';
export { parseWhere, SelectionError, type Selection } from './series/total.js';

export const VERDICTS = ['accurate', 'close', 'wrong', 'cannot_check'] as const;
export type Verdict = (typeof VERDICTS)[number];

export type ClaimTarget = { kind: 'series'; series: string; where?: Selection } | { kind: 'events'; filter: string; measure: Measure };

export interface ClaimInput {
  /** The claim as published. */
  claim: string;
  /** "-22%", "152000", "2x", or already parsed. */
  expect: string | Expectation;
  /** "2025-01..2025-10" or a window of whole days. */
  period: string | Window;
  /** What a change or ratio is measured against; optional for a level. */
  baseline?: string | Window | null;
  /** Points for a change, percent for a level or ratio (defaults in DEFAULT_TOLERANCE). */
  tolerance?: number | null;
  target: ClaimTarget;
}

export interface LabelledValue extends Window {
  label: string;
  value: number | null;
}

export interface ClaimSource {
  kind: 'series' | 'dataset';
  name: string;
  title: string | null;
  /** Who publishes the numbers (series). */
  publisher: string | null;
  url: string | null;
  licence: string | null;
  attribution: string | null;
  access_date: string | null;
  imports: { id: number; file_name: string; sha256: string; finished_at: string }[];
}

export interface ClaimCheck {
  claim: string;
  expected: Expectation;
  computed: {
    /** The value for the claim's period (events: the best estimate). */
    value: number | null;
    period: LabelledValue;
    baseline: LabelledValue | null;
    change_pct: number | null;
    ratio: number | null;
    /** Events only: the low and high the sources give. */
    range: { low: number; high: number } | null;
    /** Periods of the series missing from the data loaded. */
    missing: Window[];
  };
  tolerance: Tolerance;
  /** How far the claim is from the data, in the tolerance's unit; null when it cannot be said. */
  difference: number | null;
  verdict: Verdict;
  reasoning: string;
  /** What else a reader should know (values counted as zero, events at the window's edges, low–high). */
  notes: string[];
  sources: ClaimSource[];
}

const MEASURE_NOUN: Record<Measure, string> = { events: 'events', fatalities: 'deaths', civilian_fatalities: 'civilian deaths', units: 'units hit' };

export async function checkClaim(store: Pick<Store, 'db' | 'engine'>, input: ClaimInput): Promise<ClaimCheck> {
  const expected = typeof input.expect === 'string' ? parseExpectation(input.expect) : input.expect;
  const tolerance = toleranceFor(expected, input.tolerance);
  const period = typeof input.period === 'string' ? parseWindow(input.period, 'period') : input.period;
  const baseline = input.baseline ? (typeof input.baseline === 'string' ? parseWindow(input.baseline, 'baseline') : input.baseline) : null;
  if (expected.kind !== 'level' && !baseline) {
    throw new ExpectationError(`a ${expected.kind === 'change' ? 'change' : 'ratio'} (${expected.text}) is measured against something: give --baseline (e.g. the same months a year earlier)`);
  }
  const measured = input.target.kind === 'series' ? await measureSeries(store, input.target, period, baseline) : await measureEvents(store, input.target, period, baseline);
  return judge(input.claim, expected, tolerance, measured);
}

/** What either side (series or events) hands to the judgement. */
interface Measured {
  /** "Frontex's monthly data", "The events loaded (ucdp-ged-afghanistan)". */
  subject: string;
  /** "detections of illegal border crossings (route: Central Mediterranean Route)". */
  unit: string;
  qualifier: string;
  period: LabelledValue;
  baseline: LabelledValue | null;
  gaps: string[];
  missing: Window[];
  range: { low: number; high: number } | null;
  notes: string[];
  sources: ClaimSource[];
}

async function measureSeries(store: Pick<Store, 'db' | 'engine'>, target: Extract<ClaimTarget, { kind: 'series' }>, period: Window, baseline: Window | null): Promise<Measured> {
  const series = await getSeries(store.db, target.series);
  if (!series) {
    const names = (await store.db.selectFrom('series').select('name').orderBy('name').execute()).map((r) => r.name);
    throw new ExpectationError(`no series named ${JSON.stringify(target.series)} is loaded${names.length ? `; loaded: ${names.join(', ')}` : ' (import one with `import series FILE --mapping F`)'}`);
  }
  const selection = resolveSelection(series, await dimensionValues(store, series), target.where ?? {});
  const totals: (WindowTotal | null)[] = [await seriesTotal(store, series, period, selection), baseline ? await seriesTotal(store, series, baseline, selection) : null];
  const [p, b] = totals;
  const imports = await listSeriesImports(store.db, series.name);
  const publisher = series.source ?? series.attribution ?? series.title ?? series.name;
  return {
    subject: `${possessive(publisher)} ${PRECISION_ADJECTIVE[series.precision]} data`,
    unit: series.unit,
    qualifier: selectionLabel(selection),
    period: labelled(p!),
    baseline: b ? labelled(b) : null,
    gaps: totals.flatMap((t) => (t?.gap ? [t.gap] : [])),
    missing: totals.flatMap((t) => t?.missing ?? []),
    range: null,
    notes: [...new Set(totals.flatMap((t) => (t?.zero_filled ? [`For ${t.window.label}: ${t.zero_filled}.`] : [])))],
    sources: [
      {
        kind: 'series', name: series.name, title: series.title, publisher: series.source, url: series.source_url, licence: series.licence,
        attribution: series.attribution, access_date: series.access_date,
        imports: imports.map((i) => ({ id: i.id, file_name: i.file_name, sha256: i.sha256, finished_at: i.finished_at })),
      },
    ],
  };
}

function labelled(t: WindowTotal): LabelledValue {
  return { start: t.window.start, end: t.window.end, label: t.window.label, value: t.value };
}

async function measureEvents(store: Pick<Store, 'db' | 'engine'>, target: Extract<ClaimTarget, { kind: 'events' }>, period: Window, baseline: Window | null): Promise<Measured> {
  const coverage = await eventCoverage(store, target.filter, target.measure);
  const p = await eventTotal(store, target.filter, target.measure, period, coverage);
  const b = baseline ? await eventTotal(store, target.filter, target.measure, baseline, coverage) : null;
  const totals = [p, b].filter((t): t is EventWindowTotal => t !== null);
  const notes: string[] = [];
  for (const t of totals) {
    if (t.value && t.value.low !== t.value.high) notes.push(`For ${t.window.label}: best estimate ${formatNumber(t.value.best)}, low ${formatNumber(t.value.low)}, high ${formatNumber(t.value.high)}.`);
    if (t.margin.events > 0) {
      notes.push(`For ${t.window.label}: ${formatNumber(t.margin.events)} more ${t.margin.events === 1 ? 'event straddles' : 'events straddle'} the window's edges (dated only to a week, month or year) and ${t.margin.events === 1 ? 'is' : 'are'} not counted.`);
    }
  }
  const names = coverage.datasets.map((d) => d.name);
  const datasets = new Map(coverage.datasets.map((d) => [d.name, d]));
  for (const t of totals) for (const d of t.datasets) datasets.set(d.name, d);
  const toValue = (t: EventWindowTotal): LabelledValue => ({ start: t.window.start, end: t.window.end, label: t.window.label, value: t.value ? t.value.best : null });
  return {
    subject: `The events loaded${names.length ? ` (${names.join(', ')})` : ''}`,
    unit: MEASURE_NOUN[target.measure],
    qualifier: coverage.english && coverage.english !== 'all events' ? ` ${coverage.english}` : '',
    period: toValue(p),
    baseline: b ? toValue(b) : null,
    gaps: totals.flatMap((t) => (t.gap ? [t.gap] : [])),
    missing: [],
    range: p.value && p.value.low !== p.value.high ? { low: p.value.low, high: p.value.high } : null,
    notes,
    sources: [...datasets.values()].map((d) => ({
      kind: 'dataset' as const, name: d.name, title: d.title, publisher: null, url: null, licence: d.licence, attribution: d.attribution,
      access_date: d.access_date, imports: d.imports,
    })),
  };
}

function judge(claim: string, expected: Expectation, tolerance: Tolerance, m: Measured): ClaimCheck {
  const v = m.period.value;
  const b = m.baseline?.value ?? null;
  const change = v !== null && b !== null && b !== 0 ? ((v - b) / b) * 100 : null;
  const ratio = v !== null && b !== null && b !== 0 ? v / b : null;
  // Keys in the order a reader (and the --json output) takes them.
  const result = (difference: number | null, verdict: Verdict, reasoning: string): ClaimCheck => ({
    claim,
    expected,
    computed: { value: v, period: m.period, baseline: m.baseline, change_pct: change, ratio, range: m.range, missing: m.missing },
    tolerance,
    difference,
    verdict,
    reasoning,
    notes: m.notes,
    sources: m.sources,
  });
  const of = `The claim of ${expected.text}`;

  if (m.gaps.length > 0) {
    // Say what the data do give, so the reader sees how far the check got.
    const known = [m.period, m.baseline].filter((w): w is LabelledValue => w !== null && w.value !== null);
    const given = known.length ? ` ${m.subject} give ${known.map((w) => `${formatNumber(w.value!)} ${m.unit}${m.qualifier} for ${w.label}${w === m.baseline ? ' (the baseline)' : ''}`).join(' and ')}.` : '';
    return result(null, 'cannot_check', `${of} cannot be checked with the data loaded: ${m.gaps.join('; ')}.${given}`);
  }
  const found = describeFound(m, change, ratio, expected);
  if ((expected.kind === 'change' || expected.kind === 'ratio') && b === 0) {
    return result(null, 'cannot_check', `${found} ${of} cannot be checked: the baseline, ${m.baseline!.label}, is zero, so there is no ${expected.kind === 'change' ? 'percentage change' : 'ratio'}.`);
  }

  let difference: number;
  let computedText: string;
  switch (expected.kind) {
    case 'change':
      difference = Math.abs(change! - expected.value);
      computedText = signedPercent(change!);
      break;
    case 'ratio':
      difference = (Math.abs(ratio! - expected.value) / ratio!) * 100;
      computedText = `${trimNumber(ratio!)}×`;
      break;
    case 'level':
      difference = levelDifference(v!, m.range, expected.value);
      computedText = formatNumber(v!);
      break;
  }
  const within = (x: number) => x <= tolerance.value + 1e-9;
  const shown = String(Number(difference.toFixed(difference < 1 ? 2 : 1)));
  const off = !Number.isFinite(difference) ? 'where the data give none' : expected.kind === 'change' ? `${shown} ${shown === '1' ? 'point' : 'points'} off` : `${shown}% off`;
  // A change in the wrong direction is wrong, however small the gap, unless it is within the tolerance.
  const wrongWay = expected.kind === 'change' && Math.sign(change!) !== 0 && Math.sign(expected.value) !== 0 && Math.sign(change!) !== Math.sign(expected.value);
  let verdict: Verdict;
  let judgement: string;
  if (within(difference)) {
    verdict = 'accurate';
    judgement = `${of} is accurate (within ${tolerance.text}: ${off}).`;
  } else if (within(difference / 2) && !wrongWay) {
    verdict = 'close';
    judgement = `${of} is close: the data give ${computedText}, ${off}, beyond the tolerance of ${tolerance.text} but within twice it.`;
  } else {
    verdict = 'wrong';
    const way = wrongWay ? ` The data show ${change! > 0 ? 'a rise, not a fall' : 'a fall, not a rise'}.` : '';
    judgement = `${of} is wrong: the data give ${computedText}, ${off} (tolerance ${tolerance.text}).${way}`;
  }
  const defaulted = tolerance.default ? ` The tolerance of ${tolerance.text} is the default for ${expected.kind === 'change' ? 'changes (published percentages are rounded to whole points)' : `${expected.kind}s (published figures are rounded and revised)`}.` : '';
  return result(difference, verdict, `${found} ${judgement}${defaulted}`);
}

/** "Frontex's monthly data give 152,000 detections … for January–October 2025 against 194,365 for January–October 2024: −21.8%." */
function describeFound(m: Measured, change: number | null, ratio: number | null, expected: Expectation): string {
  const v = formatNumber(m.period.value!);
  const range = m.range ? ` (best estimate; ${formatNumber(m.range.low)}–${formatNumber(m.range.high)})` : '';
  const lead = `${m.subject} give ${v} ${m.unit}${range}${m.qualifier} for ${m.period.label}`;
  if (!m.baseline || m.baseline.value === null) return `${lead}.`;
  const against = `${lead} against ${formatNumber(m.baseline.value)} for ${m.baseline.label}`;
  if (expected.kind === 'ratio' && ratio !== null) return `${against}: ${trimNumber(ratio)} times as many.`;
  return change === null ? `${against}.` : `${against}: ${signedPercent(change)}.`;
}

/** Percent between a claimed level and the data; a claim inside the sources' low–high range is not off at all. */
function levelDifference(value: number, range: { low: number; high: number } | null, claimed: number): number {
  if (range && claimed >= range.low && claimed <= range.high) return 0;
  const nearest = range ? (claimed < range.low ? range.low : range.high) : value;
  if (nearest === 0) return claimed === 0 ? 0 : Infinity;
  return (Math.abs(claimed - nearest) / Math.abs(nearest)) * 100;
}

/** "Frontex's", "Reuters'". */
function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}
