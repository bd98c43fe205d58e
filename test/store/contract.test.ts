// The store contract: written once, run against every engine (SQLite file and PostgreSQL server).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAcledDeleted } from '../../src/ingest/acled-deleted.js';
import { AcledReader } from '../../src/ingest/acled.js';
import { loadMapping, MappedCsvReader } from '../../src/ingest/mapping.js';
import { runImport } from '../../src/ingest/run-import.js';
import { eventPages } from '../../src/store/event-pages.js';
import { openStore } from '../../src/store/open.js';
import { findEventId } from '../../src/store/queries.js';
import type { Store } from '../../src/store/store.js';
import { acledEvents, generateAcled, generateAcledDeleted } from '../fixtures/acled-generate.js';
import { ENGINES, type TestStoreLocation } from '../helpers/stores.js';

const ROWS = 1500;
const SEED = 7;
const ucdpSubset = new URL('../../data/demo/ucdp_ged_afghanistan_subset_2001_2018.csv', import.meta.url).pathname;
const ucdpMapping = new URL('../../data/mappings/ucdp-ged-subset.json', import.meta.url).pathname;

async function importAcled(store: Store, file: string, dir: string, deleted?: string) {
  return runImport(store, file, new AcledReader(file), {
    dataset: { name: 'acled', format: 'acled', title: 'ACLED', access_date: '2026-11-20', access_filters: 'country=Afghanistan' },
    rejectsPath: join(dir, `rejects-${Math.random().toString(36).slice(2)}.csv`),
    deletions: deleted ? readAcledDeleted(deleted) : undefined,
  });
}

async function countEvents(store: Store, withDeleted = false): Promise<number> {
  let n = 0;
  for await (const _ of eventPages(store.db, { withDeleted })) n++;
  return n;
}

describe.each(ENGINES)('store contract on $engine', ({ make }) => {
  let where: TestStoreLocation;
  let store: Store;
  let first: string;

  beforeAll(async () => {
    where = await make();
    store = await openStore(where.location);
    first = join(where.dir, 'acled.csv');
    await generateAcled(first, { rows: ROWS, seed: SEED, layout: 'current' });
  });
  afterAll(async () => {
    await store?.close();
    await where?.cleanup();
  });

  it('ships the actor aliases', async () => {
    const aliases = await store.listAliases();
    const iskp = aliases.filter((a) => a.canonical === 'Islamic State Khorasan Province (ISKP)').map((a) => a.alias);
    for (const spelling of ['Islamic State (Afghanistan)', 'Islamic State Khorasan Province (ISKP)', 'ISKP', 'IS-K', 'ISIS-K', 'Islamic State Khorasan']) {
      expect(iskp).toContain(spelling);
    }
    expect(aliases.find((a) => a.alias === 'IS')).toMatchObject({ canonical: 'Islamic State Khorasan Province (ISKP)', iso3: 'AFG' });
  });

  it('imports an ACLED export with its provenance', async () => {
    const r = await importAcled(store, first, where.dir);
    expect(r).toMatchObject({ dataset: 'acled', layout: 'acled-current', rows_read: ROWS, inserted: ROWS, updated: 0, unchanged: 0, rejected: 0, rejects_file: null });
    expect(r.sha256).toBe(createHash('sha256').update(readFileSync(first)).digest('hex'));
    expect(r.file_size).toBe(readFileSync(first).length);
    const [d] = await store.listDatasets();
    expect(d).toMatchObject({ name: 'acled', format: 'acled', events: ROWS, deleted: 0, access_date: '2026-11-20', access_filters: 'country=Afghanistan' });
    expect(await countEvents(store)).toBe(ROWS);
  });

  it('stores each event as the reader read it, with canonical actors', async () => {
    const synthetic = [...acledEvents({ rows: ROWS, seed: SEED })];
    const iskp = synthetic.find((e) => e.actor1 === 'Islamic State (Afghanistan)' || e.actor1 === 'Islamic State Khorasan Province (ISKP)');
    expect(iskp).toBeDefined();
    const id = await findEventId(store.db, 'acled', iskp!.id);
    const e = await store.getEvent(id!);
    expect(e).toMatchObject({ source_id: iskp!.id, actor1: iskp!.actor1, actor1_id: 'Islamic State Khorasan Province (ISKP)', fatalities_best: iskp!.fatalities, revision: 1 });
    expect(e!.lat).toBeCloseTo(iskp!.lat, 4);
  });

  it('re-imports the same file without touching anything', async () => {
    const r = await importAcled(store, first, where.dir);
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: ROWS, rejected: 0 });
    expect(await countEvents(store)).toBe(ROWS);
  });

  it('keeps the previous version of each changed event as a revision', async () => {
    const update = join(where.dir, 'acled-update.csv');
    await generateAcled(update, { rows: ROWS + 20, seed: 99, baseSeed: SEED, changedFraction: 0.05, layout: 'current' });
    const changedRows = [...acledEvents({ rows: ROWS, seed: 99, baseSeed: SEED, changedFraction: 0.05 })].filter((e) => e.changed).length;
    expect(changedRows).toBeGreaterThan(40);
    const r = await importAcled(store, update, where.dir);
    expect(r).toMatchObject({ inserted: 20, updated: changedRows, unchanged: ROWS - changedRows });
    const changed = [...acledEvents({ rows: ROWS, seed: 99, baseSeed: SEED, changedFraction: 0.05 })].find((e) => e.changed)!;
    const original = [...acledEvents({ rows: ROWS, seed: SEED })][changed.index]!;
    const id = await findEventId(store.db, 'acled', changed.id);
    const h = await store.history(id!);
    expect(h!.event.revision).toBe(2);
    expect(h!.event.import_id).toBe(r.id);
    expect(h!.revisions).toHaveLength(1);
    expect(h!.revisions[0]).toMatchObject({ revision: 1, superseded_by_import: r.id });
    expect(h!.revisions[0]!.record.fatalities_best).toBe(original.fatalities);
    expect(h!.revisions[0]!.record.notes).toBe(original.notes);
    expect(h!.event.source_timestamp).toBe(changed.timestamp);
  });

  it('marks events from a deleted-events list as deleted, never removing them', async () => {
    const ids = [...acledEvents({ rows: 3, seed: SEED })].map((e) => e.id);
    const list = join(where.dir, 'deleted.csv');
    await generateAcledDeleted(list, ids);
    const r = await importAcled(store, first, where.dir, list);
    expect(r.deleted).toBe(3);
    const [d] = await store.listDatasets();
    expect(d).toMatchObject({ events: ROWS + 20 - 3, deleted: 3 });
    expect(await countEvents(store, true)).toBe(ROWS + 20);
    const h = await store.history((await findEventId(store.db, 'acled', ids[0]!))!);
    expect(h!.event.deleted_at).not.toBeNull();
    expect(h!.revisions.at(-1)!.deleted_at).toBeNull();
    const again = await importAcled(store, first, where.dir, list);
    expect(again.deleted).toBe(0);
  });

  it('lands valid rows and keeps each rejected row with its line, field and reason', async () => {
    const lines = readFileSync(first, 'utf8').trimEnd().split('\n');
    const header = lines[0]!.split(',');
    const dateCol = header.indexOf('event_date');
    const fatalCol = header.indexOf('fatalities');
    const fields = (i: number) => Papa.parse<string[]>(lines[i]!).data[0]!;
    const bad1 = fields(1);
    bad1[0] = 'BAD1';
    bad1[dateCol] = '2024-02-31';
    const bad2 = fields(2);
    bad2[0] = 'BAD2';
    bad2[fatalCol] = 'many';
    const dup = fields(3);
    const ok = fields(4);
    ok[0] = 'NEW1';
    const file = join(where.dir, 'bad.csv');
    writeFileSync(file, [lines[0], Papa.unparse([bad1, bad2, ok, dup, dup], { header: false })].join('\n') + '\n');
    const rejects = join(where.dir, 'bad-rejects.csv');
    const r = await runImport(store, file, new AcledReader(file), { dataset: { name: 'acled-bad', format: 'acled' }, rejectsPath: rejects });
    expect(r).toMatchObject({ inserted: 2, rejected: 3, rejects_file: rejects });
    const kept = Papa.parse<Record<string, string>>(readFileSync(rejects, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(kept.map((k) => [k.field, k.line])).toEqual([
      ['event_date', expect.any(String)],
      ['fatalities', expect.any(String)],
      ['source_id', expect.any(String)],
    ]);
    expect(kept[0]!.reason).toMatch(/calendar date/);
    expect(kept[2]!.reason).toMatch(/duplicate/);
    expect(Papa.parse<string[]>(kept[1]!.row as string).data[0]![0]).toBe('BAD2');
  });

  it('maps UCDP\'s "IS" in Afghanistan to ISKP through a mapping file', async () => {
    const mapping = await loadMapping(ucdpMapping);
    const r = await runImport(store, ucdpSubset, new MappedCsvReader(ucdpSubset, mapping), {
      dataset: { name: 'ucdp-afg', format: 'csv', attribution: mapping.dataset.attribution ?? null },
      rejectsPath: join(where.dir, 'ucdp-rejects.csv'),
    });
    expect(r.inserted + r.rejected).toBe(310);
    const id = await findEventId(store.db, 'ucdp-afg', '197861');
    const e = await store.getEvent(id!);
    expect(e).toMatchObject({ actor1: 'IS', actor1_id: 'Islamic State Khorasan Province (ISKP)', actor2: 'Taleban', actor2_id: 'Taliban', iso3: 'AFG' });
  });

  it('re-canonicalises loaded events when a user adds an alias', async () => {
    const changed = await store.addAlias('Taleban', 'Taliban (Islamic Emirate)', 'AFG');
    expect(changed).toBeGreaterThan(0);
    const id = await findEventId(store.db, 'ucdp-afg', '197861');
    expect((await store.getEvent(id!))!.actor2_id).toBe('Taliban (Islamic Emirate)');
  });

  it('leaves the store as it was when an import is killed mid-way, and a re-run lands it', async () => {
    const big = join(where.dir, 'big.csv');
    await generateAcled(big, { rows: 60_000, seed: 3, layout: 'current' });
    const before = await store.listDatasets();
    const importsBefore = (await store.listImports()).length;
    const rejects = join(where.dir, 'big-rejects.csv');
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./import-child.ts', import.meta.url).pathname, where.location, big, rejects], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const killed = await new Promise<boolean>((resolve) => {
      let batches = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        batches += (chunk.toString().match(/batch/g) ?? []).length;
        if (batches >= 3 && !child.killed) resolve(child.kill('SIGKILL'));
        if (chunk.toString().includes('done')) resolve(false);
      });
      child.on('exit', () => resolve(false));
    });
    expect(killed, stderr).toBe(true);
    await new Promise((r) => child.once('exit', r).once('close', r));
    await store.close();
    store = await openStore(where.location);
    expect(await store.listDatasets()).toEqual(before);
    expect((await store.listImports()).length).toBe(importsBefore);
    const r = await runImport(store, big, new AcledReader(big), { dataset: { name: 'acled-big', format: 'acled' }, rejectsPath: rejects });
    expect(r).toMatchObject({ inserted: 60_000, rejected: 0 });
    expect((await store.getDataset('acled-big'))!.events).toBe(60_000);
  });
});
