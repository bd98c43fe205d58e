// The pieces every analysis query shares: which table answers, and sums split into counted and margin.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { compileFilter, compileStrictGivenLoose, hasDates, rollupCanAnswer, type Source } from './filter/compile.js';
import { requiredTerms } from './filter/ast.js';
import type { ResolvedFilter } from './filter/resolve.js';
import { ROLLUP_COLUMNS, ROW_VALUES, type Measure, type Range } from './measures.js';

export interface SourceNeeds {
  /** False when an import has not refreshed the rollups yet (see rollupsFresh). */
  fresh?: boolean;
  /** Event ids or fields only the events table has. */
  events?: boolean;
  /** Grouping keys the rollup must hold. */
  keys?: string[];
}

const DAY_KEYS = ['day', 'week', 'month', 'year', 'country', 'admin1', 'actor1', 'actor2', 'event_type', 'dataset'];
const MONTH_KEYS = ['month', 'year', 'country', 'event_type', 'dataset'];
const ACTOR_MONTH_KEYS = [...MONTH_KEYS, 'actor1', 'actor2'];
const POINT_KEYS = ['day', 'week', 'month', 'year', 'country', 'event_type', 'dataset'];

/** The smallest table that answers exactly: a month rollup, a day rollup, the point rollup, or the events themselves. */
export function chooseSource(filter: ResolvedFilter, needs: SourceNeeds = {}): Source {
  if (needs.events || needs.fresh === false) return 'events';
  const keys = needs.keys ?? [];
  if (keys.every((k) => MONTH_KEYS.includes(k)) && rollupCanAnswer('rollup_months', filter.root)) return 'rollup_months';
  // Figures of a window (not of whole months) over countries and datasets only: a row or two a country-day.
  if (needs.keys === undefined && hasDates(filter.root) && rollupCanAnswer('rollup_country_days', filter.root)) return 'rollup_country_days';
  // Figures (no grouping keys) over a window of whole months: actors and sub-types by month. Without a window a
  // figure's sentence names the first and last days counted, which only the day rollup knows.
  if (needs.keys === undefined && hasDates(filter.root) && rollupCanAnswer('rollup_actor_months', filter.root)) return 'rollup_actor_months';
  // Breakdowns by actor over whole months (or all time): a few rows an actor-month instead of one a day.
  if (needs.keys !== undefined && keys.every((k) => ACTOR_MONTH_KEYS.includes(k)) && rollupCanAnswer('rollup_actor_months', filter.root)) return 'rollup_actor_months';
  if (keys.every((k) => DAY_KEYS.includes(k)) && rollupCanAnswer('rollup_days', filter.root)) return 'rollup_days';
  // The point rollup holds only events with coordinates: exact when a spatial term requires them anyway.
  const spatial = requiredTerms(filter.root).some((t) => t.field === 'near' || t.field === 'bbox');
  if (spatial && keys.every((k) => POINT_KEYS.includes(k)) && rollupCanAnswer('rollup_points', filter.root)) return 'rollup_points';
  return 'events';
}

export interface Conditions {
  source: Source;
  /** Certainly matches: counted. */
  strict: RawBuilder<SqlBool>;
  /** The same, for rows that already match loosely (what sums test, row by row). */
  strictInLoose: RawBuilder<SqlBool>;
  /** Might match: the rows read (strict ones plus the margin). */
  loose: RawBuilder<SqlBool>;
  /** Whether a margin can exist at all (only date terms make one). */
  dated: boolean;
  /**
   * SQLite: the events are bounded by a required text: term's list of ids, so they are read by id, one lookup each;
   * left to itself the planner would rather scan a country's window for them (see text-matches.ts).
   */
  byIds: boolean;
}

export function conditions(filter: ResolvedFilter, source: Source): Conditions {
  const dated = hasDates(filter.root);
  const strict = compileFilter(filter, 'strict', source);
  const byIds = filter.engine === 'sqlite' && source === 'events' && requiredTerms(filter.root).some((t) => t.field === 'text' && filter.resolutions.get(t)?.kind === 'matches');
  return { source, strict, strictInLoose: compileStrictGivenLoose(filter, source), loose: dated ? compileFilter(filter, 'loose', source) : strict, dated, byIds };
}

/** `from <table> <alias> where <loose>` (events exclude deleted rows). */
export function fromWhere(c: Conditions, extra?: RawBuilder<SqlBool>): RawBuilder<unknown> {
  const more = extra ? sql` and ${extra}` : sql``;
  // NOT INDEXED leaves SQLite the rowid lookups only.
  if (c.source === 'events') return sql`from events e${c.byIds ? sql` not indexed` : sql``} where e.deleted_at is null and ${c.loose}${more}`;
  return sql`from ${sql.table(c.source)} r where ${c.loose}${more}`;
}

function valueSql(source: Source, measure: Measure, bound: keyof Range): RawBuilder<number> {
  return source === 'events' ? sql.raw<number>(ROW_VALUES[measure][bound]) : sql.raw<number>(`r.${ROLLUP_COLUMNS[measure][bound]}`);
}

export const eventsSql = (source: Source) => sql.raw<number>(source === 'events' ? 'e.event_count' : 'r.events');
const unitsEventsSql = (source: Source) => (source === 'events' ? sql.raw<number>('case when e.units_low is null then 0 else e.event_count end') : sql.raw<number>('r.units_events'));
const nounSumsSql = (source: Source) =>
  source === 'events'
    ? { strike: sql.raw<number>(nounEventsSql('strike')), attack: sql.raw<number>(nounEventsSql('attack')) }
    : { strike: sql.raw<number>('r.strike_events'), attack: sql.raw<number>('r.attack_events') };

/** Words of a row's "type sub-type" that make its events strikes, or attacks (see eventNoun). */
const NOUN_WORDS = {
  strike: ['strike'],
  attack: ['strike', 'attack', 'explosions/remote violence', 'violence against civilians', 'bomb'],
};
// The words hold no pattern characters: joined, they are the pattern.
const STRIKE = new RegExp(NOUN_WORDS.strike.join('|'), 'i');
const ATTACK = new RegExp(NOUN_WORDS.attack.join('|'), 'i');

/** How many counted events of a typed row are strikes and attacks (see eventNoun). */
export function classifyTypes(r: Record<string, unknown>, events: number): { strike_events: number; attack_events: number } {
  const text = `${r.t_type ?? ''} ${r.t_subtype ?? ''}`;
  return { strike_events: STRIKE.test(text) ? events : 0, attack_events: ATTACK.test(text) ? events : 0 };
}

/**
 * The events of an event row `e` that its "type sub-type" makes strikes, or attacks, as classifyTypes counts them, in SQL
 * both engines read alike (the words are ASCII and hold no pattern characters; the text is lowered). Rollups sum it
 * (strike_events, attack_events), so a figure names its events from its sums.
 */
export function nounEventsSql(noun: keyof typeof NOUN_WORDS): string {
  const text = "lower(coalesce(e.event_type, '') || ' ' || coalesce(e.sub_event_type, ''))";
  return `case when ${NOUN_WORDS[noun].map((w) => `${text} like '%${w}%'`).join(' or ')} then e.event_count else 0 end`;
}

/** The condition a read row meets when it is counted (not margin). */
export const countedSql = (c: Conditions): RawBuilder<SqlBool> => (c.dated ? c.strictInLoose : sql<SqlBool>`1 = 1`);

/**
 * Select-list of sums: counted (strict) and margin (loose but not strict) events and values, events with
 * units recorded, and how many counted events are strikes or attacks (for the noun).
 */
export function sumsSql(c: Conditions, measure: Measure): RawBuilder<unknown> {
  // Rows read all match loosely; without dates every one is counted and no test is needed.
  const counted = c.dated ? c.strictInLoose : null;
  const when = (cond: RawBuilder<SqlBool> | null, v: RawBuilder<number>) => (cond === null ? sql`sum(${v})` : sql`sum(case when ${cond} then ${v} else 0 end)`);
  const ev = eventsSql(c.source);
  const margin = c.dated
    ? sql`${when(sql<SqlBool>`not ${counted}`, ev)} as margin_events,
    ${when(sql<SqlBool>`not ${counted}`, valueSql(c.source, measure, 'low'))} as margin_low,
    ${when(sql<SqlBool>`not ${counted}`, valueSql(c.source, measure, 'best'))} as margin_best,
    ${when(sql<SqlBool>`not ${counted}`, valueSql(c.source, measure, 'high'))} as margin_high`
    : sql`0 as margin_events, 0 as margin_low, 0 as margin_best, 0 as margin_high`;
  const nouns = nounSumsSql(c.source);
  return sql`${when(counted, ev)} as events,
    ${when(counted, valueSql(c.source, measure, 'low'))} as low,
    ${when(counted, valueSql(c.source, measure, 'best'))} as best,
    ${when(counted, valueSql(c.source, measure, 'high'))} as high,
    ${when(counted, valueSql(c.source, 'units', 'low'))} as units,
    ${when(counted, unitsEventsSql(c.source))} as units_events,
    ${when(counted, nouns.strike)} as strike_events,
    ${when(counted, nouns.attack)} as attack_events,
    ${margin}`;
}

/**
 * Plain sums grouped by whether each row is counted (`counted` 1) or only in the margin (0): the date test runs
 * once per row as a grouping key instead of inside every sum, which halves the work of a wide read. Read the
 * rows back with countedRow.
 */
export function flaggedSumsSql(c: Conditions, measure: Measure): { flag: RawBuilder<unknown>; sums: RawBuilder<unknown> } {
  const flag = c.dated ? sql`case when ${countedSql(c)} then 1 else 0 end` : sql`1`;
  const nouns = nounSumsSql(c.source);
  const sums = sql`sum(${eventsSql(c.source)}) as events,
    sum(${valueSql(c.source, measure, 'low')}) as low,
    sum(${valueSql(c.source, measure, 'best')}) as best,
    sum(${valueSql(c.source, measure, 'high')}) as high,
    sum(${valueSql(c.source, 'units', 'low')}) as units,
    sum(${unitsEventsSql(c.source)}) as units_events,
    sum(${nouns.strike}) as strike_events,
    sum(${nouns.attack}) as attack_events`;
  return { flag, sums };
}

/** A row of flaggedSumsSql as sumsSql would give it: margin rows move their sums to margin_* (and have no dates). */
export function countedRow(r: Record<string, unknown>): Record<string, unknown> {
  if (Number(r.counted) === 1) return { ...r, margin_events: 0, margin_low: 0, margin_best: 0, margin_high: 0 };
  return {
    ...r, first_date: null, last_date: null, events: 0, low: 0, best: 0, high: 0, units: 0, units_events: 0, strike_events: 0, attack_events: 0,
    margin_events: r.events, margin_low: r.low, margin_best: r.best, margin_high: r.high,
  };
}

export interface Sums {
  events: number;
  value: Range;
  units: number;
  units_events: number;
  strike_events: number;
  attack_events: number;
  margin: { events: number; value: Range };
}

type SumRow = Record<'events' | 'low' | 'best' | 'high' | 'units' | 'units_events' | 'strike_events' | 'attack_events' | 'margin_events' | 'margin_low' | 'margin_best' | 'margin_high', unknown>;

/** Reads a sums row (PostgreSQL returns sums as strings, SQLite as numbers, both null over no rows). */
export function readSums(r: Partial<SumRow> | undefined): Sums {
  const n = (v: unknown) => Number(v ?? 0);
  return {
    events: n(r?.events),
    value: { low: n(r?.low), best: n(r?.best), high: n(r?.high) },
    units: n(r?.units),
    units_events: n(r?.units_events),
    strike_events: n(r?.strike_events),
    attack_events: n(r?.attack_events),
    margin: { events: n(r?.margin_events), value: { low: n(r?.margin_low), best: n(r?.margin_best), high: n(r?.margin_high) } },
  };
}

export function addSums(a: Sums, b: Sums): Sums {
  const add = (x: Range, y: Range): Range => ({ low: x.low + y.low, best: x.best + y.best, high: x.high + y.high });
  return {
    events: a.events + b.events,
    value: add(a.value, b.value),
    units: a.units + b.units,
    units_events: a.units_events + b.units_events,
    strike_events: a.strike_events + b.strike_events,
    attack_events: a.attack_events + b.attack_events,
    margin: { events: a.margin.events + b.margin.events, value: add(a.margin.value, b.margin.value) },
  };
}

export const EMPTY_SUMS: Sums = readSums(undefined);
