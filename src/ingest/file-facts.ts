// Size and SHA-256 of an input file; the hash runs in a worker thread so parsing keeps the main one.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileFacts } from '../model/dataset.js';

const HASH_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
const h = createHash('sha256');
createReadStream(workerData, { highWaterMark: 1 << 20 })
  .on('data', (c) => h.update(c))
  .on('end', () => parentPort.postMessage(h.digest('hex')))
  .on('error', (e) => { throw e; });
`;

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASH_WORKER, { eval: true, workerData: file });
    worker.once('message', (hex: string) => resolve(hex));
    worker.once('error', reject);
  });
}

export async function fileFacts(file: string): Promise<FileFacts> {
  const [info, sha256] = await Promise.all([stat(file), sha256File(file)]);
  return { file_name: basename(file), file_size: info.size, sha256 };
}
