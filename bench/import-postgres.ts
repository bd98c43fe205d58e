// One ACLED file into PostgreSQL through the import driver, timed; the foundation benchmark calls this.
// Standalone: node --import tsx bench/import-postgres.ts FILE postgres://…
import { pathToFileURL } from 'node:url';
import type { ImportRecord } from '../src/model/dataset.js';
import { AcledReader } from '../src/ingest/acled.js';
import { runImport } from '../src/ingest/run-import.js';
import { openPostgresStore } from '../src/store/postgres/index.js';

export interface PostgresImportTiming {
  record: ImportRecord;
  /** Wall time of the import itself (opening and migrating the store not included). */
  ms: number;
  /** Peak resident memory of this process so far. */
  rss_mb: number;
}

export async function importIntoPostgres(file: string, url: string, dataset = 'acled'): Promise<PostgresImportTiming> {
  const store = await openPostgresStore(url);
  try {
    const started = performance.now();
    const record = await runImport(store, file, new AcledReader(file), { dataset: { name: dataset, format: 'acled' }, rejectsPath: `${file}.rejects.csv` });
    const ms = performance.now() - started;
    // maxRSS is in kilobytes.
    return { record, ms, rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) };
  } finally {
    await store.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, url] = process.argv.slice(2);
  if (!file || !url) throw new Error('usage: bench/import-postgres.ts FILE postgres://…');
  const { record, ms, rss_mb } = await importIntoPostgres(file, url);
  const { rows_read, inserted, updated, unchanged, rejected } = record;
  process.stdout.write(`${JSON.stringify({ ms: Math.round(ms), rows_read, inserted, updated, unchanged, rejected, rss_mb })}\n`);
}
