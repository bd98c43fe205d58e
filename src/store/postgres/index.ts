// The team-server store: PostgreSQL through a pg pool, the same schema and read queries as SQLite.
import type pg from 'pg';
import type { Kysely } from 'kysely';
import { KyselyStore } from '../read-side.js';
import type { Database } from '../schema.js';
import type { ImportStart } from '../store.js';
import { connectPostgres } from './connect.js';
import { beginPostgresImport, type PostgresImportSession } from './import-session.js';

export class PostgresStore extends KyselyStore {
  readonly engine = 'postgres' as const;

  constructor(
    /** The URL without its password. */
    readonly location: string,
    readonly db: Kysely<Database>,
    /** The pool under `db`, for work that needs a connection of its own (COPY, long transactions). */
    readonly pool: pg.Pool,
  ) {
    super();
  }

  beginImport(start: ImportStart): Promise<PostgresImportSession> {
    return beginPostgresImport(this.pool, start);
  }
}

/** Opens (and migrates) the store at a postgres:// URL; fails with a readable message when it cannot. */
export async function openPostgresStore(url: string): Promise<PostgresStore> {
  const { pool, db, location } = await connectPostgres(url);
  return new PostgresStore(location, db, pool);
}
