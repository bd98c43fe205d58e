// The full-text index fed after an import commits: pending ranges, catching up, changed notes, and text: searches
// narrowed by country and month tokens that must give the same rows as the plain search.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figure, figureOf } from '../../src/analysis/figure.js';
import { prepareFilter } from '../../src/analysis/filter/index.js';
import type { EventRecord } from '../../src/model/event.js';
import { facetTokens, monthsBetween } from '../../src/store/text-facets.js';
import { catchUpTextIndex, textIndexPending } from '../../src/store/text-index.js';
import { ENGINES, event, insertEvents, openTestStore, type TestStore } from '../analysis/stores.js';

const DATASET = { name: 'notes', format: 'csv' } as const;

function records(changed = false): EventRecord[] {
  const afg = { country: 'Afghanistan', iso3: 'AFG', event_type: 'Explosions/Remote violence', fatalities_low: 1, fatalities_best: 1, fatalities_high: 1 };
  return [
    event({ ...afg, source_id: 'n1', date_start: '2024-03-10', notes: changed ? 'Statement by the Taliban on the market blast' : 'Amaq claimed the attack on a mosque' }),
    event({ ...afg, source_id: 'n2', date_start: '2024-05-01', notes: 'A Taliban patrol was ambushed' }),
    event({ ...afg, source_id: 'n3', date_start: '2024-03-12', country: 'Pakistan', iso3: 'PAK', notes: 'Amaq claimed a bombing' }),
    event({ ...afg, source_id: 'n4', date_start: '2023-03-10', notes: 'An Amaq statement' }),
    // Dated to a week straddling February and March: the margin of a March window.
    event({ ...afg, source_id: 'n5', date_start: '2024-02-26', date_end: '2024-03-03', date_precision: 'week', notes: 'Amaq claimed two attacks that week' }),
    event({ ...afg, source_id: 'n6', date_start: '2024-03-20', notes: null }),
  ];
}

describe.each(ENGINES)('text index ($engine)', ({ make }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(make);
    await insertEvents(t, DATASET, records());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('leaves the notes an import wrote to be indexed after its commit, and puts the insert trigger back', async () => {
    expect(await textIndexPending(t.store.db)).toBe(true);
    const triggers =
      t.store.engine === 'sqlite'
        ? await sql<{ name: string }>`select name from sqlite_schema where type = 'trigger' and name like 'events_fts_%'`.execute(t.store.db)
        : await sql<{ name: string }>`select tgname as name from pg_trigger where tgname like 'events_fts_%'`.execute(t.store.db);
    expect(triggers.rows.map((r) => r.name).sort()).toEqual(['events_fts_delete', 'events_fts_insert', 'events_fts_update']);
    expect(await catchUpTextIndex(t.store.db, t.store.engine)).toBe(6);
    expect(await textIndexPending(t.store.db)).toBe(false);
    expect(await catchUpTextIndex(t.store.db, t.store.engine)).toBe(0);
  });

  it('finds the same events with the country and month tokens as without them', async () => {
    const count = async (q: string) => {
      const f = await figure(t.store, q, { measure: 'events' });
      return { events: f.events, margin: f.margin.events };
    };
    expect(await count('text:Amaq')).toEqual({ events: 4, margin: 0 });
    // country and window: the tokens narrow the search; n5 overlaps March from February (the margin).
    expect(await count('country:AFG date:2024-03 text:Amaq')).toEqual({ events: 1, margin: 1 });
    expect(await count('country:AFG,PAK date:2024-03 text:Amaq')).toEqual({ events: 2, margin: 1 });
    expect(await count('date:2024-03-01..2024-03-31 text:"claimed a bombing"')).toEqual({ events: 1, margin: 0 });
    expect(await count('country:AFG text:Amaq')).toEqual({ events: 3, margin: 0 });
    // Under NOT the narrowed search must still exclude exactly the events that mention the word.
    expect(await count('country:AFG date:2024 -text:Amaq')).toEqual({ events: 2, margin: 0 });
    expect(await count('country:AFG date:2024 (text:mosque OR text:patrol)')).toEqual({ events: 2, margin: 0 });
  });

  it('narrows a whole year with one token, and months around it with theirs', async () => {
    expect(facetTokens(['AFG'], monthsBetween('2023-12', '2024-12'))).toEqual(['gtcafg202312', 'gtdafg2024']);
    expect(facetTokens(null, monthsBetween('2023-01', '2024-02'))).toEqual(['gty2023', 'gtm202401', 'gtm202402']);
    const count = async (q: string) => (await figure(t.store, q, { measure: 'events' })).events;
    // Whole years (year tokens), a year with a month before it (a year token and a month token), and no country.
    expect(await count('country:AFG date:2023 text:Amaq')).toBe(1);
    expect(await count('country:AFG date:2023..2024 text:Amaq')).toBe(3);
    expect(await count('country:AFG date:2023-12..2024-12 text:Amaq')).toBe(2);
    expect(await count('date:2024 text:Amaq')).toBe(3);
  });

  it('counts the same whether a term lists its matches or searches in the statement', async () => {
    for (const q of ['country:AFG date:2024-03 text:Amaq', 'country:AFG date:2024 -text:Amaq', 'text:Amaq OR text:patrol']) {
      const listed = await prepareFilter(t.store, q);
      expect([...listed.resolutions.values()].some((r) => r.kind === 'matches'), q).toBe(true);
      // The same filter with every text: term left to search the index in the SQL, as one with many matches is.
      const searched = { ...listed, resolutions: new Map([...listed.resolutions].filter(([, r]) => r.kind !== 'matches')) };
      const a = await figureOf(t.store, listed, { measure: 'events', ids: true });
      const b = await figureOf(t.store, searched, { measure: 'events', ids: true });
      expect({ events: b.events, margin: b.margin, ids: b.event_ids }, q).toEqual({ events: a.events, margin: a.margin, ids: a.event_ids });
    }
  });

  it('indexes changed notes again: the old words no longer match, the new ones do', async () => {
    await insertEvents(t, DATASET, records(true));
    // A text: search catches the index up itself.
    const amaq = await figure(t.store, 'text:Amaq', { measure: 'events', ids: true });
    expect(amaq.events).toBe(3);
    const taliban = await figure(t.store, 'country:AFG date:2024 text:Taliban', { measure: 'events' });
    expect(taliban.events).toBe(2);
    expect(await textIndexPending(t.store.db)).toBe(false);
  });

  it('indexes again without duplicates when a range is caught up twice', async () => {
    const ids = await t.store.db.selectFrom('events').select((eb) => [eb.fn.min('id').as('lo'), eb.fn.max('id').as('hi')]).executeTakeFirstOrThrow();
    // Overlapping ranges too (an event changed by two imports before the index caught up): each row indexed once.
    await t.store.db
      .insertInto('text_index_pending')
      .values([
        { import_id: null, first_id: Number(ids.lo), last_id: Number(ids.hi) },
        { import_id: null, first_id: Number(ids.lo), last_id: Number(ids.lo) },
      ])
      .execute();
    expect(await catchUpTextIndex(t.store.db, t.store.engine)).toBeGreaterThanOrEqual(6);
    expect((await figure(t.store, 'text:Amaq', { measure: 'events' })).events).toBe(3);
  });

  it('merges SQLite\'s index into one segment after catching up most of the store, finding the same rows', async () => {
    if (t.store.engine !== 'sqlite') return;
    const before = (await figure(t.store, 'text:Amaq', { measure: 'events', ids: true })).event_ids;
    const segments = async () => Number((await sql<{ n: number }>`select count(distinct segid) as n from events_fts_idx`.execute(t.store.db)).rows[0]!.n);
    // Two catch-ups of a few rows each leave two segments, the second of all the rows (over half the store) one.
    await t.store.db.insertInto('text_index_pending').values({ import_id: null, first_id: 1, last_id: 2 }).execute();
    await catchUpTextIndex(t.store.db, t.store.engine, undefined, { mergeAfter: 1000 });
    expect(await segments()).toBeGreaterThan(1);
    const ids = await t.store.db.selectFrom('events').select((eb) => [eb.fn.min('id').as('lo'), eb.fn.max('id').as('hi')]).executeTakeFirstOrThrow();
    await t.store.db.insertInto('text_index_pending').values({ import_id: null, first_id: Number(ids.lo), last_id: Number(ids.hi) }).execute();
    await catchUpTextIndex(t.store.db, t.store.engine, undefined, { mergeAfter: 1 });
    expect(await segments()).toBe(1);
    expect((await figure(t.store, 'text:Amaq', { measure: 'events', ids: true })).event_ids).toEqual(before);
  });

  it('indexes an event written outside an import at once', async () => {
    const dataset = await t.store.getDataset('notes');
    const now = new Date().toISOString();
    await t.store.db
      .insertInto('events')
      .values({
        dataset_id: dataset!.id, source_id: 'desk-1', revision: 1, row_hash: 'x', date_start: '2024-03-15', date_end: '2024-03-15',
        date_precision: 'day', iso3: 'AFG', country: 'Afghanistan', notes: 'A drone struck a fuel depot', event_count: 1, created_at: now, updated_at: now,
      })
      .execute();
    expect(await textIndexPending(t.store.db)).toBe(false);
    expect((await figure(t.store, 'country:AFG date:2024-03 text:"fuel depot"', { measure: 'events' })).events).toBe(1);
  });
});
