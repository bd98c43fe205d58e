// The events page's total: read from the indexes while no event was ever deleted, and without the
// deleted ones once some are.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAcledDeleted } from '../../src/ingest/acled-deleted.js';
import { AcledReader } from '../../src/ingest/acled.js';
import { runImport } from '../../src/ingest/run-import.js';
import { acledEvents, generateAcled, generateAcledDeleted } from '../fixtures/acled-generate.js';
import { ENGINES } from '../helpers/stores.js';
import { bearer, json, startServer, type TestServer } from './helpers.js';

describe.each(ENGINES)('events total on $engine', ({ make }) => {
  let t: TestServer;
  let auth: Record<string, string>;
  let file = '';
  const importAcled = (deleted?: string) =>
    runImport(t.store, file, new AcledReader(file), {
      dataset: { name: 'acled', format: 'acled', title: 'ACLED' },
      rejectsPath: join(t.where.dir, `rejects-${Math.random().toString(36).slice(2)}.csv`),
      deletions: deleted ? readAcledDeleted(deleted) : undefined,
    });
  beforeAll(async () => {
    t = await startServer(make);
    file = join(t.where.dir, 'acled.csv');
    await generateAcled(file, { rows: 300, seed: 11, layout: 'current' });
    await importAcled();
    auth = await bearer(t.store, 'viewer');
  });
  afterAll(async () => t?.close());

  const totals = async () => {
    const out: Record<string, number> = {};
    for (const q of ['', 'fatal:yes', 'country:AFG']) out[q] = json<{ total: number }>(await t.app.inject({ url: `/api/events?q=${encodeURIComponent(q)}&limit=1`, headers: auth })).total;
    return out;
  };
  const counted = async (q: string) => {
    const { eventsPage } = await import('../../src/server/queries/events-page.js');
    let all = 0;
    for (let offset = 0; ; offset += 1000) {
      const page = await eventsPage(t.store, { q, limit: 1000, offset, sort: 'id', hidden: [] });
      all += page.events.length;
      if (page.events.length < 1000) return all;
    }
  };

  it('counts what the pages hold, before and after events are deleted', async () => {
    const before = await totals();
    expect(before['']).toBe(300);
    for (const q of Object.keys(before)) expect(before[q], q).toBe(await counted(q));
    const list = join(t.where.dir, 'deleted.csv');
    await generateAcledDeleted(list, [...acledEvents({ rows: 3, seed: 11 })].map((e) => e.id));
    expect((await importAcled(list)).deleted).toBe(3);
    const after = await totals();
    expect(after['']).toBe(297);
    for (const q of Object.keys(after)) expect(after[q], q).toBe(await counted(q));
  });
});
