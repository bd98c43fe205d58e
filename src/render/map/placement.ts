// Where each point goes: its coordinates when it has them, else the sea area or region its text names (approximate).
import type { MapPoint } from '../types.js';
import type { RegionSet } from './regions.js';
import { findSeaArea } from './seas.js';
import type { SeaArea } from './seas.js';

export type Placement = 'exact' | 'approximate' | 'unplaced';

export interface PlacedPoint {
  point: MapPoint;
  placement: Placement;
  lon: number | null;
  lat: number | null;
  /** For approximate points: the area they were placed in. */
  area: string | null;
  sea: SeaArea | null;
}

export function placePoints(points: MapPoint[], regions: RegionSet | null): PlacedPoint[] {
  return points.map((point): PlacedPoint => {
    if (point.lat !== null && point.lon !== null && Number.isFinite(point.lat) && Number.isFinite(point.lon)) {
      return { point, placement: 'exact', lon: point.lon, lat: point.lat, area: null, sea: null };
    }
    const sea = findSeaArea(point.location);
    if (sea) return { point, placement: 'approximate', lon: sea.anchor[0], lat: sea.anchor[1], area: sea.name, sea };
    const region = point.admin1 && regions ? regions.find(point.admin1) : null;
    if (region) return { point, placement: 'approximate', lon: region.centroid[0], lat: region.centroid[1], area: region.name, sea: null };
    return { point, placement: 'unplaced', lon: null, lat: null, area: null, sea: null };
  });
}
