// The analysis endpoints answer exactly what the library (and so the CLI's --json) answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakdown } from '../../src/analysis/breakdown.js';
import { compare } from '../../src/analysis/compare.js';
import { figure } from '../../src/analysis/figure.js';
import { BOATS_CSV, BOATS_MAPPING, event, importMapped, insertEvents, UCDP_CSV, UCDP_MAPPING } from '../analysis/stores.js';
import { ENGINES } from '../helpers/stores.js';
import { SCOPE_NOTE } from '../../src/server/scope.js';
import { bearer, startServer, type TestServer } from './helpers.js';

/** What printJson would print, read back: the JSON both shells give. */
const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

/** The same as a reader other than an admin is answered: with the scope said (in a figure's method note too). */
const asServed = <T extends object>(v: T): unknown => {
  const noted = (x: object) => ({ ...x, ...('description' in x ? { description: `${String(x.description)}\n${SCOPE_NOTE}` } : {}), scope: SCOPE_NOTE });
  return asJson('a' in v && 'b' in v ? noted({ ...v, a: noted(v.a as object), b: noted(v.b as object) }) : noted(v));
};

describe.each(ENGINES)('analysis endpoints on $engine', ({ make }) => {
  let t: TestServer;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await startServer(make);
    await importMapped({ store: t.store, where: t.where, close: async () => undefined }, BOATS_CSV, BOATS_MAPPING);
    await importMapped({ store: t.store, where: t.where, close: async () => undefined }, UCDP_CSV, UCDP_MAPPING);
    auth = await bearer(t.store, 'viewer');
  });
  afterAll(async () => t?.close());

  it('GET /api/figure is `figure --json`, for each measure and with --explain', async () => {
    const cases: [string, 'events' | 'fatalities' | 'civilian_fatalities' | 'units', boolean][] = [
      ['', 'fatalities', false],
      ['dataset:us-boat-strikes-2025 date:2025-09-01..2025-12-31', 'fatalities', false],
      ['dataset:us-boat-strikes-2025', 'units', false],
      ['country:AFG date:2010..2012', 'civilian_fatalities', false],
      ['country:AFG date:2011-03', 'events', true],
    ];
    for (const [q, measure, explain] of cases) {
      const res = await t.app.inject({ url: `/api/figure?q=${encodeURIComponent(q)}&measure=${measure}${explain ? '&explain=true' : ''}`, headers: auth });
      expect(res.statusCode, q).toBe(200);
      expect(res.json(), q).toEqual(asServed(await figure(t.store, q, { measure, explain })));
    }
    const boats = (await t.app.inject({ url: '/api/figure?q=dataset:us-boat-strikes-2025', headers: auth })).json() as { value: { low: number }; sentence: string };
    expect(boats.value.low).toBeGreaterThan(0);
    expect(boats.sentence).toMatch(/^At least \d+ people were killed/);
  });

  it('GET /api/breakdown and /api/compare are the library’s answers', async () => {
    const b = await t.app.inject({ url: `/api/breakdown?q=${encodeURIComponent('country:AFG')}&by=year&measure=fatalities`, headers: auth });
    expect(b.json()).toEqual(asServed(await breakdown(t.store, 'country:AFG', { by: ['year'], measure: 'fatalities' })));
    const top = await t.app.inject({ url: '/api/breakdown?q=country:AFG&by=admin1&top=3', headers: auth });
    expect(top.json()).toEqual(asServed(await breakdown(t.store, 'country:AFG', { by: ['admin1'], measure: 'events', top: 3 })));
    const c = await t.app.inject({ url: `/api/compare?q=country:AFG&period=2011&baseline=2010`, headers: auth });
    expect(c.json()).toEqual(asServed(await compare(t.store, 'country:AFG', null, { measure: 'fatalities', period: '2011', baseline: '2010' })));
    const pair = await t.app.inject({ url: `/api/compare?a=${encodeURIComponent('country:AFG date:2011')}&b=${encodeURIComponent('country:AFG date:2010')}&measure=events`, headers: auth });
    expect(pair.json()).toEqual(asServed(await compare(t.store, 'country:AFG date:2011', 'country:AFG date:2010', { measure: 'events' })));
  });

  it('pages events with the total and a stable order', async () => {
    const all = (await t.app.inject({ url: '/api/events?q=country:AFG&limit=1000&sort=id', headers: auth })).json() as { total: number; events: { id: number }[] };
    expect(all.total).toBeGreaterThan(10);
    const page = (await t.app.inject({ url: '/api/events?q=country:AFG&limit=5&offset=5&sort=id', headers: auth })).json() as { total: number; events: { id: number }[]; english: string };
    expect(page.total).toBe(all.total);
    expect(page.events.map((e) => e.id)).toEqual(all.events.slice(5, 10).map((e) => e.id));
    expect(page.english).toBe('in Afghanistan');
    const worst = (await t.app.inject({ url: '/api/events?q=country:AFG&limit=3&sort=-fatalities', headers: auth })).json() as { events: { fatalities_best: number | null; fatalities_low: number | null }[] };
    const deaths = worst.events.map((e) => e.fatalities_best ?? e.fatalities_low ?? 0);
    expect([...deaths].sort((x, y) => y - x)).toEqual(deaths);
    const one = all.events[0]!;
    const history = (await t.app.inject({ url: `/api/events/${one.id}/history`, headers: auth })).json() as { event: { id: number }; revisions: { revision: number }[] };
    expect(history.event.id).toBe(one.id);
    expect(history.revisions.map((r) => r.revision)).toEqual([1]);
    expect((await t.app.inject({ url: '/api/events/99999999', headers: auth })).statusCode).toBe(404);
  });

  it('answers from its cache only while the data is unchanged: imports and edits show at once', async () => {
    const ask = async (q: string) => (await t.app.inject({ url: `/api/figure?q=${encodeURIComponent(q)}&measure=fatalities`, headers: auth })).json() as { value: { low: number } };
    const before = await ask('country:MLI');
    expect(await ask('country:MLI')).toEqual(before);
    const hits = t.app.gt.results.hits;
    expect(hits).toBeGreaterThan(0);
    const t1 = { store: t.store, where: t.where, close: async () => undefined };
    await insertEvents(t1, { name: 'late-news', format: 'csv' }, [event({ source_id: 'L1', date_start: '2024-05-01', iso3: 'MLI', country: 'Mali', fatalities_low: 7, fatalities_best: 7, fatalities_high: 7 })]);
    const after = await ask('country:MLI');
    expect(after.value.low).toBe(before.value.low + 7);
    expect(after).toEqual(asServed(await figure(t.store, 'country:MLI', { measure: 'fatalities' })));

    const editor = await bearer(t.store, 'editor');
    await t.app.inject({ method: 'POST', url: '/api/investigations', headers: editor, payload: { name: 'mali-desk', title: 'Mali' } });
    await t.app.inject({ method: 'PUT', url: '/api/investigations/mali-desk/members/viewer', headers: editor, payload: { role: 'viewer' } });
    const made = (await t.app.inject({ method: 'POST', url: '/api/investigations/mali-desk/incidents', headers: editor, payload: { date_start: '2024-06-01', iso3: 'MLI', country: 'Mali', casualties: { killed: { low: 2, high: 2 } } } })).json() as { id: number };
    expect((await ask('investigation:mali-desk')).value.low).toBe(2);
    await t.app.inject({ method: 'PATCH', url: `/api/incidents/${made.id}`, headers: editor, payload: { version: 1, casualties: { killed: { low: 5, high: 6 } } } });
    expect((await ask('investigation:mali-desk')).value.low).toBe(5);
  });
});
