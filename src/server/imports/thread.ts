// The import thread: an import into SQLite runs here, on its own connection, so its synchronous work
// (each batch, the index builds at the end) never holds up the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { afterImport } from '../../ingest/after-import.js';
import { runImport } from '../../ingest/run-import.js';
import { openStore } from '../../store/open.js';
import { prepareImport } from './formats.js';
import type { FromImportThread, ImportThreadInput } from './protocol.js';

const input = workerData as ImportThreadInput;
const port = parentPort!;
const send = (m: FromImportThread) => port.postMessage(m);

try {
  const store = await openStore(input.location);
  try {
    const prepared = await prepareImport(input.file, input.displayName, input.fields);
    const record = await runImport(store, input.file, prepared.reader, {
      dataset: prepared.dataset,
      rejectsPath: input.rejectsPath,
      onProgress: (rows) => send({ type: 'progress', rows }),
      beforeCommit: (session) => afterImport.beforeCommit(store, session),
    });
    const report = await afterImport.afterCommit(store, record);
    send({ type: 'done', record, report });
  } finally {
    await store.close();
  }
} catch (err) {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}
