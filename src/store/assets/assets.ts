// The asset registry: add, find by any identifier, list with a summary of sightings, fill gaps from imports.
import type { Kysely } from 'kysely';
import { assetInputSchema, type Asset, type AssetInput, type AssetKind, type AssetSummary, type TrackIdentity } from '../../model/asset.js';
import { foldName } from '../../model/names.js';
import type { Database } from '../schema.js';
import type { AssetRow } from './tables.js';

export function toAsset(row: AssetRow): Asset {
  return {
    id: Number(row.id),
    name: row.name,
    kind: row.kind as AssetKind,
    subtype: row.subtype,
    hull_or_tail: row.hull_or_tail,
    icao24: row.icao24,
    mmsi: row.mmsi,
    callsign: row.callsign,
    operator: row.operator,
    notes: row.notes,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Thrown when an asset would take an ICAO address or MMSI that another asset holds. */
export class AssetConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssetConflictError';
  }
}

/** Adds an asset entered by hand; validates it and refuses identifiers already taken. */
export async function addAsset(db: Kysely<Database>, input: AssetInput, now = new Date().toISOString()): Promise<Asset> {
  const asset = assetInputSchema.parse(input);
  for (const field of ['icao24', 'mmsi'] as const) {
    const value = asset[field];
    if (value === null) continue;
    const holder = await db.selectFrom('assets').select(['id', 'name']).where(field, '=', value).executeTakeFirst();
    if (holder) throw new AssetConflictError(`${field} ${value} already belongs to asset ${holder.id} (${holder.name})`);
  }
  const row = await db
    .insertInto('assets')
    .values({ ...asset, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAsset(row);
}

export async function getAsset(db: Kysely<Database>, id: number): Promise<Asset | null> {
  const row = await db.selectFrom('assets').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAsset(row) : null;
}

/** Assets by id, in one query. */
export async function getAssets(db: Kysely<Database>, ids: number[]): Promise<Map<number, Asset>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('assets').selectAll().where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [Number(r.id), toAsset(r)]));
}

/**
 * Finds assets by what a person types: an id ("12" or "#12"), an ICAO address, an MMSI, a hull or
 * tail number, a callsign or a name (accent- and case-insensitive). Exact identifiers win over names.
 */
export async function findAssets(db: Kysely<Database>, ref: string): Promise<Asset[]> {
  const text = ref.trim();
  if (text === '') return [];
  const idMatch = text.match(/^#?(\d{1,8})$/);
  if (idMatch && text.length < 9) {
    const byId = await getAsset(db, Number(idMatch[1]));
    if (byId) return [byId];
  }
  const lower = text.toLowerCase();
  const upper = text.toUpperCase();
  const byIdentifier = await db
    .selectFrom('assets')
    .selectAll()
    .where((eb) => eb.or([eb('icao24', '=', lower), eb('mmsi', '=', text), eb('hull_or_tail', '=', text), eb('hull_or_tail', '=', upper), eb('callsign', '=', text), eb('callsign', '=', upper)]))
    .orderBy('id')
    .execute();
  if (byIdentifier.length > 0) return byIdentifier.map(toAsset);
  // Names are few enough to fold in memory, which keeps the match the same in every engine.
  const key = foldName(text);
  const all = await db.selectFrom('assets').selectAll().orderBy('id').execute();
  const exact = all.filter((a) => foldName(a.name) === key || (a.hull_or_tail !== null && foldName(a.hull_or_tail) === key));
  if (exact.length > 0) return exact.map(toAsset);
  return all.filter((a) => foldName(a.name).includes(key)).map(toAsset);
}

/** Exactly one asset for a reference, or an error that says why not. */
export async function resolveAsset(db: Kysely<Database>, ref: string): Promise<Asset> {
  const found = await findAssets(db, ref);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new AssetLookupError(`no asset matches ${JSON.stringify(ref)}`);
  const listed = found.slice(0, 8).map((a) => `#${a.id} ${a.name}`).join(', ');
  throw new AssetLookupError(`${found.length} assets match ${JSON.stringify(ref)}: ${listed}; use the id`);
}

export class AssetLookupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssetLookupError';
  }
}

export interface AssetListFilter {
  kind?: AssetKind;
  operator?: string;
}

/** Assets with their sighting count and first and last sighting, by name. */
export async function listAssets(db: Kysely<Database>, filter: AssetListFilter = {}): Promise<AssetSummary[]> {
  let q = db
    .selectFrom('assets')
    .leftJoin('sightings', 'sightings.asset_id', 'assets.id')
    .selectAll('assets')
    .select((eb) => [eb.fn.count<number | string>('sightings.id').as('sighting_count'), eb.fn.min('sightings.seen_at').as('first_seen'), eb.fn.max('sightings.seen_at').as('last_seen')])
    .groupBy('assets.id')
    .orderBy('assets.name')
    .orderBy('assets.id');
  if (filter.kind) q = q.where('assets.kind', '=', filter.kind);
  const rows = await q.execute();
  const operatorKey = filter.operator ? foldName(filter.operator) : null;
  return rows
    .filter((r) => operatorKey === null || (r.operator !== null && foldName(r.operator) === operatorKey))
    .map((r) => ({ ...toAsset(r), sightings: Number(r.sighting_count), first_seen: r.first_seen ?? null, last_seen: r.last_seen ?? null }));
}

/** The placeholder name of an asset known only by its transponder ("ICAO ae0455", "MMSI 244660274"). */
export function placeholderName(identity: Pick<TrackIdentity, 'icao24' | 'mmsi'>): string {
  if (identity.icao24) return `ICAO ${identity.icao24}`;
  if (identity.mmsi) return `MMSI ${identity.mmsi}`;
  return 'unknown';
}

/** The name an imported asset starts with: its registration for an aircraft, its name for a ship. */
function importedName(identity: TrackIdentity): string {
  return identity.name ?? (identity.kind === 'aircraft' ? identity.hull_or_tail : null) ?? placeholderName(identity);
}

const FILLABLE = ['subtype', 'hull_or_tail', 'callsign', 'operator'] as const;

/**
 * Finds the asset a track file speaks of by its ICAO address or MMSI, creating it when new.
 * Imports never overwrite what a person entered: they fill empty fields, and replace a placeholder name.
 */
export async function upsertTrackedAsset(db: Kysely<Database>, identity: TrackIdentity, now: string): Promise<{ asset: Asset; created: boolean }> {
  const field = identity.icao24 ? 'icao24' : 'mmsi';
  const value = identity.icao24 ?? identity.mmsi;
  if (!value) throw new Error('a tracked asset needs an ICAO address or an MMSI');
  const existing = await db.selectFrom('assets').selectAll().where(field, '=', value).executeTakeFirst();
  if (!existing) {
    const row = await db
      .insertInto('assets')
      .values({
        name: importedName(identity),
        kind: identity.kind,
        subtype: identity.subtype ?? null,
        hull_or_tail: identity.hull_or_tail ?? null,
        icao24: identity.icao24 ?? null,
        mmsi: identity.mmsi ?? null,
        callsign: identity.callsign ?? null,
        operator: identity.operator ?? null,
        notes: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { asset: toAsset(row), created: true };
  }
  const changes: Partial<Record<(typeof FILLABLE)[number] | 'name', string>> = {};
  for (const f of FILLABLE) {
    const incoming = identity[f];
    if (incoming && existing[f] === null) changes[f] = incoming;
  }
  const better = importedName(identity);
  if (existing.name === placeholderName(existing) && better !== existing.name) changes.name = better;
  if (Object.keys(changes).length === 0) return { asset: toAsset(existing), created: false };
  const row = await db
    .updateTable('assets')
    .set({ ...changes, updated_at: now })
    .where('id', '=', existing.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { asset: toAsset(row), created: false };
}
