// Re-imports into PostgreSQL read in threads: the threads get the dataset's fingerprints and leave unchanged rows
// out before they reach the server. The result must be the one a serial import gives, count for count.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcledReader } from '../../src/ingest/acled.js';
import { runImport } from '../../src/ingest/run-import.js';
import { FingerprintSet } from '../../src/store/fingerprints.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { generateAcled } from '../fixtures/acled-generate.js';
import { postgresLocation, tempDir, type TestStoreLocation } from '../helpers/stores.js';

describe('fingerprint set', () => {
  it('holds what was added and nothing else', () => {
    const set = FingerprintSet.sized(5000);
    // Row hashes as the store writes them: SHA-1 in base64url.
    const hash = (i: number) => createHash('sha1').update(`row ${i}`).digest('base64url');
    for (let i = 0; i < 5000; i++) set.add(`AFG${i}`, hash(i));
    for (let i = 0; i < 5000; i++) expect(set.has(`AFG${i}`, hash(i))).toBe(true);
    // The same id with another hash (a changed row), another id with a known hash, and new ids.
    for (let i = 0; i < 5000; i++) {
      expect(set.has(`AFG${i}`, hash(i + 1))).toBe(false);
      expect(set.has(`SYR${i}`, hash(i))).toBe(false);
    }
  });
});

describe('PostgreSQL re-import read in threads', () => {
  let threaded: TestStoreLocation;
  let serial: TestStoreLocation;
  let a: Store;
  let b: Store;
  const dir = tempDir();
  beforeAll(async () => {
    threaded = await postgresLocation();
    serial = await postgresLocation();
    a = await openStore(threaded.location);
    b = await openStore(serial.location);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await threaded?.cleanup();
    await serial?.cleanup();
  });

  const run = (store: Store, file: string, parallel: boolean) =>
    runImport(store, file, new AcledReader(file), { dataset: { name: 'acled', format: 'acled' }, rejectsPath: join(dir, `${Math.random()}.rejects.csv`), parallel });
  const counts = (r: Awaited<ReturnType<typeof run>>) => ({ inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected });
  const contents = async (store: Store) =>
    (await store.db.selectFrom('events').select(['source_id', 'row_hash', 'revision', 'deleted_at']).orderBy('source_id').execute()).map((r) => ({ ...r, revision: Number(r.revision) }));

  it('gives the counts and the events a serial import gives', async () => {
    const first = join(dir, 'first.csv');
    const update = join(dir, 'update.csv');
    await generateAcled(first, { rows: 4000, seed: 11, layout: 'current' });
    await generateAcled(update, { rows: 4100, seed: 12, baseSeed: 11, changedFraction: 0.02, layout: 'current' });
    expect(counts(await run(a, first, true))).toEqual(counts(await run(b, first, false)));
    const threadedAgain = await run(a, update, true);
    const serialAgain = await run(b, update, false);
    expect(counts(threadedAgain)).toEqual(counts(serialAgain));
    expect(threadedAgain.unchanged).toBeGreaterThan(3500);
    expect(threadedAgain.updated).toBeGreaterThan(20);
    expect(threadedAgain.inserted).toBe(100);
    expect(await contents(a)).toEqual(await contents(b));
    // The same file again changes nothing.
    expect(counts(await run(a, update, true))).toMatchObject({ inserted: 0, updated: 0, unchanged: serialAgain.rows_read - serialAgain.rejected });
  });
});
