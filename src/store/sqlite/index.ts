// The embedded store: one SQLite file that any SQLite tool can open.
import { resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { seedShippedAliases } from '../aliases.js';
import { migrateToLatest } from '../migrations/index.js';
import { KyselyStore } from '../read-side.js';
import type { Database } from '../schema.js';
import type { ImportStart } from '../store.js';
import { openSqliteFile } from './connect.js';
import { beginSqliteImport } from './import-session.js';

export class SqliteStore extends KyselyStore {
  readonly engine = 'sqlite' as const;
  readonly db: Kysely<Database>;

  constructor(
    readonly location: string,
    /** The raw connection, for bulk work that Kysely would slow down. */
    readonly raw: BetterSqlite3.Database,
  ) {
    super();
    this.db = new Kysely<Database>({ dialect: new SqliteDialect({ database: keptStatements(raw) }) });
  }

  async beginImport(start: ImportStart) {
    return beginSqliteImport(this.raw, this.db, start);
  }
}

/** Statements kept by their SQL (the latest 200 used): Kysely prepares every query it runs, and a figure's run again and again. */
function keptStatements(raw: BetterSqlite3.Database): SqliteDatabase {
  const kept = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => raw.close(),
    prepare(sql: string) {
      let statement = kept.get(sql);
      if (statement) kept.delete(sql);
      else statement = raw.prepare(sql);
      kept.set(sql, statement);
      if (kept.size > 200) kept.delete(kept.keys().next().value!);
      return statement;
    },
  };
}

export async function openSqliteStore(path: string): Promise<SqliteStore> {
  const location = path === ':memory:' ? path : resolve(path);
  const store = new SqliteStore(location, openSqliteFile(location));
  await migrateToLatest(store.db as Kysely<unknown>, 'sqlite');
  await seedShippedAliases(store.db);
  return store;
}
