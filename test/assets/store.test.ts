// Assets and sightings in the store, on every engine: the registry, hand entries, and track imports run twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdsbReader, readAdsbFile } from '../../src/ingest/adsb.js';
import { AisReader, readAisFile } from '../../src/ingest/ais.js';
import { fileFacts } from '../../src/ingest/file-facts.js';
import type { TrackBatch } from '../../src/model/asset.js';
import { addAsset, AssetConflictError, findAssets, listAssets, resolveAsset } from '../../src/store/assets/assets.js';
import { addSighting, DuplicateSightingError, listSightings, trackOf } from '../../src/store/assets/sightings.js';
import { importTrackBatches } from '../../src/store/assets/track-import.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { ENGINES, type TestStoreLocation } from '../helpers/stores.js';

const ADSB = new URL('../../data/demo/adsb_traffic_sample_aircraft_carrier.csv', import.meta.url).pathname;
const AIS = new URL('../../data/demo/ais_nmea_receiver_log_nl_2020.nmea', import.meta.url).pathname;

async function importFile(store: Store, file: string, format: 'adsb' | 'ais', batches?: AsyncIterable<TrackBatch>) {
  const reader = format === 'adsb' ? new AdsbReader(file) : new AisReader(file);
  return importTrackBatches(store.db, batches ?? reader.batches(), { format, layout: () => reader.layout(), file: await fileFacts(file), source: 'demo-file', rejectsFile: null });
}

const count = async (store: Store) => Number((await store.db.selectFrom('sightings').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n);

describe.each(ENGINES)('assets and sightings on $engine', ({ make }) => {
  let where: TestStoreLocation;
  let store: Store;

  beforeAll(async () => {
    where = await make();
    store = await openStore(where.location);
  });
  afterAll(async () => {
    await store?.close();
    await where?.cleanup();
  });

  it('keeps a registry found by id, name, hull number or MMSI, refusing an MMSI twice', async () => {
    const gravely = await addAsset(store.db, { name: 'USS Gravely', kind: 'ship', subtype: 'destroyer', hull_or_tail: 'DDG-107', mmsi: '369970000', operator: 'US Navy' });
    await addAsset(store.db, { name: 'USS Jason Dunham', kind: 'ship', subtype: 'destroyer', hull_or_tail: 'DDG-109', operator: 'US Navy' });
    for (const ref of [String(gravely.id), 'uss gravely', 'DDG-107', 'ddg-107', '369970000']) expect((await resolveAsset(store.db, ref)).id).toBe(gravely.id);
    expect((await findAssets(store.db, 'USS')).length).toBe(2);
    await expect(resolveAsset(store.db, 'USS')).rejects.toThrow(/2 assets match/);
    await expect(addAsset(store.db, { name: 'Impostor', kind: 'ship', mmsi: '369970000' })).rejects.toThrow(AssetConflictError);
    await expect(addAsset(store.db, { name: 'Bad', kind: 'ship', mmsi: '12345' })).rejects.toThrow(/nine digits/);
  });

  it('adds sightings by hand, once per asset, time and source', async () => {
    const gravely = await resolveAsset(store.db, 'DDG-107');
    const source = 'https://www.navy.mil/Press-Office/News-Stories/';
    const s = await addSighting(store.db, { asset_id: gravely.id, seen_at: '2025-10-26 14:00', lat: 10.65, lon: -61.52, kind: 'official_photo', source, precision_km: 5 });
    expect(s).toMatchObject({ seen_at: '2025-10-26T14:00:00.000Z', lat: 10.65, lon: -61.52, kind: 'official_photo', precision_km: 5, import_id: null });
    await expect(addSighting(store.db, { asset_id: gravely.id, seen_at: '2025-10-26T14:00:00Z', lat: 10.7, lon: -61.5, kind: 'report', source })).rejects.toThrow(DuplicateSightingError);
    await expect(addSighting(store.db, { asset_id: gravely.id, seen_at: '2025-02-30', lat: 10, lon: -61, kind: 'report', source: 'x' })).rejects.toThrow(/not a time/);
    await expect(addSighting(store.db, { asset_id: gravely.id, seen_at: '2025-10-27', lat: 95, lon: -61, kind: 'report', source: 'x' })).rejects.toThrow(/latitude/);
    const [summary] = (await listAssets(store.db, { operator: 'us navy' })).filter((a) => a.id === gravely.id);
    expect(summary).toMatchObject({ sightings: 1, first_seen: s.seen_at, last_seen: s.seen_at });
  });

  it('imports ADS-B state vectors once: a second import of the same source adds nothing', async () => {
    const expected = await readAdsbFile(ADSB);
    const before = await count(store);
    const first = await importFile(store, ADSB, 'adsb');
    expect(first).toMatchObject({ assets: 1, assets_created: 1, sightings: expected.reports.length, duplicates: 0, skipped: expected.skipped, rejected: 0 });
    const second = await importFile(store, ADSB, 'adsb');
    expect(second).toMatchObject({ assets: 1, assets_created: 0, sightings: 0, duplicates: expected.reports.length, skipped: expected.skipped });
    expect(await count(store)).toBe(before + expected.reports.length);
    const aircraft = await resolveAsset(store.db, 'PSWRD35');
    expect(aircraft).toMatchObject({ kind: 'aircraft', icao24: 'ae0455', callsign: 'PSWRD35', name: 'ICAO ae0455' });
    const track = await trackOf(store.db, aircraft.id);
    expect(track.length).toBe(expected.reports.length);
    expect(track.every((s, i) => i === 0 || track[i - 1]!.seen_at <= s.seen_at)).toBe(true);
    expect(track[0]).toMatchObject({ kind: 'adsb', source: 'demo-file', lat: expected.reports[0]!.lat, lon: expected.reports[0]!.lon });
    const imports = await store.db.selectFrom('track_imports').selectAll().orderBy('id').execute();
    expect(imports.map((i) => Number(i.sightings_inserted))).toEqual([expected.reports.length, 0]);
    expect(imports[0]).toMatchObject({ format: 'adsb', layout: 'traffic-csv', file_name: 'adsb_traffic_sample_aircraft_carrier.csv' });
  });

  it('imports AIS by MMSI: names from static reports, never over a name a person gave', async () => {
    const expected = await readAisFile(AIS);
    // VOS DOROTHEA (235084466) sends its type 5 in the log; we have it already under our own name.
    const ours = await addAsset(store.db, { name: 'Vos Dorothea (supply vessel)', kind: 'ship', mmsi: '235084466' });
    const result = await importFile(store, AIS, 'ais');
    const mmsis = new Set([...expected.reports.map((r) => r.key), ...expected.identities.map((i) => i.key)]);
    expect(result).toMatchObject({ assets: mmsis.size, assets_created: mmsis.size - 1, sightings: expected.reports.length, rejected: 0, skipped: expected.skipped });
    expect((await resolveAsset(store.db, '235084466')).name).toBe(ours.name);
    expect((await resolveAsset(store.db, '235084466')).callsign).toBe('2EES8');
    const avanti = await resolveAsset(store.db, '244700667');
    expect(avanti).toMatchObject({ name: 'AVANTI', callsign: 'PB8066', subtype: 'Pleasure Craft', kind: 'ship' });
    const unnamed = expected.reports.map((r) => r.key).find((k) => !expected.identities.some((i) => i.key === k && i.name))!;
    expect((await resolveAsset(store.db, unnamed)).name).toBe(`MMSI ${unnamed}`);
    const again = await importFile(store, AIS, 'ais');
    expect(again).toMatchObject({ sightings: 0, assets_created: 0 });
    expect((await listSightings(store.db, { kind: 'ais' })).length).toBe(expected.reports.length);
  });

  it('leaves the store as it was when an import fails part way', async () => {
    const before = await count(store);
    const assetsBefore = (await listAssets(store.db)).length;
    const file = new URL('../../data/demo/adsb_readsb_trace_full_ac671b.json', import.meta.url).pathname;
    async function* failing(): AsyncGenerator<TrackBatch> {
      for await (const b of new AdsbReader(file).batches()) yield b;
      throw new Error('disk vanished');
    }
    await expect(importFile(store, file, 'adsb', failing())).rejects.toThrow('disk vanished');
    expect(await count(store)).toBe(before);
    expect((await listAssets(store.db)).length).toBe(assetsBefore);
    expect(await findAssets(store.db, 'ac671b')).toEqual([]);
  });
});
