// The ADS-B reader on OpenSky state vectors (traffic library layout) and a readsb trace_full file.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { AdsbReader, readAdsbFile, traceEntryLines } from '../../src/ingest/adsb.js';
import { tempDir } from '../helpers/stores.js';

const CSV = new URL('../../data/demo/adsb_traffic_sample_aircraft_carrier.csv', import.meta.url).pathname;
const TRACE = new URL('../../data/demo/adsb_readsb_trace_full_ac671b.json', import.meta.url).pathname;
const dir = tempDir('groundtruth-adsb-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('state vectors (traffic library CSV)', async () => {
  const read = await readAdsbFile(CSV);
  const rows = Papa.parse<Record<string, string>>(readFileSync(CSV, 'utf8'), { header: true, skipEmptyLines: true }).data;

  it('makes one report per row with a position and skips the rest', () => {
    const positioned = rows.filter((r) => r.latitude !== '' && r.longitude !== '');
    expect(read.layout).toBe('traffic-csv');
    expect(read.rows).toBe(rows.length);
    expect(read.reports.length).toBe(positioned.length);
    expect(read.skipped).toBe(rows.length - positioned.length);
    expect(read.rejects).toEqual([]);
  });

  it('keeps time, position, altitude in feet and speed in knots as given, keyed by ICAO address', () => {
    const rowByLine = (line: number) => rows[line - 2]!; // line 1 is the header
    for (const report of [read.reports[0]!, read.reports[1234]!, read.reports[read.reports.length - 1]!]) {
      const row = rowByLine(report.line);
      expect(report.key).toBe(row.icao24);
      expect(report.seen_at).toBe(new Date(row.time_utc!).toISOString());
      expect(report.lat).toBe(Number(row.latitude));
      expect(report.lon).toBe(Number(row.longitude));
      expect(report.altitude_ft).toBe(row.altitude === '' ? null : Number(row.altitude));
      expect(report.speed_kn).toBe(row.groundspeed === '' ? null : Number(row.groundspeed));
    }
    expect(read.identities).toEqual([{ kind: 'aircraft', key: 'ae0455', icao24: 'ae0455', callsign: 'PSWRD35' }]);
  });

  it('rejects bad rows with their line, field and reason, and keeps the good ones', async () => {
    const lines = readFileSync(CSV, 'utf8').split(/\r?\n/).slice(0, 6);
    const header = lines[0]!.split(',');
    const col = (name: string) => header.indexOf(name);
    const edit = (line: string, name: string, value: string) => line.split(',').map((v, i) => (i === col(name) ? value : v)).join(',');
    lines[2] = edit(lines[2]!, 'latitude', '123.4');
    lines[3] = edit(lines[3]!, 'icao24', 'zz0455');
    lines[4] = edit(edit(lines[4]!, 'time_utc', 'yesterday'), 'timestamp', 'soon');
    const file = join(dir, 'bad.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const read = await readAdsbFile(file);
    expect(read.rejects.map((r) => [r.line, r.field])).toEqual([
      [3, 'latitude'],
      [4, 'icao24'],
      [5, 'time_utc'],
    ]);
    expect(read.rejects[0]!.raw).toBe(lines[2]);
    expect(read.reports.map((r) => r.line)).toEqual([6]);
    expect(read.skipped).toBe(1); // line 2 has no position
  });

  it('reads OpenSky raw state vectors in metres and m/s', async () => {
    const file = join(dir, 'states.csv');
    writeFileSync(file, 'time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude\n1600120100,ae0455,32.70,-117.25,100,270,0,PSWRD35 ,false,false,false,,1000,1050\n');
    const read = await readAdsbFile(file);
    expect(read.layout).toBe('opensky-states-csv');
    expect(read.reports[0]).toMatchObject({ seen_at: '2020-09-14T21:48:20.000Z', on_ground: false, course_deg: 270 });
    expect(read.reports[0]!.altitude_ft).toBeCloseTo(1000 / 0.3048, 6);
    expect(read.reports[0]!.speed_kn).toBeCloseTo((100 * 3600) / 1852, 6);
  });
});

describe('readsb trace_full JSON', async () => {
  const text = readFileSync(TRACE, 'utf8');
  const doc = JSON.parse(text) as { icao: string; r: string; t: string; desc: string; ownOp: string; timestamp: number; trace: unknown[][] };
  const read = await readAdsbFile(TRACE);

  it('reads every trace entry at the file timestamp plus its offset, with the aircraft from the header', () => {
    expect(read.layout).toBe('readsb-trace');
    expect(read.rows).toBe(doc.trace.length);
    const withPosition = doc.trace.filter((e) => typeof e[1] === 'number' && typeof e[2] === 'number');
    expect(read.reports.length).toBe(withPosition.length);
    const last = doc.trace[doc.trace.length - 1]!;
    const lastReport = read.reports[read.reports.length - 1]!;
    expect(Date.parse(lastReport.seen_at)).toBe(Math.round((doc.timestamp + (last[0] as number)) * 1000));
    expect([lastReport.lat, lastReport.lon]).toEqual([last[1], last[2]]);
    expect(read.identities[0]).toMatchObject({ icao24: doc.icao, hull_or_tail: doc.r, operator: doc.ownOp, subtype: `${doc.desc} (${doc.t})` });
  });

  it('follows the callsigns of the day from the detail objects', () => {
    const flights = [...new Set(doc.trace.map((e) => (e[8] as { flight?: string } | null)?.flight?.trim()).filter(Boolean))];
    expect(read.identities.slice(1).map((i) => i.callsign)).toEqual(flights);
  });

  it('records "ground" as on the ground, with no altitude', () => {
    const groundEntries = doc.trace.filter((e) => e[3] === 'ground').length;
    expect(groundEntries).toBeGreaterThan(0);
    expect(read.reports.filter((r) => r.on_ground === true && r.altitude_ft === null).length).toBe(groundEntries);
  });

  it('knows the line each entry starts on, for rejects', () => {
    const lines = traceEntryLines(text);
    const fileLines = text.split('\n');
    expect(lines.length).toBe(doc.trace.length);
    for (const i of [0, 1, 100, doc.trace.length - 1]) {
      const entry = doc.trace[i]!;
      expect(fileLines[lines[i]! - 1]!.trimStart().startsWith(`[${(entry[0] as number).toFixed(2)},`)).toBe(true);
    }
  });

  it('rejects a bad entry by its line, and reads gzipped traces (as globe history keeps them)', async () => {
    const lines = text.split('\n');
    const at = traceEntryLines(text)[5]!;
    lines[at - 1] = lines[at - 1]!.replace(/^(\s*\[[\d.]+,)[-\d.]+,/, '$1"north",');
    const file = join(dir, 'trace_full_ac671b.json');
    writeFileSync(file, gzipSync(lines.join('\n')));
    const read2 = await readAdsbFile(file);
    expect(read2.layout).toBe('readsb-trace');
    expect(read2.rejects.map((r) => [r.line, r.field])).toEqual([[at, 'lat']]);
    expect(read2.reports.length).toBe(read.reports.length - 1);
  });

  it('refuses a file that is neither', async () => {
    const file = join(dir, 'other.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    await expect(async () => {
      for await (const _ of new AdsbReader(file).batches()) void _;
    }).rejects.toThrow(/icao24/);
  });
});
