// The event side of a claim check: a measure over a filter in a window, through figure(), and the dates the loaded events cover.
import type { Store } from '../../store/store.js';
import { figure, type Figure } from '../figure.js';
import { longDate } from '../filter/dates.js';
import { prepareFilter } from '../filter/index.js';
import type { Measure, Range } from '../measures.js';
import { windowLabel, type Window } from './periods.js';

export interface EventWindowTotal {
  window: Window & { label: string };
  /** Low / best / high of the measure over events wholly inside the window; null when the data cannot say. */
  value: Range | null;
  gap: string | null;
  /** Events counted, and those straddling the window's edges (not counted). */
  events: number;
  margin: Figure['margin'];
  datasets: Figure['datasets'];
}

export interface EventCoverage {
  /** The filter in English ("in Afghanistan"). */
  english: string;
  /** First and last day of the events loaded in the datasets the filter reaches; null when none. */
  start: string | null;
  end: string | null;
  datasets: Figure['datasets'];
}

/** Which datasets the filter reaches, and the dates their events span: a window outside them cannot be checked. */
export async function eventCoverage(store: Pick<Store, 'db' | 'engine'>, filterText: string, measure: Measure): Promise<EventCoverage> {
  // Resolving first makes a bad filter fail with the caret under the reader's own text.
  await prepareFilter(store, filterText);
  const all = await figure(store, filterText, { measure });
  const names = all.datasets.map((d) => d.name);
  if (names.length === 0) return { english: all.english, start: null, end: null, datasets: [] };
  const span = await store.db
    .selectFrom('events as e')
    .innerJoin('datasets as d', 'd.id', 'e.dataset_id')
    .select((eb) => [eb.fn.min('e.date_start').as('start'), eb.fn.max('e.date_end').as('end')])
    .where('d.name', 'in', names)
    .where('e.deleted_at', 'is', null)
    .executeTakeFirst();
  return { english: all.english, start: (span?.start as string | null) ?? null, end: (span?.end as string | null) ?? null, datasets: all.datasets };
}

export async function eventTotal(
  store: Pick<Store, 'db' | 'engine'>,
  filterText: string,
  measure: Measure,
  window: Window,
  coverage: EventCoverage,
): Promise<EventWindowTotal> {
  const labelled = { ...window, label: windowLabel(window) };
  const empty = { window: labelled, events: 0, margin: { events: 0, value: { low: 0, best: 0, high: 0 } }, datasets: [] };
  if (coverage.start === null || coverage.end === null) {
    return { ...empty, value: null, gap: `no events loaded match ${coverage.english}` };
  }
  if (window.start < coverage.start || window.end > coverage.end) {
    const names = coverage.datasets.map((d) => d.name).join(', ');
    return { ...empty, value: null, gap: `the events loaded (${names}) run from ${longDate(coverage.start)} to ${longDate(coverage.end)}, and ${labelled.label} reaches beyond them` };
  }
  const text = `${filterText.trim() ? `(${filterText}) ` : ''}date:${window.start}..${window.end}`;
  const f = await figure(store, text, { measure });
  return { window: labelled, value: f.value, gap: null, events: f.events, margin: f.margin, datasets: f.datasets };
}
