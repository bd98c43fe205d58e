// A page of the events a filter selects, with the total, for the desk's event table. The CLI streams
// all of them instead (src/store/event-pages.ts); the desk needs offset paging, sorting and a count.
import { sql, type Kysely } from 'kysely';
import { compileFilter, filterEnglish, prepareFilter } from '../../analysis/filter/index.js';
import { flatEvent, type FlatEvent } from '../../render/export/flat-event.js';
import { rowToStoredEvent } from '../../store/rows.js';
import type { Database } from '../../store/schema.js';
import type { Store } from '../../store/store.js';

export const EVENT_SORTS = ['date', '-date', 'id', '-id', 'fatalities', '-fatalities'] as const;
export type EventSort = (typeof EVENT_SORTS)[number];

export interface EventsPage {
  filter: string;
  english: string;
  total: number;
  limit: number;
  offset: number;
  sort: EventSort;
  events: FlatEvent[];
}

export interface PageQuery {
  q: string;
  limit: number;
  offset: number;
  sort: EventSort;
  /** Datasets left out (investigations the reader is not a member of). */
  hidden: number[];
}

/** Whether any event was ever marked deleted: only imports mark them, and each counts those it marks. */
async function anyDeleted(db: Kysely<Database>): Promise<boolean> {
  const r = await db.selectFrom('imports').select((eb) => eb.fn.max('deleted').as('n')).executeTakeFirst();
  return Number(r?.n ?? 0) > 0;
}

/**
 * `counted` lets the caller keep the total (a count over millions of rows) while the data is unchanged:
 * paging through a result then costs one page each, not one count each.
 */
export async function eventsPage(store: Pick<Store, 'db' | 'engine'>, query: PageQuery, counted: (count: () => Promise<number>) => Promise<number> = (c) => c()): Promise<EventsPage> {
  const filter = await prepareFilter(store, query.q);
  const where = compileFilter(filter, 'loose');
  const db = store.db as Kysely<Database>;
  let base = db.selectFrom('events as e').innerJoin('datasets as d', 'd.id', 'e.dataset_id').where('e.deleted_at', 'is', null).where(() => where);
  if (query.hidden.length > 0) base = base.where('e.dataset_id', 'not in', query.hidden);
  const total = await counted(async () => {
    // While no event was ever marked deleted, the count needs no column the filter's indexes lack: over
    // a country's hundreds of thousands of events, an index read instead of a row read for each.
    let count = (await anyDeleted(db)) ? base : db.selectFrom('events as e').where(() => where);
    if (query.hidden.length > 0) count = count.where('e.dataset_id', 'not in', query.hidden);
    return Number((await count.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  });
  const desc = query.sort.startsWith('-');
  const dir = desc ? 'desc' : 'asc';
  const key = query.sort.replace(/^-/, '');
  let page = base.selectAll('e').select('d.name as dataset');
  if (key === 'date') page = page.orderBy('e.date_start', dir).orderBy('e.date_end', dir);
  if (key === 'fatalities') page = page.orderBy(sql`coalesce(e.fatalities_best, e.fatalities_low, 0)`, dir);
  const rows = await page.orderBy('e.id', dir).limit(query.limit).offset(query.offset).execute();
  return {
    filter: query.q,
    english: filterEnglish(filter),
    total,
    limit: query.limit,
    offset: query.offset,
    sort: query.sort,
    events: rows.map((r) => flatEvent(rowToStoredEvent(r))),
  };
}
