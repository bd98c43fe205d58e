// Sightings: add one by hand, insert imported batches without duplicates, read tracks and time windows.
import type { Kysely } from 'kysely';
import { sightingInputSchema, type Sighting, type SightingInput, type SightingKind } from '../../model/asset.js';
import type { Database } from '../schema.js';
import type { NewSightingRow, SightingRow } from './tables.js';

export function toSighting(row: SightingRow): Sighting {
  return {
    id: Number(row.id),
    asset_id: Number(row.asset_id),
    seen_at: row.seen_at,
    lat: Number(row.lat),
    lon: Number(row.lon),
    altitude_ft: row.altitude_ft === null ? null : Number(row.altitude_ft),
    speed_kn: row.speed_kn === null ? null : Number(row.speed_kn),
    course_deg: row.course_deg === null ? null : Number(row.course_deg),
    on_ground: row.on_ground === null ? null : Number(row.on_ground) === 1,
    precision_km: row.precision_km === null ? null : Number(row.precision_km),
    kind: row.kind as SightingKind,
    source: row.source,
    notes: row.notes,
    import_id: row.import_id === null ? null : Number(row.import_id),
    created_at: row.created_at,
  };
}

export class DuplicateSightingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DuplicateSightingError';
  }
}

/** Adds one sighting; the same asset, time and source twice is refused. */
export async function addSighting(db: Kysely<Database>, input: SightingInput, now = new Date().toISOString()): Promise<Sighting> {
  const s = sightingInputSchema.parse(input);
  const asset = await db.selectFrom('assets').select('id').where('id', '=', s.asset_id).executeTakeFirst();
  if (!asset) throw new Error(`no asset with id ${s.asset_id}`);
  const row: NewSightingRow = { ...s, on_ground: s.on_ground === null ? null : s.on_ground ? 1 : 0, import_id: null, created_at: now };
  const inserted = await db
    .insertInto('sightings')
    .values(row)
    .onConflict((oc) => oc.columns(['asset_id', 'seen_at', 'source']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) throw new DuplicateSightingError(`asset ${s.asset_id} already has a sighting at ${s.seen_at} from ${s.source}`);
  return toSighting(inserted);
}

// Fifteen columns a row: 500 rows stay far below SQLite's and PostgreSQL's limits on bound parameters.
const BATCH = 500;

/** Inserts rows, leaving alone those whose (asset, time, source) is already stored; returns how many were new. */
export async function insertSightings(db: Kysely<Database>, rows: NewSightingRow[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const result = await db
      .insertInto('sightings')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) => oc.columns(['asset_id', 'seen_at', 'source']).doNothing())
      .returning('id')
      .execute();
    inserted += result.length;
  }
  return inserted;
}

export interface SightingFilter {
  assetIds?: number[];
  /** Inclusive lower bound: an instant or a date (the day's start). */
  since?: string;
  /** Inclusive upper bound: an instant, or a date (the whole day counts). */
  until?: string;
  kind?: SightingKind;
  /** Only assets of this kind or subtype ("ship", "aircraft", "destroyer"). */
  assetType?: string;
  /** A box to narrow the scan before an exact region test: west, south, east, north (east < west crosses 180°). */
  bbox?: [number, number, number, number];
}

/** Bounds in stored form: a bare date widens to the whole day. */
export function instantBounds(since?: string, until?: string): { from: string | null; to: string | null } {
  const from = since ? (since.length === 10 ? `${since}T00:00:00.000Z` : since) : null;
  const to = until ? (until.length === 10 ? `${until}T23:59:59.999Z` : until) : null;
  return { from, to };
}

/** Sightings in time order (by asset, then time, when several assets are asked for). */
export async function listSightings(db: Kysely<Database>, filter: SightingFilter = {}): Promise<Sighting[]> {
  let q = db.selectFrom('sightings').selectAll('sightings');
  if (filter.assetIds) q = q.where('sightings.asset_id', 'in', filter.assetIds.length > 0 ? filter.assetIds : [-1]);
  const { from, to } = instantBounds(filter.since, filter.until);
  if (from) q = q.where('sightings.seen_at', '>=', from);
  if (to) q = q.where('sightings.seen_at', '<=', to);
  if (filter.kind) q = q.where('sightings.kind', '=', filter.kind);
  if (filter.assetType) {
    const type = filter.assetType;
    q = q.where('sightings.asset_id', 'in', (eb) =>
      eb
        .selectFrom('assets')
        .select('assets.id')
        .where((w) => w.or([w(w.fn('lower', ['assets.kind']), '=', type.toLowerCase()), w(w.fn('lower', ['assets.subtype']), '=', type.toLowerCase())])),
    );
  }
  if (filter.bbox) {
    const [west, south, east, north] = filter.bbox;
    q = q.where('sightings.lat', '>=', south).where('sightings.lat', '<=', north);
    q = west <= east ? q.where('sightings.lon', '>=', west).where('sightings.lon', '<=', east) : q.where((eb) => eb.or([eb('sightings.lon', '>=', west), eb('sightings.lon', '<=', east)]));
  }
  const rows = await q.orderBy('sightings.asset_id').orderBy('sightings.seen_at').orderBy('sightings.id').execute();
  return rows.map(toSighting);
}

/** An asset's track: its sightings in time order. */
export function trackOf(db: Kysely<Database>, assetId: number, since?: string, until?: string): Promise<Sighting[]> {
  return listSightings(db, { assetIds: [assetId], since, until });
}
