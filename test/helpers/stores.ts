// Fresh stores for tests: a SQLite file in a temp folder, or a new database on the local PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestStoreLocation {
  engine: 'sqlite' | 'postgres';
  location: string;
  dir: string;
  cleanup(): Promise<void>;
}

export const PG_ADMIN = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };

export function tempDir(prefix = 'groundtruth-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function sqliteLocation(): Promise<TestStoreLocation> {
  const dir = tempDir();
  return { engine: 'sqlite', location: join(dir, 'store.db'), dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

export async function postgresLocation(): Promise<TestStoreLocation> {
  const dir = tempDir();
  const name = `groundtruth_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client(PG_ADMIN);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    engine: 'postgres',
    location: `postgres://postgres@127.0.0.1:5432/${name}`,
    dir,
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
      const c = new pg.Client(PG_ADMIN);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export const ENGINES = [
  { engine: 'sqlite' as const, make: sqliteLocation },
  { engine: 'postgres' as const, make: postgresLocation },
];
