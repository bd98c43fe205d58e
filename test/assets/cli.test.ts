// The asset, sighting, buildup and track commands, and the track imports, run as a person would run them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register as assetCommand } from '../../src/cli/asset.js';
import { register as buildupCommand } from '../../src/cli/buildup.js';
import { CliError, type CliContext } from '../../src/cli/context.js';
import { importAdsb, importAis } from '../../src/cli/import-tracks.js';
import { register as sightingCommand } from '../../src/cli/sighting.js';
import { register as trackCommand } from '../../src/cli/track.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { sqliteLocation, type TestStoreLocation } from '../helpers/stores.js';

const ADSB = new URL('../../data/demo/adsb_traffic_sample_aircraft_carrier.csv', import.meta.url).pathname;
const AIS = new URL('../../data/demo/ais_nmea_receiver_log_nl_2020.nmea', import.meta.url).pathname;

describe('asset, sighting, buildup, track and import adsb|ais commands', () => {
  let where: TestStoreLocation;
  let store: Store;
  let out: string[];
  let ctx: CliContext;

  async function run(...args: string[]): Promise<string> {
    out = [];
    const program = new Command('groundtruth').exitOverride();
    for (const register of [assetCommand, sightingCommand, buildupCommand, trackCommand]) register(program, ctx);
    await program.parseAsync(args, { from: 'user' });
    return out.join('\n');
  }
  const json = async (...args: string[]) => JSON.parse(await run(...args, '--json')) as unknown;

  beforeAll(async () => {
    where = await sqliteLocation();
    store = await openStore(where.location);
    ctx = {
      store: async () => store,
      print: (t) => void out.push(t),
      printJson: (v) => void out.push(JSON.stringify(v)),
      warn: () => undefined,
      interactive: false,
      fail: () => undefined,
    };
  });
  afterAll(async () => {
    await store?.close();
    await where?.cleanup();
  });

  it('adds, lists and shows assets', async () => {
    const added = (await json('asset', 'add', 'USS Gravely', '--kind', 'ship', '--subtype', 'destroyer', '--hull', 'DDG-107', '--operator', 'US Navy')) as { id: number; name: string };
    expect(added).toMatchObject({ name: 'USS Gravely', hull_or_tail: 'DDG-107', kind: 'ship', operator: 'US Navy' });
    await run('asset', 'add', 'USS San Antonio', '--kind', 'ship', '--hull', 'LPD-17', '--operator', 'US Navy');
    const listed = (await json('asset', 'list', '--kind', 'ship')) as { name: string }[];
    expect(listed.map((a) => a.name)).toEqual(['USS Gravely', 'USS San Antonio']);
    expect(await run('asset', 'list')).toMatch(/USS Gravely\s+DDG-107/);
    await expect(run('asset', 'add', 'Nameless', '--kind', 'submarine')).rejects.toThrow(CliError);
    await expect(run('asset', 'show', 'USS Nowhere')).rejects.toThrow(/no asset matches/);
  });

  it('adds sightings by hand and reads them back as a table, CSV and GeoJSON', async () => {
    await run('sighting', 'add', 'DDG-107', '--at', '2025-10-24T13:05Z', '--lat', '11.2', '--lon', '-67.0', '--source', 'https://example.org/photo-release', '--kind', 'official_photo');
    await run('sighting', 'add', 'DDG-107', '--at', '2025-10-26', '--lat', '10.9', '--lon', '-61.9', '--source', 'press report', '--precision', '20');
    await expect(run('sighting', 'add', 'DDG-107', '--at', '2025-10-26', '--lat', '10.9', '--lon', '-61.9', '--source', 'press report')).rejects.toThrow(/already has a sighting/);
    await expect(run('sighting', 'add', 'DDG-107', '--at', 'last week', '--lat', '1', '--lon', '1', '--source', 's')).rejects.toThrow(/not a time/);
    const shown = (await json('asset', 'show', 'gravely')) as { sightings: number; first_seen: string; recent: { source: string }[] };
    expect(shown).toMatchObject({ sightings: 2, first_seen: '2025-10-24T13:05:00.000Z' });
    expect(shown.recent[0]!.source).toBe('press report');
    const csv = Papa.parse<Record<string, string>>(await run('sighting', 'list', 'DDG-107', '--format', 'csv'), { header: true, skipEmptyLines: true }).data;
    expect(csv.map((r) => [r.asset, r.seen_at, r.lat, r.kind])).toEqual([
      ['USS Gravely', '2025-10-24T13:05:00.000Z', '11.2', 'official_photo'],
      ['USS Gravely', '2025-10-26T00:00:00.000Z', '10.9', 'report'],
    ]);
    const geo = JSON.parse(await run('sighting', 'list', '--format', 'geojson')) as { features: { geometry: { type: string; coordinates: number[][] }; properties: { name: string } }[] };
    expect(geo.features).toHaveLength(1);
    expect(geo.features[0]!.geometry).toEqual({ type: 'LineString', coordinates: [[-67.0, 11.2], [-61.9, 10.9]] });
  });

  it('counts the build-up, and refuses a bad period', async () => {
    await run('sighting', 'add', 'LPD-17', '--at', '2025-10-25', '--lat', '15', '--lon', '-72', '--source', 'report');
    const rows = (await json('buildup', '--region', 'caribbean', '--by', 'day', '--since', '2025-10-24', '--until', '2025-10-27')) as { period: string; assets: number; names: string[] }[];
    expect(rows.map((r) => [r.period, r.assets])).toEqual([['2025-10-24', 1], ['2025-10-25', 2], ['2025-10-26', 1], ['2025-10-27', 0]]);
    expect(rows[1]!.names).toEqual(['USS Gravely (DDG-107)', 'USS San Antonio (LPD-17)']);
    expect(await run('buildup', '--region', 'bbox:-80,5,-60,20', '--by', 'week')).toMatch(/2025-W43/);
    await expect(run('buildup', '--region', 'caribbean', '--by', 'month')).rejects.toThrow(/day or week/);
  });

  it('imports ADS-B and AIS files, twice without duplicates, and keeps rejects beside', async () => {
    const first = await captureJson(() => importAdsb(ctx, ADSB, { json: true, rejects: join(where.dir, 'adsb-rejects.csv') }));
    expect(Object.keys(first).slice(0, 4)).toEqual(['assets', 'sightings', 'skipped', 'rejected']);
    expect(first).toMatchObject({ assets: 1, rejected: 0 });
    expect(first.sightings).toBeGreaterThan(7000);
    const again = await captureJson(() => importAdsb(ctx, ADSB, { json: true, rejects: join(where.dir, 'adsb-rejects.csv') }));
    expect(again).toMatchObject({ assets: 1, sightings: 0, skipped: first.skipped, rejected: 0 });
    expect(existsSync(join(where.dir, 'adsb-rejects.csv'))).toBe(false);

    const log = readFileSync(AIS, 'utf8').split('\n');
    log.splice(20, 0, '!AIVDM,1,1,,B,13aDp<PP000IwSlN?Wm@0?wN2<1T,0*00');
    const damaged = join(where.dir, 'receiver.nmea');
    writeFileSync(damaged, log.join('\n'));
    const rejects = join(where.dir, 'ais-rejects.csv');
    const ais = await captureJson(() => importAis(ctx, damaged, { json: true, dataset: 'nl-receiver-2020', rejects }));
    expect(ais).toMatchObject({ rejected: 1, rejects_file: rejects });
    const rejected = Papa.parse<Record<string, string>>(readFileSync(rejects, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rejected).toEqual([{ line: '21', field: 'checksum', reason: 'the sentence fails its checksum', row: log[20] }]);
    const ship = (await json('asset', 'show', 'AVANTI')) as { mmsi: string; recent: { source: string; kind: string }[] };
    expect(ship.mmsi).toBe('244700667');
    expect(ship.recent[0]).toMatchObject({ source: 'nl-receiver-2020', kind: 'ais' });
  });

  it('tells the closest approach of the carrier flight to San Diego', async () => {
    const result = (await json('track', 'PSWRD35', '--closest-to', 'San Diego')) as { place: { label: string }; closest: { distance_km: number; at: string; interpolated: boolean } };
    expect(result.place.label).toMatch(/United States/);
    expect(result.closest.distance_km).toBeLessThan(10);
    expect(result.closest.at.startsWith('2020-09-1')).toBe(true);
    const text = await run('track', 'PSWRD35', '--closest-to', '32.7157,-117.1647');
    expect(text).toMatch(/closest: \d+\.\d+ km at 2020-09-1/);
    const line = JSON.parse(await run('track', 'ae0455', '--format', 'geojson')) as { features: { geometry: { type: string; coordinates: unknown[] } }[] };
    expect(line.features[0]!.geometry.type).toBe('LineString');
    expect(line.features[0]!.geometry.coordinates.length).toBe(await sightingCount());
    await expect(run('track', 'PSWRD35', '--closest-to', 'Atlantis City')).rejects.toThrow(/no place called/);
  });

  async function sightingCount(): Promise<number> {
    const rows = await store.db.selectFrom('sightings').innerJoin('assets', 'assets.id', 'sightings.asset_id').where('assets.icao24', '=', 'ae0455').select('sightings.id').execute();
    return rows.length;
  }

  async function captureJson(action: () => Promise<unknown>): Promise<Record<string, number | string | null>> {
    out = [];
    await action();
    return JSON.parse(out.join('\n')) as Record<string, number | string | null>;
  }
});
