// The foundation through the CLI, as a journalist would use it, on both engines.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAcled, generateAcledDeleted, acledEvents } from '../fixtures/acled-generate.js';
import { cli, cliJson } from '../helpers/cli.js';
import { ENGINES, type TestStoreLocation } from '../helpers/stores.js';

const demo = (f: string) => new URL(`../../data/demo/${f}`, import.meta.url).pathname;
const mapping = (f: string) => new URL(`../../data/mappings/${f}`, import.meta.url).pathname;

interface ImportJson {
  dataset: string;
  import_id: number;
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
  rejected: number;
  rejects_file: string | null;
}

describe.each(ENGINES)('CLI on $engine', ({ make }) => {
  let where: TestStoreLocation;
  let db: string[];
  let acled: string;

  beforeAll(async () => {
    where = await make();
    db = ['--db', where.location];
    acled = join(where.dir, 'acled.csv');
    await generateAcled(acled, { rows: 400, seed: 11, layout: 'legacy', bom: true, crlf: true });
  });
  afterAll(async () => where?.cleanup());

  it('imports an ACLED export and reports it as JSON', async () => {
    const r = await cliJson<ImportJson>([...db, 'import', 'acled', acled, '--json', '--access-date', '2026-11-27', '--rejects', join(where.dir, 'r.csv')]);
    expect(r).toMatchObject({ dataset: 'acled', inserted: 400, updated: 0, unchanged: 0, deleted: 0, rejected: 0, rejects_file: null });
    expect(typeof r.import_id).toBe('number');
  });

  it('re-imports an update and marks deleted events, keeping history', async () => {
    const update = join(where.dir, 'acled-2.csv');
    await generateAcled(update, { rows: 400, seed: 12, baseSeed: 11, changedFraction: 0.1, layout: 'current' });
    const gone = join(where.dir, 'deleted.csv');
    const ids = [...acledEvents({ rows: 2, seed: 11 })].map((e) => e.id);
    await generateAcledDeleted(gone, ids);
    const r = await cliJson<ImportJson>([...db, 'import', 'acled', update, '--deleted', gone, '--json', '--rejects', join(where.dir, 'r.csv')]);
    const changed = [...acledEvents({ rows: 400, seed: 12, baseSeed: 11, changedFraction: 0.1 })].filter((e) => e.changed);
    // The update comes in the current layout: fields the legacy layout lacked (disorder_type, tags…) change too.
    expect(r.inserted).toBe(0);
    expect(r.updated + r.unchanged).toBe(400);
    expect(r.updated).toBeGreaterThanOrEqual(changed.length);
    expect(r.deleted).toBe(2);
    const h = await cli([...db, 'history', `acled/${changed[0]!.id}`]);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/revision 2 \(import \d+\)/);
    expect(h.stdout).toMatch(/fatalities_best|notes/);
    const hj = await cliJson<{ revisions: { revision: number; changes: { field: string }[] }[] }>([...db, 'history', `acled/${ids[0]}`, '--json']);
    expect(hj.revisions.at(-1)!.changes.map((c) => c.field)).toContain('deleted_at');
  });

  it('lists datasets with provenance', async () => {
    const ds = await cliJson<{ name: string; events: number; deleted: number; access_date: string; imports: { sha256: string; layout: string }[] }[]>([...db, 'datasets', '--json']);
    const a = ds.find((d) => d.name === 'acled')!;
    // The dataset cites the access date of its latest import (the update, downloaded today).
    expect(a).toMatchObject({ events: 398, deleted: 2, access_date: new Date().toISOString().slice(0, 10) });
    expect(a.imports.map((i) => i.layout)).toEqual(['acled-legacy', 'acled-current']);
    expect(a.imports[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('imports the demo UCDP subset and boat strikes through shipped mappings', async () => {
    const u = await cliJson<ImportJson>([...db, 'import', 'csv', demo('ucdp_ged_afghanistan_subset_2001_2018.csv'), '--mapping', mapping('ucdp-ged-subset.json'), '--json']);
    expect(u).toMatchObject({ dataset: 'ucdp-ged-afghanistan', inserted: 310, rejected: 0 });
    const b = await cliJson<ImportJson>([...db, 'import', 'csv', demo('us_boat_strikes_2025.csv'), '--mapping', mapping('us-boat-strikes-2025.json'), '--dataset', 'boat-strikes-list', '--json']);
    expect(b).toMatchObject({ dataset: 'boat-strikes-list', inserted: 28, rejected: 0 });
  });

  it('lists events as flat JSON with the fields a script needs', async () => {
    const events = await cliJson<Record<string, unknown>[]>([...db, 'events', 'country:Afghanistan actor:IS-K dataset:ucdp-ged-afghanistan', '--format', 'json']);
    expect(events.length).toBeGreaterThan(10);
    for (const key of ['id', 'dataset', 'source_id', 'date_start', 'date_end', 'date_precision', 'event_type', 'actor1', 'actor2', 'country', 'iso3', 'admin1', 'admin2', 'location', 'lat', 'lon', 'fatalities_low', 'fatalities_best', 'fatalities_high', 'civilian_targeting', 'revision']) {
      expect(events[0]).toHaveProperty(key);
    }
    expect(events.every((e) => e.actor1 === 'IS' || e.actor2 === 'IS')).toBe(true);
    const expected = readFileSync(demo('ucdp_ged_afghanistan_subset_2001_2018.csv'), 'utf8').split('\n').filter((l) => /,IS,|,IS,/.test(l)).length;
    expect(events.length).toBe(expected);
  });

  it('exports GeoJSON and KML', async () => {
    const out = join(where.dir, 'is.geojson');
    const r = await cli([...db, 'export', 'actor:ISKP date:2015..2018', '--format', 'geojson', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const fc = JSON.parse(readFileSync(out, 'utf8')) as { features: { geometry: { coordinates: number[] } }[] };
    expect(fc.features.length).toBeGreaterThan(5);
    expect(fc.features[0]!.geometry.coordinates).toHaveLength(2);
    const kml = await cli([...db, 'export', 'dataset:boat-strikes-list', '--format', 'kml']);
    expect(kml.stdout).toMatch(/^<\?xml/);
    expect(kml.stdout).toContain('<kml xmlns="http://www.opengis.net/kml/2.2">');
  });

  it('refuses a file that is not what it claims, naming it', async () => {
    const notAcled = demo('frontex_ibc_monthly_by_route_2009_2025.csv');
    const r = await cli([...db, 'import', 'acled', notAcled]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('frontex_ibc_monthly_by_route_2009_2025.csv');
    expect(r.stderr).toMatch(/ACLED/);
    const bin = join(where.dir, 'binary.csv');
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    const rb = await cli([...db, 'import', 'ucdp', bin]);
    expect(rb.code).not.toBe(0);
    expect(rb.stderr).toMatch(/binary\.csv.*binary/);
    const bad = await cli([...db, 'events', 'date:2021-02-30']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/\^/);
  });

  it('adds an actor alias that applies to loaded events', async () => {
    const r = await cliJson<{ events_updated: number }>([...db, 'actors', 'alias', 'Government of Afghanistan', 'Afghan government (UCDP)', '--json']);
    expect(r.events_updated).toBeGreaterThan(0);
    const events = await cliJson<unknown[]>([...db, 'events', 'actor:"Afghan government (UCDP)"', '--format', 'json']);
    expect(events.length).toBe(r.events_updated);
  });
});
