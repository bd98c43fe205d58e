// Sightings out of the store: CSV rows, and GeoJSON with each asset's track as a LineString.
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import Papa from 'papaparse';
import type { Asset, Sighting } from '../../model/asset.js';

const CSV_COLUMNS = ['sighting_id', 'asset_id', 'asset', 'hull_or_tail', 'seen_at', 'lat', 'lon', 'altitude_ft', 'speed_kn', 'course_deg', 'on_ground', 'precision_km', 'kind', 'source', 'notes'] as const;

export function sightingsCsv(sightings: Sighting[], assets: Map<number, Asset>): string {
  const rows = sightings.map((s) => {
    const a = assets.get(s.asset_id);
    return [s.id, s.asset_id, a?.name ?? '', a?.hull_or_tail ?? '', s.seen_at, s.lat, s.lon, s.altitude_ft, s.speed_kn, s.course_deg, s.on_ground === null ? '' : s.on_ground ? 'true' : 'false', s.precision_km, s.kind, s.source, s.notes];
  });
  return `${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : v))) }, { newline: '\n' })}\n`;
}

/**
 * One feature per asset: a LineString through its sightings in time order (a Point when it has one),
 * with the time of each vertex in `times` so the track can be replayed.
 */
export function tracksGeoJson(sightings: Sighting[], assets: Map<number, Asset>): FeatureCollection<LineString | Point> {
  const byAsset = new Map<number, Sighting[]>();
  for (const s of sightings) {
    const list = byAsset.get(s.asset_id);
    if (list) list.push(s);
    else byAsset.set(s.asset_id, [s]);
  }
  const features: Feature<LineString | Point>[] = [];
  for (const [assetId, track] of byAsset) {
    track.sort((a, b) => (a.seen_at < b.seen_at ? -1 : a.seen_at > b.seen_at ? 1 : a.id - b.id));
    const a = assets.get(assetId);
    const coordinates = track.map((s) => [s.lon, s.lat]);
    features.push({
      type: 'Feature',
      properties: {
        asset_id: assetId,
        name: a?.name ?? null,
        hull_or_tail: a?.hull_or_tail ?? null,
        kind: a?.kind ?? null,
        operator: a?.operator ?? null,
        sightings: track.length,
        first_seen: track[0]!.seen_at,
        last_seen: track[track.length - 1]!.seen_at,
        times: track.map((s) => s.seen_at),
        sources: [...new Set(track.map((s) => s.source))],
      },
      geometry: coordinates.length === 1 ? { type: 'Point', coordinates: coordinates[0]! } : { type: 'LineString', coordinates },
    });
  }
  return { type: 'FeatureCollection', features };
}
