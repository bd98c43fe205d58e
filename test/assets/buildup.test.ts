// Build-up of US Navy ships in the Caribbean, late summer 2025: a scenario entered by hand, counted by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildup, weekOf } from '../../src/analysis/buildup.js';
import { bboxRegion, loadRegion } from '../../src/analysis/regions.js';
import type { AssetInput } from '../../src/model/asset.js';
import { addAsset } from '../../src/store/assets/assets.js';
import { addSighting } from '../../src/store/assets/sightings.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { ENGINES, type TestStoreLocation } from '../helpers/stores.js';

// Places: C = in the Caribbean, O = outside it.
const PLACES = {
  offLaGuaira: { lat: 11.2, lon: -67.0, inside: true },
  southOfPuertoRico: { lat: 17.8, lon: -66.5, inside: true },
  centralCaribbean: { lat: 15.0, lon: -72.0, inside: true },
  southOfJamaica: { lat: 17.0, lon: -76.0, inside: true },
  eastOfCuracao: { lat: 12.5, lon: -68.2, inside: true },
  mayport: { lat: 30.39, lon: -81.4, inside: false },
  gulfOfMexico: { lat: 25.5, lon: -88.0, inside: false },
  easternPacific: { lat: 7.5, lon: -85.0, inside: false },
};
type PlaceName = keyof typeof PLACES;

const NAVY = 'US Navy';
const SCENARIO: { asset: AssetInput; seen: [string, PlaceName][] }[] = [
  { asset: { name: 'USS Gravely', hull_or_tail: 'DDG-107', kind: 'ship', subtype: 'destroyer', operator: NAVY }, seen: [['2025-08-20T14:00Z', 'offLaGuaira'], ['2025-08-25T09:30Z', 'eastOfCuracao'], ['2025-09-03T18:00Z', 'centralCaribbean']] },
  { asset: { name: 'USS Jason Dunham', hull_or_tail: 'DDG-109', kind: 'ship', subtype: 'destroyer', operator: NAVY }, seen: [['2025-08-22T12:00Z', 'southOfPuertoRico'], ['2025-08-28T12:00Z', 'centralCaribbean'], ['2025-09-16T08:00Z', 'offLaGuaira']] },
  { asset: { name: 'USS Iwo Jima', hull_or_tail: 'LHD-7', kind: 'ship', subtype: 'amphibious assault ship', operator: NAVY }, seen: [['2025-08-31T10:00Z', 'southOfPuertoRico'], ['2025-09-06T10:00Z', 'centralCaribbean'], ['2025-09-12T10:00Z', 'southOfJamaica'], ['2025-09-18T10:00Z', 'offLaGuaira']] },
  { asset: { name: 'USS San Antonio', hull_or_tail: 'LPD-17', kind: 'ship', subtype: 'amphibious transport dock', operator: NAVY }, seen: [['2025-09-10T16:00Z', 'southOfJamaica']] },
  // Left for the Gulf of Mexico between two sightings four days apart: not present in between.
  { asset: { name: 'USS Sampson', hull_or_tail: 'DDG-102', kind: 'ship', subtype: 'destroyer', operator: NAVY }, seen: [['2025-09-01T06:00Z', 'eastOfCuracao'], ['2025-09-03T06:00Z', 'gulfOfMexico'], ['2025-09-05T06:00Z', 'centralCaribbean']] },
  // Never in the Caribbean.
  { asset: { name: 'USS Lake Erie', hull_or_tail: 'CG-70', kind: 'ship', subtype: 'cruiser', operator: NAVY }, seen: [['2025-08-19T00:00Z', 'easternPacific'], ['2025-09-09T00:00Z', 'mayport']] },
  { asset: { name: 'P-8A Poseidon', hull_or_tail: '169004', kind: 'aircraft', subtype: 'P-8A', operator: NAVY }, seen: [['2025-09-02T20:00Z', 'centralCaribbean']] },
  { asset: { name: 'ARBV Almirante Brión', hull_or_tail: 'F-22', kind: 'ship', subtype: 'frigate', operator: 'Venezuelan Navy' }, seen: [['2025-09-04T11:00Z', 'offLaGuaira']] },
];

describe.each(ENGINES)('buildup on $engine', ({ make }) => {
  let where: TestStoreLocation;
  let store: Store;
  const caribbean = loadRegion('caribbean');

  beforeAll(async () => {
    where = await make();
    store = await openStore(where.location);
    for (const { asset, seen } of SCENARIO) {
      const a = await addAsset(store.db, asset);
      for (const [at, place] of seen) await addSighting(store.db, { asset_id: a.id, seen_at: at, lat: PLACES[place].lat, lon: PLACES[place].lon, kind: 'report', source: 'scenario' });
    }
  });
  afterAll(async () => {
    await store?.close();
    await where?.cleanup();
  });

  it('places the scenario where it says: the Caribbean polygon agrees with each place', () => {
    for (const [name, p] of Object.entries(PLACES)) expect(caribbean.contains(p.lat, p.lon), name).toBe(p.inside);
  });

  it('counts US Navy ships present per ISO week (checked by hand)', async () => {
    const result = await buildup(store.db, { region: caribbean, by: 'week', type: 'ship', operator: 'us navy', since: '2025-08-18', until: '2025-09-21' });
    expect(result.gap_days).toBe(7);
    expect(result.rows.map((r) => [r.period, r.start, r.assets])).toEqual([
      ['2025-W34', '2025-08-18', 2], // Gravely 20–25, Dunham 22–28
      ['2025-W35', '2025-08-25', 3], // Gravely (25th; 9 days to the 3rd: not bridged), Dunham, Iwo Jima (31st)
      ['2025-W36', '2025-09-01', 3], // Gravely (3rd), Iwo Jima, Sampson
      ['2025-W37', '2025-09-08', 2], // Iwo Jima, San Antonio
      ['2025-W38', '2025-09-15', 2], // Dunham (16th, 19 days after the 28th), Iwo Jima
    ]);
    expect(result.rows[2]!.names).toEqual(['USS Gravely (DDG-107)', 'USS Iwo Jima (LHD-7)', 'USS Sampson (DDG-102)']);
    expect(result.rows.flatMap((r) => r.names)).not.toContain('USS Lake Erie (CG-70)');
  });

  it('counts every kind and operator when not filtered', async () => {
    const all = await buildup(store.db, { region: caribbean, by: 'week', since: '2025-08-18', until: '2025-09-21' });
    expect(all.rows.map((r) => r.assets)).toEqual([2, 3, 5, 2, 2]); // week 36 adds the P-8A and the Venezuelan frigate
    const ships = await buildup(store.db, { region: caribbean, by: 'week', type: 'ship', since: '2025-09-01', until: '2025-09-07' });
    expect(ships.rows[0]!.names).toContain('ARBV Almirante Brión (F-22)');
    expect(ships.rows[0]!.assets).toBe(4);
    const destroyers = await buildup(store.db, { region: caribbean, by: 'week', type: 'destroyer', since: '2025-08-18', until: '2025-09-21' });
    expect(destroyers.rows.map((r) => r.assets)).toEqual([2, 2, 2, 0, 1]);
  });

  it('bridges days between close sightings, not across a visit elsewhere', async () => {
    const days = await buildup(store.db, { region: caribbean, by: 'day', type: 'ship', operator: 'US Navy', since: '2025-08-31', until: '2025-09-06' });
    const present = (name: string) => days.rows.filter((r) => r.names.some((n) => n.startsWith(name))).map((r) => r.period);
    expect(present('USS Sampson')).toEqual(['2025-09-01', '2025-09-05']);
    expect(present('USS Iwo Jima')).toEqual(['2025-08-31', '2025-09-01', '2025-09-02', '2025-09-03', '2025-09-04', '2025-09-05', '2025-09-06']);
    expect(present('USS Gravely')).toEqual(['2025-09-03']);
  });

  it('takes the gap as given: at 10 days Gravely is present from 25 August to 3 September', async () => {
    const wide = await buildup(store.db, { region: caribbean, by: 'day', type: 'destroyer', since: '2025-08-25', until: '2025-09-03', gapDays: 10 });
    expect(wide.rows.filter((r) => r.names.includes('USS Gravely (DDG-107)')).length).toBe(10);
  });

  it('works with a box, and carries presence into the window from sightings before it', async () => {
    const box = bboxRegion('bbox:-70,10,-65,13'); // off Venezuela and the ABC islands
    const result = await buildup(store.db, { region: box, by: 'day', type: 'ship', operator: 'US Navy', since: '2025-08-23', until: '2025-08-24' });
    // Gravely: off La Guaira on the 20th, east of Curaçao on the 25th, both in the box.
    expect(result.rows.map((r) => r.names)).toEqual([['USS Gravely (DDG-107)'], ['USS Gravely (DDG-107)']]);
  });

  it('labels ISO weeks across a year end', () => {
    expect(weekOf('2024-12-30')).toEqual({ label: '2025-W01', start: '2024-12-30', end: '2025-01-05' });
    expect(weekOf('2021-01-03')).toEqual({ label: '2020-W53', start: '2020-12-28', end: '2021-01-03' });
  });
});
