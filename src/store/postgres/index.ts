// The team-server store: PostgreSQL through a pg pool, the same schema and read queries as SQLite.
import type pg from 'pg';
import type { Kysely } from 'kysely';
import * as queries from '../queries.js';
import type { Database } from '../schema.js';
import type { ImportStart, Store } from '../store.js';
import { connectPostgres } from './connect.js';
import { beginPostgresImport, type PostgresImportSession } from './import-session.js';

export class PostgresStore implements Store {
  readonly engine = 'postgres' as const;

  constructor(
    /** The URL without its password. */
    readonly location: string,
    readonly db: Kysely<Database>,
    /** The pool under `db`, for work that needs a connection of its own (COPY, long transactions). */
    readonly pool: pg.Pool,
  ) {}

  beginImport(start: ImportStart): Promise<PostgresImportSession> {
    return beginPostgresImport(this.pool, start);
  }
  listDatasets() {
    return queries.listDatasets(this.db);
  }
  getDataset(name: string) {
    return queries.getDataset(this.db, name);
  }
  listImports(dataset?: string) {
    return queries.listImports(this.db, dataset);
  }
  getEvent(id: number) {
    return queries.getEvent(this.db, id);
  }
  history(id: number) {
    return queries.history(this.db, id);
  }
  addAlias(alias: string, canonical: string, iso3: string | null = null, origin = 'user') {
    return queries.addAlias(this.db, alias, canonical, iso3, origin);
  }
  listAliases() {
    return queries.listAliases(this.db);
  }
  async close() {
    // Ends the pool too.
    await this.db.destroy();
  }
}

/** Opens (and migrates) the store at a postgres:// URL; fails with a readable message when it cannot. */
export async function openPostgresStore(url: string): Promise<PostgresStore> {
  const { pool, db, location } = await connectPostgres(url);
  return new PostgresStore(location, db, pool);
}
