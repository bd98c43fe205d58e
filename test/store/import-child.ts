// Run by the kill -9 test: imports an ACLED file and says "batch" after each batch so the parent can kill it mid-way.
import { AcledReader } from '../../src/ingest/acled.js';
import { runImport } from '../../src/ingest/run-import.js';
import { openStore } from '../../src/store/open.js';

const [location, file, rejects] = process.argv.slice(2) as [string, string, string];
const store = await openStore(location);
await runImport(store, file, new AcledReader(file), {
  dataset: { name: 'acled', format: 'acled' },
  rejectsPath: rejects,
  onProgress: (rows) => process.stdout.write(`batch ${rows}\n`),
});
await store.close();
process.stdout.write('done\n');
