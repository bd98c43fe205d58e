// Distances on the Earth, and the small-area approximation the SQL filters use.

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Kilometres per degree of latitude (and of longitude at the equator). */
export const KM_PER_DEGREE = EARTH_RADIUS_KM * RAD;

/** A box that holds every point within `km` of a centre (longitudes may wrap past ±180). */
export function boxAround(lat: number, lon: number, km: number): { south: number; north: number; west: number; east: number } {
  const dLat = km / KM_PER_DEGREE;
  const cos = Math.cos(Math.min(89.9, Math.abs(lat) + dLat) * RAD);
  const dLon = Math.min(180, km / (KM_PER_DEGREE * Math.max(cos, 1e-6)));
  return { south: Math.max(-90, lat - dLat), north: Math.min(90, lat + dLat), west: lon - dLon, east: lon + dLon };
}

/** Letters without their accents, case kept: "Jalālābād" → "Jalalabad" (as English-language copy writes it). */
export function plainName(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}
