// SQLite reads of the analyses run in reading threads: a long one leaves the server free to answer others.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteLocation } from '../helpers/stores.js';
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

  it('refuses to write through the reading threads', async () => {
    await expect(sql`delete from datasets`.execute(t.app.gt.reads.db)).rejects.toThrow(/read/i);
  });
});
