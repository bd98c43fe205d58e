// The row hash decides what a re-import leaves alone, and hashes already stored must keep meaning the same.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcledReader } from '../../src/ingest/acled.js';
import { loadMapping, MappedCsvReader } from '../../src/ingest/mapping.js';
import type { EventReader } from '../../src/ingest/reader.js';
import { blankEvent, EVENT_FIELDS, type EventRecord } from '../../src/model/event.js';
import { recordHash } from '../../src/store/rows.js';
import { generateAcled, type AcledLayout } from '../fixtures/acled-generate.js';
import { tempDir } from '../helpers/stores.js';

/** The definition: every field in EVENT_FIELDS order, each followed by \u001f, null as \u0000, objects as JSON. */
function reference(r: EventRecord): string {
  const h = createHash('sha1');
  for (const f of EVENT_FIELDS) {
    const v = r[f];
    h.update(v === null || v === undefined ? '\u0000' : typeof v === 'object' ? JSON.stringify(v) : String(v));
    h.update('\u001f');
  }
  return h.digest('base64url');
}

async function records(reader: EventReader): Promise<EventRecord[]> {
  const out: EventRecord[] = [];
  for await (const batch of reader.batches()) out.push(...batch.records);
  return out;
}

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recordHash', () => {
  it('hashes what it always hashed, for records of every reader and layout', async () => {
    const all: EventRecord[] = [];
    for (const layout of ['current', 'legacy', 'legacy-iso3', 'excel'] as AcledLayout[]) {
      const file = join(dir, `${layout}.csv`);
      await generateAcled(file, { rows: 300, seed: 5, layout });
      all.push(...(await records(new AcledReader(file))));
    }
    const ucdp = new URL('../../data/demo/ucdp_ged_afghanistan_subset_2001_2018.csv', import.meta.url).pathname;
    const mapping = await loadMapping(new URL('../../data/mappings/ucdp-ged-subset.json', import.meta.url).pathname);
    all.push(...(await records(new MappedCsvReader(ucdp, mapping))));
    all.push({ ...blankEvent(), source_id: 'x', date_start: '2024-01-01', date_end: '2024-01-01', date_precision: 'day' } as EventRecord);
    expect(all.length).toBeGreaterThan(1400);
    for (const r of all) expect(recordHash(r)).toBe(reference(r));
    const r = all[0]!;
    expect(recordHash(r, JSON.stringify(r.extra))).toBe(reference(r));
  });

  it('gives the digest stored by earlier versions', () => {
    const r = { ...blankEvent(), source_id: 'AFG1', date_start: '2021-08-26', date_end: '2021-08-26', date_precision: 'day', lat: 34.5, lon: -0.25, civilian_targeting: true, fatalities_best: 170, notes: 'é ✓', extra: { inter1: 2, region: 'Asia' } } as EventRecord;
    expect(recordHash(r)).toBe(reference(r));
    expect(recordHash(r)).toMatchInlineSnapshot(`"-UNFTlWold5qGzTgTZJzJXI3v08"`);
  });
});
