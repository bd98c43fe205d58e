// Signing in: throttled per name and per address, the password checked with scrypt, a session opened.
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';
import { accountsDb } from './tables.js';

export interface LoginLimits {
  /** Failures allowed per name, and per address, inside the window. */
  perName: number;
  perAddress: number;
  windowMs: number;
}

/** Five wrong passwords for a name in 15 minutes lock that name; an address shared by a newsroom gets more. */
export const DEFAULT_LIMITS: LoginLimits = { perName: 5, perAddress: 20, windowMs: 15 * 60_000 };

export class LoginError extends Error {
  constructor() {
    super('wrong name or password');
    this.name = 'LoginError';
  }
}

export class TooManyAttemptsError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed logins: try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`);
    this.name = 'TooManyAttemptsError';
  }
}

export interface LoginResult {
  user: { name: string; role: string };
  secret: string;
  csrf: string;
  expires: Date;
}

export async function login(
  db: Kysely<Database>,
  input: { name: string; password: string; address: string; userAgent: string | null },
  limits: LoginLimits = DEFAULT_LIMITS,
): Promise<LoginResult> {
  const adb = accountsDb(db);
  const key = input.name.toLowerCase();
  const since = new Date(Date.now() - limits.windowMs).toISOString();
  const failures = async (column: 'name' | 'address', value: string) => {
    const rows = await adb.selectFrom('login_attempts').select('at').where(column, '=', value).where('at', '>', since).orderBy('at').execute();
    return rows.map((r) => r.at);
  };
  // Checked before the password, so a locked name gives no answer about its password.
  const byName = await failures('name', key);
  const byAddress = await failures('address', input.address);
  const blocked = [byName.length >= limits.perName ? byName[byName.length - limits.perName] : undefined, byAddress.length >= limits.perAddress ? byAddress[byAddress.length - limits.perAddress] : undefined].filter(
    (x): x is string => x !== undefined,
  );
  if (blocked.length > 0) {
    const until = Math.max(...blocked.map((at) => Date.parse(at) + limits.windowMs));
    throw new TooManyAttemptsError(Math.max(1, Math.ceil((until - Date.now()) / 1000)));
  }

  const user = await adb.selectFrom('users').select(['id', 'name', 'role', 'password_hash']).where('name', '=', input.name).executeTakeFirst();
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await decoyHash()));
  if (!user || user.password_hash === null || !ok) {
    const now = new Date().toISOString();
    await adb.deleteFrom('login_attempts').where('at', '<', since).execute();
    await adb.insertInto('login_attempts').values({ name: key, address: input.address, at: now }).execute();
    throw new LoginError();
  }
  await adb.deleteFrom('login_attempts').where('name', '=', key).execute();
  const session = await createSession(db, Number(user.id), { address: input.address, userAgent: input.userAgent });
  return { user: { name: user.name, role: user.role }, ...session };
}
