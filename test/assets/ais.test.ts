// The AIS reader against GPSD's expected decode of a real receiver log and the annotated test vectors.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { AisReader, readAisFile, rmcInstant } from '../../src/ingest/ais.js';
import { tempDir } from '../helpers/stores.js';

const LOG = new URL('../../data/demo/ais_nmea_receiver_log_nl_2020.nmea', import.meta.url).pathname;
const EXPECTED = new URL('../../data/demo/ais_decoded_positions_nl_2020.csv', import.meta.url).pathname;
const VECTORS = new URL('../../data/demo/ais_sample_aivdm_testvectors.txt', import.meta.url).pathname;
const dir = tempDir('groundtruth-ais-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** NMEA checksum, to build valid sentences around real payloads. */
function withChecksum(body: string): string {
  let sum = 0;
  for (const ch of body.slice(1)) sum ^= ch.charCodeAt(0);
  return `${body}*${sum.toString(16).toUpperCase().padStart(2, '0')}`;
}

const sameInstant = (a: string, b: string) => Date.parse(a) === Date.parse(b);

describe('AIS receiver log (GPSD test data)', async () => {
  const read = await readAisFile(LOG);
  const expected = Papa.parse<Record<string, string>>(readFileSync(EXPECTED, 'utf8'), { header: true, skipEmptyLines: true }).data;

  it('finds every position report GPSD decoded, at the receiver time of the preceding $GPRMC', () => {
    const decodedFromLog = expected.filter((r) => r.raw_nmea);
    expect(read.reports.length).toBe(decodedFromLog.length);
    for (const row of decodedFromLog) {
      const ours = read.reports.filter((r) => r.key === row.mmsi && sameInstant(r.seen_at, row.receiver_time_utc!));
      expect(ours.length, `${row.mmsi} at ${row.receiver_time_utc}`).toBeGreaterThan(0);
    }
  });

  it('puts each report where GPSD put it (same mmsi and time, position to 1e-6°)', () => {
    for (const report of read.reports) {
      const rows = expected.filter((r) => r.mmsi === report.key && sameInstant(r.receiver_time_utc!, report.seen_at));
      expect(rows.length, `${report.key} at ${report.seen_at}`).toBeGreaterThan(0);
      const match = rows.find((r) => Math.abs(Number(r.lat) - report.lat) <= 1e-6 && Math.abs(Number(r.lon) - report.lon) <= 1e-6);
      expect(match, `${report.key} at ${report.seen_at}: ${report.lat}, ${report.lon}`).toBeDefined();
      if (match!.sog_kn !== '') expect(report.speed_kn).toBeCloseTo(Number(match!.sog_kn), 6);
      if (match!.cog_deg !== '') expect(report.course_deg).toBeCloseTo(Number(match!.cog_deg), 6);
    }
  });

  it('names the ships GPSD named from their type 5 reports (multi-sentence, reassembled)', () => {
    const named = new Map(expected.filter((r) => r.shipname).map((r) => [r.mmsi!, r.shipname!]));
    expect(named.size).toBeGreaterThan(0);
    for (const [mmsi, name] of named) {
      const ours = read.identities.filter((i) => i.key === mmsi && i.name);
      expect(ours.map((i) => i.name)).toContain(name);
    }
  });

  it('reads the time of a $GPRMC sentence', () => {
    expect(rmcInstant('$GPRMC,213950.00,A,5250.53669,N,00542.34920,E,0.020,,070420,,,A*7D')).toBe('2020-04-07T21:39:50.000Z');
    expect(rmcInstant('$GPRMC,,V,,,,,,,,,,N*53')).toBeNull();
  });

  it('rejects nothing in a clean log; every other message is a report, a skip or a static report', () => {
    expect(read.rejects).toEqual([]);
    // One message per first fragment; static ones (type 5 starts "5", type 24 starts "H") name vessels.
    const firsts = readFileSync(LOG, 'utf8').split('\n').filter((l) => l.startsWith('!AIVDM') && l.split(',')[2] === '1');
    const statics = firsts.filter((l) => /^[5H]/.test(l.split(',')[5]!));
    expect(read.reports.length + read.skipped).toBe(firsts.length - statics.length);
    expect(read.identities.length).toBe(statics.length);
  });
});

describe('AIVDM test vectors (GPSD): field values of each message type', async () => {
  // The vectors carry no time: a $GPRMC line in front gives them one.
  const text = readFileSync(VECTORS, 'utf8');
  const file = join(dir, 'vectors.nmea');
  writeFileSync(file, `${withChecksum('$GPRMC,120000.00,A,0000.0000,N,00000.0000,E,0.0,,010110,,,A')}\n${text}`);
  const read = await readAisFile(file);
  const lines = text.split('\n');

  /** The annotation block under the sentence(s) at a 1-based line of the vectors file. */
  function annotations(line: number): Record<string, string> {
    const out: Record<string, string> = {};
    for (let i = line; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.startsWith('!')) continue;
      const m = l.match(/^#\s+([A-Za-z0-9_ ]+?)\s*:\s*(.*?)\s*$/);
      if (!m) break;
      out[m[1]!.toLowerCase()] = m[2]!;
    }
    return out;
  }

  it('decodes the position of types 1, 2, 3, 18 and 19 as annotated', () => {
    const types = new Set<number>();
    // The file ends with sentences that carry no annotation: those are only decoded, not checked here.
    const annotated = read.reports.filter((r) => Object.keys(annotations(r.line - 1)).length > 0);
    const positionBlocks = lines.filter((l) => /^#\s+(MessageID|Message Type):\s+(1|2|3|18|19)\s*$/.test(l));
    expect(annotated.length).toBe(positionBlocks.length);
    for (const report of annotated) {
      const a = annotations(report.line - 1);
      const type = Number(a['messageid'] ?? a['message type']);
      types.add(type);
      expect(a['userid'] ?? a['mmsi']).toBe(report.key);
      expect(report.lon).toBeCloseTo(Number(a['longitude']), 5);
      expect(report.lat).toBeCloseTo(Number(a['latitude']), 5);
      if (a['sog'] !== undefined) expect(report.speed_kn ?? 0).toBeCloseTo(Number(a['sog']), 5);
      if (a['cog'] !== undefined) expect(report.course_deg).toBeCloseTo(Number(a['cog']), 5);
    }
    expect([...types].sort((x, y) => x - y)).toEqual([1, 2, 3, 18, 19]);
  });

  it('reads names, callsigns and ship types from types 5, 19 and 24 (parts A and B)', () => {
    const everDiadem = read.identities.find((i) => i.key === '351759000');
    expect(everDiadem).toMatchObject({ name: 'EVER DIADEM', callsign: '3FOF8' });
    expect(everDiadem!.subtype).toMatch(/^Cargo/); // shipandcargo 70
    const type19 = read.identities.find((i) => i.key === '367059850');
    expect(type19).toMatchObject({ name: 'CAPT.J.RIMES' });
    expect(type19!.subtype).toMatch(/^Cargo/);
    const partA = read.identities.find((i) => i.key === '271041815' && i.name);
    const partB = read.identities.find((i) => i.key === '271041815' && i.callsign);
    expect(partA?.name).toBe('PROGUY');
    expect(partB?.callsign).toBe('TC6163');
    expect(partB?.subtype).toMatch(/^Passenger/); // shipandcargo 60
  });

  it('reassembles interleaved multi-sentence messages by their sequence id', () => {
    const lineOf = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix)) + 2; // +1 for 1-based, +1 for the RMC line
    const seq6 = lineOf('!AIVDM,2,1,6,B,542M92h');
    const seq2 = lineOf('!AIVDM,2,1,2,A,542M92h');
    const ids = read.identities.filter((i) => i.line === seq6 || i.line === seq2);
    expect(ids.length).toBe(2);
    expect(ids[0]!.key).toBe(ids[1]!.key);
    expect(ids[0]!.name).toBe(ids[1]!.name);
  });

  it('rejects the orphan second part that has lost its leading "!"', () => {
    const orphan = lines.findIndex((l) => l.startsWith('AIVDM,2,2,1,B')) + 2;
    expect(read.rejects.map((r) => r.line)).toContain(orphan);
  });
});

describe('AIS rejects and skips', () => {
  const require = createRequire(import.meta.url);
  const { AisEncode } = require('ggencoder') as { AisEncode: new (m: object) => { nmea: string } };
  const rmc = withChecksum('$GPRMC,213950.00,A,5250.53669,N,00542.34920,E,0.020,,070420,,,A');
  const log = readFileSync(LOG, 'utf8').split('\n');
  const good = log.find((l) => l.startsWith('!AIVDM,1,1,,B,13aDp<'))!;
  const part1 = log.find((l) => l.startsWith('!AIVDM,2,1,9'))!;

  it('skips positions "not available" (lat 91, lon 181), rejects bad checksums, lost parts and untimed reports, with line numbers', async () => {
    const unavailable = new AisEncode({ aistype: 1, repeat: 0, mmsi: 244660274, navstatus: 0, lat: 91, lon: 181, rot: 0, sog: 0, cog: 0, hdg: null, smi: 0 }).nmea;
    const badChecksum = good.replace(/\*..$/, '*00');
    const file = join(dir, 'bad.nmea');
    writeFileSync(file, [good, rmc, good, unavailable, badChecksum, part1, 'not nmea at all', good].join('\n'));
    const read = await readAisFile(file);
    expect(read.reports.map((r) => r.line)).toEqual([3, 8]);
    expect(read.skipped).toBe(1);
    const byLine = Object.fromEntries(read.rejects.map((r) => [r.line, r.field]));
    expect(byLine).toEqual({ 1: 'time', 5: 'checksum', 6: 'fragments', 7: 'sentence' });
    expect(read.rejects.find((r) => r.line === 5)!.raw).toBe(badChecksum);
  });

  it('fails a file with no AIS in it', async () => {
    const file = join(dir, 'not-ais.nmea');
    writeFileSync(file, 'time,lat,lon\n2020-01-01,1,2\n');
    const reader = new AisReader(file);
    await expect(async () => {
      for await (const _ of reader.batches()) void _;
    }).rejects.toThrow(/no AIS sentences/);
  });
});
