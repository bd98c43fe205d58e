// The shipped actor alias table (data/aliases/actors.csv), loaded into each store on open.
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import Papa from 'papaparse';
import { foldName } from '../model/names.js';
import { addAlias } from './queries.js';
import type { Database } from './schema.js';

const SHIPPED = new URL('../../data/aliases/actors.csv', import.meta.url);

interface ShippedAlias {
  alias: string;
  canonical: string;
  iso3: string;
}

let cached: ShippedAlias[] | null = null;
export function shippedAliases(): ShippedAlias[] {
  cached ??= Papa.parse<ShippedAlias>(readFileSync(SHIPPED, 'utf8'), { header: true, skipEmptyLines: true }).data;
  return cached;
}

/** Adds the shipped aliases a store does not have yet (users' own aliases are never overwritten). */
export async function seedShippedAliases(db: Kysely<Database>): Promise<void> {
  const have = new Set((await db.selectFrom('actor_aliases').select(['alias_key', 'iso3']).execute()).map((r) => `${r.iso3}\u0000${r.alias_key}`));
  for (const a of shippedAliases()) {
    if (have.has(`${a.iso3}\u0000${foldName(a.alias)}`)) continue;
    await addAlias(db, a.alias, a.canonical, a.iso3 || null, 'shipped');
  }
}
