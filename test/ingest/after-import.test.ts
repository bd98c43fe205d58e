// What follows an import's commit: on PostgreSQL, a large import's tables are vacuumed, so counts can be answered
// from indexes alone; a small one leaves that to autovacuum.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterImport } from '../../src/ingest/after-import.js';
import { importMapped, openTestStore, BOATS_CSV, BOATS_MAPPING, type TestStore } from '../analysis/stores.js';
import { postgresLocation } from '../helpers/stores.js';

describe('after an import into PostgreSQL', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(postgresLocation);
    await importMapped(t, BOATS_CSV, BOATS_MAPPING);
  });
  afterAll(async () => {
    await t?.close();
  });

  // VACUUM records in the catalogue which pages every transaction sees: what lets an index answer alone.
  const vacuumed = async () =>
    (await sql<{ relname: string }>`select relname from pg_class where relallvisible > 0 and relname in ('events', 'rollup_days') order by 1`.execute(t.store.db)).rows.map((r) => r.relname);

  it('vacuums what a large import wrote, and not after a small one', async () => {
    const [record] = await t.store.listImports();
    expect(record).toBeDefined();
    await afterImport.afterCommit(t.store, { ...record!, inserted: 10, updated: 0, deleted: 0 });
    expect(await vacuumed()).toEqual([]);
    await afterImport.afterCommit(t.store, { ...record!, inserted: 10_000, updated: 0, deleted: 0 });
    expect(await vacuumed()).toEqual(['events', 'rollup_days']);
  });
});
