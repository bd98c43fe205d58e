// Opens the SQLite file with the settings both the CLI and the server rely on.
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export function openSqliteFile(path: string): BetterSqlite3.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  // WAL lets the CLI import while the server reads; NORMAL sync is durable at each commit in WAL mode.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  // Large sorts (an index built after a bulk load, the rollups of a big import) may use the other cores.
  db.pragma(`threads = ${Math.min(4, Math.max(0, availableParallelism() - 1))}`);
  return db;
}
