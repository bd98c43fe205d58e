// Desk accounts: a user of the desk (the users table of migration 002) with a password and a role.
import type { Kysely } from 'kysely';
import { DeskRuleError, NotFoundError, USER_ROLES, userNameSchema, type User, type UserRole } from '../../model/desk.js';
import { getUser } from '../../store/desk/users.js';
import type { Database } from '../../store/schema.js';
import { hashPassword } from './passwords.js';
import { accountsDb } from './tables.js';

export interface Account extends User {
  has_password: boolean;
  tokens: number;
}

function checkRole(role: string): UserRole {
  if (!(USER_ROLES as readonly string[]).includes(role)) throw new DeskRuleError(`unknown role ${JSON.stringify(role)}: use ${USER_ROLES.join(', ')}`);
  return role as UserRole;
}

function checkName(name: string): void {
  const parsed = userNameSchema.safeParse(name);
  if (!parsed.success) throw new DeskRuleError(`${JSON.stringify(name)}: ${parsed.error.issues[0]?.message ?? 'not a user name'}`);
}

/** Creates a user who can sign in to the web desk. */
export async function addUser(db: Kysely<Database>, name: string, role: string, password: string): Promise<User> {
  checkName(name);
  const r = checkRole(role);
  const hash = await hashPassword(password);
  if (await getUser(db, name)) throw new DeskRuleError(`user ${name} exists: set a password with "user passwd ${name}", a role with "user role ${name} ROLE"`);
  await db.insertInto('users').values({ name, role: r, password_hash: hash, created_at: new Date().toISOString() }).execute();
  return (await getUser(db, name))!;
}

/** Sets a password (also for a user first seen at the command line) and ends the user's sessions. */
export async function setPassword(db: Kysely<Database>, name: string, password: string): Promise<void> {
  const user = await getUser(db, name);
  if (!user) throw new NotFoundError(`user ${name}`);
  const hash = await hashPassword(password);
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', user.id).execute();
  await accountsDb(db).deleteFrom('sessions').where('user_id', '=', user.id).execute();
}

/** Changes a role; sessions stay, since every request reads the role afresh. */
export async function setRole(db: Kysely<Database>, name: string, role: string): Promise<User> {
  const r = checkRole(role);
  const user = await getUser(db, name);
  if (!user) throw new NotFoundError(`user ${name}`);
  await db.updateTable('users').set({ role: r }).where('id', '=', user.id).execute();
  return (await getUser(db, name))!;
}

export async function listAccounts(db: Kysely<Database>): Promise<Account[]> {
  const adb = accountsDb(db);
  const users = await adb.selectFrom('users').select(['id', 'name', 'role', 'created_at', 'password_hash']).orderBy('name').execute();
  const tokens = await adb.selectFrom('api_tokens').select(['user_id', (eb) => eb.fn.countAll().as('n')]).where('revoked_at', 'is', null).groupBy('user_id').execute();
  const byUser = new Map(tokens.map((t) => [Number(t.user_id), Number(t.n)]));
  return users.map((u) => ({
    id: Number(u.id),
    name: u.name,
    role: u.role as UserRole,
    created_at: u.created_at,
    has_password: u.password_hash !== null,
    tokens: byUser.get(Number(u.id)) ?? 0,
  }));
}
