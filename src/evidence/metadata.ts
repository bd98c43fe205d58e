// Metadata a file carries about itself: EXIF position and capture time of photos, duration and creation
// time of videos. Extraction never fails an import of evidence: a failure is recorded with its reason.
import exifr from 'exifr';
import type { EvidenceMetadata } from '../model/desk.js';
import { ffprobeAvailable, probeVideo } from './ffprobe.js';

const none = (note: string | null): EvidenceMetadata => ({ fields: {}, lat: null, lon: null, taken_at: null, duration_s: null, status: 'none', note });

export async function extractMetadata(path: string, mime: string | null): Promise<EvidenceMetadata> {
  try {
    if (mime?.startsWith('image/')) return await photoMetadata(path, mime);
    if (mime?.startsWith('video/')) return await videoMetadata(path);
    return none(mime ? `no metadata reader for ${mime}` : 'type not recognised');
  } catch (err) {
    return { fields: {}, lat: null, lon: null, taken_at: null, duration_s: null, status: 'failed', note: err instanceof Error ? err.message : String(err) };
  }
}

interface ExifOutput {
  latitude?: number;
  longitude?: number;
  DateTimeOriginal?: string;
  OffsetTimeOriginal?: string;
  CreateDate?: string;
  OffsetTimeDigitized?: string;
  ModifyDate?: string;
  OffsetTime?: string;
  GPSDateStamp?: string;
  GPSTimeStamp?: number[];
  [key: string]: unknown;
}

async function photoMetadata(path: string, mime: string): Promise<EvidenceMetadata> {
  let exif: ExifOutput | undefined;
  try {
    // Raw values: EXIF times carry no zone, and turning them into Dates would invent one.
    exif = (await exifr.parse(path, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      interop: false,
      makerNote: false,
      userComment: false,
      xmp: false,
      icc: false,
      iptc: false,
      reviveValues: false,
    })) as ExifOutput | undefined;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/unknown file format/i.test(message)) return none(`no EXIF reader for ${mime}`);
    throw err;
  }
  // exifr reads what it can and lists what it could not under `errors`.
  const { errors, ...found } = (exif ?? {}) as ExifOutput & { errors?: unknown[] };
  const problems = (errors ?? []).map((e) => (e instanceof Error ? e.message : String(e)));
  if (Object.keys(found).length === 0) {
    if (problems.length) return { fields: {}, lat: null, lon: null, taken_at: null, duration_s: null, status: 'failed', note: `EXIF unreadable: ${problems.join('; ')}` };
    return none('the file holds no EXIF metadata');
  }
  exif = found;
  const fields = jsonSafe(exif);
  const gpsTime = gpsUtc(exif.GPSDateStamp, exif.GPSTimeStamp);
  if (gpsTime) fields.GPSDateTimeUTC = gpsTime;
  const lat = finite(exif.latitude);
  const lon = finite(exif.longitude);
  const taken =
    exifTime(exif.DateTimeOriginal, exif.OffsetTimeOriginal) ?? gpsTime ?? exifTime(exif.CreateDate, exif.OffsetTimeDigitized) ?? exifTime(exif.ModifyDate, exif.OffsetTime);
  const placed = lat !== null && lon !== null;
  const note = problems.length ? `EXIF partly unreadable: ${problems.join('; ')}` : null;
  return { fields, lat: placed ? lat : null, lon: placed ? lon : null, taken_at: taken, duration_s: null, status: 'extracted', note };
}

async function videoMetadata(path: string): Promise<EvidenceMetadata> {
  if (!(await ffprobeAvailable())) {
    return { fields: {}, lat: null, lon: null, taken_at: null, duration_s: null, status: 'skipped', note: 'ffprobe is not installed: video duration and creation time not read' };
  }
  const v = await probeVideo(path);
  return { fields: { streams: v.streams, tags: v.tags }, lat: v.lat, lon: v.lon, taken_at: v.created_at, duration_s: v.duration_s, status: 'extracted', note: null };
}

/** "2025:10:27 14:05:09" (+ "-06:00") → "2025-10-27T14:05:09-06:00"; without an offset the zone stays unknown. */
export function exifTime(value: unknown, offset?: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m || m[1] === '0000') return null;
  const zone = typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : '';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`;
}

/** GPS date and time are UTC by definition. */
function gpsUtc(date: unknown, time: unknown): string | null {
  if (typeof date !== 'string' || !Array.isArray(time) || time.length < 3) return null;
  const d = /^(\d{4}):(\d{2}):(\d{2})$/.exec(date.trim());
  if (!d) return null;
  const [h, m, s] = time.map(Number) as [number, number, number];
  if (![h, m, s].every(Number.isFinite)) return null;
  const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
  return `${d[1]}-${d[2]}-${d[3]}T${pad(h)}:${pad(m)}:${pad(s)}Z`;
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Keeps what JSON can hold; binary blobs (thumbnails, maker notes) are dropped. */
function jsonSafe(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v instanceof Uint8Array || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) continue;
    if (typeof v === 'number' && !Number.isFinite(v)) continue;
    if (Array.isArray(v) && v.some((x) => typeof x === 'object' && x !== null)) continue;
    out[k] = v;
  }
  return out;
}
