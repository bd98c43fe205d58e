// Opens the store a location names: a postgres:// URL is the team server, anything else a SQLite file.
import type { Store } from './store.js';

export const DEFAULT_DB = './groundtruth.db';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** --db wins, then GROUNDTRUTH_DB, then ./groundtruth.db. */
export function storeLocation(flag?: string | null): string {
  return flag || process.env.GROUNDTRUTH_DB || DEFAULT_DB;
}

export async function openStore(location: string = storeLocation()): Promise<Store> {
  if (isPostgresUrl(location)) {
    const { openPostgresStore } = await import('./postgres/index.js');
    return openPostgresStore(location);
  }
  const { openSqliteStore } = await import('./sqlite/index.js');
  return openSqliteStore(location);
}
