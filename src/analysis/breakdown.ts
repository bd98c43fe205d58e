// A breakdown: one measure over one filter, split by time, place, actor or type, with shares in words.
import { sql, type RawBuilder } from 'kysely';
import { countryName } from '../model/country.js';
import { addDays } from '../ingest/values.js';
import type { Store } from '../store/store.js';
import { requiredTerms } from './filter/ast.js';
import { longDate, monthName } from './filter/dates.js';
import { prepareFilter } from './filter/index.js';
import { isMonthly, type Source } from './filter/compile.js';
import type { Measure, Range } from './measures.js';
import { addSums, chooseSource, conditions, EMPTY_SUMS, fromWhere, readSums, sumsSql, type Sums } from './query.js';
import { analysisDb } from './tables.js';
import { count, eventNoun } from './wording.js';

export const BREAKDOWN_KEYS = ['day', 'week', 'month', 'year', 'country', 'admin1', 'admin2', 'location', 'actor1', 'actor2', 'event_type', 'target', 'dataset'] as const;
export type BreakdownKey = (typeof BREAKDOWN_KEYS)[number];
const TIME_KEYS: readonly BreakdownKey[] = ['day', 'week', 'month', 'year'];

export interface BreakdownOptions {
  by: BreakdownKey | BreakdownKey[];
  measure?: Measure;
  /** Keep the largest N groups (non-time keys) and sum the rest into one "other" row. */
  top?: number;
}

export interface BreakdownRow {
  /** The group's key (joined by " / " for several keys); null values read "(none)". */
  key: string;
  /** Each key's value, e.g. { month: "2021-10", country: "AFG" }. */
  keys: Record<string, string | null>;
  /** The key for people: "October 2021", "Afghanistan". */
  label: string;
  events: number;
  value: Range;
  /** Events that may belong here but straddle the bucket's or the window's edges. */
  margin: { events: number; value: Range };
  /** The row summing the groups past `top`. */
  other: boolean;
}

export interface Breakdown {
  by: BreakdownKey[];
  measure: Measure;
  rows: BreakdownRow[];
  total: { events: number; value: Range };
  /** "11 of 20 fatal attacks targeted Taliban (55%)", one per row, for a single key. */
  shares: string[];
  source: Source;
  filter: string;
}

export async function breakdown(store: Pick<Store, 'db' | 'engine'>, filterText: string, options: BreakdownOptions): Promise<Breakdown> {
  const by = Array.isArray(options.by) ? options.by : [options.by];
  for (const k of by) if (!(BREAKDOWN_KEYS as readonly string[]).includes(k)) throw new Error(`cannot break down by "${k}": use one of ${BREAKDOWN_KEYS.join(', ')}`);
  const timeKeys = by.filter((k) => TIME_KEYS.includes(k));
  if (timeKeys.length > 1) throw new Error('break down by one time key at a time');
  const measure = options.measure ?? 'events';
  const db = analysisDb(store.db);
  const filter = await prepareFilter(store, filterText);
  const c = conditions(filter, chooseSource(filter, { keys: by, fresh: filter.rollupsFresh }));

  const columns: RawBuilder<unknown>[] = [];
  for (const k of by) if (!TIME_KEYS.includes(k)) columns.push(sql`${keyColumn(k, c.source)} as ${sql.ref(`k_${k}`)}`);
  const time = timeKeys[0];
  if (time) columns.push(...timeColumns(time, c.source));
  const groups = columns.map((_, i) => sql.raw(String(i + 1)));
  const rows = (await sql<Record<string, unknown>>`select ${sql.join(columns)}, ${sumsSql(c, measure)} ${fromWhere(c)} group by ${sql.join(groups)}`.execute(db)).rows;

  // Bucket in JS: a row whose dates fall in two buckets belongs to neither with certainty: it is margin.
  const buckets = new Map<string, { keys: Record<string, string | null>; sums: Sums }>();
  let total = EMPTY_SUMS;
  for (const r of rows) {
    let sums = readSums(r);
    const keys: Record<string, string | null> = {};
    for (const k of by) {
      if (TIME_KEYS.includes(k)) {
        const a = bucketOf(k, String(r.t_start));
        const b = bucketOf(k, String(r.t_end));
        keys[k] = a;
        if (a !== b) sums = { ...sums, events: 0, value: { low: 0, best: 0, high: 0 }, strike_events: 0, attack_events: 0, margin: { events: sums.margin.events + sums.events, value: addRange(sums.margin.value, sums.value) } };
      } else {
        const v = r[`k_${k}`];
        keys[k] = v === null || v === undefined ? null : String(v);
      }
    }
    total = addSums(total, sums);
    const key = by.map((k) => keys[k] ?? '(none)').join(' / ');
    const prev = buckets.get(key);
    buckets.set(key, { keys, sums: prev ? addSums(prev.sums, sums) : sums });
  }

  let list = [...buckets.entries()].map(([key, b]) => ({ key, keys: b.keys, sums: b.sums, other: false }));
  const datasetNames = by.includes('dataset') ? new Map((await db.selectFrom('datasets').select(['id', 'name']).execute()).map((d) => [String(d.id), d.name])) : new Map<string, string>();
  if (time && by.length === 1) list.sort((a, b) => a.key.localeCompare(b.key));
  else list.sort((a, b) => b.sums.value.low - a.sums.value.low || b.sums.events - a.sums.events || a.key.localeCompare(b.key));
  if (options.top && !time && list.length > options.top) {
    const rest = list.slice(options.top).reduce((acc, x) => addSums(acc, x.sums), EMPTY_SUMS);
    list = [...list.slice(0, options.top), { key: `(${list.length - options.top} others)`, keys: Object.fromEntries(by.map((k) => [k, null])), sums: rest, other: true }];
  }
  const out: BreakdownRow[] = list
    .filter((x) => x.sums.events > 0 || x.sums.margin.events > 0)
    .map((x) => ({
      key: x.key,
      keys: x.keys,
      label: x.other ? x.key : by.map((k) => labelOf(k, x.keys[k] ?? null, datasetNames)).join(', '),
      other: x.other,
      events: x.sums.events,
      value: x.sums.value,
      margin: x.sums.margin,
    }));

  const fatal = requiredTerms(filter.root).some((t) => t.field === 'fatal' && t.yes);
  // Shares name the events ("strikes", "attacks") from the counts of strikes and attacks every row carries.
  const noun = eventNoun(total.events, total.strike_events, total.attack_events);
  const nouns = `${fatal ? 'fatal ' : ''}${noun}s`;
  const shares = by.length === 1 ? out.filter((r) => !r.other).map((r) => shareSentence(by[0]!, r, total, measure, nouns)) : [];
  return { by, measure, rows: out, total: { events: total.events, value: total.value }, shares, source: c.source, filter: filter.text };
}

function addRange(a: Range, b: Range): Range {
  return { low: a.low + b.low, best: a.best + b.best, high: a.high + b.high };
}

function keyColumn(k: BreakdownKey, source: Source): RawBuilder<unknown> {
  const alias = source === 'events' ? 'e' : 'r';
  const column: Record<string, string> = { country: 'iso3', actor1: 'actor1_id', actor2: 'actor2_id', dataset: 'dataset_id' };
  return sql.ref(`${alias}.${column[k] ?? k}`);
}

function timeColumns(k: BreakdownKey, source: Source): RawBuilder<unknown>[] {
  if (isMonthly(source)) return [sql`r.month as t_start`, sql`r.end_month as t_end`];
  const alias = source === 'events' ? 'e' : 'r';
  const start = sql.ref(`${alias}.date_start`);
  const end = sql.ref(`${alias}.date_end`);
  // Months and years are cut in SQL (fewer groups); days and weeks come back by day.
  if (k === 'month') return [sql`substr(${start}, 1, 7) as t_start`, sql`substr(${end}, 1, 7) as t_end`];
  if (k === 'year') return [sql`substr(${start}, 1, 4) as t_start`, sql`substr(${end}, 1, 4) as t_end`];
  return [sql`${start} as t_start`, sql`${end} as t_end`];
}

function bucketOf(k: BreakdownKey, value: string): string {
  switch (k) {
    case 'year': return value.slice(0, 4);
    case 'month': return value.slice(0, 7);
    case 'week': {
      const dow = (new Date(`${value}T00:00:00Z`).getUTCDay() + 6) % 7;
      return addDays(value, -dow);
    }
    default: return value;
  }
}

function labelOf(k: BreakdownKey, v: string | null, datasets: Map<string, string>): string {
  if (v === null) return '(none)';
  switch (k) {
    case 'day': return longDate(v);
    case 'week': return `week of ${longDate(v)}`;
    case 'month': return monthName(`${v}-01`);
    case 'country': return countryName(v) ?? v;
    case 'dataset': return datasets.get(v) ?? v;
    default: return v;
  }
}

const EVENT_PREDICATE: Partial<Record<BreakdownKey, (label: string) => string>> = {
  actor1: (l) => `were by ${l}`,
  actor2: (l) => `targeted ${l}`,
  target: (l) => `targeted ${l}`,
  event_type: (l) => `were classed as ${l}`,
  day: (l) => `were on ${l}`,
  week: (l) => `were in the ${l}`,
  dataset: (l) => `were recorded in ${l}`,
};

const VALUE_PREDICATE: Partial<Record<BreakdownKey, (label: string, nouns: string) => string>> = {
  actor1: (l, n) => `in ${n} by ${l}`,
  actor2: (l, n) => `in ${n} against ${l}`,
  target: (l, n) => `in ${n} targeting ${l}`,
  event_type: (l, n) => `in ${n} classed as ${l}`,
  day: (l) => `on ${l}`,
  week: (l) => `in the ${l}`,
  dataset: (l, n) => `in ${n} recorded in ${l}`,
};

const VALUE_NOUN: Record<Exclude<Measure, 'events'>, [string, string]> = {
  fatalities: ['people killed', 'were killed'],
  civilian_fatalities: ['civilians killed', 'were killed'],
  units: ['units hit', 'were hit'],
};

/** "11 of 20 fatal attacks targeted Taliban (55%)"; "48 of the 86 people killed were killed in Caribbean (56%)". */
function shareSentence(k: BreakdownKey, r: BreakdownRow, total: Sums, measure: Measure, nouns: string): string {
  const pct = (n: number, of: number) => (of > 0 ? ` (${Math.round((100 * n) / of)}%)` : '');
  if (measure === 'events') {
    const pred = agree(r.events, EVENT_PREDICATE[k]?.(r.label) ?? `were in ${r.label}`);
    return `${count(r.events)} of ${count(total.events)} ${nouns} ${pred}${pct(r.events, total.events)}`;
  }
  const [noun, verb] = VALUE_NOUN[measure];
  const pred = VALUE_PREDICATE[k]?.(r.label, nouns) ?? `in ${r.label}`;
  return `${count(r.value.low)} of the ${count(total.value.low)} ${noun} ${agree(r.value.low, verb)} ${pred}${pct(r.value.low, total.value.low)}`;
}

/** "one of 41 events was", "three of 41 events were". */
const agree = (n: number, phrase: string) => (n === 1 ? phrase.replace(/^were /, 'was ') : phrase);
