// Login sessions: the cookie holds a random secret, the store its SHA-256 and the session's CSRF token.
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { digest, newSecret } from './secrets.js';
import { accountsDb } from './tables.js';

/** Sessions end a week after login (absolute, so a stolen cookie does not live forever). */
export const SESSION_TTL_MS = 7 * 24 * 3600_000;

export interface SessionUser {
  id: number;
  name: string;
  role: string;
  csrf_token: string;
  expires_at: string;
}

export async function createSession(
  db: Kysely<Database>,
  userId: number,
  meta: { address: string | null; userAgent: string | null },
  ttlMs = SESSION_TTL_MS,
): Promise<{ secret: string; csrf: string; expires: Date }> {
  const secret = newSecret(32);
  const csrf = newSecret(24);
  const now = new Date();
  const expires = new Date(now.getTime() + ttlMs);
  const adb = accountsDb(db);
  // Expired sessions are cleared as new ones open, so the table stays the size of the desk.
  await adb.deleteFrom('sessions').where('expires_at', '<', now.toISOString()).execute();
  await adb
    .insertInto('sessions')
    .values({
      id: digest(secret),
      user_id: userId,
      csrf_token: csrf,
      created_at: now.toISOString(),
      expires_at: expires.toISOString(),
      address: meta.address,
      user_agent: meta.userAgent?.slice(0, 500) ?? null,
    })
    .execute();
  return { secret, csrf, expires };
}

export async function findSession(db: Kysely<Database>, secret: string): Promise<SessionUser | null> {
  const r = await accountsDb(db)
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.name', 'u.role', 's.csrf_token', 's.expires_at'])
    .where('s.id', '=', digest(secret))
    .where('s.expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
  return r ? { id: Number(r.id), name: r.name, role: r.role, csrf_token: r.csrf_token, expires_at: r.expires_at } : null;
}

export async function endSession(db: Kysely<Database>, secret: string): Promise<void> {
  await accountsDb(db).deleteFrom('sessions').where('id', '=', digest(secret)).execute();
}
