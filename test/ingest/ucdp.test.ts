import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/model/event.js';
import { InputFileError, type RowReject } from '../../src/model/reject.js';
import type { EventReader } from '../../src/ingest/reader.js';
import { UcdpReader } from '../../src/ingest/ucdp.js';
import { gedRows, rowLines, writeGedCsv, type GedRow } from '../fixtures/ucdp-generate.js';

const SUBSET = fileURLToPath(new URL('../../data/demo/ucdp_ged_afghanistan_subset_2001_2018.csv', import.meta.url));

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

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'groundtruth-ucdp-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('UcdpReader on a full 49-column GED file', () => {
  const rows = gedRows(70);
  let read: Awaited<ReturnType<typeof readAll>>;
  let byId: Map<string, EventRecord>;
  let reader: UcdpReader;

  beforeAll(async () => {
    const file = join(dir, 'ged.csv');
    await writeGedCsv(file, rows);
    reader = new UcdpReader(file);
    read = await readAll(reader);
    byId = new Map(read.records.map((r) => [r.source_id, r]));
  });

  it('reads every row into a record, with its layout', () => {
    expect(read.rejects).toEqual([]);
    expect(read.rows).toBe(rows.length);
    expect(read.records).toHaveLength(rows.length);
    expect(reader.format).toBe('ucdp');
    expect(reader.layout()).toBe('ucdp-ged');
  });

  it('keeps low, best and high, and takes civilian deaths from deaths_civilians', () => {
    for (const row of rows) {
      const r = byId.get(row.id)!;
      expect([r.fatalities_low, r.fatalities_best, r.fatalities_high]).toEqual([Number(row.low), Number(row.best), Number(row.high)]);
      expect([r.civilian_fatalities_low, r.civilian_fatalities_high]).toEqual([Number(row.deaths_civilians), Number(row.deaths_civilians)]);
    }
    const sum = (f: (x: GedRow) => number) => rows.reduce((n, x) => n + f(x), 0);
    expect(read.records.reduce((n, r) => n + r.fatalities_best!, 0)).toBe(sum((x) => Number(x.best)));
  });

  it('names the type of violence and marks one-sided violence as civilian targeting', () => {
    const names: Record<string, string> = { '1': 'State-based conflict', '2': 'Non-state conflict', '3': 'One-sided violence' };
    for (const row of rows) {
      const r = byId.get(row.id)!;
      expect(r.event_type).toBe(names[row.type_of_violence]);
      expect(r.civilian_targeting).toBe(row.type_of_violence === '3' ? true : null);
    }
    expect(new Set(read.records.map((r) => r.event_type)).size).toBe(3);
  });

  it('keeps the date range UCDP gives and maps date_prec (1 day, 2–3 week, 4 month, 5 year)', () => {
    const precision: Record<string, string> = { '1': 'day', '2': 'week', '3': 'week', '4': 'month', '5': 'year' };
    for (const row of rows) {
      const r = byId.get(row.id)!;
      expect(r.date_start).toBe(row.date_start.slice(0, 10));
      expect(r.date_end).toBe(row.date_end.slice(0, 10));
      expect(r.date_precision).toBe(precision[row.date_prec]);
      expect(r.extra!.date_prec).toBe(Number(row.date_prec));
    }
    expect(new Set(read.records.map((r) => r.date_precision))).toEqual(new Set(['day', 'week', 'month', 'year']));
  });

  it('turns UCDP country spellings into ISO codes', () => {
    const iso3 = (country: string) => [...new Set(rows.filter((x) => x.country === country).map((x) => byId.get(x.id)!.iso3))];
    expect(iso3('Afghanistan')).toEqual(['AFG']);
    expect(iso3('Russia (Soviet Union)')).toEqual(['RUS']);
    expect(iso3('DR Congo (Zaire)')).toEqual(['COD']);
    expect(iso3('Yemen (North Yemen)')).toEqual(['YEM']);
    for (const row of rows) expect(byId.get(row.id)!.country).toBe(row.country);
  });

  it('strips " province" and " district" from admin names, keeping UCDP qualifiers in extra', () => {
    for (const row of rows) {
      const r = byId.get(row.id)!;
      expect(r.admin1).toBe(row.adm_1.replace(/ province$/, ''));
      expect(r.admin2).toBe(row.adm_2.replace(/ district( \(.*\))?$/, ''));
      expect(r.admin1).not.toMatch(/province/);
      expect(r.admin2).not.toMatch(/district/);
      if (row.adm_2.includes('(')) expect(r.extra!.adm_2).toBe(row.adm_2);
    }
    expect(read.records.filter((r) => r.admin1 === 'Nangarhar').length).toBe(rows.filter((x) => x.adm_1 === 'Nangarhar province').length);
    // Names that are not provinces or districts stay as UCDP wrote them.
    expect(read.records.some((r) => r.admin1 === 'Dagestan republic')).toBe(true);
  });

  it('keeps the sides as UCDP names them, "IS" in Afghanistan included', () => {
    const isEvents = rows.filter((x) => x.side_a === 'IS' || x.side_b === 'IS');
    expect(isEvents.length).toBeGreaterThan(0);
    for (const row of isEvents) {
      const r = byId.get(row.id)!;
      expect([r.actor1, r.actor2]).toEqual([row.side_a, row.side_b]);
      expect(r.iso3).toBe('AFG');
    }
  });

  it('places the event and notes its sources', () => {
    for (const row of rows) {
      const r = byId.get(row.id)!;
      expect([r.lat, r.lon]).toEqual([Number(row.latitude), Number(row.longitude)]);
      expect(r.location).toBe(row.where_coordinates);
      expect(r.geo_precision).toBe(Number(row.where_prec));
      expect(r.sources).toBe(row.source_article);
      expect(r.notes).toBe(row.source_headline || row.source_original);
      expect(r.event_count).toBe(1);
    }
  });

  it('keeps the columns it does not map in extra, numbers as numbers', () => {
    const row = rows[0]!;
    const extra = byId.get(row.id)!.extra!;
    expect(extra.relid).toBe(row.relid);
    expect(extra.conflict_name).toBe(row.conflict_name);
    expect(extra.dyad_name).toBe(row.dyad_name);
    expect(extra.priogrid_gid).toBe(Number(row.priogrid_gid));
    expect(extra.deaths_a).toBe(Number(row.deaths_a));
    expect(extra.deaths_unknown).toBe(Number(row.deaths_unknown));
    expect(extra.geom_wkt).toBe(row.geom_wkt);
    expect(extra.gwnoa).toBe(row.gwnoa);
    expect(extra).not.toHaveProperty('best');
    expect(extra).not.toHaveProperty('side_a');
  });
});

describe('UcdpReader rejects', () => {
  it('fails at once on a file that is not GED, naming the file and the missing columns', async () => {
    const err = await readAll(new UcdpReader(SUBSET)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputFileError);
    const message = (err as Error).message;
    expect(message).toContain(SUBSET);
    for (const column of ['type_of_violence', 'date_prec', 'best', 'low', 'high', 'deaths_civilians']) expect(message).toContain(column);
    expect(message).not.toMatch(/\bside_a\b/);
  });

  it('turns bad rows into rejects with their line, the UCDP column and the reason', async () => {
    const rows = gedRows(15, 7);
    const bad: [number, Partial<GedRow>, string, RegExp][] = [
      [1, { type_of_violence: '4' }, 'type_of_violence', /1, 2 or 3/],
      [3, { date_prec: '' }, 'date_prec', /code from 1 to 5/],
      [5, { low: '90', best: '10', high: '12' }, 'low', /low 90 above best 10/],
      [6, { latitude: '95.5' }, 'latitude', /above 90/],
      [8, { date_start: '2018-03-05', date_end: '2018-03-01' }, 'date_end', /before it starts/],
      [10, { country: 'Atlantis' }, 'country', /not a country we know/],
      [12, { best: 'many' }, 'best', /whole number/],
      [13, { id: '' }, 'id', /blank/],
    ];
    for (const [i, change] of bad) Object.assign(rows[i]!, change);
    const file = join(dir, 'ged-bad.csv');
    await writeGedCsv(file, rows);
    const lines = rowLines(rows);
    expect(lines.at(-1)).toBeGreaterThan(rows.length + 1); // a multi-line row sits before some of the bad ones

    const read = await readAll(new UcdpReader(file));
    expect(read.records).toHaveLength(rows.length - bad.length);
    expect(read.rows).toBe(rows.length);
    expect(read.rejects.map((r) => [r.line, r.field])).toEqual(bad.map(([i, , field]) => [lines[i], field]));
    read.rejects.forEach((reject, k) => {
      expect(reject.reason).toMatch(bad[k]![3]);
      expect(reject.raw).toContain(rows[bad[k]![0]]!.relid);
    });
  });

  it('rejects a row with the wrong number of fields and reads on', async () => {
    const rows = gedRows(3, 3);
    const file = join(dir, 'ged-short.csv');
    await writeGedCsv(file, rows);
    await appendFile(file, '999,AFG-2019-1-1-1,2019\n');
    const read = await readAll(new UcdpReader(file));
    expect(read.records).toHaveLength(3);
    expect(read.rejects).toHaveLength(1);
    expect(read.rejects[0]).toMatchObject({ line: rowLines([...rows, {}]).at(-1), field: '(row)' });
    expect(read.rejects[0]!.reason).toMatch(/3 fields where the header has 49/);
  });
});
