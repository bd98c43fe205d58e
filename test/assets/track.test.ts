// Closest approach on the ADS-B flight of a US Navy aircraft from San Diego out to a carrier, 14–15 Sep 2020.
import { geoInterpolate } from 'd3-geo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closestApproach, resolvePlace } from '../../src/analysis/track.js';
import { AdsbReader } from '../../src/ingest/adsb.js';
import { fileFacts } from '../../src/ingest/file-facts.js';
import type { Sighting } from '../../src/model/asset.js';
import { resolveAsset } from '../../src/store/assets/assets.js';
import { trackOf } from '../../src/store/assets/sightings.js';
import { importTrackBatches } from '../../src/store/assets/track-import.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/store.js';
import { sqliteLocation, type TestStoreLocation } from '../helpers/stores.js';

const ADSB = new URL('../../data/demo/adsb_traffic_sample_aircraft_carrier.csv', import.meta.url).pathname;

/** Haversine on a sphere of the same radius, written out here to check the library's vector geometry. */
function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lon - a.lon) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

describe('closest approach of the carrier flight to San Diego', () => {
  let where: TestStoreLocation;
  let store: Store;
  let track: Sighting[];

  beforeAll(async () => {
    where = await sqliteLocation();
    store = await openStore(where.location);
    const reader = new AdsbReader(ADSB);
    await importTrackBatches(store.db, reader.batches(), { format: 'adsb', layout: () => reader.layout(), file: await fileFacts(ADSB), source: 'opensky-traffic-sample', rejectsFile: null });
    track = await trackOf(store.db, (await resolveAsset(store.db, 'PSWRD35')).id);
  });
  afterAll(async () => {
    await store?.close();
    await where?.cleanup();
  });

  it('finds San Diego, California among the places of that name, by the track', () => {
    const place = resolvePlace('San Diego', track);
    expect(place.alternatives).toBeGreaterThan(0);
    expect(place.label).toMatch(/United States/);
    expect(resolvePlace('san diego, US', track)).toMatchObject({ lat: place.lat, lon: place.lon });
    // Texas has a San Diego too: with no track to go by, the name alone is not enough.
    expect(() => resolvePlace('San Diego, US')).toThrow(/2 places/);
    expect(() => resolvePlace('San Dieqo')).toThrow(/San Diego/);
  });

  it('matches a brute-force search of the sightings, and is no further than the nearest one', () => {
    const place = resolvePlace('San Diego', track);
    const result = closestApproach(track, place)!;
    let best = track[0]!;
    for (const s of track) if (haversineKm(s, place) < haversineKm(best, place)) best = s;
    expect(result.sightings).toBe(track.length);
    expect(result.nearest_sighting.sighting_ids).toEqual([best.id]);
    expect(result.nearest_sighting.distance_km).toBeCloseTo(haversineKm(best, place), 6);
    expect(result.closest.distance_km).toBeLessThanOrEqual(result.nearest_sighting.distance_km);
    // The flight leaves from and comes back to Naval Air Station North Island, across the bay from the city.
    expect(result.closest.distance_km).toBeLessThan(10);
  });

  it('interpolates on the great circle between two sightings, at the matching time', () => {
    const place = resolvePlace('San Diego', track);
    const { closest } = closestApproach(track, place)!;
    expect(closest.interpolated).toBe(true);
    const [a, b] = closest.sighting_ids.map((id) => track.find((s) => s.id === id)!) as [Sighting, Sighting];
    expect(closest.at >= a.seen_at && closest.at <= b.seen_at).toBe(true);
    expect(haversineKm(closest, place)).toBeCloseTo(closest.distance_km, 6);
    expect(haversineKm(a, closest) + haversineKm(closest, b)).toBeCloseTo(haversineKm(a, b), 6);
    // No point of the segment, sampled finely, comes closer.
    const along = geoInterpolate([a.lon, a.lat], [b.lon, b.lat]);
    let sampled = Infinity;
    for (let i = 0; i <= 2000; i++) {
      const [lon, lat] = along(i / 2000);
      sampled = Math.min(sampled, haversineKm({ lat, lon }, place));
    }
    expect(closest.distance_km).toBeLessThanOrEqual(sampled + 1e-9);
    expect(sampled - closest.distance_km).toBeLessThan(0.001);
    // Time runs with distance along the segment.
    const fraction = haversineKm(a, closest) / haversineKm(a, b);
    const expectedAt = Date.parse(a.seen_at) + fraction * (Date.parse(b.seen_at) - Date.parse(a.seen_at));
    expect(Math.abs(Date.parse(closest.at) - expectedAt)).toBeLessThanOrEqual(1);
  });

  it('takes lat,lon, and a point the aircraft flew over is at about zero distance', () => {
    const s = track[Math.floor(track.length / 2)]!;
    const result = closestApproach(track, resolvePlace(`${s.lat},${s.lon}`, track))!;
    expect(result.closest.distance_km).toBeLessThan(1e-6);
  });

  it('does not join sightings further apart than the gap allowed', () => {
    const base = { asset_id: 1, altitude_ft: null, speed_kn: null, course_deg: null, on_ground: null, precision_km: null, kind: 'report' as const, source: 's', notes: null, import_id: null, created_at: '' };
    const two: Sighting[] = [
      { ...base, id: 1, seen_at: '2025-01-01T00:00:00.000Z', lat: 0, lon: 0 },
      { ...base, id: 2, seen_at: '2025-01-01T00:20:00.000Z', lat: 0, lon: 1 },
    ];
    const place = resolvePlace('0.5,0.5');
    const joined = closestApproach(two, place)!;
    expect(joined.closest).toMatchObject({ interpolated: true, at: '2025-01-01T00:10:00.000Z' });
    expect(joined.closest.lon).toBeCloseTo(0.5, 9);
    expect(joined.closest.distance_km).toBeCloseTo(haversineKm({ lat: 0, lon: 0.5 }, place), 6);
    const apart = closestApproach(two, place, { maxGapMinutes: 10 })!;
    expect(apart.closest.interpolated).toBe(false);
    expect(apart.closest.distance_km).toBeCloseTo(haversineKm({ lat: 0, lon: 0 }, place), 6);
  });
});
