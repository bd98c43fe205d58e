// Opens a PostgreSQL store: a pg Pool from a URL, Kysely on top, the schema migrated to the latest version.
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { seedShippedAliases } from '../aliases.js';
import { migrateToLatest } from '../migrations/index.js';
import type { Database } from '../schema.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Integers come back as numbers while exact; a larger one comes back as a BigInt, never rounded. */
function parseInt8(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

/** sum() of a bigint and avg() give numeric: a number, except an integer too large to be exact. */
function parseNumeric(text: string): number | bigint {
  const n = Number(text);
  if (Number.isInteger(n) && !Number.isSafeInteger(n) && /^-?\d+$/.test(text)) return BigInt(text);
  return n;
}

/** Per-pool type parsers, so other users of pg in the same process keep its defaults. */
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary' && oid === INT8_OID) return parseInt8;
    if (format !== 'binary' && oid === NUMERIC_OID) return parseNumeric;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL without its password (in the user part or as a query parameter), for messages and Store.location. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '';
    u.searchParams.delete('password');
    return u.href;
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1@');
  }
}

/** The URL pg should use: with user "postgres" when it names none (USER may be unset, and is not the role we want). */
export function withDefaultUser(url: string): string {
  const u = new URL(url);
  if (!u.username && !u.searchParams.has('user')) u.searchParams.set('user', 'postgres');
  return u.href;
}

interface Target {
  user: string;
  host: string;
  port: string;
  database: string;
}

function describeTarget(url: string): Target {
  const u = new URL(url);
  const user = decodeURIComponent(u.username) || u.searchParams.get('user') || 'postgres';
  const host = u.searchParams.get('host') ?? (u.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost');
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || user;
  return { user, host, port: u.port || '5432', database };
}

export class PostgresConnectError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PostgresConnectError';
  }
}

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; errors?: unknown[] };
  if (typeof e.code === 'string') return e.code;
  // Node reports a failed connection to every address of a name ("localhost") as an AggregateError.
  return Array.isArray(e.errors) ? errorCode(e.errors[0]) : undefined;
}

/** Turns a failure to connect into a message that names the server (never the password) and what to do. */
export function explainConnectError(url: string, err: unknown): PostgresConnectError {
  const where = redactUrl(url);
  const t = describeTarget(url);
  const code = errorCode(err);
  const detail = err instanceof Error && err.message ? err.message : String(err);
  let message: string;
  if (code === '3D000') {
    message = `database "${t.database}" does not exist on the PostgreSQL server at ${where}; create it first, e.g. createdb -h ${t.host} -p ${t.port} -U ${t.user} ${t.database}`;
  } else if (code === '28P01' || code === '28000') {
    message = `PostgreSQL at ${where} refused user "${t.user}": ${detail}`;
  } else if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT' || code === 'ENOENT' || /timeout/i.test(detail)) {
    message = `cannot reach a PostgreSQL server at ${where} (${code ?? detail}); is it running and accepting connections on ${t.host}:${t.port}?`;
  } else {
    message = `cannot open the PostgreSQL store at ${where}: ${detail}`;
  }
  return new PostgresConnectError(message, { cause: err });
}

export interface PostgresConnection {
  pool: pg.Pool;
  db: Kysely<Database>;
  /** The URL without its password. */
  location: string;
}

/** An arbitrary constant naming the advisory lock held while a store is set up. */
const SETUP_LOCK = 7_301_457_200;

/** Runs `setUp` while holding a server-wide lock, so processes opening a new store at once do not race. */
async function withSetupLock<T>(pool: pg.Pool, setUp: () => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SETUP_LOCK]);
    try {
      return await setUp();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [SETUP_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Connects (failing early with a clear message), brings the schema up to date and adds the shipped actor aliases. */
export async function connectPostgres(url: string): Promise<PostgresConnection> {
  if (!isPostgresUrl(url)) throw new PostgresConnectError(`not a PostgreSQL URL: ${redactUrl(url)}`);
  // JIT compilation only for very costly plans: at the default threshold a figure or a clusters read over a
  // country-year spends more compiling (tens of milliseconds) than it saves. Likewise parallel workers: starting two
  // costs a few milliseconds, more than an actor figure over a few thousand rollup rows takes alone (9 ms → 4.6 ms).
  const options = '-c jit_above_cost=10000000 -c parallel_setup_cost=10000';
  const pool = new pg.Pool({ connectionString: withDefaultUser(url), types: typeParsers, connectionTimeoutMillis: 15_000, options });
  // An idle client losing its server must not crash the process; the next query reports the failure.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end();
    throw explainConnectError(url, err);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await withSetupLock(pool, async () => {
      await migrateToLatest(db as unknown as Kysely<unknown>, 'postgres');
      await seedShippedAliases(db);
    });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { pool, db, location: redactUrl(url) };
}
