// API tokens for scripts and newsroom tools: shown once, stored as a SHA-256, revocable.
import type { Kysely } from 'kysely';
import { NotFoundError } from '../../model/desk.js';
import { getUser } from '../../store/desk/users.js';
import type { Database } from '../../store/schema.js';
import { digest, newSecret } from './secrets.js';
import { accountsDb } from './tables.js';

/** Tokens start with this, so a leaked one is easy to recognise (and to search for in a repository). */
export const TOKEN_PREFIX = 'gt_';

export interface TokenInfo {
  id: number;
  user: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

export async function createToken(db: Kysely<Database>, userName: string, label: string | null = null): Promise<{ token: string; info: TokenInfo }> {
  const user = await getUser(db, userName);
  if (!user) throw new NotFoundError(`user ${userName}`);
  const token = `${TOKEN_PREFIX}${newSecret(32)}`;
  const created_at = new Date().toISOString();
  const row = await accountsDb(db)
    .insertInto('api_tokens')
    .values({ user_id: user.id, label, token_hash: digest(token), created_at, revoked_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, info: { id: Number(row.id), user: user.name, label, created_at, revoked_at: null } };
}

export async function listTokens(db: Kysely<Database>, userName?: string): Promise<TokenInfo[]> {
  let q = accountsDb(db)
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 'u.name', 't.label', 't.created_at', 't.revoked_at'])
    .orderBy('t.id');
  if (userName !== undefined) q = q.where('u.name', '=', userName);
  return (await q.execute()).map((r) => ({ id: Number(r.id), user: r.name, label: r.label, created_at: r.created_at, revoked_at: r.revoked_at }));
}

export async function revokeToken(db: Kysely<Database>, id: number): Promise<TokenInfo> {
  const adb = accountsDb(db);
  const res = await adb.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  const found = (await listTokens(db)).find((t) => t.id === id);
  if (!found) throw new NotFoundError(`token ${id}`);
  if (Number(res.numUpdatedRows) === 0 && found.revoked_at === null) throw new NotFoundError(`token ${id}`);
  return found;
}

/** The user a bearer token speaks for, or null when it is unknown or revoked. */
export async function userForToken(db: Kysely<Database>, token: string): Promise<{ id: number; name: string; role: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const r = await accountsDb(db)
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['u.id', 'u.name', 'u.role'])
    .where('t.token_hash', '=', digest(token))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  return r ? { id: Number(r.id), name: r.name, role: r.role } : null;
}
