// The main thread's end of a parallel import: starts the reading thread and takes its batches, one acknowledged at a
// time, so that neither thread runs ahead of the other by more than a batch or two (flat memory).
import { Worker } from 'node:worker_threads';
import type { AliasKey } from '../store/queries.js';
import type { FromReading, ReadingBatch, ReadingSetup, ToReading } from './parallel-protocol.js';
import { errorFromSpec, type ReaderSpec } from './parallel-spec.js';

/**
 * From compiled code the worker is its .js file. From TypeScript sources (tests, benchmarks) Node 20 gives a worker
 * none of the main thread's loaders, so a small script registers tsx there before loading the .ts module.
 */
function startWorker(setup: ReadingSetup): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./parallel-worker.js', import.meta.url), { workerData: setup });
  const boot = `import('node:worker_threads').then(async ({ workerData }) => {
    (await import(workerData.loader)).register();
    await import(workerData.entry);
  });`;
  const workerData = { ...setup, loader: import.meta.resolve('tsx/esm/api'), entry: new URL('./parallel-worker.ts', import.meta.url).href };
  return new Worker(boot, { eval: true, workerData });
}

export class ParallelRead {
  private readonly worker: Worker;
  private readonly inbox: FromReading[] = [];
  private failure: Error | null = null;
  private finished = false;
  private wake: (() => void) | null = null;

  constructor(spec: ReaderSpec, sqliteFile: string | null) {
    this.worker = startWorker({ spec, sqliteFile });
    const notify = () => {
      const wake = this.wake;
      this.wake = null;
      wake?.();
    };
    this.worker.on('message', (message: FromReading) => {
      this.inbox.push(message);
      notify();
    });
    this.worker.on('error', (err) => {
      this.failure ??= err;
      notify();
    });
    this.worker.on('exit', (code) => {
      if (!this.finished) this.failure ??= new Error(`the import's reading thread stopped (exit code ${code})`);
      notify();
    });
  }

  /** The layout of the file, once the reading thread has its header; throws what reading the header threw. */
  async layout(): Promise<string> {
    const message = await this.receive();
    if (message.type !== 'layout') throw new Error(`the import's reading thread sent ${message.type} before the layout`);
    return message.layout;
  }

  /** Lets the reading thread go on past the header, into this dataset. */
  start(datasetId: number, aliases: AliasKey[]): void {
    this.send({ type: 'start', datasetId, aliases });
  }

  /** The batches in file order; each one taken is acknowledged when the next is asked for. */
  async *batches(): AsyncGenerator<ReadingBatch> {
    for (;;) {
      const message = await this.receive();
      if (message.type === 'done') {
        this.finished = true;
        return;
      }
      if (message.type !== 'batch') throw new Error(`the import's reading thread sent ${message.type} amid its batches`);
      yield message;
      this.send({ type: 'ack' });
    }
  }

  async close(): Promise<void> {
    this.finished = true;
    await this.worker.terminate();
  }

  private send(message: ToReading): void {
    this.worker.postMessage(message);
  }

  private async receive(): Promise<Exclude<FromReading, { type: 'error' }>> {
    for (;;) {
      const message = this.inbox.shift();
      if (message?.type === 'error') throw errorFromSpec(message.error);
      if (message) return message;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}
