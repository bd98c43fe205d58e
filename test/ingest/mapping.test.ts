import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/model/event.js';
import { InputFileError, type RowReject } from '../../src/model/reject.js';
import { MappedCsvReader } from '../../src/ingest/mapped-csv.js';
import { MappingError, loadMapping, parseMapping } from '../../src/ingest/mapping.js';
import type { EventReader } from '../../src/ingest/reader.js';

const path = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));
const UCDP_SUBSET = path('../../data/demo/ucdp_ged_afghanistan_subset_2001_2018.csv');
const UCDP_MAPPING = path('../../data/mappings/ucdp-ged-subset.json');
const BOATS = path('../../data/demo/us_boat_strikes_2025.csv');
const BOATS_MAPPING = path('../../data/mappings/us-boat-strikes-2025.json');

async function readAll(reader: EventReader) {
  const records: EventRecord[] = [];
  const rejects: RowReject[] = [];
  let rows = 0;
  for await (const b of reader.batches()) {
    records.push(...b.records);
    rejects.push(...b.rejects);
    rows += b.rows;
  }
  return { records, rejects, rows };
}

async function csvRows(file: string): Promise<Record<string, string>[]> {
  return Papa.parse<Record<string, string>>(await readFile(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
}

const sum = (records: EventRecord[], f: (r: EventRecord) => number | null) => records.reduce((n, r) => n + (f(r) ?? 0), 0);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'groundtruth-mapping-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the shipped UCDP subset mapping', () => {
  let read: Awaited<ReturnType<typeof readAll>>;
  let source: Record<string, string>[];

  beforeAll(async () => {
    read = await readAll(new MappedCsvReader(UCDP_SUBSET, await loadMapping(UCDP_MAPPING)));
    source = await csvRows(UCDP_SUBSET);
  });

  it('reads all 310 events with no rejects', () => {
    expect(read.rejects).toEqual([]);
    expect(read.rows).toBe(source.length);
    expect(read.records).toHaveLength(310);
    expect(new Set(read.records.map((r) => r.source_id))).toEqual(new Set(source.map((s) => s.id)));
  });

  it('puts every event in Afghanistan, with best = deaths_a + deaths_b', () => {
    expect(new Set(read.records.map((r) => `${r.iso3} ${r.country}`))).toEqual(new Set(['AFG Afghanistan']));
    expect(sum(read.records, (r) => r.fatalities_best)).toBe(source.reduce((n, s) => n + Number(s.deaths_a) + Number(s.deaths_b), 0));
    expect(read.records.every((r) => r.fatalities_low === null && r.fatalities_high === null)).toBe(true);
  });

  it('derives the precision from the date span and cleans district names', () => {
    for (const r of read.records) {
      if (r.date_start === r.date_end) expect(r.date_precision).toBe('day');
      else expect(r.date_precision).not.toBe('day');
      if (r.admin2 !== null) expect(r.admin2).not.toMatch(/district|\(/);
    }
    const marja = read.records.find((r) => r.extra?.adm_2 === 'Nad Ali district (Marja)');
    expect(marja?.admin2).toBe('Nad Ali');
  });

  it('keeps UCDP\'s "IS" as a side', () => {
    const isRows = source.filter((s) => s.side_a === 'IS' || s.side_b === 'IS');
    expect(isRows.length).toBeGreaterThan(0);
    expect(read.records.filter((r) => r.actor1 === 'IS' || r.actor2 === 'IS')).toHaveLength(isRows.length);
  });

  it('carries the dataset\'s licence and attribution', async () => {
    const mapping = await loadMapping(UCDP_MAPPING);
    expect(mapping.dataset.licence).toBe('CC BY 4.0');
    expect(mapping.dataset.attribution).toMatch(/^UCDP Georeferenced Event Dataset \(GED\) Global version 19\.1\..*Högbladh \(2019\)/);
    expect(new MappedCsvReader(UCDP_SUBSET, mapping).layout()).toBe('csv:ucdp-ged-subset');
  });
});

describe('the shipped boat-strikes mapping', () => {
  let read: Awaited<ReturnType<typeof readAll>>;
  let firstPhase: EventRecord[];

  beforeAll(async () => {
    read = await readAll(new MappedCsvReader(BOATS, await loadMapping(BOATS_MAPPING)));
    firstPhase = read.records.filter((r) => r.date_start >= '2025-09-02' && r.date_end <= '2025-12-04');
  });

  it('reads every row, each with its own id', async () => {
    expect(read.rejects).toEqual([]);
    expect(read.records).toHaveLength((await csvRows(BOATS)).length);
    expect(new Set(read.records.map((r) => r.source_id)).size).toBe(read.records.length);
    expect(read.records.map((r) => r.source_id)).toContain('strike-11-13');
    expect(read.records.map((r) => r.source_id)).toContain('2025-12-15');
  });

  it('gives 22 strikes on 23 vessels, 86 killed (87 with the survivor presumed dead) from 2 Sep to 4 Dec 2025', () => {
    expect(firstPhase).toHaveLength(19);
    expect(sum(firstPhase, (r) => r.event_count)).toBe(22);
    expect(sum(firstPhase, (r) => r.units_low)).toBe(23);
    expect(sum(firstPhase, (r) => r.units_high)).toBe(23);
    expect(sum(firstPhase, (r) => r.fatalities_low)).toBe(86);
    expect(sum(firstPhase, (r) => r.fatalities_best)).toBe(86);
    expect(sum(firstPhase, (r) => r.fatalities_high)).toBe(87);
  });

  it('splits by area: Caribbean 11 strikes, 11 vessels, 48 killed; Eastern Pacific 11, 12, 38', () => {
    const area = (name: string) => {
      const rows = firstPhase.filter((r) => r.admin1 === name);
      return [sum(rows, (r) => r.event_count), sum(rows, (r) => r.units_low), sum(rows, (r) => r.fatalities_low)];
    };
    expect(area('Caribbean')).toEqual([11, 11, 48]);
    expect(area('Eastern Pacific')).toEqual([11, 12, 38]);
  });

  it('describes each strike as the desk does', () => {
    for (const r of read.records) {
      expect(r).toMatchObject({
        actor1: 'United States', event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike', target: 'Vessel',
        iso3: 'XIW', country: 'International waters', date_precision: 'day',
      });
      expect(r.sources).toMatch(/^https?:\/\//);
    }
    const first = read.records.find((r) => r.source_id === 'strike-11-13')!;
    expect(first.extra).toMatchObject({ strike_no: '11-13', survivors: 1, missing_presumed_dead: 1, evidence: 'verified' });
    expect(first.location).toMatch(/Eastern Pacific/);
    expect(read.records.find((r) => r.source_id === '2025-12-31')!.admin1).toBeNull(); // "unspecified"
  });
});

describe('mapping files with errors', () => {
  const base = {
    name: 'test-boats',
    source_id: 'strike_no',
    filter: { not_blank: ['strike_no'] },
    fields: { date_start: 'date', fatalities: { low: 'killed', high: { sum: ['killed', 'missing_presumed_dead'] } } },
  };
  const writeMapping = async (name: string, json: unknown) => {
    const file = join(dir, name);
    await writeFile(file, typeof json === 'string' ? json : JSON.stringify(json));
    return file;
  };

  it('names the mapping file and the unknown field', async () => {
    const file = await writeMapping('unknown-field.json', { ...base, fields: { ...base.fields, actr1: 'side_a' } });
    const err = await loadMapping(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MappingError);
    expect((err as MappingError).message).toContain(file);
    expect((err as MappingError).message).toMatch(/fields: unknown field "actr1"/);
    expect((err as MappingError).key).toBe('fields');
  });

  it('names the key of a spec of the wrong shape', async () => {
    const file = await writeMapping('bad-sum.json', { ...base, fields: { ...base.fields, fatalities_best: { sum: 'killed' } } });
    await expect(loadMapping(file)).rejects.toThrow(/fields\.fatalities_best\.sum: .*expected array/);
    const both = await writeMapping('twice.json', { ...base, fields: { ...base.fields, fatalities_low: 'killed' } });
    await expect(loadMapping(both)).rejects.toThrow(/fields\.fatalities_low: given twice/);
    const format = await writeMapping('format.json', { ...base, fields: { ...base.fields, actor1: { column: 'area', date_format: 'YYYY' } } });
    await expect(loadMapping(format)).rejects.toThrow(/fields\.actor1\.date_format: a date format applies only to date_start and date_end/);
    const noDate = await writeMapping('no-date.json', { ...base, fields: { actor1: 'area' } });
    await expect(loadMapping(noDate)).rejects.toThrow(/fields: a mapping must say where date_start comes from/);
    const notJson = await writeMapping('broken.json', '{"name": "x",');
    await expect(loadMapping(notJson)).rejects.toThrow(new RegExp(`${notJson.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`));
  });

  it('fails at once, naming the column and both files, when the mapping reads a column the file lacks', async () => {
    const mapping = parseMapping({ ...base, fields: { ...base.fields, actor2: 'side_b' } }, 'boats-with-side_b.json');
    const err = await readAll(new MappedCsvReader(BOATS, mapping)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputFileError);
    expect((err as Error).message).toContain(BOATS);
    expect((err as Error).message).toMatch(/boats-with-side_b\.json reads column "side_b" \(in fields\.actor2\)/);
  });

  it('fails at once on a constant that its field cannot hold', async () => {
    const mapping = parseMapping({ ...base, fields: { ...base.fields, units_low: { const: 'several' } } }, 'const.json');
    await expect(readAll(new MappedCsvReader(BOATS, mapping))).rejects.toThrow(/const\.json: fields\.units_low: expected a whole number/);
  });
});

describe('mapped rows', () => {
  it('filters rows, numbers them by line, and reads dates in the given format', async () => {
    const source = (await readFile(BOATS, 'utf8')).replace(/^(.*?),(\d{4})-(\d{2})-(\d{2}),/gm, '$1,$4/$3/$2,');
    const file = join(dir, 'boats-dmy.csv');
    await writeFile(file, source);
    const mapping = parseMapping(
      {
        name: 'boats-dmy',
        source_id: { line: true },
        filter: { not_blank: ['strike_no'], equals: { area: 'Caribbean' } },
        fields: {
          date_start: { column: 'date', date_format: 'DD/MM/YYYY' },
          date_precision: { column: 'evidence', map: { verified: 'day', excerpt: 'week' } },
          actor1: { template: 'United States ({announced_by})' },
          fatalities: 'killed',
          units: 'vessels',
          event_count: 'strikes',
        },
        extra: ['strike_no'],
      },
      'boats-dmy.json',
    );
    const read = await readAll(new MappedCsvReader(file, mapping));
    const rows = (await csvRows(BOATS)).filter((r) => r.strike_no !== '' && r.area === 'Caribbean');
    expect(read.rejects).toEqual([]);
    expect(read.rows).toBe((await csvRows(BOATS)).length);
    expect(read.records.map((r) => r.extra!.strike_no)).toEqual(rows.map((r) => r.strike_no));
    expect(read.records.map((r) => r.date_start)).toEqual(rows.map((r) => r.date));
    expect(read.records[0]!.actor1).toBe(`United States (${rows[0]!.announced_by})`);
    expect(read.records.every((r) => r.fatalities_low === r.fatalities_high && r.date_precision === 'day')).toBe(true);
    // Line numbers are physical lines: the header is line 1 and strike 1 is the first row.
    expect(read.records[0]!.source_id).toBe('2');
    expect(Number(read.records.at(-1)!.source_id)).toBeGreaterThan(Number(read.records[0]!.source_id));
  });

  it('turns an imprecise date with no end into its whole month', async () => {
    const file = join(dir, 'monthly.csv');
    await writeFile(file, 'month,route,n\n2024-02,Central Mediterranean,3012\n2024-13,Central Mediterranean,1\n');
    const mapping = parseMapping(
      { name: 'monthly', source_id: { template: '{route} {month}' }, fields: { date_start: { column: 'month', date_format: 'YYYY-MM' }, date_precision: { const: 'month' }, location: 'route', event_count: 'n' } },
      'monthly.json',
    );
    const read = await readAll(new MappedCsvReader(file, mapping));
    expect(read.records).toHaveLength(1);
    expect(read.records[0]).toMatchObject({ source_id: 'Central Mediterranean 2024-02', date_start: '2024-02-01', date_end: '2024-02-29', date_precision: 'month', event_count: 3012 });
    expect(read.rejects).toMatchObject([{ line: 3, field: 'month', reason: 'expected a date as YYYY-MM, got "2024-13"' }]);
  });

  it('turns bad rows into rejects with line, column and reason', async () => {
    const rows = await csvRows(BOATS);
    const broken = rows.slice(0, 8).map((r) => ({ ...r }));
    broken[1]!.killed = 'eleven';
    broken[3]!.date = '2025-10-32';
    broken[4]!.vessels = '-1';
    broken[6]!.missing_presumed_dead = '-5';
    const file = join(dir, 'boats-broken.csv');
    await writeFile(file, Papa.unparse(broken, { newline: '\n' }));
    const read = await readAll(new MappedCsvReader(file, await loadMapping(BOATS_MAPPING)));
    expect(read.records).toHaveLength(4);
    // Every row of this file is one line (its notes have no line breaks), so row i sits on line i + 2.
    expect(read.rejects.map((r) => [r.line, r.field])).toEqual([
      [3, 'killed'],
      [5, 'date'],
      [6, 'vessels'],
      [8, 'fatalities_high'],
    ]);
    expect(read.rejects[0]!.reason).toBe('expected a whole number, got "eleven"');
    expect(read.rejects[1]!.reason).toBe('expected a date as YYYY-MM-DD, got "2025-10-32"');
    expect(read.rejects[2]!.reason).toMatch(/-1/);
    expect(read.rejects[3]!.reason).toMatch(/-2/);
    expect(read.rejects[0]!.raw).toContain('eleven');
  });

  it('rejects rows whose id is blank, naming the id column', async () => {
    const mapping = parseMapping({ name: 'numbered', source_id: 'strike_no', fields: { date_start: 'date' } }, 'numbered.json');
    const read = await readAll(new MappedCsvReader(BOATS, mapping));
    const unnumbered = (await csvRows(BOATS)).filter((r) => r.strike_no === '');
    expect(unnumbered.length).toBeGreaterThan(0);
    expect(read.rejects).toHaveLength(unnumbered.length);
    for (const reject of read.rejects) expect(reject).toMatchObject({ field: 'strike_no', reason: 'blank: every row needs an id (source_id)' });
  });
});
