// Rollups updated by difference after a re-import must equal rollups rebuilt from the events: after changes,
// new rows, deletions, a revival, an update and a deletion of one event in one import, and a move across months.
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildAllRollups } from '../../src/analysis/rollups.js';
import { readAcledDeleted } from '../../src/ingest/acled-deleted.js';
import { AcledReader } from '../../src/ingest/acled.js';
import { refreshImportRollups } from '../../src/ingest/import-rollups.js';
import { runImport } from '../../src/ingest/run-import.js';
import type { EventRecord } from '../../src/model/event.js';
import { loadCanonicaliser } from '../../src/store/queries.js';
import { recordToRow } from '../../src/store/rows.js';
import { generateAcled, generateAcledDeleted } from '../fixtures/acled-generate.js';
import { ENGINES, event, openTestStore, type TestStore } from './stores.js';

/** Every rollup of sums in the store, read from its schema: a new one the difference does not keep fails here. */
async function rollupTables(t: TestStore): Promise<string[]> {
  const rows =
    t.store.engine === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_name like 'rollup\\_%'`.execute(t.store.db)
      : await sql<{ name: string }>`select name from sqlite_schema where type = 'table' and name like 'rollup\\_%' escape '\\'`.execute(t.store.db);
  const tables = rows.rows.map((r) => r.name).filter((n) => n !== 'rollup_state');
  expect(tables.length).toBeGreaterThanOrEqual(5);
  return tables;
}

/** Every rollup row, grouped on all its columns but the sums, in a stable order: equal tables give equal lists. */
async function snapshot(t: TestStore): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await rollupTables(t)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.store.db);
    const sums = ['events', 'fatalities_low', 'fatalities_best', 'fatalities_high', 'civilian_fatalities_low', 'civilian_fatalities_high', 'units_low', 'units_high', 'units_events'];
    const grouped = new Map<string, number[]>();
    for (const r of rows.rows) {
      const key = JSON.stringify(Object.keys(r).filter((k) => !sums.includes(k)).sort().map((k) => [k, r[k] === null ? null : String(r[k])]));
      const acc = grouped.get(key) ?? sums.map(() => 0);
      sums.forEach((s, i) => (acc[i]! += Number(r[s])));
      grouped.set(key, acc);
    }
    out[table] = [...grouped].map(([k, v]) => `${k} ${v.join(',')}`).sort();
  }
  return out;
}

async function names(t: TestStore): Promise<string[]> {
  return (await t.store.db.selectFrom('analysis_names' as never).select(['kind' as never, 'name' as never]).execute()).map((r) => JSON.stringify(r)).sort();
}

/** The rollups as the import left them must be what a rebuild makes of the events. */
async function expectSameAsRebuild(t: TestStore) {
  const delta = await snapshot(t);
  const spans = await t.store.db.selectFrom('rollup_state' as never).select(['dataset_id' as never, 'max_span_days' as never]).execute();
  const namesBefore = await names(t);
  await rebuildAllRollups(t.store);
  expect(delta).toEqual(await snapshot(t));
  // Names are only ever added (a name no event holds any more resolves to nothing): every current one is there.
  expect(namesBefore).toEqual(expect.arrayContaining(await names(t)));
  expect(spans).toEqual(await t.store.db.selectFrom('rollup_state' as never).select(['dataset_id' as never, 'max_span_days' as never]).execute());
}

/** One import as runImport makes it, from records, with deletions, the rollups updated inside its transaction. */
async function importRecords(t: TestStore, records: EventRecord[], deletions: string[] = []) {
  const session = await t.store.beginImport({
    dataset: { name: 'delta', format: 'csv' },
    file: { file_name: 'delta.constructed', file_size: 0, sha256: '0'.repeat(64) },
    format: 'csv',
    layout: 'constructed',
    rejects_file: null,
  });
  const canonical = await loadCanonicaliser(t.store.db);
  const ctx = { datasetId: session.datasetId, importId: session.importId, now: new Date().toISOString(), canonical };
  const r = await session.apply(records.map((rec) => recordToRow(rec, ctx)));
  const deleted = await session.markDeleted(deletions.map((source_id) => ({ source_id, deleted_at: '2025-01-01T00:00:00Z' })));
  const trx = await session.transaction!();
  const empty = r.inserted === records.length && r.updated + r.unchanged === 0;
  await refreshImportRollups(trx, t.store.engine, session.datasetId, session.importId, empty, session.replaced);
  await session.commit({ rows_read: records.length, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, deleted, rejected: 0 });
}

const base = { country: 'Afghanistan', iso3: 'AFG', admin1: 'Nangarhar', event_type: 'Battles', sub_event_type: 'Armed clash', disorder_type: 'Political violence' };
function records(version: 1 | 2 | 3): EventRecord[] {
  const many = Array.from({ length: 60 }, (_, i) =>
    event({ ...base, source_id: `m${i}`, date_start: `2024-0${1 + (i % 6)}-1${i % 10}`, actor1: i % 2 ? 'Taliban' : 'ISKP', fatalities_low: i % 4, fatalities_best: i % 4, fatalities_high: i % 4, lat: 34.4 + (i % 3) / 10, lon: 70.4 }),
  );
  const rows = [
    ...many,
    event({ ...base, source_id: 'e1', date_start: '2024-02-10', actor1: 'ISKP', fatalities_low: 3, fatalities_best: 3, fatalities_high: 5, lat: 34.43, lon: 70.45 }),
    event({ ...base, source_id: 'e2', date_start: '2024-02-10', actor1: 'ISKP', fatalities_low: 1, fatalities_best: 1, fatalities_high: 1 }),
    event({ ...base, source_id: 'e3', date_start: '2024-03-01', actor1: 'Taliban', civilian_targeting: true, fatalities_low: 2, fatalities_best: 2, fatalities_high: 2, lat: 34.5, lon: 70.1 }),
    event({ ...base, source_id: 'e4', date_start: '2024-03-05', actor1: 'Taliban', actor2: 'Civilians (Afghanistan)', fatalities_low: 0, fatalities_best: 0, fatalities_high: 0 }),
    event({ ...base, source_id: 'e6', date_start: '2024-03-30', date_end: '2024-04-05', date_precision: 'week', actor1: 'ISKP', fatalities_low: 4, fatalities_best: 4, fatalities_high: 4 }),
  ];
  if (version === 1) return [...rows, event({ ...base, source_id: 'e5', date_start: '2024-04-01', actor1: 'ISKP', fatalities_low: 1, fatalities_best: 1, fatalities_high: 1 })];
  if (version === 2) {
    // e1 moves country and deaths, e4 changes actor, e5 is changed and then deleted in the same import, e7 is new.
    rows[60] = event({ ...base, source_id: 'e1', date_start: '2024-02-10', country: 'Pakistan', iso3: 'PAK', admin1: 'Khyber Pakhtunkhwa', actor1: 'ISKP', fatalities_low: 7, fatalities_best: 8, fatalities_high: 9, lat: 34.0, lon: 71.5 });
    rows[63] = event({ ...base, source_id: 'e4', date_start: '2024-03-05', actor1: 'Islamic State Khorasan Province (ISKP)', actor2: 'Civilians (Afghanistan)', target: 'Market', fatalities_low: 0, fatalities_best: 0, fatalities_high: 0 });
    return [...rows, event({ ...base, source_id: 'e5', date_start: '2024-04-01', actor1: 'ISKP', fatalities_low: 2, fatalities_best: 2, fatalities_high: 2 }), event({ ...base, source_id: 'e7', date_start: '2024-05-20', location: 'Jalalabad', actor1: 'Unidentified Armed Group (Afghanistan)', fatalities_low: 6, fatalities_best: 6, fatalities_high: 6, lat: 34.43, lon: 70.45 })];
  }
  // e3 (deleted by import 2) comes back changed; e6 moves to another month with a longer span.
  rows[62] = event({ ...base, source_id: 'e3', date_start: '2024-03-01', actor1: 'Taliban', civilian_targeting: true, fatalities_low: 3, fatalities_best: 3, fatalities_high: 3, lat: 34.5, lon: 70.1 });
  rows[64] = event({ ...base, source_id: 'e6', date_start: '2024-06-01', date_end: '2024-06-30', date_precision: 'month', actor1: 'ISKP', fatalities_low: 4, fatalities_best: 4, fatalities_high: 4 });
  return rows;
}

describe.each(ENGINES)('rollups by difference ($engine)', ({ make }) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(make);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('equal a rebuild after changes, new rows, deletions, a revival and moves across months', async () => {
    await importRecords(t, records(1));
    await expectSameAsRebuild(t);
    await importRecords(t, records(2), ['e3', 'e5', 'nothing-by-this-id']);
    await expectSameAsRebuild(t);
    await importRecords(t, records(3));
    await expectSameAsRebuild(t);
    // Nothing changed: nothing moves, and the rollups are marked as refreshed after this import.
    await importRecords(t, records(3));
    await expectSameAsRebuild(t);
  });

  it('equal a rebuild after a generated ACLED re-import with 1% changed and a deleted-events list', async () => {
    const first = join(t.where.dir, 'acled.csv');
    const update = join(t.where.dir, 'acled-update.csv');
    const deleted = join(t.where.dir, 'deleted.csv');
    await generateAcled(first, { rows: 3000, seed: 5, layout: 'current' });
    await generateAcled(update, { rows: 3050, seed: 6, baseSeed: 5, changedFraction: 0.01, layout: 'current' });
    const run = async (file: string, deletions?: string) =>
      runImport(t.store, file, new AcledReader(file), { dataset: { name: 'acled', format: 'acled' }, rejectsPath: `${file}.rejects.csv`, deletions: deletions ? readAcledDeleted(deletions) : undefined });
    await run(first);
    const ids = (await t.store.db.selectFrom('events').select('source_id').where('dataset_id', '=', (await t.store.getDataset('acled'))!.id).orderBy('id').limit(5).execute()).map((r) => r.source_id);
    await generateAcledDeleted(deleted, ids);
    const r = await run(update, deleted);
    expect(r.updated).toBeGreaterThan(10);
    expect(r.deleted).toBe(5);
    await expectSameAsRebuild(t);
  });
});
