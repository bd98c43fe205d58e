// Series imports on every engine: the Frontex monthly file through its shipped mapping, re-imports that keep
// replaced values, rejects with line, field and reason, merges, and imports that fail leaving nothing behind.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSeries, loadSeriesMapping, parseSeriesMapping, type SeriesMapping } from '../../src/ingest/series.js';
import { getSeries, listSeries, listSeriesImports, seriesRevisions, seriesValues } from '../../src/store/series/read.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { ENGINES, type TestStoreLocation } from '../helpers/stores.js';

const MONTHLY = new URL('../../data/demo/frontex_ibc_monthly_by_route_2009_2025.csv', import.meta.url).pathname;
const MAPPING = new URL('../../data/mappings/frontex-ibc-monthly.json', import.meta.url).pathname;

interface MonthlyRow {
  month: string;
  route: string;
  n: number;
}

/** The file read independently of the importer: the figures the store must reproduce. */
function readMonthly(): { text: string; rows: MonthlyRow[] } {
  const text = readFileSync(MONTHLY, 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
  return { text, rows: parsed.data.map((r) => ({ month: r.month!, route: r.route!, n: Number(r.n) })) };
}

describe.each(ENGINES)('series import on $engine', ({ make }) => {
  let where: TestStoreLocation;
  let store: Store;
  let mapping: SeriesMapping;
  const monthly = readMonthly();
  const rejectsPath = (tag: string) => join(where.dir, `${tag}.rejects.csv`);

  beforeAll(async () => {
    where = await make();
    store = await openStore(where.location);
    mapping = await loadSeriesMapping(MAPPING);
  });
  afterAll(async () => {
    await store?.close();
    await where?.cleanup();
  });

  it('imports the Frontex monthly file with its provenance, and 2024 adds up to 240,021 across routes', async () => {
    const record = await importSeries(store, MONTHLY, mapping, { rejectsPath: rejectsPath('first') });
    expect(record).toMatchObject({ series: 'frontex-ibc', layout: 'series:frontex-ibc-monthly', rows_read: monthly.rows.length, inserted: monthly.rows.length, rejected: 0, rejects_file: null });
    expect(record.file_name).toBe('frontex_ibc_monthly_by_route_2009_2025.csv');
    expect(record.file_size).toBe(Buffer.byteLength(monthly.text));
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);

    const series = (await getSeries(store.db, 'frontex-ibc'))!;
    expect(series).toMatchObject({ unit: 'detections of illegal border crossings', precision: 'month', dimensions: ['route'], licence: '© Frontex, reuse authorised with attribution', access_date: 'data as of 3 Jun 2025' });
    const values = await seriesValues(store.db, series.id, { start: '2024-01-01', end: '2024-12-31' });
    const stored = values.reduce((s, v) => s + v.value, 0);
    const fromFile = monthly.rows.filter((r) => r.month.startsWith('2024-')).reduce((s, r) => s + r.n, 0);
    expect(stored).toBe(fromFile);
    expect(stored).toBe(240021); // the figure data/demo/README.md documents
    const march = values.find((v) => v.period_start === '2024-03-01' && v.dims.route === 'Central Mediterranean Route')!;
    expect(march).toMatchObject({ period_end: '2024-03-31', revision: 1, import_id: record.id });

    const [summary] = await listSeries(store.db);
    expect(summary).toMatchObject({ name: 'frontex-ibc', values: monthly.rows.length, first_period: `${monthly.rows[0]!.month}-01`, last_period: `${monthly.rows.map((r) => r.month).sort().at(-1)}-01` });
  });

  it('re-importing the same file changes nothing and keeps no revisions', async () => {
    const record = await importSeries(store, MONTHLY, mapping, { rejectsPath: rejectsPath('same') });
    expect(record).toMatchObject({ inserted: 0, updated: 0, removed: 0, unchanged: monthly.rows.length, rejected: 0 });
    const series = (await getSeries(store.db, 'frontex-ibc'))!;
    expect(await seriesRevisions(store.db, series.id)).toEqual([]);
  });

  it('a revised file replaces values, keeps the old ones, and sends bad rows to the rejects file with line, field and reason', async () => {
    const lines = monthly.text.trimEnd().split('\n');
    const changedAt = lines.findIndex((l) => l.startsWith('"2024-03","Central Mediterranean Route"'));
    const droppedAt = lines.findIndex((l) => l.startsWith('"2024-05","Western Balkan Route"'));
    const oldChanged = Number(lines[changedAt]!.split(',').at(-1));
    const oldDropped = Number(lines[droppedAt]!.split(',').at(-1));
    const revised = lines.map((l, i) => (i === changedAt ? `"2024-03","Central Mediterranean Route",${oldChanged + 7}` : l)).filter((_, i) => i !== droppedAt);
    const bad = ['"2024-13","Eastern Borders Route",5', '"2024-06","Eastern Borders Route",abc', lines[1]!, '"2024-06","",12'];
    const file = join(where.dir, 'frontex_revised.csv');
    writeFileSync(file, `${[...revised, ...bad].join('\n')}\n`);

    const record = await importSeries(store, file, mapping, { rejectsPath: rejectsPath('revised') });
    expect(record).toMatchObject({ rows_read: monthly.rows.length - 1 + bad.length, inserted: 0, updated: 1, removed: 1, unchanged: monthly.rows.length - 2, rejected: bad.length });
    expect(record.rejects_file).toBe(rejectsPath('revised'));

    const rejects = Papa.parse<Record<string, string>>(readFileSync(record.rejects_file!, 'utf8').trim(), { header: true }).data;
    const firstBad = revised.length + 1; // 1-based line of the first bad row
    expect(rejects.map((r) => [Number(r.line), r.field])).toEqual([
      [firstBad, 'month'],
      [firstBad + 1, 'n'],
      [firstBad + 2, 'month'],
      [firstBad + 3, 'route'],
    ]);
    expect(rejects[0]!.reason).toMatch(/expected a month as YYYY-MM/);
    expect(rejects[1]!.reason).toMatch(/expected a number, got "abc"/);
    expect(rejects[2]!.reason).toMatch(/duplicate: line 2 has the same period and route/);
    expect(rejects[3]!.reason).toMatch(/blank: every row needs a route/);

    const series = (await getSeries(store.db, 'frontex-ibc'))!;
    const current = await seriesValues(store.db, series.id, { start: '2024-03-01', end: '2024-05-31' });
    expect(current.find((v) => v.period_start === '2024-03-01' && v.dims.route === 'Central Mediterranean Route')).toMatchObject({ value: oldChanged + 7, revision: 2, import_id: record.id });
    expect(current.find((v) => v.period_start === '2024-05-01' && v.dims.route === 'Western Balkan Route')).toBeUndefined();
    const history = await seriesRevisions(store.db, series.id);
    expect(history).toHaveLength(2);
    expect(history).toContainEqual(expect.objectContaining({ period_start: '2024-03-01', dims: { route: 'Central Mediterranean Route' }, value: oldChanged, revision: 1, superseded_by_import: record.id, removed: false }));
    expect(history).toContainEqual(expect.objectContaining({ period_start: '2024-05-01', dims: { route: 'Western Balkan Route' }, value: oldDropped, removed: true }));

    // Back to the published file: the removed value returns, and the history grows rather than shrinks.
    const back = await importSeries(store, MONTHLY, mapping, { rejectsPath: rejectsPath('back') });
    expect(back).toMatchObject({ inserted: 1, updated: 1, removed: 0 });
    expect(await seriesRevisions(store.db, series.id)).toHaveLength(3);
  });

  it('a merge updates only the values its file has', async () => {
    const file = join(where.dir, 'may.csv');
    writeFileSync(file, '"month","route","n"\n"2025-05","Central Mediterranean Route",4321\n');
    await importSeries(store, MONTHLY, mapping, { name: 'frontex-copy', rejectsPath: rejectsPath('copy') });
    const record = await importSeries(store, file, mapping, { name: 'frontex-copy', mode: 'merge', rejectsPath: rejectsPath('merge') });
    expect(record).toMatchObject({ series: 'frontex-copy', rows_read: 1, inserted: 1, removed: 0 });
    const copy = (await listSeries(store.db)).find((s) => s.name === 'frontex-copy')!;
    expect(copy).toMatchObject({ values: monthly.rows.length + 1, last_period: '2025-05-01' });
    expect((await listSeriesImports(store.db, 'frontex-copy')).map((i) => i.layout)).toEqual(['series:frontex-ibc-monthly', 'series:frontex-ibc-monthly']);
  });

  it('an import that fails leaves the store and the rejects as they were', async () => {
    const series = (await getSeries(store.db, 'frontex-ibc'))!;
    const before = { values: (await seriesValues(store.db, series.id)).length, imports: (await listSeriesImports(store.db)).length };
    // Without the route dimension every month repeats (rejects), and the shape differs from the stored series.
    const flat = parseSeriesMapping({ ...JSON.parse(readFileSync(MAPPING, 'utf8')), dimensions: {} }, 'flat.json');
    await expect(importSeries(store, MONTHLY, flat, { rejectsPath: rejectsPath('flat') })).rejects.toThrow(/holds month values by route; this mapping gives month values/);
    expect(existsSync(rejectsPath('flat'))).toBe(false);
    expect({ values: (await seriesValues(store.db, series.id)).length, imports: (await listSeriesImports(store.db)).length }).toEqual(before);

    const wrongColumn = parseSeriesMapping({ ...JSON.parse(readFileSync(MAPPING, 'utf8')), value: { column: 'count', type: 'int' } }, 'wrong.json');
    await expect(importSeries(store, MONTHLY, wrongColumn, { rejectsPath: rejectsPath('wrong') })).rejects.toThrow(/reads "count" \(value\), which this file does not have/);

    const empty = join(where.dir, 'blank.csv');
    writeFileSync(empty, '"month","route","n"\n"2025-05","Central Mediterranean Route",\n');
    await expect(importSeries(store, empty, mapping, { rejectsPath: rejectsPath('blank') })).rejects.toThrow(/no row could be read.*nothing was imported/);
    expect((await seriesValues(store.db, series.id)).length).toBe(before.values);
  });
});

describe('series mappings', () => {
  it('names the key at fault', () => {
    const base = JSON.parse(readFileSync(MAPPING, 'utf8')) as Record<string, unknown>;
    expect(() => parseSeriesMapping({ ...base, period: { column: 'month', precision: 'fortnight' } }, 'm.json')).toThrow(/m\.json: period\.precision/);
    expect(() => parseSeriesMapping({ ...base, series: { title: 'no unit' } }, 'm.json')).toThrow(/series\.unit/);
    expect(() => parseSeriesMapping({ ...base, dimensions: { Route: 'route' } }, 'm.json')).toThrow(/dimensions/);
    expect(() => parseSeriesMapping({ ...base, extra: 1 }, 'm.json')).toThrow(/unknown key "extra"/);
  });
});
