// SQLite reads of the analyses run in reading threads: a long one leaves the server free to answer others.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textIndexPending } from '../../src/store/text-index.js';
import { event, insertEvents, type TestStore } from '../analysis/stores.js';
import { sqliteLocation, tempDir } from '../helpers/stores.js';
import { bearer, json, startServer, type TestServer } from './helpers.js';

describe('reading threads on sqlite', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startServer(sqliteLocation);
  });
  afterAll(async () => t?.close());

  it('reads apart from the store’s own connection, and answers other requests during a long read', async () => {
    expect(t.app.gt.reads.db).not.toBe(t.store.db);
    const auth = await bearer(t.store, 'viewer');
    let slowDone = 0;
    // A read that keeps a reading thread busy for a while (a count to a few million).
    const slow = sql<{ n: number }>`with recursive c(i) as (select 1 union all select i + 1 from c where i < 3000000) select count(*) as n from c`
      .execute(t.app.gt.reads.db)
      .then((r) => {
        slowDone = performance.now();
        return Number(r.rows[0]!.n);
      });
    const res = await t.app.inject({ url: '/api/figure?q=country:AFG', headers: auth });
    const answered = performance.now();
    expect(res.statusCode).toBe(200);
    expect(json<{ events: number }>(res).events).toBe(0);
    expect(await slow).toBe(3_000_000);
    expect(answered).toBeLessThan(slowDone);
  });

  it('answers a text: search while notes still wait for the full-text index (it catches up through the store itself)', async () => {
    const auth = await bearer(t.store, 'viewer');
    const t2 = { store: t.store, where: { dir: tempDir() } } as unknown as TestStore;
    await insertEvents(t2, { name: 'notes', format: 'csv' }, [
      event({ source_id: 'n1', date_start: '2024-03-10', iso3: 'AFG', country: 'Afghanistan', notes: 'Amaq claimed the attack' }),
      event({ source_id: 'n2', date_start: '2024-03-11', iso3: 'AFG', country: 'Afghanistan', notes: 'A patrol was ambushed' }),
    ]);
    expect(await textIndexPending(t.store.db)).toBe(true);
    const res = await t.app.inject({ url: `/api/figure?q=${encodeURIComponent('country:AFG date:2024-03 text:Amaq')}&measure=events`, headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ events: number }>(res).events).toBe(1);
    expect(await textIndexPending(t.store.db)).toBe(false);
  });

  it('refuses to write through the reading threads', async () => {
    await expect(sql`delete from datasets`.execute(t.app.gt.reads.db)).rejects.toThrow(/read/i);
  });
});
