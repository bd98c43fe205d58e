// A real SQLite store in a temporary directory, with the users the desk tests act as.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../../src/model/desk.js';
import { ensureUser } from '../../src/store/desk/users.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/index.js';

export interface DeskFixture {
  store: SqliteStore;
  dir: string;
  admin: Actor;
  alice: Actor;
  bob: Actor;
  vic: Actor;
  close(): Promise<void>;
}

export async function deskFixture(): Promise<DeskFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'gt-desk-'));
  const store = await openSqliteStore(join(dir, 'groundtruth.db'));
  const as = async (name: string, role: Actor['role']): Promise<Actor> => {
    const u = await ensureUser(store.db, name, role);
    return { name: u.name, role: u.role };
  };
  return {
    store,
    dir,
    admin: await as('admin', 'admin'),
    alice: await as('alice', 'analyst'),
    bob: await as('bob', 'analyst'),
    vic: await as('vic', 'viewer'),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo CSV, by its path in the repository. */
export const STRIKES_CSV = join('data', 'demo', 'us_boat_strikes_2025.csv');
