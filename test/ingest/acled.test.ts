import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcledReader } from '../../src/ingest/acled.js';
import { readAcledDeleted } from '../../src/ingest/acled-deleted.js';
import type { ReadBatch } from '../../src/ingest/reader.js';
import { eventRecordSchema, type EventRecord } from '../../src/model/event.js';
import { InputFileError, type RowReject } from '../../src/model/reject.js';
import {
  ACLED_COLUMNS, acledEvents, acledRow, csvLine, generateAcled, generateAcledDeleted,
  type AcledLayout, type SyntheticAcledEvent,
} from '../fixtures/acled-generate.js';
import { INTER_LABELS } from '../fixtures/acled-world.js';

const FRONTEX = fileURLToPath(new URL('../../data/demo/frontex_ibc_monthly_by_route_2009_2025.csv', import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'acled-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface ReadAll {
  records: EventRecord[];
  rejects: RowReject[];
  lines: number[];
  rows: number;
}

async function readAll(reader: AcledReader): Promise<ReadAll> {
  const out: ReadAll = { records: [], rejects: [], lines: [], rows: 0 };
  for await (const batch of reader.batches() as AsyncIterable<ReadBatch>) {
    out.records.push(...batch.records);
    out.rejects.push(...batch.rejects);
    out.lines.push(...(batch.lines ?? []));
    out.rows += batch.rows;
  }
  return out;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** What a date of the given ACLED time precision should stand for, worked out independently of the reader. */
function expectedRange(date: string, precision: 1 | 2 | 3): [string, string] {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (precision === 1) return [date, date];
  if (precision === 2) return [iso(ms - 3 * DAY), iso(ms + 3 * DAY)];
  const d = new Date(ms);
  return [iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)), iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0))];
}

/** Physical line where each event's row starts: the header is line 1, and quoted newlines in notes push later rows down. */
function expectedLines(events: SyntheticAcledEvent[]): number[] {
  let line = 2;
  return events.map((ev) => {
    const start = line;
    line += 1 + (ev.notes.match(/\n/g) ?? []).length;
    return start;
  });
}

function checkAgainstEvents(records: EventRecord[], events: SyntheticAcledEvent[], layout: AcledLayout) {
  expect(records).toHaveLength(events.length);
  const legacy = layout === 'legacy' || layout === 'legacy-iso3';
  records.forEach((r, i) => {
    const ev = events[i]!;
    const [start, end] = expectedRange(ev.date, ev.timePrecision);
    expect(r.source_id).toBe(ev.id);
    expect([r.date_start, r.date_end, r.date_precision]).toEqual([start, end, ({ 1: 'day', 2: 'week', 3: 'month' } as const)[ev.timePrecision]]);
    expect(r.iso3).toBe(ev.country.iso3);
    expect(r.country).toBe(ev.country.name);
    expect(r.event_type).toBe(ev.eventType);
    expect(r.sub_event_type).toBe(ev.subEventType);
    expect(r.disorder_type).toBe(layout === 'legacy-iso3' ? null : ev.disorderType);
    expect(r.actor1).toBe(ev.actor1);
    expect(r.actor2).toBe(ev.actor2 === '' ? null : ev.actor2);
    expect(r.assoc_actor2).toBe(ev.assocActor2 === '' ? null : ev.assocActor2);
    expect(r.civilian_targeting).toBe(layout === 'legacy-iso3' ? null : ev.civilianTargeting);
    expect([r.fatalities_low, r.fatalities_best, r.fatalities_high]).toEqual([ev.fatalities, ev.fatalities, ev.fatalities]);
    const civilian = layout !== 'legacy-iso3' && ev.civilianTargeting ? ev.fatalities : null;
    expect([r.civilian_fatalities_low, r.civilian_fatalities_high]).toEqual([civilian, civilian]);
    expect(r.admin1).toBe(ev.admin1);
    expect(r.admin3).toBe(ev.admin3 === '' ? null : ev.admin3);
    expect(r.location).toBe(ev.location);
    expect(r.lat).toBeCloseTo(ev.lat, 4);
    expect(r.lon).toBeCloseTo(ev.lon, 4);
    expect(r.geo_precision).toBe(ev.geoPrecision);
    expect(r.notes).toBe(ev.notes);
    expect(r.sources).toBe(ev.source);
    expect(r.tags).toBe(layout === 'legacy-iso3' || ev.tags === '' ? null : ev.tags);
    expect(r.source_timestamp).toBe(ev.timestamp);
    const interaction = legacy
      ? ev.inter2 === 0 ? ev.inter1 * 10 : Math.min(ev.inter1, ev.inter2) * 10 + Math.max(ev.inter1, ev.inter2)
      : ev.inter2 === 0 ? `${INTER_LABELS[ev.inter1]} only` : `${INTER_LABELS[Math.min(ev.inter1, ev.inter2)]}-${INTER_LABELS[Math.max(ev.inter1, ev.inter2)]}`;
    expect(r.extra).toEqual({
      inter1: legacy ? ev.inter1 : INTER_LABELS[ev.inter1],
      inter2: legacy ? ev.inter2 : ev.inter2 === 0 ? null : INTER_LABELS[ev.inter2],
      interaction,
      region: ev.country.region,
      source_scale: ev.sourceScale,
      year: Number(ev.date.slice(0, 4)),
      ...(layout === 'legacy-iso3' ? { data_id: 9_000_000 + ev.index, event_id_no_cnty: Number(ev.id.slice(3)) } : {}),
    });
    // Whatever the reader's fast path accepts, the schema accepts too.
    expect(eventRecordSchema.safeParse(r).success).toBe(true);
  });
}

describe('AcledReader on each export layout', () => {
  const ROWS = 400;
  const cases: { layout: AcledLayout; name: string; bom?: boolean; crlf?: boolean }[] = [
    { layout: 'current', name: 'acled-current' },
    { layout: 'legacy', name: 'acled-legacy' },
    { layout: 'legacy-iso3', name: 'acled-legacy-iso3' },
    { layout: 'excel', name: 'acled-current' },
    { layout: 'current', name: 'acled-current', bom: true, crlf: true },
  ];

  for (const c of cases) {
    it(`reads the ${c.layout} layout${c.bom ? ' with a byte-order mark and CRLF line ends' : ''}`, async () => {
      const file = join(dir, `${c.layout}${c.bom ? '-bom' : ''}.csv`);
      await generateAcled(file, { rows: ROWS, seed: 11, layout: c.layout, bom: c.bom, crlf: c.crlf });
      const events = [...acledEvents({ rows: ROWS, seed: 11 })];
      const reader = new AcledReader(file);
      const got = await readAll(reader);
      expect(reader.layout()).toBe(c.name);
      expect(got.rejects).toEqual([]);
      expect(got.rows).toBe(ROWS);
      checkAgainstEvents(got.records, events, c.layout);
      expect(got.lines).toEqual(expectedLines(events));
    });
  }

  it('reads old exports with upper-case headers', async () => {
    const file = join(dir, 'upper.csv');
    await generateAcled(file, { rows: 20, seed: 4, layout: 'legacy-iso3' });
    const text = await readFile(file, 'utf8');
    const eol = text.indexOf('\n');
    await writeFile(file, text.slice(0, eol).toUpperCase() + text.slice(eol));
    const reader = new AcledReader(file);
    const got = await readAll(reader);
    expect(reader.layout()).toBe('acled-legacy-iso3');
    checkAgainstEvents(got.records, [...acledEvents({ rows: 20, seed: 4 })], 'legacy-iso3');
  });

  it('covers the cases that matter in the sample: every precision, quoted notes, civilian targeting', () => {
    const events = [...acledEvents({ rows: ROWS, seed: 11 })];
    for (const p of [1, 2, 3]) expect(events.some((e) => e.timePrecision === p)).toBe(true);
    expect(events.some((e) => e.notes.includes('"'))).toBe(true);
    expect(events.some((e) => e.notes.includes('\n'))).toBe(true);
    expect(events.every((e) => e.notes.includes(','))).toBe(true);
    expect(events.some((e) => e.civilianTargeting)).toBe(true);
    expect(events.some((e) => !e.civilianTargeting && e.fatalities > 0)).toBe(true);
  });

  it('reads Excel dates, "Sept" included', async () => {
    const file = join(dir, 'excel.csv');
    await generateAcled(file, { rows: ROWS, seed: 11, layout: 'excel' });
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/,\d{1,2}-Sept-\d{2},/);
    const events = [...acledEvents({ rows: ROWS, seed: 11 })];
    const { records } = await readAll(new AcledReader(file));
    const september = events.findIndex((e) => e.date.slice(5, 7) === '09' && e.timePrecision === 1);
    expect(september).toBeGreaterThanOrEqual(0);
    expect(records[september]!.date_start).toBe(events[september]!.date);
  });
});

describe('AcledReader rejects', () => {
  it('rejects bad rows with their line, column and reason, and keeps the rest', async () => {
    const events = [...acledEvents({ rows: 12, seed: 5 })];
    events[1]!.notes = 'On a day, a note\nthat runs over "two" lines, as notes sometimes do.';
    const cells = events.map((ev) => acledRow(ev, 'current'));
    const col = (name: string) => ACLED_COLUMNS.current.indexOf(name);
    cells[3]![col('event_date')] = '2023-02-31';
    cells[5]![col('latitude')] = '123';
    cells[7]![col('fatalities')] = 'many';
    cells[9]!.pop();
    cells[10]![col('time_precision')] = '7';
    const file = join(dir, 'bad.csv');
    await writeFile(file, [ACLED_COLUMNS.current.join(','), ...cells.map(csvLine)].join('\n') + '\n');

    const lines = expectedLines(events);
    expect(lines[3]).toBe(6); // row 4 starts on line 6: the header and row 2's two lines come before
    const got = await readAll(new AcledReader(file));
    expect(got.rows).toBe(12);
    expect(got.records.map((r) => r.source_id)).toEqual(events.filter((_, i) => ![3, 5, 7, 9, 10].includes(i)).map((e) => e.id));
    expect(got.rejects.map(({ line, field }) => ({ line, field }))).toEqual([
      { line: lines[3], field: 'event_date' },
      { line: lines[5], field: 'latitude' },
      { line: lines[7], field: 'fatalities' },
      { line: lines[9], field: '(row)' },
      { line: lines[10], field: 'time_precision' },
    ]);
    const [date, lat, deaths, short, precision] = got.rejects;
    expect(date!.reason).toMatch(/not a calendar date.*2023-02-31/);
    expect(lat!.reason).toMatch(/latitude above 90.*123/);
    expect(deaths!.reason).toMatch(/whole number.*many/);
    expect(short!.reason).toBe('has 30 fields where the header has 31');
    expect(precision!.reason).toMatch(/1, 2 or 3.*7/);
    expect(date!.raw).toContain(events[3]!.id);
    // The records either side of a reject keep their own line numbers.
    expect(got.lines[1]).toBe(lines[1]);
    expect(got.lines[got.lines.length - 1]).toBe(lines[11]);
  });

  it('rejects 31 February in the legacy date layout too', async () => {
    const events = [...acledEvents({ rows: 3, seed: 8 })];
    const cells = events.map((ev) => acledRow(ev, 'legacy'));
    cells[2]![ACLED_COLUMNS.legacy.indexOf('event_date')] = '31 February 2023';
    const file = join(dir, 'bad-legacy.csv');
    await writeFile(file, [ACLED_COLUMNS.legacy.join(','), ...cells.map(csvLine)].join('\n'));
    const got = await readAll(new AcledReader(file));
    expect(got.records).toHaveLength(2);
    expect(got.rejects).toHaveLength(1);
    expect(got.rejects[0]).toMatchObject({ line: expectedLines(events)[2], field: 'event_date' });
  });
});

describe('AcledReader refuses files that are not ACLED exports', () => {
  const refuses = async (file: string, message: RegExp) => {
    const read = readAll(new AcledReader(file));
    await expect(read).rejects.toBeInstanceOf(InputFileError);
    await expect(read).rejects.toThrow(message);
    await expect(read).rejects.toThrow(file);
  };

  it('an empty file', async () => {
    const file = join(dir, 'empty.csv');
    await writeFile(file, '');
    await refuses(file, /empty/);
  });

  it('a binary file', async () => {
    const file = join(dir, 'binary.csv');
    await writeFile(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x01]));
    await refuses(file, /binary/);
  });

  it('another CSV, naming the missing columns', async () => {
    await refuses(FRONTEX, /not an ACLED export.*missing event_id_cnty, event_date/);
  });

  it('a truncated file that ends inside a quoted field', async () => {
    const file = join(dir, 'truncated.csv');
    await generateAcled(file, { rows: 50, seed: 3, layout: 'current' });
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.slice(0, text.lastIndexOf(',"On ') + 30));
    await refuses(file, /ends inside a quoted field/);
  });

  it('names the file by its display name when given one', async () => {
    const read = readAll(new AcledReader(FRONTEX, { displayName: 'upload.csv' }));
    await expect(read).rejects.toThrow(/^upload\.csv: this is not an ACLED export/);
  });
});

describe('readAcledDeleted', () => {
  it('reads ids and Unix deletion times as ISO timestamps', async () => {
    const file = join(dir, 'deleted.csv');
    const written = await generateAcledDeleted(file, ['AFG1001', 'SYR1010', 'MLI1002']);
    const batches: { source_id: string; deleted_at: string }[][] = [];
    for await (const batch of readAcledDeleted(file)) batches.push(batch);
    const got = batches.flat();
    expect(got.map((d) => d.source_id)).toEqual(['AFG1001', 'SYR1010', 'MLI1002']);
    expect(got[0]!.deleted_at).toBe('2025-01-01T00:00:00.000Z');
    expect(got.map((d) => Date.parse(d.deleted_at) / 1000)).toEqual(written.map((w) => w.deletedAt));
  });

  it('refuses a file that is not a deletion list, and a bad timestamp with its line', async () => {
    const collect = async (file: string) => {
      for await (const batch of readAcledDeleted(file)) void batch;
    };
    await expect(collect(FRONTEX)).rejects.toThrow(/missing event_id_cnty, deleted_timestamp/);
    const file = join(dir, 'deleted-bad.csv');
    await writeFile(file, 'event_id_cnty,deleted_timestamp\nAFG1,1735689600\nAFG2,yesterday\n');
    await expect(collect(file)).rejects.toThrow(/line 3: deleted_timestamp should be a Unix time/);
  });
});

describe('generateAcled revisions', () => {
  it('changes the asked share of rows and nothing else', async () => {
    const base = join(dir, 'base.csv');
    const next = join(dir, 'next.csv');
    await generateAcled(base, { rows: 1000, seed: 21, layout: 'current' });
    const gen = await generateAcled(next, { rows: 1000, seed: 22, baseSeed: 21, layout: 'current', changedFraction: 0.1 });
    expect(Math.abs(gen.changed - 100)).toBeLessThanOrEqual(1);
    const [a, b] = [await readAll(new AcledReader(base)), await readAll(new AcledReader(next))];
    expect(b.records.map((r) => r.source_id)).toEqual(a.records.map((r) => r.source_id));
    const differing = b.records.filter((r, i) => JSON.stringify(r) !== JSON.stringify(a.records[i]));
    expect(differing).toHaveLength(gen.changed);
    for (const r of differing) {
      const before = a.records.find((x) => x.source_id === r.source_id)!;
      expect(r.source_timestamp!).toBeGreaterThan(before.source_timestamp!);
      expect(r.fatalities_best !== before.fatalities_best || r.notes !== before.notes).toBe(true);
      expect({ ...r, fatalities_low: 0, fatalities_best: 0, fatalities_high: 0, civilian_fatalities_low: 0, civilian_fatalities_high: 0, notes: '', source_timestamp: 0 })
        .toEqual({ ...before, fatalities_low: 0, fatalities_best: 0, fatalities_high: 0, civilian_fatalities_low: 0, civilian_fatalities_high: 0, notes: '', source_timestamp: 0 });
    }
  });
});

describe('AcledReader speed', () => {
  it('streams 200,000 generated rows', async () => {
    const file = join(dir, 'speed.csv');
    const gen = await generateAcled(file, { rows: 200_000, seed: 99, layout: 'current' });
    const started = performance.now();
    const got = { records: 0, rejects: 0 };
    for await (const batch of new AcledReader(file).batches()) {
      got.records += batch.records.length;
      got.rejects += batch.rejects.length;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`AcledReader: ${got.records} rows (${(gen.bytes / 1e6).toFixed(0)} MB) in ${seconds.toFixed(2)} s, ${Math.round(got.records / seconds).toLocaleString('en')} rows/s`);
    expect(got).toEqual({ records: 200_000, rejects: 0 });
  });
});
