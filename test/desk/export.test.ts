import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportIncidents, xmlEscape } from '../../src/store/desk/export.js';
import { createIncident } from '../../src/store/desk/incidents.js';
import { createInvestigation } from '../../src/store/desk/investigations.js';
import { addSource } from '../../src/store/desk/sources.js';
import { addEvidence } from '../../src/evidence/add.js';
import { blobStoreFor } from '../../src/evidence/location.js';
import { deskFixture, type DeskFixture } from './helpers.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Tags must nest and close, and no raw "<" or "&" may sit in text: what an XML parser would refuse. */
function assertWellFormed(xml: string) {
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  const tokens = body.split(/(<[^>]*>)/);
  for (const t of tokens) {
    if (t.startsWith('<')) {
      const m = /^<(\/?)([A-Za-z][\w:.-]*)([^>]*?)(\/?)>$/.exec(t);
      if (!m) throw new Error(`bad tag ${t}`);
      if (m[1]) expect(stack.pop()).toBe(m[2]);
      else if (!m[4]) stack.push(m[2]!);
      for (const attr of m[3]!.matchAll(/"([^"]*)"/g)) expect(attr[1]).not.toMatch(/[<&](?!amp;|lt;|gt;|quot;|apos;)/);
    } else {
      expect(t).not.toMatch(/</);
      expect(t).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    }
  }
  expect(stack).toEqual([]);
}

describe('exports of an investigation', () => {
  let f: DeskFixture;
  let hash: string;
  beforeAll(async () => {
    f = await deskFixture();
    await createInvestigation(f.alice, f.store.db, { name: 'mixed', title: 'Strikes & "raids" <draft>', description: "Tom's notes & <b>bold</b>" });
    const placed = await createIncident(f.alice, f.store.db, 'mixed', {
      ref: 'A-1',
      date_start: '2025-10-21',
      area: 'Eastern Pacific',
      location_text: 'off Colombia <approx> & "near" Buenaventura',
      lat: 3.5,
      lon: -79.2,
      casualties: { killed: { low: 2, high: 3 } },
      units: { descriptions: ['go-fast boat', 'second boat'], count: { low: 2, high: 2 } },
      grade: 'fair',
    });
    await createIncident(f.alice, f.store.db, 'mixed', { ref: 'A-2', date_start: '2025-10-22', location_text: 'international waters, Eastern Pacific' });
    await addSource(f.alice, f.store.db, 'mixed', { who: 'TRT World', url: 'https://www.trtworld.com/article/da486e0873d0', archive_url: 'https://web.archive.org/web/2025/https://www.trtworld.com/article/da486e0873d0' }, { incidentId: placed.id, role: 'report' });
    const file = join(f.dir, 'still.txt');
    writeFileSync(file, 'frame 12');
    hash = (await addEvidence(f.alice, f.store.db, blobStoreFor(f.store), file, { incidentId: placed.id })).hash;
  });
  afterAll(() => f.close());

  it('writes CSV with sources, grades and evidence hashes', async () => {
    const csv = await exportIncidents(f.alice, f.store.db, 'mixed', 'csv');
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.ref)).toEqual(['A-1', 'A-2']);
    expect(rows[0]).toMatchObject({
      location: 'off Colombia <approx> & "near" Buenaventura',
      killed_low: '2',
      killed_high: '3',
      units_high: '2',
      units: 'go-fast boat | second boat',
      grade: 'fair',
      status: 'unverified',
      sources: 'TRT World',
      source_urls: 'https://www.trtworld.com/article/da486e0873d0',
      evidence_hashes: hash,
    });
    expect(rows[0]!.archive_urls).toMatch(/^https:\/\/web\.archive\.org/);
    expect(rows[1]).toMatchObject({ killed_low: '', evidence_hashes: '' });
  });

  it('writes GeoJSON with points where known and null geometry where only words place it', async () => {
    const gj = JSON.parse(await exportIncidents(f.alice, f.store.db, 'mixed', 'geojson'));
    expect(gj.type).toBe('FeatureCollection');
    expect(gj.features.map((x: { geometry: unknown }) => x.geometry)).toEqual([{ type: 'Point', coordinates: [-79.2, 3.5] }, null]);
    expect(gj.features[0].properties).toMatchObject({ ref: 'A-1', grade: 'fair', evidence: [hash], sources: [{ who: 'TRT World', role: 'report' }] });
  });

  it('writes KML that escapes what XML must escape', async () => {
    const kml = await exportIncidents(f.alice, f.store.db, 'mixed', 'kml');
    assertWellFormed(kml);
    expect(kml).toContain('<name>Strikes &amp; &quot;raids&quot; &lt;draft&gt;</name>');
    expect(kml).toContain('<coordinates>-79.2,3.5,0</coordinates>');
    expect(kml.match(/<Placemark /g)).toHaveLength(2);
    expect(kml).toContain(xmlEscape(hash));
  });

  it('exports nothing to a non-member', async () => {
    await expect(exportIncidents(f.bob, f.store.db, 'mixed', 'csv')).rejects.toThrow(/bob may not read investigation mixed/);
  });
});
