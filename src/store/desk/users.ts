// Users of the desk and the Actor each desk call is made as.
import { userInfo } from 'node:os';
import type { Kysely } from 'kysely';
import { DeskRuleError, NotFoundError, USER_ROLES, userNameSchema, type Actor, type User, type UserRole } from '../../model/desk.js';
import type { Database } from '../schema.js';
import { nowIso } from './clock.js';

function toUser(r: { id: number | string; name: string; role: string; created_at: string }): User {
  return { id: Number(r.id), name: r.name, role: r.role as UserRole, created_at: r.created_at };
}

export async function getUser(db: Kysely<Database>, name: string): Promise<User | null> {
  const r = await db.selectFrom('users').select(['id', 'name', 'role', 'created_at']).where('name', '=', name).executeTakeFirst();
  return r ? toUser(r) : null;
}

/** The user of that name, created with the given role when missing (an existing user keeps its role). */
export async function ensureUser(db: Kysely<Database>, name: string, role: UserRole): Promise<User> {
  const parsed = userNameSchema.safeParse(name);
  if (!parsed.success) throw new DeskRuleError(`${JSON.stringify(name)}: ${parsed.error.issues[0]?.message ?? 'not a user name'}`);
  if (!USER_ROLES.includes(role)) throw new DeskRuleError(`unknown role ${role}`);
  const existing = await getUser(db, name);
  if (existing) return existing;
  await db.insertInto('users').values({ name, role, password_hash: null, created_at: nowIso() }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return (await getUser(db, name))!;
}

/** The Actor for a known user: the role comes from the users table, never from the caller. */
export async function actorFor(db: Kysely<Database>, name: string): Promise<Actor> {
  const user = await getUser(db, name);
  if (!user) throw new NotFoundError(`user ${name}`);
  return { name: user.name, role: user.role };
}

/** The name the command line acts as: an explicit name, then GROUNDTRUTH_USER, then the login name. */
export function localUserName(explicit?: string | null): string {
  if (explicit) return explicit;
  if (process.env.GROUNDTRUTH_USER) return process.env.GROUNDTRUTH_USER;
  try {
    return userInfo().username;
  } catch {
    return 'desk';
  }
}

/**
 * The Actor for someone at the command line of a local store. Whoever holds the file holds the data,
 * so an unknown name is registered: the first user of a store becomes its admin, later ones analysts
 * (they may open investigations of their own; an owner must add them to anyone else's).
 */
export async function localActor(db: Kysely<Database>, explicit?: string | null): Promise<Actor> {
  const name = localUserName(explicit);
  const known = await getUser(db, name);
  if (known) return { name: known.name, role: known.role };
  const anyone = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  const user = await ensureUser(db, name, anyone ? 'analyst' : 'admin');
  return { name: user.name, role: user.role };
}
