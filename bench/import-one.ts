// One measured import in its own process, so its peak memory is its own: prints {"ms","rss_mb",…} as JSON.
import { rmSync } from 'node:fs';
import { AcledReader } from '../src/ingest/acled.js';
import { runImport } from '../src/ingest/run-import.js';
import { openStore } from '../src/store/open.js';

const [kind, location, file] = process.argv.slice(2) as ['sqlite' | 'postgres' | 'duckdb', string, string];

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
  await store.close();
  return { ms, rows: r.rows_read, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected };
}

const result = kind === 'duckdb' ? await duckdb() : await groundtruth();
// maxRSS is in kilobytes.
process.stdout.write(`${JSON.stringify({ ...result, rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
