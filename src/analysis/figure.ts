// A figure: one measure over one filter, as a value with its margin, a sentence, a method note and
// the provenance of every number.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { addDays } from '../ingest/values.js';
import type { Store } from '../store/store.js';
import { requiredTerms, termsOf, type FilterNode, type TermNode } from './filter/ast.js';
import { daysBetween, dayRange, windowEnglish } from './filter/dates.js';
import { filterEnglish } from './filter/english.js';
import { prepareFilter, type ResolvedFilter } from './filter/index.js';
import { CIVILIAN_DEFINITIONS, MEASURE_DEFINITIONS, type Measure, type Range } from './measures.js';
import { creditLines, datasetsUsed, type DatasetUsed } from './provenance.js';
import { cellsWithin, hasDates, isMonthly, lastOfMonth, rollupCanAnswer } from './filter/compile.js';
import { addSums, chooseSource, conditions, countedRow, EMPTY_SUMS, flaggedSumsSql, fromWhere, readSums, type Conditions, type Sums } from './query.js';
import { analysisDb, type AnalysisDb } from './tables.js';
import { capitalise, count, counted, eventNoun, unitNoun, type EventNoun } from './wording.js';
import { outwardMonths, outwardParts, wholeInside, type Part, type SplitTables } from './outward-months.js';
import type { DatasetFormat } from '../model/dataset.js';

export interface FigureOptions {
  measure?: Measure;
  /** Adds the SQL, the table read and the ids of the events counted and of the margin. */
  explain?: boolean;
  /** Returns the ids of the events counted without the rest of the explanation. */
  ids?: boolean;
}

export interface Figure {
  measure: Measure;
  value: Range;
  /** Events counted (each row's event_count summed). */
  events: number;
  /** Events whose dates straddle the window's edges: not counted, reported beside the value. */
  margin: { events: number; value: Range };
  /** Units hit (e.g. vessels), when recorded. */
  units: number | null;
  sentence: string;
  /** What the margin could add, in words (null when there is none). */
  margin_note: string | null;
  filter: string;
  /** The filter in English. */
  english: string;
  /** The method note: definitions, the date rule, the sources. */
  description: string;
  datasets: Omit<DatasetUsed, 'id' | 'format'>[];
  /** Ids of the events counted, when asked for. */
  event_ids: number[] | null;
  explain: { source: string; sql: string; margin_event_ids: number[] } | null;
}

const MEASURE_SUBJECT: Record<Measure, string> = {
  events: 'events',
  fatalities: 'deaths',
  civilian_fatalities: 'civilian deaths',
  units: 'units hit',
};

export async function figure(store: Pick<Store, 'db' | 'engine'>, filterText: string, options: FigureOptions = {}): Promise<Figure> {
  const filter = await prepareFilter(store, filterText);
  return figureOf(store, filter, options);
}

/** The figure of an already resolved filter (compare and saved figures reuse one). */
export async function figureOf(store: Pick<Store, 'db' | 'engine'>, filter: ResolvedFilter, options: FigureOptions = {}): Promise<Figure> {
  const db = analysisDb(store.db);
  const measure = options.measure ?? 'fatalities';
  const wantIds = Boolean(options.explain || options.ids);
  const c = conditions(filter, chooseSource(filter, { events: wantIds, fresh: filter.rollupsFresh }));
  // With a date window the sentence says the window, not the first and last days counted: the sums need no dates.
  const withDates = !hasDates(filter.root);
  const query = sumsQuery(c, measure, undefined, withDates);
  const read = await readParts(db, readPlan(filter, c).map((p) => sumsQuery(p.c, measure, p.extra, withDates, p.subtract)));
  const rows = read.flatMap(takenAway).map(countedRow);
  let sums: Sums = EMPTY_SUMS;
  for (const r of rows) sums = addSums(sums, readSums(r));
  const counted = rows.filter((r) => Number(r.events ?? 0) !== 0 || Number(r.margin_events ?? 0) !== 0);
  const firstDate = minOf(counted.map((r) => (typeof r.first_date === 'string' ? monthStart(r.first_date) : null)));
  const lastDate = maxOf(counted.map((r) => (typeof r.last_date === 'string' ? monthEnd(r.last_date) : null)));
  const datasets = await datasetsUsed(db, datasetsCounted(counted));

  let eventIds: number[] | null = null;
  let explain: Figure['explain'] = null;
  if (wantIds) {
    const ids = await sql<{ id: number; counted: number }>`select e.id as id, case when ${c.strictInLoose} then 1 else 0 end as counted ${fromWhere(c)} order by e.id`.execute(db);
    eventIds = ids.rows.filter((r) => Number(r.counted) === 1).map((r) => Number(r.id));
    if (options.explain) {
      explain = { source: c.source, sql: query.compile(db).sql, margin_event_ids: ids.rows.filter((r) => Number(r.counted) === 0).map((r) => Number(r.id)) };
    }
  }

  const units = sums.units_events > 0 ? sums.units : null;
  const targets = units !== null ? await unitTargets(db, filter) : [];
  const missing = measure === 'fatalities' && sums.value.high > sums.value.low ? await missingPresumedDead(db, filter, datasets) : null;
  const noun = eventNoun(sums.events, sums.strike_events, sums.attack_events);
  const sentence = figureSentence({ measure, sums, units, unit: unitNoun(targets), noun, filter, firstDate, lastDate, missingExplainsHigh: missing === sums.value.high - sums.value.low });
  const english = filterEnglish(filter);
  const marginNote = marginSentence(measure, sums, noun);
  const formats = [...new Set(datasets.map((d) => d.format as DatasetFormat))];
  const description = [
    `Events ${english === 'all events' ? '(all)' : english}; filter: ${filter.text || '(none)'}.`,
    `Measure: ${MEASURE_DEFINITIONS[measure]}`,
    ...(measure === 'civilian_fatalities' ? formats.map((f) => CIVILIAN_DEFINITIONS[f] ?? `${f}: as the dataset records them.`) : []),
    'Dates: an event counts only when its whole date range lies inside the window; events dated only to a week, month or year that overlap the window\'s edges are reported as the margin, not counted.',
    ...(marginNote ? [marginNote] : []),
    'Sources:',
    ...creditLines(datasets).map((l) => `- ${l}`),
  ].join('\n');

  return {
    measure,
    value: sums.value,
    events: sums.events,
    margin: sums.margin,
    units,
    sentence,
    margin_note: marginNote,
    filter: filter.text,
    english,
    description,
    datasets: datasets.map(({ id: _id, format: _format, ...d }) => d),
    event_ids: eventIds,
    explain,
  };
}

/** With actors, admin1 and types: any filter the day rollup answers. */
const TYPED: SplitTables = { months: 'rollup_actor_months', days: 'rollup_days' };
/** Countries and datasets only: a few rows a country-month and one or two a country-day. */
const NARROW: SplitTables = { months: 'rollup_months', days: 'rollup_country_days' };

/** The parts a figure's sums are read in: disjoint, and together every row its filter reads. */
function readPlan(filter: ResolvedFilter, c: Conditions): Part[] {
  if (c.source === 'rollup_points') {
    const cells = cellSplit(filter);
    return cells ? cellParts(filter, cells) : [{ c }];
  }
  if (c.source === 'rollup_days') return daySplit(filter, c, TYPED);
  // The country rollup holds a row or two a country-day: a window of up to a year reads fewer rows whole than its
  // parts would save, and one part is one plan (PostgreSQL plans every part of the statement, each time).
  if (c.source === 'rollup_country_days') return windowDays(filter) <= NARROW_WHOLE_DAYS ? [{ c }] : daySplit(filter, c, NARROW);
  return [{ c }];
}

/** The longest window of days the country rollup reads whole. */
const NARROW_WHOLE_DAYS = 366;

/** The days a filter's one date window spans (Infinity when open, or when there is not exactly one). */
function windowDays(filter: ResolvedFilter): number {
  const dates = termsOf(filter.root).filter((t) => t.field === 'date');
  if (dates.length !== 1) return Infinity;
  const { start, end } = dates[0]!.window;
  return start === null || end === null ? Infinity : daysBetween(start, end) + 1;
}

function daySplit(filter: ResolvedFilter, c: Conditions, tables: SplitTables): Part[] {
  const split = monthSplit(filter, tables);
  return split?.outward ?? (split?.inward ? splitParts(filter, split.inward, tables) : [{ c }]);
}

/** Sums by dataset and counted-or-margin over the rows a condition reads, with their first and last dates (for a sentence without a window) when asked. */
function sumsQuery(c: Conditions, measure: Measure, extra: RawBuilder<SqlBool> | undefined, withDates: boolean, subtract?: RawBuilder<SqlBool>) {
  const alias = c.source === 'events' ? 'e' : 'r';
  const flagged = flaggedSumsSql(c, measure);
  // Rows taken away (see takenAway): 2 when the window's margin holds them, else 3.
  const { flag, sums } = subtract ? { ...flagged, flag: sql`case when ${subtract} then 2 else 3 end` } : flagged;
  const dataset = sql.ref(`${alias}.dataset_id`);
  if (!withDates) return sql<Record<string, unknown>>`select ${dataset} as dataset_id, ${flag} as counted, ${sums} ${fromWhere(c, extra)} group by 1, 2`;
  const [first, last] = isMonthly(c.source) ? ['month', 'end_month'] : ['date_start', 'date_end'];
  return sql<Record<string, unknown>>`select ${dataset} as dataset_id, ${flag} as counted,
    min(${sql.ref(`${alias}.${first}`)}) as first_date, max(${sql.ref(`${alias}.${last}`)}) as last_date,
    ${sums} ${fromWhere(c, extra)} group by 1, 2`;
}

const SUM_FIELDS = ['events', 'low', 'best', 'high', 'units', 'units_events', 'strike_events', 'attack_events'] as const;

/** A row of a part taken away (counted 2 or 3, see outward-months.ts) as the rows it stands for: its sums out of the counted, and into the margin (2). */
function takenAway(r: Record<string, unknown>): Record<string, unknown>[] {
  const flag = Number(r.counted);
  if (flag < 2) return [r];
  const out = { ...r, counted: 1, ...Object.fromEntries(SUM_FIELDS.map((f) => [f, -Number(r[f] ?? 0)])) };
  return flag === 2 ? [out, { ...r, counted: 0 }] : [out];
}

/** The datasets with events counted or in the margin (rows taken away may cancel a dataset's). */
function datasetsCounted(rows: Record<string, unknown>[]): number[] {
  const net = new Map<number, { events: number; margin: number }>();
  for (const r of rows) {
    const id = Number(r.dataset_id);
    const n = net.get(id) ?? { events: 0, margin: 0 };
    net.set(id, { events: n.events + Number(r.events ?? 0), margin: n.margin + Number(r.margin_events ?? 0) });
  }
  return [...net].filter(([, n]) => n.events > 0 || n.margin > 0).map(([id]) => id);
}

/**
 * A date term's window narrowed to the whole months inside it: their first and last days (null where the window is
 * open) and the term over them. Null when the window is open at both ends or holds no whole month.
 */
function wholeMonthsOf(date: TermNode & { field: 'date' }): { first: string | null; last: string | null; whole: TermNode } | null {
  const { start, end } = date.window;
  if (start === null && end === null) return null;
  const first = start === null ? null : start.endsWith('-01') ? start : addDays(lastOfMonth(start), 1);
  const last = end === null ? null : end === lastOfMonth(end) ? end : addDays(`${end.slice(0, 8)}01`, -1);
  if (first !== null && last !== null && first > last) return null;
  return { first, last, whole: { ...date, window: { start: first, end: last } } };
}

interface MonthSplit {
  /** The window split at its whole months (null when it holds none). */
  inward: InwardSplit | null;
  /** Its sums' parts when some partial month is cheaper read outwards (null: the inward split's). */
  outward: Part[] | null;
}

interface InwardSplit {
  /** The filter with its window narrowed to its whole months. */
  months: ResolvedFilter;
  /** First day of the first whole month and last day of the last (null where the window is open). */
  first: string | null;
  last: string | null;
  span: number;
  /** The window as written. */
  window: { start: string | null; end: string | null };
}

/**
 * A window that holds whole months but does not begin and end on a month's edges ("since 26 August 2023")
 * is read in parts: the events wholly inside its whole months from the month rollup with actors (a few rows a
 * month), the rest (events starting before the first whole month, or ending after the last) from the day
 * rollup. The parts are disjoint and together are every event the window reads, so the sums are the same.
 * Null when the filter is not one date window ANDed with terms the month rollup answers.
 */
function monthSplit(filter: ResolvedFilter, tables: SplitTables): MonthSplit | null {
  const root = filter.root;
  if (!root || !filter.rollupsFresh || filter.maxSpanDays === null) return null;
  const items = root.kind === 'and' ? root.items : [root];
  const dates = items.filter((i): i is TermNode & { field: 'date' } => i.kind === 'term' && i.field === 'date');
  if (dates.length !== 1 || termsOf(root).filter((t) => t.field === 'date').length !== 1) return null;
  const date = dates[0]!;
  const span = filter.maxSpanDays;
  const { start, end } = date.window;
  const within = (window: { start: string | null; end: string | null }): ResolvedFilter | null => {
    const term = { ...date, window };
    const months: ResolvedFilter = { ...filter, root: root.kind === 'and' ? { ...root, items: items.map((i) => (i === date ? term : i)) } : term };
    return rollupCanAnswer(tables.months, months.root) ? months : null;
  };
  const narrowed = wholeMonthsOf(date);
  const inMonths = narrowed && within({ start: narrowed.first, end: narrowed.last });
  const inward = narrowed && inMonths ? { months: inMonths, first: narrowed.first, last: narrowed.last, span, window: { start, end } } : null;
  const range = outwardMonths(date.window);
  const widened = range && within({ start: range.first, end: range.last });
  const outward = range && widened ? outwardParts(filter, date, widened, range, span, tables) : null;
  return inward || outward ? { inward, outward } : null;
}

function splitParts(filter: ResolvedFilter, split: InwardSplit, tables: SplitTables): Part[] {
  // Whole months: only the rows wholly inside them, all counted (no margin can come from here).
  const parts: Part[] = [{ c: wholeInside(conditions(split.months, tables.months)) }];
  const days = conditions(filter, tables.days);
  for (const edge of edges(split)) parts.push({ c: days, extra: edge });
  return parts;
}

interface CellSplit {
  /** Grid cells wholly inside the near: circle, and the others the near: term lists (null when it lists none). */
  cells: number[];
  edge: number[] | null;
  /** The filter without its near: term, its window (if any) narrowed to whole months. */
  months: ResolvedFilter;
  first: string | null;
  last: string | null;
  span: number;
  window: { start: string | null; end: string | null };
}

/**
 * near: (with terms the cell rollup holds, and at most one window) read in parts: the events of the cells wholly
 * inside the circle and wholly inside the window's whole months from the month × cell rollup, the rest from the
 * point rollup (the cells the circle's edge crosses, and the inside cells' events at the window's edges). As with
 * monthSplit the parts are disjoint and cover every event read, so the sums are the same.
 */
function cellSplit(filter: ResolvedFilter): CellSplit | null {
  const root = filter.root;
  if (!root || !filter.rollupsFresh || filter.maxSpanDays === null) return null;
  const items = root.kind === 'and' ? root.items : [root];
  const terms = termsOf(root);
  const near = items.find((i): i is TermNode & { field: 'near' } => i.kind === 'term' && i.field === 'near');
  if (!near || terms.filter((t) => t.field === 'near' || t.field === 'bbox').length !== 1) return null;
  const point = filter.resolutions.get(near);
  if (!point || point.kind !== 'point') return null;
  const dates = items.filter((i): i is TermNode & { field: 'date' } => i.kind === 'term' && i.field === 'date');
  if (dates.length > 1 || terms.filter((t) => t.field === 'date').length !== dates.length) return null;
  // A window is needed: without one the sentence names the first and last days counted, which months do not hold.
  const date = dates[0];
  const narrowed = date ? wholeMonthsOf(date) : null;
  if (!date || !narrowed) return null;
  const { first, last, whole } = narrowed;
  const { start, end } = date.window;
  const rest = items.filter((i) => i !== near).map((i) => (i === date ? whole : i));
  const monthsRoot: FilterNode | null = rest.length === 0 ? null : rest.length === 1 ? rest[0]! : { ...root, kind: 'and', items: rest };
  if (!rollupCanAnswer('rollup_cell_months', monthsRoot)) return null;
  const { inside: cells, around } = cellsWithin(point.lat, point.lon, near.km);
  if (cells.length === 0) return null;
  const interior = new Set(cells);
  return { cells, edge: around && around.filter((c) => !interior.has(c)), months: { ...filter, root: monthsRoot }, first, last, span: filter.maxSpanDays, window: { start, end } };
}

/**
 * The rows a split window reads outside its whole months, as conditions added to the window's own (disjoint, and
 * together every such row). Before the first whole month: the days from the window's start, then events that began
 * earlier and reach into it, which span days (`date_start <> date_end`: partial indexes of migration 011 hold only
 * those, so reading them costs in proportion to them, not to every day of the longest span). After the last whole
 * month likewise: the days up to the window's end, and spanning events that began by then and end after it.
 */
function edges(split: { first: string | null; last: string | null; span: number; window: { start: string | null; end: string | null } }): RawBuilder<SqlBool>[] {
  const parts: RawBuilder<SqlBool>[] = [];
  const spans = sql<SqlBool>`r.date_start <> r.date_end`;
  const { start, end } = split.window;
  if (split.first !== null && start !== null) {
    if (start < split.first) parts.push(sql<SqlBool>`r.date_start >= ${start} and r.date_start < ${split.first}`);
    parts.push(sql<SqlBool>`r.date_start < ${start} and ${spans}`);
  }
  if (split.last !== null && end !== null) {
    const from = split.first === null ? sql`` : sql` and r.date_start >= ${split.first}`;
    if (end > split.last) parts.push(sql<SqlBool>`r.date_start > ${split.last}`);
    parts.push(sql<SqlBool>`r.date_start <= ${split.last} and r.date_end > ${split.last} and ${spans} and r.date_start >= ${addDays(split.last, -split.span)}${from}`);
  }
  return parts;
}

/**
 * The parts' rows in one statement: a figure is one round trip (to a reading thread, or a PostgreSQL connection)
 * however many parts its window is read in, and under load the server's reads queue one per figure.
 */
async function readParts(db: AnalysisDb, parts: RawBuilder<Record<string, unknown>>[]): Promise<Record<string, unknown>[]> {
  if (parts.length === 1) return (await parts[0]!.execute(db)).rows;
  const union = sql.join(parts.map((p, i) => sql`select * from (${p}) as ${sql.ref(`p${i}`)}`), sql` union all `);
  return (await sql<Record<string, unknown>>`${union}`.execute(db)).rows;
}

function cellParts(filter: ResolvedFilter, split: CellSplit): Part[] {
  const list = sql.join(split.cells.map((c) => sql.lit(c)));
  const parts: Part[] = [{ c: wholeInside(conditions(split.months, 'rollup_cell_months')), extra: sql<SqlBool>`r.cell in (${list})` }];
  const points = conditions(filter, 'rollup_points');
  // The cells the circle's edge crosses: listed on their own, so the index reads only them.
  if (split.edge === null) parts.push({ c: points, extra: sql<SqlBool>`r.cell not in (${list})` });
  else if (split.edge.length > 0) parts.push({ c: points, extra: sql<SqlBool>`r.cell in (${sql.join(split.edge.map((c) => sql.lit(c)))})` });
  for (const edge of edges(split)) parts.push({ c: points, extra: sql<SqlBool>`r.cell in (${list}) and ${edge}` });
  return parts;
}

/** Month rollups give YYYY-MM: read as the month's first or last day. */
const monthStart = (d: string) => (d.length === 7 ? `${d}-01` : d);
const monthEnd = (d: string) => {
  if (d.length !== 7) return d;
  const [y, m] = d.split('-').map(Number) as [number, number];
  return `${d}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

const minOf = (vs: unknown[]) => vs.filter((v): v is string => typeof v === 'string').sort()[0] ?? null;
const maxOf = (vs: unknown[]) => vs.filter((v): v is string => typeof v === 'string').sort().pop() ?? null;

/** What was hit, from the target of the counted events that record units ("Vessel" → vessels). */
async function unitTargets(db: AnalysisDb, filter: ResolvedFilter): Promise<string[]> {
  const c = conditions(filter, 'events');
  const rows = await sql<{ target: string | null }>`select distinct e.target as target from events e
    where e.deleted_at is null and ${c.strict} and e.units_low is not null limit 5`.execute(db);
  return rows.rows.map((r) => r.target ?? '');
}

/**
 * The survivors presumed dead behind a gap between low and high deaths: the desk's incidents record them,
 * and mapped lists may keep them in `extra.missing_presumed_dead`. Null when neither explains the gap.
 */
async function missingPresumedDead(db: AnalysisDb, filter: ResolvedFilter, datasets: DatasetUsed[]): Promise<number | null> {
  const c = conditions(filter, 'events');
  const rows = await sql<{ id: number; extra: string | null }>`select e.id as id, e.extra as extra from events e
    where e.deleted_at is null and ${c.strict}
    and coalesce(e.fatalities_high, e.fatalities_best, e.fatalities_low, 0) > coalesce(e.fatalities_low, e.fatalities_best, 0)`.execute(db);
  let total = 0;
  let known = false;
  const fromIncidents = datasets.some((d) => d.format === 'desk') ? await incidentMissing(db, rows.rows.map((r) => Number(r.id))) : new Map<number, number>();
  for (const r of rows.rows) {
    const desk = fromIncidents.get(Number(r.id));
    const extra = r.extra ? (JSON.parse(r.extra) as Record<string, unknown>) : {};
    const listed = typeof extra.missing_presumed_dead === 'number' ? extra.missing_presumed_dead : null;
    const n = desk ?? listed;
    if (n === null) return null;
    known = true;
    total += n;
  }
  return known ? total : null;
}

async function incidentMissing(db: AnalysisDb, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  try {
    const rows = await sql<{ event_id: number; missing: number | null }>`select event_id, coalesce(missing_high, missing_low) as missing
      from incidents where event_id in (${sql.join(ids)})`.execute(db);
    return new Map(rows.rows.filter((r) => r.missing !== null).map((r) => [Number(r.event_id), Number(r.missing)]));
  } catch {
    return new Map();
  }
}

interface SentenceParts {
  measure: Measure;
  sums: Sums;
  units: number | null;
  unit: { singular: string; plural: string };
  noun: EventNoun;
  filter: ResolvedFilter;
  firstDate: string | null;
  lastDate: string | null;
  missingExplainsHigh: boolean;
}

const isProvenance = (t: TermNode) => t.field === 'dataset' || t.field === 'investigation';

/** "At least 86 people were killed in 22 strikes on 23 vessels between 2 September and 4 December 2025, …" */
export function figureSentence(p: SentenceParts): string {
  const { sums, measure, noun } = p;
  // Where and who first, then when: "in Caribbean between 2 September and 4 December 2025".
  const where = filterEnglish(p.filter, (t) => isProvenance(t) || t.field === 'date', ' ');
  const dates = termsOf(p.filter.root).filter((t) => t.field === 'date');
  const requiredDates = requiredTerms(p.filter.root).filter((t) => t.field === 'date');
  let when = '';
  if (dates.length > 0 && requiredDates.length === dates.length) when = requiredDates.map((t) => windowEnglish(t.window)).join(' ');
  else if (dates.length === 0 && p.firstDate && p.lastDate) when = `between ${dayRange(monthStart(p.firstDate), monthEnd(p.lastDate))}`;
  // A date under OR or NOT stays where the filter put it.
  const whereWithDates = dates.length > 0 && requiredDates.length !== dates.length ? filterEnglish(p.filter, isProvenance, ' ') : where;
  const context = [whereWithDates === 'all events' ? '' : whereWithDates, when].filter((s) => s !== '').map((s) => ` ${s}`).join('');
  const events = counted(sums.events, noun);
  const on = p.units !== null && measure !== 'units' ? ` on ${counted(p.units, p.unit.singular, p.unit.plural)}` : '';
  const v = sums.value;
  const were = (n: number) => (n === 1 ? 'was' : 'were');

  if (sums.events === 0) return `No ${noun}s were recorded${context}.`;
  if (measure === 'units' && p.units === null) return `No ${p.unit.plural} hit were recorded in ${events}${context}.`;
  let lead: string;
  switch (measure) {
    case 'events':
      lead = `There ${were(sums.events)} at least ${events}${on}${context}`;
      break;
    case 'fatalities':
      lead = v.low === 0 ? `No one was reported killed in ${events}${on}${context}` : `At least ${counted(v.low, 'person', 'people')} ${were(v.low)} killed in ${events}${on}${context}`;
      break;
    case 'civilian_fatalities':
      lead = v.low === 0 ? `No civilians were reported killed in ${events}${on}${context}` : `At least ${counted(v.low, 'civilian')} ${were(v.low)} killed in ${events}${on}${context}`;
      break;
    case 'units':
      lead = `At least ${counted(v.low, p.unit.singular, p.unit.plural)} ${were(v.low)} hit in ${events}${context}`;
      break;
  }
  const extras: string[] = [];
  if (v.best !== v.low && v.best !== v.high) extras.push(`best estimate ${count(v.best)}`);
  if (v.high > v.low) extras.push(p.missingExplainsHigh ? `${count(v.high)} counting those missing presumed dead` : `up to ${count(v.high)}`);
  return `${lead}${extras.map((e) => `, ${e}`).join('')}.`;
}

function marginSentence(measure: Measure, sums: Sums, noun: EventNoun): string | null {
  const m = sums.margin;
  if (m.events === 0) return null;
  const more = measure === 'events' ? '' : ` (${m.value.low === m.value.high ? count(m.value.low) : `${count(m.value.low)}–${count(m.value.high)}`} more ${MEASURE_SUBJECT[measure]})`;
  return `${capitalise(counted(m.events, `further ${noun}`, `further ${noun}s`))} dated only to a week, month or year may fall inside the window${more}; ${m.events === 1 ? 'it is' : 'they are'} not counted.`;
}
