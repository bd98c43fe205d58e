// Kysely types of the account tables (migration 006-accounts), joined onto the store's Database.
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie's secret. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  address: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  label: string | null;
  /** SHA-256 (hex) of the token. */
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  /** The name as typed, folded to lower case, so "Ana" and "ana" share one budget. */
  name: string;
  address: string;
  at: string;
}

export interface PublishedEmbedsTable {
  id: string;
  kind: string;
  title: string;
  /** JSON of the query that made it, so an editor can see (and redo) what was published. */
  query: string;
  html: string;
  created_by: string;
  created_at: string;
}

export interface AccountTables {
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  published_embeds: PublishedEmbedsTable;
}

export type AccountsDb = Kysely<Database & AccountTables>;

/** The store's connection, typed with the account tables too (same connection, no copy). */
export function accountsDb(db: Kysely<Database>): AccountsDb {
  return db as unknown as AccountsDb;
}
