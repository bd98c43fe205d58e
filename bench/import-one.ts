// One measured import in its own process, so its peak memory is its own: prints {"ms","rss_mb","cpu_s",…} as JSON.
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import type * as Acled from '../src/ingest/acled.js';
import type * as RunImport from '../src/ingest/run-import.js';
import type * as Open from '../src/store/open.js';
import type * as AfterImport from '../src/ingest/after-import.js';

// The compiled library, as `groundtruth import` runs it (bench/import.ts builds it first, into dist-bench/): from the
// TypeScript sources every reading thread would load through a loader of its own.
const lib = (path: string) => new URL(`../dist-bench/${path}`, import.meta.url).href;
const { AcledReader } = (await import(lib('ingest/acled.js'))) as typeof Acled;
const { runImport } = (await import(lib('ingest/run-import.js'))) as typeof RunImport;
const { openStore } = (await import(lib('store/open.js'))) as typeof Open;
const { afterImport } = (await import(lib('ingest/after-import.js'))) as typeof AfterImport;

const [kind, location, file] = process.argv.slice(2) as ['sqlite' | 'postgres' | 'duckdb' | 'sqlite-floor' | 'postgres-floor', string, string];

async function duckdb(): Promise<Record<string, unknown>> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  rmSync(location, { force: true });
  const instance = await DuckDBInstance.create(location);
  const conn = await instance.connect();
  const started = performance.now();
  await conn.run(`CREATE TABLE events AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}', header = true)`);
  const ms = performance.now() - started;
  const rows = Number((await conn.runAndReadAll('SELECT count(*) FROM events')).getRows()[0]![0]);
  conn.closeSync();
  return { ms, rows };
}

async function groundtruth(): Promise<Record<string, unknown>> {
  const store = await openStore(location);
  const started = performance.now();
  const r = await runImport(store, file, new AcledReader(file), { dataset: { name: 'acled', format: 'acled' }, rejectsPath: `${file}.rejects.csv` });
  const ms = performance.now() - started;
  // What `groundtruth import` does next, after the commit (the full-text index catching up, planner statistics,
  // PostgreSQL's vacuum of a large import): timed on its own.
  const indexing = performance.now();
  const indexed = (await afterImport.afterCommit(store, r)).text_indexed ?? 0;
  const text_ms = performance.now() - indexing;
  await store.close();
  return { ms, text_ms, text_indexed: indexed, rows: r.rows_read, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected };
}

/**
 * What the engine alone takes to write the events an import left, with nothing to parse, check, hash or index:
 * SQLite copies them into a new file (`file` here), PostgreSQL into a new table. No import can be faster.
 */
async function floor(): Promise<Record<string, unknown>> {
  const store = await openStore(location);
  try {
    const { sql } = await import('kysely');
    const started = performance.now();
    if (store.engine === 'sqlite') {
      rmSync(file, { force: true });
      await sql`attach database ${file} as floor`.execute(store.db);
      await sql`create table floor.events as select * from main.events`.execute(store.db);
      await sql`detach database floor`.execute(store.db);
    } else {
      await sql`create table floor_events as select * from events`.execute(store.db);
    }
    const ms = performance.now() - started;
    if (store.engine === 'sqlite') rmSync(file, { force: true });
    else await sql`drop table floor_events`.execute(store.db);
    const rows = Number((await store.db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    return { ms, rows };
  } finally {
    await store.close();
  }
}

// On a shared machine wall time says little alone: CPU time (every thread) and the load when the run began go with it.
const load = loadavg()[0]!;
const cpuBefore = process.cpuUsage();
const result = kind === 'duckdb' ? await duckdb() : kind.endsWith('-floor') ? await floor() : await groundtruth();
const cpu = process.cpuUsage(cpuBefore);
// maxRSS is in kilobytes.
const usage = { rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), cpu_s: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)), load: Number(load.toFixed(1)) };
process.stdout.write(`${JSON.stringify({ ...result, ...usage })}\n`);
