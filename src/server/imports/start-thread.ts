// Starts the import thread. Compiled, it is thread.js; from TypeScript sources (tests, `tsx`) a worker gets
// none of the main thread's loaders, so a small script registers tsx there first (as src/ingest does).
import { Worker } from 'node:worker_threads';
import type { FromImportThread, ImportThreadInput } from './protocol.js';

export function startImportThread(input: ImportThreadInput, onProgress: (rows: number) => void): Promise<Extract<FromImportThread, { type: 'done' }>> {
  const worker = import.meta.url.endsWith('.ts')
    ? new Worker(
        `import('node:worker_threads').then(async ({ workerData }) => {
          (await import(workerData.loader)).register();
          await import(workerData.entry);
        });`,
        { eval: true, workerData: { ...input, loader: import.meta.resolve('tsx/esm/api'), entry: new URL('./thread.ts', import.meta.url).href } },
      )
    : new Worker(new URL('./thread.js', import.meta.url), { workerData: input });
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: FromImportThread) => {
      if (m.type === 'progress') return onProgress(m.rows);
      settled = true;
      if (m.type === 'done') resolve(m);
      else reject(new Error(m.message));
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the import thread stopped (exit code ${code})`));
    });
  });
}
