// The PostgreSQL import session against a real server: COPY escaping, merge semantics with revisions,
// atomicity (rollback, failures, kill -9 of the importing process), connection errors, and throughput.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/model/event.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres/index.js';
import { findEventId } from '../../src/store/queries.js';
import { postgresLocation, type TestStoreLocation } from '../helpers/stores.js';
import { applyGenerated, beginTallied, generateRecord, importStart, rowsFor } from './postgres-generate.js';

let where: TestStoreLocation;
let store: PostgresStore;

beforeAll(async () => {
  where = await postgresLocation();
  store = await openPostgresStore(where.location);
});

afterAll(async () => {
  await store?.close();
  await where?.cleanup();
});

async function eventOf(dataset: string, sourceId: string) {
  const id = await findEventId(store.db, dataset, sourceId);
  if (id === null) throw new Error(`no event ${dataset}/${sourceId}`);
  return (await store.history(id))!;
}

/** Everything an import could touch, reduced to a value that changes if any of it does. */
async function fingerprint() {
  const r = await sql<Record<string, unknown>>`select
    (select count(*) from datasets) as datasets, (select count(*) from imports) as imports,
    (select count(*) from events) as events, (select count(*) from event_revisions) as revisions,
    (select md5(string_agg(source_id || ':' || row_hash || ':' || revision || ':' || coalesce(deleted_at, '-'), ',' order by id)) from events) as digest`.execute(store.db);
  return r.rows[0];
}

describe('COPY escaping', () => {
  const awkward = [
    'tab\there',
    'line one\nline two\r\nline three\rend',
    'back\\slash \\N \\t not escapes',
    '\\.',
    'a line\n\\.\nthat ends COPY in text format',
    'quotes "double" and \'single\', commas, semicolons;',
    '',
    'Unicode: Kābul, کابل, Ñ, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, 😀, e\u0301',
    '\\',
  ];

  it.each(['objects', 'packed'] as const)('stores notes and other text exactly, on the direct path and through staging (rows as %s)', async (how) => {
    const dataset = `escaping-${how}`;
    // Source ids as odd as the notes: they travel through COPY, array parameters and the packed format too.
    const ids = ['tab\tid', 'back\\slash', '{brace,"quote"}', 'NULL', '\\N', 'Kābul-1', 'line\nid'];
    const records = awkward.map((notes, i): EventRecord => ({
      ...generateRecord(i),
      source_id: ids[i] ?? generateRecord(i).source_id,
      notes,
      location: notes || null,
      extra: { note: notes, n: i, ok: true, none: null },
    }));
    const first = await beginTallied(store, importStart(dataset));
    await first.apply(records, how);
    await first.commit();
    for (const r of records) expect((await eventOf(dataset, r.source_id)).event).toMatchObject(r);

    // A re-import goes through the staging table: the same values must survive it, and the kept revision too.
    const changed = records.map((r) => ({ ...r, notes: `${r.notes}\t(corrected)`, sources: r.notes }));
    const second = await beginTallied(store, importStart(dataset));
    await second.apply(changed, how);
    const done = await second.commit();
    expect(done).toMatchObject({ inserted: 0, updated: records.length, unchanged: 0 });
    for (const [i, r] of changed.entries()) {
      const h = await eventOf(dataset, r.source_id);
      expect(h.event).toMatchObject(r);
      expect(h.revisions[0]!.record).toEqual(records[i]);
    }
  });

  it('takes a packed batch whose values hold the packing marks themselves', async () => {
    const records = [{ ...generateRecord(0), notes: 'mark \u0001 one' }, { ...generateRecord(1), notes: 'mark \u0002 two', sources: '\u0001\u0002\t' }, generateRecord(2)];
    const t = await beginTallied(store, importStart('packing-marks'));
    await t.apply(records, 'packed');
    await t.commit();
    for (const r of records) expect((await eventOf('packing-marks', r.source_id)).event).toMatchObject(r);
  });

  it.each(['objects', 'packed'] as const)('refuses a NUL character, which PostgreSQL text cannot hold, and leaves the store as it was (rows as %s)', async (how) => {
    const before = await fingerprint();
    const t = await beginTallied(store, importStart('escaping-nul'));
    await expect(t.apply([generateRecord(0), { ...generateRecord(1), notes: 'nul \u0000 here' }], how)).rejects.toThrow(/AFG100001: notes contains a NUL/);
    await t.rollback();
    expect(await fingerprint()).toEqual(before);
  });
});

describe('merge semantics', () => {
  const base = [0, 1, 2, 3].map((i) => generateRecord(i));
  const [a, b, c, d] = base as [EventRecord, EventRecord, EventRecord, EventRecord];

  it('inserts, leaves equal rows alone, keeps the old version of a changed row, deletes, and revives a deleted row only when it changed', async () => {
    const s1 = await beginTallied(store, importStart('merge', 'v1.csv'));
    expect(await s1.apply([a, b, c])).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const i1 = await s1.commit();
    expect(i1).toMatchObject({ dataset: 'merge', file_name: 'v1.csv', rows_read: 3, inserted: 3, updated: 0, unchanged: 0, deleted: 0 });
    const bV1 = await sql<{ updated_at: string }>`select e.updated_at from events e join datasets d on d.id = e.dataset_id where d.name = 'merge' and e.source_id = ${b.source_id}`.execute(store.db);

    // v2: a equal, b corrected, d new, c deleted by the source.
    const b2 = { ...b, fatalities_best: 99, fatalities_high: 99, notes: 'corrected', civilian_targeting: false, extra: { inter1: 1 } };
    const s2 = await beginTallied(store, importStart('merge', 'v2.csv'));
    await s2.apply([a, b2, d]);
    expect(await s2.markDeleted([{ source_id: c.source_id, deleted_at: '2024-05-01' }, { source_id: 'NOT-THERE', deleted_at: '2024-05-01' }])).toBe(1);
    const i2 = await s2.commit();
    expect(i2).toMatchObject({ rows_read: 3, inserted: 1, updated: 1, unchanged: 1, deleted: 1 });

    const hA = await eventOf('merge', a.source_id);
    expect(hA.event).toMatchObject({ ...a, revision: 1, import_id: i1.id, deleted_at: null });
    expect(hA.revisions).toEqual([]);

    const hB = await eventOf('merge', b.source_id);
    expect(hB.event).toMatchObject({ ...b2, revision: 2, import_id: i2.id, deleted_at: null });
    expect(hB.revisions).toHaveLength(1);
    expect(hB.revisions[0]).toMatchObject({ revision: 1, import_id: i1.id, deleted_at: null, superseded_by_import: i2.id, superseded_at: i2.started_at });
    // The kept version reads back exactly as the record first imported (booleans, numbers, extra as an object).
    expect(hB.revisions[0]!.record).toEqual(b);
    expect(hB.revisions[0]!.recorded_at).toBe(bV1.rows[0]!.updated_at);

    const hC = await eventOf('merge', c.source_id);
    expect(hC.event).toMatchObject({ ...c, revision: 2, import_id: i2.id, deleted_at: '2024-05-01' });
    expect(hC.revisions).toMatchObject([{ revision: 1, import_id: i1.id, deleted_at: null, superseded_by_import: i2.id, record: c }]);

    const hD = await eventOf('merge', d.source_id);
    expect(hD.event).toMatchObject({ ...d, revision: 1, import_id: i2.id });

    // v3: c comes back as it was, which must not revive it (an old file); v4: c comes back corrected, which does.
    const s3 = await beginTallied(store, importStart('merge', 'v3.csv'));
    await s3.apply([a, b2, c, d]);
    const i3 = await s3.commit();
    expect(i3).toMatchObject({ inserted: 0, updated: 0, unchanged: 4, deleted: 0 });
    expect((await eventOf('merge', c.source_id)).event).toMatchObject({ revision: 2, import_id: i2.id, deleted_at: '2024-05-01' });

    const c4 = { ...c, notes: 'reported again' };
    const s3b = await beginTallied(store, importStart('merge', 'v3b.csv'));
    await s3b.apply([a, b2, c4, d]);
    const i3b = await s3b.commit();
    expect(i3b).toMatchObject({ inserted: 0, updated: 1, unchanged: 3, deleted: 0 });
    const hC3 = await eventOf('merge', c.source_id);
    expect(hC3.event).toMatchObject({ ...c4, revision: 3, import_id: i3b.id, deleted_at: null });
    expect(hC3.revisions.map((r) => [r.revision, r.deleted_at, r.superseded_by_import])).toEqual([
      [1, null, i2.id],
      [2, '2024-05-01', i3b.id],
    ]);
    expect(hC3.revisions[1]!.record).toEqual(c);

    const s4 = await beginTallied(store, importStart('merge', 'v4.csv'));
    expect(await s4.markDeleted([{ source_id: c.source_id, deleted_at: '2024-06-01' }])).toBe(1);
    expect(await s4.markDeleted([{ source_id: c.source_id, deleted_at: '2024-07-01' }])).toBe(0);
    expect(await s4.commit()).toMatchObject({ rows_read: 0, deleted: 1 });
    expect((await eventOf('merge', c.source_id)).event).toMatchObject({ revision: 4, deleted_at: '2024-06-01' });

    expect((await store.getDataset('merge'))).toMatchObject({ events: 3, deleted: 1 });
    expect((await store.listImports('merge')).map((i) => i.file_name)).toEqual(['v1.csv', 'v2.csv', 'v3.csv', 'v3b.csv', 'v4.csv']);
  });

  it('merges across many batches and a first import that arrives in several applies', async () => {
    const first = await beginTallied(store, importStart('batches'));
    const sums = await applyGenerated(first, { count: 12_000, batchSize: 1000 });
    expect(sums).toEqual({ inserted: 12_000, updated: 0, unchanged: 0 });
    await first.commit();
    const again = await beginTallied(store, importStart('batches'));
    await applyGenerated(again, { count: 13_000, batchSize: 1000, changeEvery: 10, version: 1 });
    const record = await again.commit();
    expect(record).toMatchObject({ inserted: 1000, updated: 1200, unchanged: 10_800 });
  });

  it.each(['objects', 'packed'] as const)("counts a re-import's rows at the merge, adding those the caller counted itself (rows as %s)", async (how) => {
    const dataset = `counted-${how}`;
    const first = await beginTallied(store, importStart(dataset));
    await applyGenerated(first, { count: 100 });
    await first.commit();
    const again = await beginTallied(store, importStart(dataset));
    const batch = (ids: number[]) => ids.map((i) => generateRecord(i, i === 41 || i === 60 ? 1 : 0));
    // Staged rows are only sorted into new, changed and unchanged when they are merged, at commit.
    expect(await again.apply(batch([40, 41, 42, 150]), how)).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
    expect(await again.apply(batch([60, 61, 151, 152]), how)).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
    // As a reading thread that found rows 0-39 unchanged would: it sends only the rest, and counts those 40 itself.
    again.counts.rows_read += 40;
    again.counts.unchanged += 40;
    expect(await again.commit()).toMatchObject({ rows_read: 48, inserted: 3, updated: 2, unchanged: 43 });
  });

  it('merges against the dataset as it stands at commit, not as it stood when the rows came', async () => {
    const first = await beginTallied(store, importStart('raced'));
    await applyGenerated(first, { count: 10 });
    await first.commit();
    const again = await beginTallied(store, importStart('raced'));
    await again.apply([generateRecord(50), generateRecord(1)]);
    // Someone else adds event 50 (with other content) while this import is under way.
    await sql`insert into events (dataset_id, source_id, revision, row_hash, date_start, date_end, date_precision, event_count, created_at, updated_at)
      select dataset_id, ${generateRecord(50).source_id}, 1, 'other', date_start, date_end, date_precision, 1, created_at, updated_at from events
      where dataset_id = ${again.session.datasetId} limit 1`.execute(store.db);
    expect(await again.commit()).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    expect((await eventOf('raced', generateRecord(50).source_id)).event).toMatchObject({ ...generateRecord(50), revision: 2 });
  });

  it('updates the dataset description only where the import gives one', async () => {
    const s1 = await beginTallied(store, { ...importStart('described'), dataset: { name: 'described', format: 'acled', title: 'ACLED Afghanistan', access_date: '2024-01-01' } });
    await s1.commit();
    const s2 = await beginTallied(store, { ...importStart('described'), dataset: { name: 'described', format: 'acled', access_date: '2024-02-01' } });
    await s2.commit();
    expect(await store.getDataset('described')).toMatchObject({ title: 'ACLED Afghanistan', access_date: '2024-02-01' });
    await expect(store.beginImport({ ...importStart('described'), dataset: { name: 'described', format: 'ucdp' } })).rejects.toThrow(/holds acled data, not ucdp/);
  });

  it("gives work that must commit with the import its transaction, with the import's rows in it", async () => {
    const tally = await beginTallied(store, importStart('in-transaction'));
    await applyGenerated(tally, { count: 500 });
    const trx = await tally.session.transaction!();
    const inside = await sql<{ n: number }>`select count(*) as n from events e join datasets d on d.id = e.dataset_id where d.name = 'in-transaction'`.execute(trx);
    const outside = await sql<{ n: number }>`select count(*) as n from events e join datasets d on d.id = e.dataset_id where d.name = 'in-transaction'`.execute(store.db);
    expect([inside.rows[0]!.n, outside.rows[0]!.n]).toEqual([500, 0]);
    await tally.commit();
    expect(await store.getDataset('in-transaction')).toMatchObject({ events: 500 });
  });
});

describe('atomicity', () => {
  it('rolls back an import abandoned in the middle of its COPY, on either path', async () => {
    const before = await fingerprint();
    const fresh = await beginTallied(store, importStart('abandoned'));
    await applyGenerated(fresh, { count: 20_000 });
    await fresh.rollback();
    expect(await fingerprint()).toEqual(before);
    expect(await store.getDataset('abandoned')).toBeNull();

    const s1 = await beginTallied(store, importStart('abandoned'));
    await applyGenerated(s1, { count: 2000 });
    await s1.commit();
    const committed = await fingerprint();
    const staged = await beginTallied(store, importStart('abandoned'));
    await applyGenerated(staged, { count: 20_000, changeEvery: 3 });
    await staged.markDeleted([{ source_id: generateRecord(5).source_id, deleted_at: '2024-01-01' }]);
    await staged.rollback();
    await staged.rollback();
    expect(await fingerprint()).toEqual(committed);
  });

  it('fails cleanly when the server rejects a row mid-COPY, and the store stays usable', async () => {
    const before = await fingerprint();
    const session = await store.beginImport(importStart('rejected-by-server'));
    const records = [0, 1, 2].map((i) => generateRecord(i));
    // A duplicate key (the driver normally rejects these earlier) makes the COPY itself fail.
    await session.apply(rowsFor(session, [...records, records[1]!]));
    await expect(session.commit({ rows_read: 4, inserted: 4, updated: 0, unchanged: 0, deleted: 0, rejected: 0 })).rejects.toThrow(/duplicate key/);
    await expect(session.apply(rowsFor(session, records))).rejects.toThrow(/rolled back/);
    await session.rollback();
    expect(await fingerprint()).toEqual(before);
    const retry = await beginTallied(store, importStart('rejected-by-server'));
    await retry.apply(records);
    expect(await retry.commit()).toMatchObject({ inserted: 3 });
  });

  const child = fileURLToPath(new URL('./postgres-import-child.ts', import.meta.url));
  const appName = 'groundtruth_kill_test';

  /** Runs the child import and kills it with SIGKILL when it prints `killAt`; resolves once it is dead. */
  function importAndKill(args: string[], killAt: string): Promise<{ killed: boolean; output: string }> {
    return new Promise((resolve, reject) => {
      const url = `${where.location}?application_name=${appName}`;
      const proc = spawn(process.execPath, ['--import', 'tsx', child, url, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      proc.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.split('\n').includes(killAt)) proc.kill('SIGKILL');
      });
      proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      proc.on('error', reject);
      proc.on('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', output }));
    });
  }

  /** The server notices the dead client on its own; wait until its backend is gone (and its locks with it). */
  async function untilBackendGone() {
    for (let i = 0; i < 200; i++) {
      const r = await sql<{ n: number }>`select count(*) as n from pg_stat_activity where application_name = ${appName}`.execute(store.db);
      if (r.rows[0]!.n === 0) return;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error('the killed import still has a backend after 20 s');
  }

  it('leaves the database as it was when the importing process is killed (kill -9) mid-COPY or mid-merge', async () => {
    const count = 60_000;
    // A first import killed mid-way: no dataset, no events, no import row.
    const empty = await fingerprint();
    const k1 = await importAndKill(['killed', String(count), '0', '0'], 'batch 15000');
    expect(k1.killed, k1.output).toBe(true);
    await untilBackendGone();
    expect(await fingerprint()).toEqual(empty);

    const s = await beginTallied(store, importStart('killed'));
    await applyGenerated(s, { count });
    await s.commit();
    const committed = await fingerprint();

    // A re-import killed while streaming, then one killed during the merge at commit.
    for (const killAt of ['batch 20000', 'committing']) {
      const k = await importAndKill(['killed', String(count), '100', '1'], killAt);
      expect(k.killed, k.output).toBe(true);
      await untilBackendGone();
      expect(await fingerprint(), killAt).toEqual(committed);
    }

    // Run to the end, the same import gives the right result.
    const done = await importAndKill(['killed', String(count), '100', '1'], 'never');
    expect(done.output).toContain('done');
    expect(await store.listImports('killed')).toMatchObject([{ inserted: count }, { inserted: 0, updated: count / 100, unchanged: count - count / 100 }]);
    expect((await eventOf('killed', generateRecord(100).source_id)).event.revision).toBe(2);
  }, 180_000);
});

describe('connecting', () => {
  it('names the server without its password, and says how to create a missing database', async () => {
    const url = new URL(where.location);
    url.password = 's3cret';
    url.pathname = '/groundtruth_missing_database';
    const missing = openPostgresStore(url.href);
    await expect(missing).rejects.toThrow(/database "groundtruth_missing_database" does not exist.*createdb -h 127\.0\.0\.1 -p 5432 -U postgres groundtruth_missing_database/);
    await expect(missing).rejects.not.toThrow(/s3cret/);

    const unreachable = openPostgresStore('postgres://someone:s3cret@127.0.0.1:1/db');
    await expect(unreachable).rejects.toThrow(/cannot reach a PostgreSQL server at postgres:\/\/someone@127\.0\.0\.1:1\/db/);
    await expect(unreachable).rejects.not.toThrow(/s3cret/);
  });

  it('connects as postgres when the URL names no user, and gives counts and sums as numbers', async () => {
    const url = new URL(where.location);
    url.username = '';
    url.password = 'unused';
    const other = await openPostgresStore(url.href);
    try {
      expect(other.location).not.toContain('unused');
      const r = await sql<Record<string, unknown>>`select current_user as who, count(*) as n, sum(id) as total, sum(1::bigint) as numeric_sum, avg(2) as mean, 1.5::float8 as f from datasets`.execute(other.db);
      const row = r.rows[0]!;
      expect(row.who).toBe('postgres');
      for (const key of ['n', 'total', 'numeric_sum', 'mean', 'f']) expect(typeof row[key], key).toBe('number');
      const big = await sql<{ v: unknown }>`select 9007199254740993::bigint as v`.execute(other.db);
      expect(big.rows[0]!.v).toBe(9007199254740993n);
    } finally {
      await other.close();
    }
  });
});

describe('throughput', () => {
  it.each(['objects', 'packed'] as const)('imports 200,000 generated events, then re-imports them with one in a hundred changed (rows as %s)', async (how) => {
    const count = 200_000;
    const timed = async (label: string, changeEvery: number) => {
      const t0 = performance.now();
      const tally = await beginTallied(store, importStart(`throughput-${how}`));
      await applyGenerated(tally, { count, changeEvery, version: 1, how });
      const record = await tally.commit();
      const seconds = (performance.now() - t0) / 1000;
      console.log(`PostgreSQL ${label} (rows as ${how}): ${count.toLocaleString('en')} events in ${seconds.toFixed(2)} s (${Math.round(count / seconds).toLocaleString('en')}/s), rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
      return record;
    };
    expect(await timed('first import', 0)).toMatchObject({ inserted: count });
    expect(await timed('re-import, 1% changed', 100)).toMatchObject({ inserted: 0, updated: count / 100, unchanged: count - count / 100 });
  }, 600_000);
});
