// The read side of the Store, written once with Kysely so it runs unchanged on every engine.
import { sql, type Kysely } from 'kysely';
import type { Dataset, DatasetFormat, ImportRecord } from '../model/dataset.js';
import type { EventRecord, StoredEvent } from '../model/event.js';
import { foldName } from '../model/names.js';
import { rowToStoredEvent } from './rows.js';
import type { Database } from './schema.js';
import type { AliasEntry, EventHistory } from './store.js';

export async function listDatasets(db: Kysely<Database>): Promise<Dataset[]> {
  const rows = await db
    .selectFrom('datasets as d')
    .select([
      'd.id', 'd.name', 'd.format', 'd.title', 'd.licence', 'd.attribution', 'd.access_date', 'd.access_filters', 'd.created_at',
      (eb) => eb.selectFrom('events as e').whereRef('e.dataset_id', '=', 'd.id').where('e.deleted_at', 'is', null).select(sql<number>`count(*)`.as('n')).as('events'),
      (eb) => eb.selectFrom('events as e').whereRef('e.dataset_id', '=', 'd.id').where('e.deleted_at', 'is not', null).select(sql<number>`count(*)`.as('n')).as('deleted'),
    ])
    .orderBy('d.name')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), format: r.format as DatasetFormat, events: Number(r.events ?? 0), deleted: Number(r.deleted ?? 0) }));
}

export async function getDataset(db: Kysely<Database>, name: string): Promise<Dataset | null> {
  return (await listDatasets(db)).find((d) => d.name === name) ?? null;
}

export async function listImports(db: Kysely<Database>, dataset?: string): Promise<ImportRecord[]> {
  let q = db.selectFrom('imports as i').innerJoin('datasets as d', 'd.id', 'i.dataset_id').selectAll('i').select('d.name as dataset');
  if (dataset) q = q.where('d.name', '=', dataset);
  const rows = await q.orderBy('i.id').execute();
  return rows.map(toImportRecord);
}

export function toImportRecord(r: Record<string, unknown> & { dataset: string }): ImportRecord {
  const n = (v: unknown) => Number(v);
  return {
    id: n(r.id), dataset: r.dataset, format: String(r.format), layout: String(r.layout), file_name: String(r.file_name),
    file_size: n(r.file_size), sha256: String(r.sha256), rows_read: n(r.rows_read), inserted: n(r.inserted), updated: n(r.updated),
    unchanged: n(r.unchanged), deleted: n(r.deleted), rejected: n(r.rejected), rejects_file: (r.rejects_file as string | null) ?? null,
    started_at: String(r.started_at), finished_at: String(r.finished_at),
  };
}

export async function getEvent(db: Kysely<Database>, id: number): Promise<StoredEvent | null> {
  const row = await db
    .selectFrom('events as e')
    .innerJoin('datasets as d', 'd.id', 'e.dataset_id')
    .selectAll('e')
    .select('d.name as dataset')
    .where('e.id', '=', id)
    .executeTakeFirst();
  return row ? rowToStoredEvent(row) : null;
}

/** Looks an event up by its dataset and the id its source gave it (e.g. acled / AFG12345). */
export async function findEventId(db: Kysely<Database>, dataset: string, sourceId: string): Promise<number | null> {
  const row = await db
    .selectFrom('events as e')
    .innerJoin('datasets as d', 'd.id', 'e.dataset_id')
    .select('e.id')
    .where('d.name', '=', dataset)
    .where('e.source_id', '=', sourceId)
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

export async function history(db: Kysely<Database>, id: number): Promise<EventHistory | null> {
  const event = await getEvent(db, id);
  if (!event) return null;
  const rows = await db.selectFrom('event_revisions').selectAll().where('event_id', '=', id).orderBy('revision').execute();
  return {
    event,
    revisions: rows.map((r) => ({
      event_id: Number(r.event_id),
      revision: Number(r.revision),
      import_id: r.import_id === null ? null : Number(r.import_id),
      recorded_at: r.recorded_at,
      deleted_at: r.deleted_at,
      record: JSON.parse(r.record) as EventRecord,
      superseded_by_import: r.superseded_by_import === null ? null : Number(r.superseded_by_import),
      superseded_at: r.superseded_at,
    })),
  };
}

export async function listAliases(db: Kysely<Database>): Promise<AliasEntry[]> {
  const rows = await db.selectFrom('actor_aliases').selectAll().orderBy('canonical').orderBy('alias').execute();
  return rows.map((r) => ({ alias: r.alias, canonical: r.canonical, iso3: r.iso3 === '' ? null : r.iso3, origin: r.origin }));
}

/**
 * Adds (or replaces) an alias and re-canonicalises the events whose actor1/actor2 it names.
 * Matching is accent- and case-insensitive, so the update compares folded names in JS.
 */
export async function addAlias(db: Kysely<Database>, alias: string, canonical: string, iso3: string | null, origin: string): Promise<number> {
  const key = foldName(alias);
  const where = iso3 ?? '';
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('actor_aliases').where('alias_key', '=', key).where('iso3', '=', where).execute();
    await trx.insertInto('actor_aliases').values({ alias_key: key, alias, canonical, iso3: where, origin }).execute();
    let changed = 0;
    for (const side of ['actor1', 'actor2'] as const) {
      const idCol = side === 'actor1' ? 'actor1_id' : 'actor2_id';
      // Candidate spellings: distinct raw names whose folded form equals the alias key.
      const names = await trx.selectFrom('events').select(side).distinct().where(side, 'is not', null).execute();
      const spellings = names.map((n) => n[side] as string).filter((n) => foldName(n) === key);
      if (spellings.length === 0) continue;
      let q = trx.updateTable('events').set({ [idCol]: canonical }).where(side, 'in', spellings);
      if (iso3) q = q.where('iso3', '=', iso3);
      const res = await q.executeTakeFirst();
      changed += Number(res.numUpdatedRows);
    }
    return changed;
  });
}

export interface AliasKey {
  alias_key: string;
  iso3: string;
  canonical: string;
}

/** The alias table as a canonicaliser needs it (plain rows, so they can go to another thread). */
export function loadAliasKeys(db: Kysely<Database>): Promise<AliasKey[]> {
  return db.selectFrom('actor_aliases').select(['alias_key', 'iso3', 'canonical']).execute();
}

/** The canonicaliser an import uses: alias (folded) in the event's country first, then everywhere. */
export async function loadCanonicaliser(db: Kysely<Database>): Promise<(name: string | null, iso3: string | null) => string | null> {
  return canonicaliser(await loadAliasKeys(db));
}

export function canonicaliser(rows: readonly AliasKey[]): (name: string | null, iso3: string | null) => string | null {
  const map = new Map<string, string>();
  for (const r of rows) map.set(`${r.iso3}\u0000${r.alias_key}`, r.canonical);
  const cache = new Map<string, string>();
  return (name, iso3) => {
    if (name === null) return null;
    const ck = `${iso3 ?? ''}\u0000${name}`;
    const hit = cache.get(ck);
    if (hit !== undefined) return hit;
    const key = foldName(name);
    const canonical = (iso3 ? map.get(`${iso3}\u0000${key}`) : undefined) ?? map.get(`\u0000${key}`) ?? name;
    if (cache.size < 100_000) cache.set(ck, canonical);
    return canonical;
  };
}
