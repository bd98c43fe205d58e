// Reads AIS logs: NMEA !AIVDM/!AIVDO sentences with the receiver's time, decoded by ggencoder
// (the decoder Signal K uses). Position reports (types 1, 2, 3, 18, 19) become sightings; static
// reports (5, 19, 24A/B) name the vessel. Multi-sentence messages are put back together here, keyed by
// their sequence id, so interleaved messages decode.
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import type { TrackBatch, TrackIdentity, TrackReport } from '../model/asset.js';
import { InputFileError, type RowReject } from '../model/reject.js';
import { assertTextFile } from './csv.js';

/** The fields of ggencoder's AisDecode that we read. */
interface AisMessage {
  valid: boolean;
  error: string;
  aistype?: number;
  mmsi?: string;
  lat?: number;
  lon?: number;
  sog?: number;
  cog?: number;
  shipname?: string;
  callsign?: string;
  cargo?: number;
  part?: number;
  GetVesselType(): string | undefined;
}
type AisDecodeCtor = new (sentence: string, session?: Record<string, unknown>) => AisMessage;
const require = createRequire(import.meta.url);
const { AisDecode } = require('ggencoder') as { AisDecode: AisDecodeCtor };

/** Message types that report a vessel's position, and those that say who it is. */
const POSITION_TYPES = new Set([1, 2, 3, 18, 19]);
const STATIC_TYPES = new Set([5, 19, 24]);

const BATCH_SIZE = 2000;

/** XOR of the characters between the start mark and '*', as NMEA 0183 defines it. */
export function nmeaChecksumOk(sentence: string): boolean {
  const star = sentence.lastIndexOf('*');
  if (star < 1 || star + 3 > sentence.length) return false;
  let sum = 0;
  for (let i = 1; i < star; i++) sum ^= sentence.charCodeAt(i);
  return sum === Number.parseInt(sentence.slice(star + 1, star + 3), 16);
}

/** The instant of a $--RMC sentence (hhmmss.ss, ddmmyy), or null when it carries none. */
export function rmcInstant(sentence: string): string | null {
  const f = sentence.split(',');
  const time = f[1] ?? '';
  const date = f[9] ?? '';
  const t = time.match(/^(\d{2})(\d{2})(\d{2})(\.\d+)?$/);
  const d = date.match(/^(\d{2})(\d{2})(\d{2})$/);
  if (!t || !d) return null;
  const yy = Number(d[3]);
  const year = yy < 80 ? 2000 + yy : 1900 + yy;
  const ms = Math.round(Number(t[4] ?? '0') * 1000);
  const at = new Date(Date.UTC(year, Number(d[2]) - 1, Number(d[1]), Number(t[1]), Number(t[2]), Number(t[3]), ms));
  if (Number.isNaN(at.getTime()) || at.getUTCDate() !== Number(d[1]) || Number(t[1]) > 23 || Number(t[2]) > 59 || Number(t[3]) > 60) return null;
  return at.toISOString();
}

/** The six-bit message type from the first payload character. */
function payloadType(payload: string): number {
  const c = payload.charCodeAt(0) - 48;
  return c > 40 ? c - 8 : c;
}

/** Unix seconds (or milliseconds) as an instant, for tag blocks and the timestamps some loggers append. */
function unixInstant(text: string): string | null {
  if (!/^\d{9,13}(\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  return new Date(n > 1e11 ? n : n * 1000).toISOString();
}

interface Fragment {
  session: Record<string, unknown>;
  next: number;
  total: number;
  firstLine: number;
  raw: string[];
}

export class AisReader {
  readonly format = 'ais';
  constructor(readonly file: string) {}

  layout(): string {
    return 'nmea';
  }

  async *batches(): AsyncGenerator<TrackBatch> {
    await assertTextFile(this.file, 'an AIS log of NMEA sentences');
    const input = createInterface({ input: createReadStream(this.file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let batch = emptyBatch();
    let lineNo = 0;
    let receiverTime: string | null = null;
    let sawAis = false;
    const pending = new Map<string, Fragment>();
    const reject = (line: number, field: string, reason: string, raw: string) => batch.rejects.push({ line, field, reason, raw });

    const onMessage = (msg: AisMessage, time: string | null, line: number, raw: string) => {
      const type = msg.aistype ?? -1;
      const mmsi = msg.mmsi;
      if (!mmsi) return void batch.skipped++;
      if (STATIC_TYPES.has(type)) {
        const identity = staticIdentity(msg, type);
        if (identity) batch.identities.push({ ...identity, mmsi, key: mmsi, line });
      }
      if (!POSITION_TYPES.has(type)) return;
      // Latitude 91 and longitude 181 mean "not available": ggencoder then leaves valid false.
      if (!msg.valid || msg.lat === undefined || msg.lon === undefined || Math.abs(msg.lat) > 90 || Math.abs(msg.lon) > 180) return void batch.skipped++;
      if (time === null) return reject(line, 'time', 'no receiver time before this position report (no $--RMC line, tag block or timestamp)', raw);
      const report: TrackReport = {
        line,
        key: mmsi,
        seen_at: time,
        lat: msg.lat,
        lon: msg.lon,
        altitude_ft: null,
        // 102.3 knots and 360 degrees are the "not available" values.
        speed_kn: msg.sog === undefined || msg.sog >= 102.3 ? null : msg.sog,
        course_deg: msg.cog === undefined || msg.cog >= 360 ? null : msg.cog,
        on_ground: null,
      };
      batch.reports.push(report);
    };

    for await (const text of input) {
      if (batch.rows >= BATCH_SIZE) {
        yield batch;
        batch = emptyBatch();
      }
      lineNo++;
      let line = text.trim();
      if (line === '' || line.startsWith('#')) continue;
      batch.rows++;
      let time = receiverTime;
      // A tag block (\s:station,c:1586295590*hh\) carries the time the receiver stamped.
      if (line.startsWith('\\')) {
        const end = line.indexOf('\\', 1);
        if (end < 0) {
          reject(lineNo, 'tag block', 'the tag block is not closed', text);
          continue;
        }
        const stamp = line.slice(1, end).match(/(?:^|,)c:(\d+)/);
        if (stamp) time = unixInstant(stamp[1]!) ?? time;
        line = line.slice(end + 1);
      }
      if (line.startsWith('$')) {
        if (/^\$[A-Z]{2}RMC,/.test(line)) {
          if (!nmeaChecksumOk(line)) reject(lineNo, 'checksum', 'the RMC sentence fails its checksum', text);
          else {
            const at = rmcInstant(line);
            if (at) receiverTime = at;
          }
        }
        continue; // other GPS sentences (GGA, GSV, …) say nothing of vessels
      }
      if (!/^![A-Z]{2}VD[MO],/.test(line)) {
        reject(lineNo, 'sentence', 'not an AIS sentence (!AIVDM or !AIVDO) nor an NMEA line', text);
        continue;
      }
      sawAis = true;
      const fields = line.split(',');
      // Some loggers append fields after the checksum (station, signal, Unix time): the last may be the time.
      if (fields.length > 7) {
        const stamp = unixInstant(fields[fields.length - 1]!);
        if (stamp) time = stamp;
      }
      const sentence = fields.slice(0, 7).join(',');
      if (fields.length < 7 || !nmeaChecksumOk(sentence)) {
        reject(lineNo, fields.length < 7 ? 'sentence' : 'checksum', fields.length < 7 ? `has ${fields.length} fields where an AIS sentence has 7` : 'the sentence fails its checksum', text);
        continue;
      }
      const total = Number(fields[1]);
      const part = Number(fields[2]);
      const payload = fields[5] ?? '';
      if (!Number.isInteger(total) || !Number.isInteger(part) || total < 1 || part < 1 || part > total || payload === '') {
        reject(lineNo, 'sentence', `fragment ${fields[2]} of ${fields[1]} is not a valid part number`, text);
        continue;
      }
      if (total === 1) {
        if (!wanted(payloadType(payload))) {
          batch.skipped++;
        } else {
          const msg = new AisDecode(sentence);
          if (msg.aistype === undefined) reject(lineNo, 'payload', msg.error || 'the payload has characters outside the AIS alphabet', text);
          else onMessage(msg, time, lineNo, text);
        }
      } else {
        const key = `${fields[3]}|${total}`;
        let frag = pending.get(key);
        if (part === 1) {
          if (frag) reject(frag.firstLine, 'fragments', `multi-sentence message never completed (part ${frag.next} of ${frag.total} missing)`, frag.raw.join('\n'));
          frag = { session: {}, next: 1, total, firstLine: lineNo, raw: [] };
          pending.set(key, frag);
        }
        if (!frag || part !== frag.next) {
          reject(lineNo, 'fragments', `part ${part} of ${total} arrived without part ${frag ? frag.next : 1}`, text);
          if (frag) pending.delete(key);
          continue;
        }
        frag.raw.push(text);
        frag.next++;
        if (part < total) {
          new AisDecode(sentence, frag.session);
          continue;
        }
        pending.delete(key);
        const first = frag.raw[0]!.split(',')[5] ?? '';
        if (!wanted(payloadType(first))) {
          batch.skipped++;
          continue;
        }
        // ggencoder keeps the earlier parts in the session object we hand it.
        const msg = new AisDecode(sentence, frag.session);
        if (msg.aistype === undefined) reject(frag.firstLine, 'payload', msg.error || 'the payload has characters outside the AIS alphabet', frag.raw.join('\n'));
        else onMessage(msg, time, frag.firstLine, frag.raw.join('\n'));
      }
    }
    for (const frag of pending.values()) reject(frag.firstLine, 'fragments', `multi-sentence message never completed (part ${frag.next} of ${frag.total} missing at the end of the file)`, frag.raw.join('\n'));
    if (!sawAis) throw new InputFileError(this.file, 'no AIS sentences (!AIVDM or !AIVDO) in the file (expected an AIS log of NMEA sentences)');
    yield batch;
  }
}

function wanted(type: number): boolean {
  return POSITION_TYPES.has(type) || STATIC_TYPES.has(type);
}

function emptyBatch(): TrackBatch {
  return { reports: [], identities: [], rejects: [] as RowReject[], skipped: 0, rows: 0 };
}

/** Who the vessel is, from a type 5, 19 or 24 message (24 comes in two parts: A names, B gives callsign and type). */
function staticIdentity(msg: AisMessage, type: number): TrackIdentity | null {
  const clean = (s: string | undefined) => {
    const t = (s ?? '').replace(/@+$/, '').trim();
    return t === '' ? null : t;
  };
  const shipType = msg.cargo ? (msg.GetVesselType() ?? null) : null;
  if (type === 24 && msg.part === 0) return { kind: 'ship', name: clean(msg.shipname) };
  if (type === 24) return { kind: 'ship', callsign: clean(msg.callsign), subtype: shipType };
  return { kind: 'ship', name: clean(msg.shipname), callsign: clean(msg.callsign), subtype: shipType };
}

/** Reads a whole AIS log into memory (for tests and small files): reports, identities, rejects, skips. */
export async function readAisFile(file: string): Promise<TrackBatch> {
  const all = emptyBatch();
  for await (const b of new AisReader(file).batches()) {
    all.reports.push(...b.reports);
    all.identities.push(...b.identities);
    all.rejects.push(...b.rejects);
    all.skipped += b.skipped;
    all.rows += b.rows;
  }
  return all;
}
