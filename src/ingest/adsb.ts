// Reads ADS-B tracks: state-vector CSV (the traffic library's layout in feet and knots, or OpenSky's
// raw state vectors in metres and m/s) and readsb / tar1090 "trace_full" JSON (plain or gzipped).
import { open, readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { icao24Schema, toInstant, type TrackBatch, type TrackIdentity, type TrackReport } from '../model/asset.js';
import { InputFileError, type RowReject } from '../model/reject.js';
import { readCsv, rowToCsv, type CsvRow } from './csv.js';
import { blank } from './values.js';

const FEET_PER_METRE = 3.280839895;
const KNOTS_PER_MPS = 1.943844492;
const BATCH_SIZE = 2000;

class RowError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function emptyBatch(): TrackBatch {
  return { reports: [], identities: [], rejects: [], skipped: 0, rows: 0 };
}

export class AdsbReader {
  readonly format = 'adsb';
  private found = 'unknown';
  constructor(readonly file: string) {}

  /** "traffic-csv", "opensky-states-csv" or "readsb-trace", known after the first batch. */
  layout(): string {
    return this.found;
  }

  async *batches(): AsyncGenerator<TrackBatch> {
    const head = await readHead(this.file);
    if (head.gzip || head.text.trimStart().startsWith('{')) {
      this.found = 'readsb-trace';
      yield* readsbBatches(this.file);
      return;
    }
    yield* this.csvBatches();
  }

  private async *csvBatches(): AsyncGenerator<TrackBatch> {
    let columns: CsvColumns | null = null;
    const lastCallsign = new Map<string, string>();
    for await (const chunk of readCsv(this.file, { expected: 'ADS-B state vectors (CSV with icao24, latitude, longitude and a time)' })) {
      if (!columns) {
        columns = csvColumns(chunk.header, this.file);
        this.found = columns.layout;
      }
      const batch = emptyBatch();
      batch.rows = chunk.rows.length + chunk.malformed.length;
      for (const m of chunk.malformed) batch.rejects.push({ line: m.line, field: '(row)', reason: m.reason, raw: rowToCsv(m.fields) });
      for (const row of chunk.rows) {
        try {
          const parsed = csvReport(row, columns);
          if (parsed === null) {
            batch.skipped++;
            continue;
          }
          batch.reports.push(parsed.report);
          if (parsed.callsign && lastCallsign.get(parsed.report.key) !== parsed.callsign) {
            lastCallsign.set(parsed.report.key, parsed.callsign);
            batch.identities.push({ kind: 'aircraft', key: parsed.report.key, icao24: parsed.report.key, callsign: parsed.callsign });
          }
        } catch (err) {
          if (!(err instanceof RowError)) throw err;
          batch.rejects.push({ line: row.line, field: err.field, reason: err.message, raw: rowToCsv(row.fields) });
        }
      }
      yield batch;
    }
  }
}

async function readHead(file: string): Promise<{ gzip: boolean; text: string }> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch {
    throw new InputFileError(file, 'cannot read the file (expected ADS-B state vectors or a readsb trace)');
  }
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    if (bytesRead === 0) throw new InputFileError(file, 'the file is empty (expected ADS-B state vectors or a readsb trace)');
    return { gzip: buf[0] === 0x1f && buf[1] === 0x8b, text: buf.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '') };
  } finally {
    await fh.close();
  }
}

interface CsvColumns {
  layout: 'traffic-csv' | 'opensky-states-csv';
  icao24: string;
  lat: string;
  lon: string;
  /** Time columns in order of preference. */
  time: string[];
  altitude: string | null;
  speed: string | null;
  course: string | null;
  onGround: string | null;
  callsign: string | null;
  /** OpenSky's raw vectors are metric; the traffic library's are in feet and knots. */
  metric: boolean;
}

function csvColumns(header: string[], file: string): CsvColumns {
  const has = (name: string) => header.includes(name);
  const pick = (...names: string[]) => names.find(has) ?? null;
  if (!has('icao24')) throw new InputFileError(file, `no icao24 column (expected ADS-B state vectors; columns are ${header.slice(0, 12).join(', ')})`);
  if (has('latitude') && has('longitude')) {
    const time = ['time_utc', 'timestamp', 'time'].filter(has);
    if (time.length === 0) throw new InputFileError(file, 'no time column (time_utc, timestamp or time)');
    return { layout: 'traffic-csv', icao24: 'icao24', lat: 'latitude', lon: 'longitude', time, altitude: pick('altitude', 'geoaltitude'), speed: pick('groundspeed'), course: pick('track', 'heading'), onGround: pick('onground'), callsign: pick('callsign'), metric: false };
  }
  if (has('lat') && has('lon') && has('time')) {
    return { layout: 'opensky-states-csv', icao24: 'icao24', lat: 'lat', lon: 'lon', time: ['time'], altitude: pick('baroaltitude', 'geoaltitude'), speed: pick('velocity'), course: pick('heading'), onGround: pick('onground'), callsign: pick('callsign'), metric: true };
  }
  throw new InputFileError(file, 'no latitude/longitude (or lat/lon) columns (expected ADS-B state vectors)');
}

/** A time cell: ISO text, or Unix seconds or milliseconds. */
function timeCell(field: string, value: string): string {
  const numeric = /^\d+(\.\d+)?$/.test(value);
  const instant = numeric ? toInstant(Number(value) > 1e11 ? Number(value) : Number(value) * 1000) : toInstant(value);
  if (instant === null) throw new RowError(field, `not a time we can read: ${JSON.stringify(value)}`);
  return instant;
}

function numberCell(field: string, value: string | undefined): number | null {
  const s = blank(value);
  if (s === null) return null;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new RowError(field, `expected a number, got ${JSON.stringify(s)}`);
  return n;
}

function booleanCell(field: string, value: string | undefined): boolean | null {
  const s = blank(value);
  if (s === null) return null;
  if (/^(true|1|t|yes)$/i.test(s)) return true;
  if (/^(false|0|f|no)$/i.test(s)) return false;
  throw new RowError(field, `expected true or false, got ${JSON.stringify(s)}`);
}

/** One CSV row as a report; null when it has no position (counted as skipped). */
function csvReport(row: CsvRow, c: CsvColumns): { report: TrackReport; callsign: string | null } | null {
  const v = row.values;
  const icao = icao24Schema.safeParse(v[c.icao24] ?? '');
  if (!icao.success) throw new RowError(c.icao24, `not an ICAO 24-bit address: ${JSON.stringify(v[c.icao24] ?? '')}`);
  const timeField = c.time.find((f) => blank(v[f]) !== null);
  if (!timeField) throw new RowError(c.time[0]!, 'no time');
  const seen_at = timeCell(timeField, blank(v[timeField])!);
  const lat = numberCell(c.lat, v[c.lat]);
  const lon = numberCell(c.lon, v[c.lon]);
  if (lat === null && lon === null) return null;
  if (lat === null || lon === null) throw new RowError(lat === null ? c.lat : c.lon, 'a position needs both latitude and longitude');
  checkPosition(lat, lon, c.lat, c.lon);
  const scale = (n: number | null, k: number) => (n === null ? null : c.metric ? n * k : n);
  const course = c.course ? numberCell(c.course, v[c.course]) : null;
  return {
    report: {
      line: row.line,
      key: icao.data,
      seen_at,
      lat,
      lon,
      altitude_ft: c.altitude ? scale(numberCell(c.altitude, v[c.altitude]), FEET_PER_METRE) : null,
      speed_kn: c.speed ? scale(numberCell(c.speed, v[c.speed]), KNOTS_PER_MPS) : null,
      course_deg: course === null ? null : ((course % 360) + 360) % 360,
      on_ground: c.onGround ? booleanCell(c.onGround, v[c.onGround]) : null,
    },
    callsign: c.callsign ? (blank(v[c.callsign])?.toUpperCase() ?? null) : null,
  };
}

function checkPosition(lat: number, lon: number, latField: string, lonField: string): void {
  if (lat < -90 || lat > 90) throw new RowError(latField, `latitude ${lat} is outside -90..90`);
  if (lon < -180 || lon > 180) throw new RowError(lonField, `longitude ${lon} is outside -180..180`);
}

// readsb trace_full: {icao, r, t, desc, ownOp, timestamp, trace: [[dt, lat, lon, alt|"ground", gs, track, flags, vrate, details|null, source, geom alt, geom rate, ias, roll], …]}
interface ReadsbTrace {
  icao?: unknown;
  r?: unknown;
  t?: unknown;
  desc?: unknown;
  ownOp?: unknown;
  timestamp?: unknown;
  trace?: unknown;
}

async function* readsbBatches(file: string): AsyncGenerator<TrackBatch> {
  const bytes = await readFile(file);
  let text: string;
  try {
    text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8').replace(/^\uFEFF/, '');
  } catch {
    throw new InputFileError(file, 'the gzip data is damaged (expected a readsb trace)');
  }
  let doc: ReadsbTrace;
  try {
    doc = JSON.parse(text) as ReadsbTrace;
  } catch (err) {
    throw new InputFileError(file, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.trace)) throw new InputFileError(file, 'no "trace" array (expected a readsb trace_full file)');
  const icao = icao24Schema.safeParse(typeof doc.icao === 'string' ? doc.icao : '');
  // A leading "~" marks a non-ICAO address (TIS-B, anonymised): it names no airframe we can follow.
  if (!icao.success) throw new InputFileError(file, `"icao" is not an ICAO 24-bit address: ${JSON.stringify(doc.icao)}`);
  if (typeof doc.timestamp !== 'number' || !Number.isFinite(doc.timestamp)) throw new InputFileError(file, '"timestamp" is not a number of seconds');
  const key = icao.data;
  const str = (x: unknown) => (typeof x === 'string' && x.trim() !== '' ? x.trim() : null);
  const desc = str(doc.desc);
  const type = str(doc.t);
  const identity: TrackIdentity & { key: string } = {
    kind: 'aircraft',
    key,
    icao24: key,
    hull_or_tail: str(doc.r),
    subtype: desc && type ? `${desc} (${type})` : (desc ?? type),
    operator: str(doc.ownOp),
  };
  const lines = traceEntryLines(text);
  const base = doc.timestamp;
  let batch = emptyBatch();
  batch.identities.push(identity);
  let callsign: string | null = null;
  for (let i = 0; i < doc.trace.length; i++) {
    if (batch.rows >= BATCH_SIZE) {
      yield batch;
      batch = emptyBatch();
    }
    const entry: unknown = doc.trace[i];
    const line = lines[i] ?? 0;
    batch.rows++;
    try {
      const parsed = readsbEntry(entry, base, key, line);
      if (parsed.callsign && parsed.callsign !== callsign) {
        callsign = parsed.callsign;
        batch.identities.push({ kind: 'aircraft', key, icao24: key, callsign });
      }
      if (parsed.report) batch.reports.push(parsed.report);
      else batch.skipped++;
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      const reject: RowReject = { line, field: err.field, reason: err.message, raw: JSON.stringify(entry) };
      batch.rejects.push(reject);
    }
  }
  yield batch;
}

function readsbEntry(entry: unknown, base: number, key: string, line: number): { report: TrackReport | null; callsign: string | null } {
  if (!Array.isArray(entry) || entry.length < 3) throw new RowError('trace', 'a trace entry is an array of at least [seconds, lat, lon]');
  const [dt, lat, lon, alt, gs, track] = entry as unknown[];
  const details = entry[8];
  const callsign = details && typeof details === 'object' && typeof (details as { flight?: unknown }).flight === 'string' ? (details as { flight: string }).flight.trim().toUpperCase() || null : null;
  if (typeof dt !== 'number' || !Number.isFinite(dt)) throw new RowError('seconds', `seconds after the file's timestamp is not a number: ${JSON.stringify(dt)}`);
  if (lat === null && lon === null) return { report: null, callsign };
  if (typeof lat !== 'number' || typeof lon !== 'number') throw new RowError(typeof lat !== 'number' ? 'lat' : 'lon', `position is not a pair of numbers: ${JSON.stringify([lat, lon])}`);
  checkPosition(lat, lon, 'lat', 'lon');
  const num = (field: string, x: unknown) => {
    if (x === null || x === undefined) return null;
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new RowError(field, `expected a number, got ${JSON.stringify(x)}`);
    return x;
  };
  const onGround = alt === 'ground';
  const seen_at = toInstant(Math.round((base + dt) * 1000));
  if (seen_at === null) throw new RowError('seconds', `time out of range: ${base + dt}`);
  return {
    report: {
      line,
      key,
      seen_at,
      lat,
      lon,
      altitude_ft: onGround ? null : num('altitude', alt),
      speed_kn: num('ground speed', gs),
      course_deg: num('track', track),
      on_ground: onGround ? true : alt === null || alt === undefined ? null : false,
    },
    callsign,
  };
}

/**
 * The 1-based line on which each element of the top-level "trace" array starts, so rejects can
 * point into the file. Walks the text once, minding strings and nesting.
 */
export function traceEntryLines(text: string): number[] {
  const lines: number[] = [];
  const start = text.search(/"trace"\s*:\s*\[/);
  if (start < 0) return lines;
  let line = 1;
  for (let i = 0; i < start; i++) if (text.charCodeAt(i) === 10) line++;
  let i = text.indexOf('[', start) + 1;
  let depth = 1;
  let inString = false;
  let expectingElement = true;
  for (; i < text.length && depth > 0; i++) {
    const ch = text[i]!;
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
    if (depth === 1 && expectingElement && ch !== ']') {
      lines.push(line);
      expectingElement = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectingElement = true;
  }
  return lines;
}

/** Reads a whole track file into one batch (for tests and small files). */
export async function readAdsbFile(file: string): Promise<TrackBatch & { layout: string }> {
  const reader = new AdsbReader(file);
  const all = emptyBatch();
  for await (const b of reader.batches()) {
    all.reports.push(...b.reports);
    all.identities.push(...b.identities);
    all.rejects.push(...b.rejects);
    all.skipped += b.skipped;
    all.rows += b.rows;
  }
  return { ...all, layout: reader.layout() };
}
