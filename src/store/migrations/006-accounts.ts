// Accounts for the web desk: login sessions, API tokens, login attempts (for throttling) and published
// embeds. Passwords live in users.password_hash (migration 002); secrets are stored only as hashes.
import type { Kysely } from 'kysely';
import type { Engine } from '../store.js';
import { columnTypes } from './column-types.js';

export function accountsMigration(engine: Engine) {
  const { id, idCol, big } = columnTypes(engine);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // id is the SHA-256 of the cookie's secret: a copy of the table does not let anyone sign in.
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', big, (c) => c.notNull().references('users.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('address', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', id, idCol)
        .addColumn('user_id', big, (c) => c.notNull().references('users.id'))
        .addColumn('label', 'text')
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('login_attempts')
        .addColumn('id', id, idCol)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_attempts_name').on('login_attempts').columns(['name', 'at']).execute();
      await db.schema.createIndex('login_attempts_address').on('login_attempts').columns(['address', 'at']).execute();
      // A published chart or map keeps its HTML as published: later imports do not change what readers saw.
      await db.schema
        .createTable('published_embeds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('html', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
