// An import read in a second thread lands exactly what one read in the main thread lands: rows, revisions, full
// text, rejects and errors; and the bulk load leaves the schema as it found it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcledReader } from '../../src/ingest/acled.js';
import { runImport } from '../../src/ingest/run-import.js';
import type { EventRecord } from '../../src/model/event.js';
import { openStore } from '../../src/store/open.js';
import { forEachPackedRow, PACKED_COLUMNS, PackedRowsWriter, unpackRows, type PackedValue } from '../../src/store/packed-rows.js';
import { recordToRow } from '../../src/store/rows.js';
import type { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ImportStart } from '../../src/store/store.js';
import { catchUpTextIndex } from '../../src/store/text-index.js';
import { generateAcled } from '../fixtures/acled-generate.js';
import { sqliteLocation, type TestStoreLocation } from '../helpers/stores.js';

const ROWS = 6000;

let where: TestStoreLocation;
let first: string;
let update: string;
let odd: string;
let oddRows: number;

/** A copy of the file with rows a reader rejects, a duplicate, and notes holding the packing's marks and a -0. */
function writeOddFile(from: string, to: string): number {
  const lines = readFileSync(from, 'utf8').trimEnd().split('\n');
  const header = lines[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  const rows = Papa.parse<string[]>(lines.slice(1, 400).join('\n')).data;
  rows[3]![col('event_date')] = '2024-02-31';
  rows[5]![col('fatalities')] = 'many';
  rows[7]![col('notes')] = 'marks \u0001 and \u0002 inside a note';
  rows[8]![col('notes')] = '\u0002';
  rows[9]![col('longitude')] = '-0';
  rows.push([...rows[10]!]);
  writeFileSync(to, [lines[0], Papa.unparse(rows, { header: false })].join('\n') + '\n');
  return rows.length;
}

beforeAll(async () => {
  where = await sqliteLocation();
  first = join(where.dir, 'acled.csv');
  update = join(where.dir, 'acled-update.csv');
  odd = join(where.dir, 'odd.csv');
  await generateAcled(first, { rows: ROWS, seed: 11, layout: 'current' });
  await generateAcled(update, { rows: ROWS + 50, seed: 12, baseSeed: 11, changedFraction: 0.05, layout: 'current' });
  oddRows = writeOddFile(first, odd);
});
afterAll(async () => {
  await where?.cleanup();
});

/** `readingThreads`: more than the machine's default, so that ranges pass between threads even on two cores. */
async function importInto(store: SqliteStore, file: string, parallel: boolean, name = 'acled', readingThreads?: number) {
  const rejectsPath = join(where.dir, `rejects-${parallel}-${Math.random().toString(36).slice(2)}.csv`);
  const record = await runImport(store, file, new AcledReader(file), { dataset: { name, format: 'acled' }, rejectsPath, parallel, readingThreads });
  return { record, rejects: record.rejects_file ? readFileSync(record.rejects_file, 'utf8') : null };
}

/** Everything an import writes (the text index caught up), without the clock times that differ from one run to the next. */
async function contents(store: SqliteStore) {
  await catchUpTextIndex(store.db, 'sqlite');
  const db = store.raw;
  const events = db.prepare('SELECT * FROM events ORDER BY id').all() as Record<string, unknown>[];
  for (const e of events) {
    delete e.created_at;
    delete e.updated_at;
  }
  const revisions = db.prepare('SELECT event_id, revision, import_id, deleted_at, record, superseded_by_import FROM event_revisions ORDER BY id').all();
  const words = ['killed', 'clashes', 'village', 'reported', 'marks'];
  const text = words.map((w) => db.prepare('SELECT rowid FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid').pluck().all(`"${w}"`));
  // Something to compare: the generated notes use these words.
  expect(text.flat().length).toBeGreaterThan(0);
  return { events, revisions, text };
}

function schema(store: SqliteStore) {
  return store.raw.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all();
}

function ftsIntact(store: SqliteStore) {
  // Throws when the index and the notes it is built from disagree.
  store.raw.prepare("INSERT INTO events_fts (events_fts, rank) VALUES ('integrity-check', 1)").run();
}

describe('parallel import into SQLite', () => {
  let serial: SqliteStore;
  let parallel: SqliteStore;

  beforeAll(async () => {
    serial = (await openStore(join(where.dir, 'serial.db'))) as SqliteStore;
    parallel = (await openStore(join(where.dir, 'parallel.db'))) as SqliteStore;
  });
  afterAll(async () => {
    await serial?.close();
    await parallel?.close();
  });

  it('lands the same rows, full text and schema as a serial import', async () => {
    const before = schema(parallel);
    const a = await importInto(serial, first, false);
    const b = await importInto(parallel, first, true);
    expect(b.record).toMatchObject({ rows_read: ROWS, inserted: ROWS, rejected: 0 });
    expect({ ...b.record, id: 0, started_at: '', finished_at: '', rejects_file: null }).toEqual({ ...a.record, id: 0, started_at: '', finished_at: '', rejects_file: null });
    expect(await contents(parallel)).toEqual(await contents(serial));
    expect(schema(parallel)).toEqual(before);
    ftsIntact(serial);
    ftsIntact(parallel);
  });

  it('re-imports a changed file the same way, keeping revisions', async () => {
    const a = await importInto(serial, update, false);
    const b = await importInto(parallel, update, true);
    expect(b.record.updated).toBeGreaterThan(100);
    expect(b.record).toMatchObject({ inserted: a.record.inserted, updated: a.record.updated, unchanged: a.record.unchanged });
    expect(await contents(parallel)).toEqual(await contents(serial));
    ftsIntact(parallel);
  });

  it('rejects, keeps odd values and writes the rejects file the same way', async () => {
    const a = await importInto(serial, odd, false, 'odd');
    const b = await importInto(parallel, odd, true, 'odd');
    expect(b.record).toMatchObject({ rows_read: oddRows, inserted: oddRows - 3, rejected: 3 });
    expect(b.rejects).toBe(a.rejects);
    expect(await contents(parallel)).toEqual(await contents(serial));
    const marks = parallel.raw.prepare("SELECT notes FROM events WHERE notes LIKE 'marks%'").pluck().get();
    expect(marks).toBe('marks \u0001 and \u0002 inside a note');
    expect(parallel.raw.prepare("SELECT count(*) FROM events WHERE notes = '\u0002'").pluck().get()).toBe(1);
    ftsIntact(parallel);
  });

  it('reads files cut into ranges as a serial import does: stray quotes, duplicates far apart, CRLF and BOM, CR only', async () => {
    const text = readFileSync(first, 'utf8');
    const lines = text.trimEnd().split('\n');
    const header = lines[0]!.split(',');
    const rows = Papa.parse<string[]>(lines.slice(1).join('\n')).data;
    // A quote inside an unquoted value fools the quote count: ranges after it end inside quoted notes.
    const stray = rows.map((r) => [...r]);
    stray[40]![header.indexOf('location')] = 'Hill 5" gun';
    // Duplicates of rows read by other threads, and of each other.
    const dupes = [...rows, rows[3]!, rows[2500]!, rows[3]!];
    const variants: [string, string][] = [
      // Written as a careless export would: the quote left bare inside an unquoted value.
      ['stray.csv', [lines[0], Papa.unparse(stray, { header: false }).replace('"Hill 5"" gun"', 'Hill 5" gun')].join('\n') + '\n'],
      ['dupes.csv', [lines[0], Papa.unparse(dupes, { header: false })].join('\n') + '\n'],
      ['crlf.csv', '\uFEFF' + [lines[0], Papa.unparse(rows, { header: false, newline: '\r\n' })].join('\r\n') + '\r\n'],
      ['cr.csv', [lines[0], Papa.unparse(rows.slice(0, 3000), { header: false, newline: '\r' })].join('\r') + '\r'],
    ];
    for (const [name, content] of variants) {
      const file = join(where.dir, name);
      writeFileSync(file, content);
      const a = await importInto(serial, file, false, name.replace('.csv', ''));
      const b = await importInto(parallel, file, true, name.replace('.csv', ''), 3);
      expect(b.rejects, name).toBe(a.rejects);
      expect({ ...b.record, id: 0, started_at: '', finished_at: '', rejects_file: null }, name).toEqual({ ...a.record, id: 0, started_at: '', finished_at: '', rejects_file: null });
    }
    expect(await contents(parallel)).toEqual(await contents(serial));
    const dupeRejects = (await importInto(parallel, join(where.dir, 'dupes.csv'), true, 'dupes-again', 3)).rejects!;
    expect(Papa.parse<Record<string, string>>(dupeRejects, { header: true, skipEmptyLines: true }).data.map((r) => r.field)).toEqual(['source_id', 'source_id', 'source_id']);
    ftsIntact(parallel);
  });

  it('fails on a wrong or truncated file with the same error, leaving the store as it was', async () => {
    const notAcled = join(where.dir, 'not-acled.csv');
    writeFileSync(notAcled, 'id,name\n1,a\n');
    const truncated = join(where.dir, 'truncated.csv');
    writeFileSync(truncated, readFileSync(first, 'utf8') + 'XYZ1,"2024-01-01');
    for (const file of [notAcled, truncated, join(where.dir, 'missing.csv')]) {
      const before = await contents(parallel);
      const serialError = await importInto(serial, file, false, 'bad').catch((err: Error) => err);
      const parallelError = await importInto(parallel, file, true, 'bad').catch((err: Error) => err);
      expect(parallelError).toBeInstanceOf(Error);
      expect(parallelError.constructor).toBe(serialError.constructor);
      expect((parallelError as Error).message).toBe((serialError as Error).message);
      expect(await contents(parallel)).toEqual(before);
      expect(await parallel.getDataset('bad')).toBeNull();
    }
  });

  it('keeps full text right when a session changes a row it inserted itself', async () => {
    const records: EventRecord[] = [];
    for await (const batch of new AcledReader(odd).batches()) records.push(...batch.records);
    const start: ImportStart = { dataset: { name: 'twice', format: 'acled' }, file: { file_name: 'x.csv', file_size: 1e9, sha256: '0' }, format: 'acled', layout: 'acled-current', rejects_file: null };
    const pack = (rs: EventRecord[]) => {
      const w = new PackedRowsWriter((n) => n);
      for (const r of rs) w.add(r);
      return w.take();
    };
    const first = await parallel.beginImport(start);
    await first.applyPacked!(pack(records.slice(0, 10)));
    await first.commit({ rows_read: 10, inserted: 10, updated: 0, unchanged: 0, deleted: 0, rejected: 0 });
    const second = await parallel.beginImport(start);
    expect(await second.applyPacked!(pack([records[20]!]))).toMatchObject({ inserted: 1 });
    expect(await second.applyPacked!(pack([{ ...records[20]!, notes: 'a zeppelin came back' }]))).toMatchObject({ updated: 1 });
    await second.commit({ rows_read: 2, inserted: 1, updated: 1, unchanged: 0, deleted: 0, rejected: 0 });
    await catchUpTextIndex(parallel.db, 'sqlite');
    ftsIntact(parallel);
    expect(parallel.raw.prepare(`SELECT count(*) FROM events_fts WHERE events_fts MATCH '"zeppelin"'`).pluck().get()).toBe(1);
  });

  it('puts the schema back when an import is rolled back', async () => {
    const fresh = (await openStore(join(where.dir, 'rollback.db'))) as SqliteStore;
    const before = schema(fresh);
    const session = await fresh.beginImport({ dataset: { name: 'x', format: 'acled' }, file: { file_name: 'x.csv', file_size: 1e9, sha256: '0' }, format: 'acled', layout: 'acled-current', rejects_file: null });
    const writer = new PackedRowsWriter((n) => n);
    for await (const batch of new AcledReader(first).batches()) for (const r of batch.records) writer.add(r);
    await session.applyPacked!(writer.take());
    await session.rollback();
    expect(schema(fresh)).toEqual(before);
    expect(fresh.raw.prepare('SELECT count(*) FROM events').pluck().get()).toBe(0);
    await fresh.close();
  });
});

describe('packed rows', () => {
  it('carry what recordToRow gives, value for value', async () => {
    const records: EventRecord[] = [];
    for await (const batch of new AcledReader(odd).batches()) records.push(...batch.records);
    const canonical = (name: string | null) => (name === null ? null : `~${name}`);
    const marked = (r: EventRecord) => (r.notes ?? '').includes('\u0001') || (r.notes ?? '').includes('\u0002');
    const writer = new PackedRowsWriter(canonical);
    for (const r of records) writer.add(r);
    const packed = writer.take();
    expect(packed.count).toBe(records.length);
    // The marks in two notes send this batch as plain values; the same rows without them travel as text.
    expect(packed.text).toBeNull();
    const clean = new PackedRowsWriter(canonical);
    for (const r of records) if (!marked(r)) clean.add(r);
    const text = clean.take();
    expect(text.values).toBeNull();
    for (const batch of [packed, text]) {
      const got: PackedValue[][] = [];
      forEachPackedRow(batch, new Array<PackedValue>(PACKED_COLUMNS.length), (row) => got.push([...row]));
      const expected = records
        .filter((r) => batch === packed || !marked(r))
        .map((r) => {
          const row = recordToRow(r, { datasetId: 1, importId: 1, now: '', canonical });
          return PACKED_COLUMNS.map((c) => row[c] ?? null);
        });
      expect(got).toEqual(expected);
    }
    const on = { datasetId: 3, importId: 4, now: '2026-01-01T00:00:00.000Z' };
    expect(unpackRows(packed, on)).toEqual(records.map((r) => ({ ...recordToRow(r, { ...on, canonical }), deleted_at: null })));
    expect(records.some((r) => Object.is(r.lon, -0))).toBe(true);
  });
});
