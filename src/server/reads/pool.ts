// Reads of a SQLite store off the server's thread. better-sqlite3 answers synchronously, so one long
// read (a count over a country's events, a breakdown by actor) would hold every other request, sign-ins
// and cached answers included. The analyses the desk asks for run instead in a few threads (four by default: long counts or breakdowns in some leave others for the figures), each with
// a read-only connection to the same file (WAL lets them read beside the writer); writes, and the
// small reads around them, stay on the store's own connection.
import { Worker } from 'node:worker_threads';
import {
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Database } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import type { ReadReply, ReadRequest } from './protocol.js';

interface Pending {
  resolve(rows: Record<string, unknown>[]): void;
  reject(err: Error): void;
}

class ReadThread {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();
  private failed: Error | null = null;

  constructor(file: string) {
    this.worker = import.meta.url.endsWith('.ts')
      ? new Worker(
          // From TypeScript sources (tests, tsx) a worker gets none of the main thread's loaders: register tsx first.
          `import('node:worker_threads').then(async ({ workerData }) => {
            (await import(workerData.loader)).register();
            await import(workerData.entry);
          });`,
          { eval: true, workerData: { file, loader: import.meta.resolve('tsx/esm/api'), entry: new URL('./thread.ts', import.meta.url).href } },
        )
      : new Worker(new URL('./thread.js', import.meta.url), { workerData: { file } });
    this.worker.unref();
    this.worker.on('message', (m: ReadReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ('rows' in m) p.resolve(m.rows);
      else p.reject(Object.assign(new Error(m.error.message), { name: m.error.name, code: m.error.code ?? undefined }));
    });
    const fail = (err: Error) => {
      this.failed = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`a reading thread stopped (exit code ${code})`)));
  }

  get usable(): boolean {
    return this.failed === null;
  }

  run(request: ReadRequest): Promise<Record<string, unknown>[]> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }
}

export class ReadPool {
  private readonly threads: ReadThread[];
  private next = 1;

  constructor(file: string, size: number) {
    this.threads = Array.from({ length: size }, () => new ReadThread(file));
  }

  /** Runs one read on the thread with the fewest waiting (a thread answers its reads in order). */
  run(sql: string, parameters: readonly unknown[]): Promise<Record<string, unknown>[]> {
    const usable = this.threads.filter((t) => t.usable);
    const thread = (usable.length > 0 ? usable : this.threads).reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return thread.run({ id: this.next++, sql, parameters: [...parameters] });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

class PoolConnection implements DatabaseConnection {
  constructor(private readonly pool: ReadPool) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    return { rows: (await this.pool.run(compiled.sql, compiled.parameters)) as R[] };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    yield await this.executeQuery<R>(compiled);
  }
}

class PoolDriver implements Driver {
  private readonly connection: PoolConnection;
  constructor(private readonly pool: ReadPool) {
    this.connection = new PoolConnection(pool);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error('the read pool runs reads only: no transactions');
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    await this.pool.close();
  }
}

function poolDialect(pool: ReadPool): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new PoolDriver(pool),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

/** What analyses read through: the store itself, or for a SQLite file, `threads` reading threads. */
export interface ReadSide {
  /** With `writer`, the store itself, for the little writing reads need (the text index catching up). */
  store: Pick<Store, 'db' | 'engine'> & { writer?: Pick<Store, 'db' | 'engine'> };
  close(): Promise<void>;
}

export function readSideOf(store: Pick<Store, 'db' | 'engine' | 'location'>, threads: number): ReadSide {
  if (store.engine !== 'sqlite' || store.location === ':memory:' || threads < 1) return { store, close: async () => undefined };
  const pool = new ReadPool(store.location, threads);
  const db = new Kysely<Database>({ dialect: poolDialect(pool) });
  // Kysely destroys a driver only once it has run a query: the threads are ended here whatever was asked of them.
  return {
    store: { db, engine: 'sqlite', writer: store },
    close: async () => {
      await db.destroy();
      await pool.close();
    },
  };
}
