// Kysely over one already-open pg connection, so typed queries can run inside a transaction begun by hand.
import type pg from 'pg';
import { Kysely, PostgresDialect, type PostgresPoolClient } from 'kysely';
import type { Database } from '../schema.js';

/** Every query goes to `client`; Kysely never releases or ends it (its owner does). */
export function kyselyOnClient(client: pg.ClientBase): Kysely<Database> {
  const borrowed: PostgresPoolClient = {
    query: client.query.bind(client) as PostgresPoolClient['query'],
    release() {},
  };
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: { connect: async () => borrowed, end: async () => {} } }) });
}
