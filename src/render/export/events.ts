// Events out as CSV, JSON, GeoJSON or KML, streamed so a large export keeps memory flat.
import Papa from 'papaparse';
import type { StoredEvent } from '../../model/event.js';
import { FLAT_COLUMNS, flatEvent } from './flat-event.js';

export const EXPORT_FORMATS = ['csv', 'json', 'geojson', 'kml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

type Write = (chunk: string) => void | Promise<void>;

export async function writeEvents(events: AsyncIterable<StoredEvent>, format: ExportFormat, write: Write, meta: { title?: string; description?: string } = {}): Promise<number> {
  switch (format) {
    case 'csv':
      return writeCsv(events, write);
    case 'json':
      return writeJson(events, write);
    case 'geojson':
      return writeGeoJson(events, write);
    case 'kml':
      return writeKml(events, write, meta);
  }
}

async function writeCsv(events: AsyncIterable<StoredEvent>, write: Write): Promise<number> {
  let n = 0;
  await write(FLAT_COLUMNS.join(',') + '\n');
  for await (const e of events) {
    const f = flatEvent(e);
    await write(Papa.unparse([FLAT_COLUMNS.map((c) => f[c])], { header: false, newline: '\n' }) + '\n');
    n++;
  }
  return n;
}

async function writeJson(events: AsyncIterable<StoredEvent>, write: Write): Promise<number> {
  let n = 0;
  await write('[');
  for await (const e of events) {
    await write(`${n === 0 ? '\n' : ',\n'}${JSON.stringify(flatEvent(e))}`);
    n++;
  }
  await write(n === 0 ? ']\n' : '\n]\n');
  return n;
}

async function writeGeoJson(events: AsyncIterable<StoredEvent>, write: Write): Promise<number> {
  let n = 0;
  await write('{"type":"FeatureCollection","features":[');
  for await (const e of events) {
    const { lat, lon, ...properties } = flatEvent(e);
    const geometry = lat === null || lon === null ? null : { type: 'Point', coordinates: [lon, lat] };
    await write(`${n === 0 ? '\n' : ',\n'}${JSON.stringify({ type: 'Feature', id: e.id, geometry, properties })}`);
    n++;
  }
  await write('\n]}\n');
  return n;
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** KML for Google Earth: one Placemark per located event, with a TimeSpan and the fields as ExtendedData. */
async function writeKml(events: AsyncIterable<StoredEvent>, write: Write, meta: { title?: string; description?: string }): Promise<number> {
  let n = 0;
  await write(
    `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n<name>${escapeXml(meta.title ?? 'Groundtruth events')}</name>\n` +
      (meta.description ? `<description>${escapeXml(meta.description)}</description>\n` : ''),
  );
  for await (const e of events) {
    if (e.lat === null || e.lon === null) continue;
    const f = flatEvent(e);
    const name = [e.date_start, e.event_type, e.location].filter(Boolean).join(' · ');
    const data = FLAT_COLUMNS.filter((c) => f[c] !== null && c !== 'lat' && c !== 'lon')
      .map((c) => `<Data name="${c}"><value>${escapeXml(String(f[c]))}</value></Data>`)
      .join('');
    await write(
      `<Placemark id="event-${e.id}"><name>${escapeXml(name)}</name>` +
        (e.notes ? `<description>${escapeXml(e.notes)}</description>` : '') +
        `<TimeSpan><begin>${e.date_start}</begin><end>${e.date_end}</end></TimeSpan>` +
        `<ExtendedData>${data}</ExtendedData>` +
        `<Point><coordinates>${e.lon},${e.lat}</coordinates></Point></Placemark>\n`,
    );
    n++;
  }
  await write('</Document>\n</kml>\n');
  return n;
}
