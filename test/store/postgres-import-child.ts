// Run by the kill -9 test: imports generated events into PostgreSQL, saying where it is on stdout
// ("batch N" after each batch, "committing" before the commit) so the parent can kill it there.
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { applyGenerated, beginTallied, importStart } from './postgres-generate.js';

const [url, dataset, count, changeEvery, version] = process.argv.slice(2) as [string, string, string, string, string];
const store = await openPostgresStore(url);
const tally = await beginTallied(store, importStart(dataset));
await applyGenerated(tally, {
  count: Number(count),
  changeEvery: Number(changeEvery),
  version: Number(version),
  onBatch: (applied) => process.stdout.write(`batch ${applied}\n`),
});
process.stdout.write('committing\n');
await tally.commit();
await store.close();
process.stdout.write('done\n');
