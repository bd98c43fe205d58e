// The main thread's end of a parallel import: starts the reading threads, hands them pieces of the file, and takes
// their parts back in file order, each released once written, so that no thread runs far ahead (flat memory).
import { open, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AliasKey } from '../store/queries.js';
import { sniffDialect, type CsvDialect, type CsvRange } from './csv.js';
import type { FromReading, Part, Piece, ReadingSetup, ToReading } from './parallel-protocol.js';
import { RangeCutter } from './parallel-split.js';
import { errorFromSpec, type ReaderSpec } from './parallel-spec.js';

/** About one stream chunk: ranges that long keep every thread busy with little waiting at the ends. */
const RANGE_BYTES = 1 << 20;
/** Pieces handed out beyond the one being written. */
const AHEAD = 6;

/**
 * From compiled code the worker is its .js file. From TypeScript sources (tests, benchmarks) Node 20 gives a worker
 * none of the main thread's loaders, so a small script registers tsx there before loading the .ts module.
 */
function startWorker(setup: ReadingSetup): Worker {
  // What a thread keeps is bounded (a few parts, capped caches), but V8 lets garbage grow to a share of the limit
  // it is given: a limit keeps the heap near what is in use.
  const resourceLimits = { maxOldGenerationSizeMb: 96 };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./parallel-worker.js', import.meta.url), { workerData: setup, resourceLimits });
  const boot = `import('node:worker_threads').then(async ({ workerData }) => {
    (await import(workerData.loader)).register();
    await import(workerData.entry);
  });`;
  const workerData = { ...setup, loader: import.meta.resolve('tsx/esm/api'), entry: new URL('./parallel-worker.ts', import.meta.url).href };
  return new Worker(boot, { eval: true, workerData, resourceLimits });
}

export interface FileHeader {
  layout: string;
  header: string[];
  dialect: CsvDialect;
}

/** A part as the main thread takes it: rejects numbered from the start of the file; `shift` does the same for raw(). */
export type FilePart = Part & { reading: number; shift: number };

interface Thread {
  worker: Worker;
  inbox: FromReading[];
}

/**
 * A reading thread per core beside the writing thread's, up to three: the writing thread is the slower, and a
 * thread more than the cores only takes turns with it, for the memory of another parser.
 */
export function defaultReadingThreads(): number {
  return Math.min(3, Math.max(1, availableParallelism() - 1));
}

export class ParallelRead {
  private readonly threads: Thread[] = [];
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private closed = false;
  /** The pieces handed out, by index, with the thread reading each. */
  private readonly given = new Map<number, { thread: number; range: CsvRange | null }>();
  private fh: FileHandle | null = null;
  private cutter: RangeCutter | null = null;
  private size = 0;
  private nextStart = 0;
  private nextIndex = 0;
  private fileHeader: FileHeader | null = null;
  private dialect: CsvDialect | null = null;

  /**
   * `ranges`: whether the reader can read ranges of the file, so that `threads` threads share it; otherwise one
   * thread reads the file whole.
   */
  constructor(
    private readonly spec: ReaderSpec,
    sqliteFile: string | null,
    private readonly ranges: boolean,
    threads = defaultReadingThreads(),
  ) {
    const count = ranges ? Math.max(1, threads) : 1;
    for (let i = 0; i < count; i++) {
      const worker = startWorker({ spec, sqliteFile });
      const thread: Thread = { worker, inbox: [] };
      worker.on('message', (message: FromReading) => {
        thread.inbox.push(message);
        this.notify();
      });
      worker.on('error', (err) => {
        this.failure ??= err;
        this.notify();
      });
      worker.on('exit', (code) => {
        if (!this.closed) this.failure ??= new Error(`an import's reading thread stopped (exit code ${code})`);
        this.notify();
      });
      this.threads.push(thread);
    }
  }

  /** The file's layout, header and dialect; throws what reading the header threw. */
  async header(): Promise<FileHeader> {
    const dialect = this.ranges ? await cuttableDialect(this.spec.file) : null;
    if (dialect === null) this.give(0, { index: this.nextIndex++, range: null });
    else {
      this.dialect = dialect;
      this.fh = await open(this.spec.file, 'r');
      this.size = (await this.fh.stat()).size;
      this.cutter = new RangeCutter(this.fh, this.size, dialect.newline, RANGE_BYTES);
      await this.giveRange(null, dialect);
    }
    let message = await this.receive(0, (m) => m.type === 'header' || (m.type === 'cut' && m.index === 0));
    if (message.type === 'cut') {
      // Not even the header ended where the first range did.
      this.readRestWhole(0, 1);
      message = await this.receive(0, (m) => m.type === 'header');
    }
    if (message.type !== 'header') throw new Error(`an import's reading thread sent ${message.type} for the header`);
    this.fileHeader = { layout: message.layout, header: message.header, dialect: message.dialect };
    return this.fileHeader;
  }

  /** Lets the reading threads go on past the header, into this dataset. */
  start(datasetId: number, aliases: AliasKey[], known: SharedArrayBuffer | null = null): void {
    for (const thread of this.threads) this.send(thread, { type: 'start', datasetId, aliases, known });
  }

  /** The parts in file order. */
  async *parts(): AsyncGenerator<FilePart> {
    let line = 1;
    for (let index = 0; ; index++) {
      while (this.cutter !== null && this.nextIndex <= index + AHEAD && this.nextStart < this.size) {
        await this.giveRange(this.fileHeader!.header, this.fileHeader!.dialect);
      }
      for (let part = 0; ; ) {
        const piece = this.given.get(index);
        if (!piece) return;
        const message = await this.receive(piece.thread, (m) => (m.type === 'part' || m.type === 'cut') && m.index === index);
        if (message.type === 'cut') {
          this.readRestWhole(index, line);
          continue;
        }
        if (message.type !== 'part' || message.part !== part) throw new Error(`an import's reading thread sent ${message.type} out of turn`);
        // A range cut ahead numbers its lines from 1; anything read from the start of the file or of a row knows its lines.
        const shift = piece.range?.guessed ? line - 1 : 0;
        if (shift !== 0) for (const r of message.rejects) r.line += shift;
        yield { ...message, reading: piece.thread, shift };
        if (message.last) {
          line += message.lines;
          break;
        }
        part++;
      }
    }
  }

  /** The line and raw text of some records of a part (its duplicates). */
  async raw(part: FilePart, records: number[]): Promise<{ line: number; raw: string }[]> {
    this.send(this.threads[part.reading]!, { type: 'raw', index: part.index, part: part.part, records });
    const message = await this.receive(part.reading, (m) => m.type === 'raw' && m.index === part.index && m.part === part.part);
    if (message.type !== 'raw') throw new Error(`an import's reading thread sent ${message.type} for raw rows`);
    return message.raws.map((r) => ({ line: r.line + part.shift, raw: r.raw }));
  }

  /** The main thread is done with a part: its thread may read on. */
  release(part: FilePart): void {
    this.send(this.threads[part.reading]!, { type: 'release', index: part.index, part: part.part });
  }

  /** Stops the threads and lets go of the file; safe to call again. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
    const fh = this.fh;
    this.fh = null;
    await fh?.close();
  }

  /** A range was cut inside a quoted field: every later piece is dropped and one thread reads on from its start. */
  private readRestWhole(index: number, line: number): void {
    for (const thread of this.threads) {
      this.send(thread, { type: 'drop' });
      thread.inbox = thread.inbox.filter((m) => m.type === 'error');
    }
    const from = this.given.get(index)!.range!.start;
    for (const i of [...this.given.keys()]) if (i >= index) this.given.delete(i);
    this.cutter = null;
    this.give(index % this.threads.length, {
      index,
      range: { start: from, end: this.size, header: index === 0 ? null : this.fileHeader!.header, dialect: this.dialect!, line, guessed: false },
    });
  }

  private async giveRange(header: string[] | null, dialect: CsvDialect): Promise<void> {
    const start = this.nextStart;
    const end = await this.cutter!.end(start);
    const index = this.nextIndex++;
    this.nextStart = end;
    this.give(index % this.threads.length, { index, range: { start, end, header, dialect, line: 1, guessed: true } });
  }

  private give(thread: number, piece: Piece): void {
    this.given.set(piece.index, { thread, range: piece.range });
    this.send(this.threads[thread]!, { type: 'piece', piece });
  }

  private send(thread: Thread, message: ToReading): void {
    thread.worker.postMessage(message);
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** The first message from a thread that `wanted` accepts; an error from any thread comes first. */
  private async receive(thread: number, wanted: (m: FromReading) => boolean): Promise<FromReading> {
    for (;;) {
      for (const t of this.threads) {
        const error = t.inbox.find((m) => m.type === 'error');
        if (error) throw errorFromSpec(error.error);
      }
      const inbox = this.threads[thread]!.inbox;
      const i = inbox.findIndex(wanted);
      if (i !== -1) return inbox.splice(i, 1)[0]!;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** The file's dialect when its rows can be cut apart by line breaks, else null (it is then read whole). */
async function cuttableDialect(file: string): Promise<CsvDialect | null> {
  let dialect: CsvDialect;
  try {
    dialect = await sniffDialect(file);
  } catch {
    return null; // the reader says what is wrong with the file
  }
  // Only a line break that cannot be part of an unquoted value is a safe place to cut.
  return dialect.newline === '\n' || dialect.newline === '\r\n' ? dialect : null;
}
