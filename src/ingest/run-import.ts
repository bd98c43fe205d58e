// Runs one import: a reader's batches into a store, atomically, with rejects kept and counted.
import { statSync } from 'node:fs';
import type { DatasetMeta, ImportCounts, ImportRecord } from '../model/dataset.js';
import type { RowReject } from '../model/reject.js';
import { unpackRows, withoutRows } from '../store/packed-rows.js';
import { loadAliasKeys, loadCanonicaliser } from '../store/queries.js';
import { recordToRow, type RowContext } from '../store/rows.js';
import type { NewEventRow } from '../store/schema.js';
import type { ImportSession, Store } from '../store/store.js';
import { DuplicateFilter } from './duplicates.js';
import { fileFacts } from './file-facts.js';
import { IdSet } from './id-set.js';
import { refreshImportRollups } from './import-rollups.js';
import { ParallelRead } from './parallel-read.js';
import { readerSpec } from './parallel-spec.js';
import { fromWire } from './parallel-wire.js';
import type { EventReader, ReadBatch } from './reader.js';
import { defaultRejectsPath, RejectsFile } from './rejects-file.js';

export interface ImportOptions {
  dataset: DatasetMeta;
  /** Where rejected rows go (default rejects/<file>-<time>.rejects.csv). */
  rejectsPath?: string;
  /** Deleted-event lists (ACLED's) applied in the same transaction. */
  deletions?: AsyncIterable<{ source_id: string; deleted_at: string }[]>;
  onProgress?: (rowsRead: number) => void;
  /** Work that must land in the same transaction (rollups, saved figures). */
  beforeCommit?: (session: ImportSession, store: Store) => Promise<void>;
  /**
   * Read the file in a second thread while this one writes: true, false, or 'auto' (the default: for files of
   * PARALLEL_MIN_BYTES or more). Either way only for readers that can be rebuilt in that thread (see parallel-spec.ts).
   */
  parallel?: boolean | 'auto';
  /** How many threads share the reading when it is parallel (default: one per core beside this one, up to three). */
  readingThreads?: number;
}

/** Below this a second thread costs more to start than it saves. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/** One batch as the store sees it: how many rows it stands for, what was rejected, what the store made of the rest. */
interface Applied {
  rows: number;
  rejects: RowReject[];
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Where batches come from: the reader in this thread, or a reading thread. */
interface BatchSource {
  /** The file's layout; throws the reader's error for a file that is not what it should be. */
  layout(): Promise<string>;
  /** Applies every batch to the session, in file order, reporting each once the store has it. */
  applyAll(session: ImportSession, store: Store, each: (applied: Applied) => void): Promise<void>;
  close(): Promise<void>;
}

export async function runImport(store: Store, file: string, reader: EventReader, opts: ImportOptions): Promise<ImportRecord> {
  const source = batchSource(store, file, reader, opts.parallel ?? 'auto', opts.readingThreads);
  try {
    return await importFrom(store, file, reader.format, source, opts);
  } finally {
    await source.close();
  }
}

async function importFrom(store: Store, file: string, format: string, source: BatchSource, opts: ImportOptions): Promise<ImportRecord> {
  const factsPromise = fileFacts(file);
  // Awaited below; when the header cannot be read, that error is the one to report.
  factsPromise.catch(() => undefined);
  // The layout is known once the header is read, and the import row records it.
  const layout = await source.layout();
  const facts = await factsPromise;
  const rejects = new RejectsFile(opts.rejectsPath ?? defaultRejectsPath(facts.file_name));
  const session = await store.beginImport({ dataset: opts.dataset, file: facts, format, layout, rejects_file: rejects.path });
  const counts: ImportCounts = { rows_read: 0, inserted: 0, updated: 0, unchanged: 0, deleted: 0, rejected: 0 };
  try {
    await source.applyAll(session, store, (applied) => {
      counts.rows_read += applied.rows;
      counts.inserted += applied.inserted;
      counts.updated += applied.updated;
      counts.unchanged += applied.unchanged;
      rejects.write(applied.rejects);
      opts.onProgress?.(counts.rows_read);
    });
    if (opts.deletions) for await (const items of opts.deletions) counts.deleted += await session.markDeleted(items);
    counts.rejected = rejects.count;
    // Every row in place (and every index back) before other work reads the import's transaction.
    const trx = (await session.transaction?.()) ?? null;
    if (trx) await refreshImportRollups(trx, store.engine, session.datasetId, session.importId, counts.inserted === counts.rows_read - counts.rejected && counts.updated + counts.unchanged === 0, session.replaced);
    await opts.beforeCommit?.(session, store);
    const rejectsFile = await rejects.close();
    return await session.commit({ ...counts, rejects_file: rejectsFile });
  } catch (err) {
    await session.rollback();
    await rejects.discard();
    throw err;
  }
}

function batchSource(store: Store, file: string, reader: EventReader, parallel: boolean | 'auto', threads?: number): BatchSource {
  const spec = parallel === false ? null : readerSpec(reader);
  if (spec === null || (parallel === 'auto' && fileSize(file) < PARALLEL_MIN_BYTES)) return inThreadSource(reader);
  // A SQLite file can be read from the other threads too, to leave out rows it holds unchanged.
  const sqliteFile = store.engine === 'sqlite' && store.location !== ':memory:' ? store.location : null;
  return parallelSource(new ParallelRead(spec, sqliteFile, spec.format === 'acled', threads));
}

/** Rejects in line order, whichever step found them. */
const byLine = (rejects: RowReject[]) => rejects.sort((a, b) => a.line - b.line);

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function inThreadSource(reader: EventReader): BatchSource {
  const iterator = reader.batches()[Symbol.asyncIterator]();
  let first: IteratorResult<ReadBatch> | null = null;
  return {
    async layout() {
      first = await iterator.next();
      return reader.layout();
    },
    async applyAll(session, store, each) {
      const canonical = await loadCanonicaliser(store.db);
      const ctx: RowContext = { datasetId: session.datasetId, importId: session.importId, now: new Date().toISOString(), canonical };
      const duplicates = new DuplicateFilter();
      for (let next = first!; !next.done; next = await iterator.next()) {
        const batch = next.value;
        const rows: NewEventRow[] = [];
        const dupes = duplicates.filter(batch, (record) => rows.push(recordToRow(record, ctx)));
        const rejects = byLine(batch.rejects.concat(dupes));
        const r = await session.apply(rows);
        each({ rows: batch.rows, rejects, ...r });
      }
    },
    async close() {
      await iterator.return?.();
    },
  };
}

function parallelSource(reading: ParallelRead): BatchSource {
  return {
    layout: async () => (await reading.header()).layout,
    async applyAll(session, store, each) {
      // A store the threads cannot ask row by row hands them what the dataset holds, to leave out unchanged rows.
      const known = (await session.storedRows?.()) ?? null;
      reading.start(session.datasetId, await loadAliasKeys(store.db), known?.buffer ?? null);
      const on = { datasetId: session.datasetId, importId: session.importId, now: new Date().toISOString() };
      // The reading threads each see part of the file: the ids seen across all of it are kept here.
      const seen = new IdSet();
      for await (const part of reading.parts()) {
        const dupes: number[] = [];
        for (let i = 0; i < part.ids.length; i++) if (!seen.add(part.ids[i]!)) dupes.push(i);
        let unchanged = 0;
        for (let i = 0; i < part.kinds.length; i++) if (part.kinds[i] === 'u') unchanged++;
        const rejects = part.rejects;
        const dropPacked = new Set<number>();
        if (dupes.length > 0) {
          const raws = await reading.raw(part, dupes);
          dupes.forEach((record, k) => {
            const id = part.ids[record]!;
            rejects.push({ line: raws[k]!.line, field: 'source_id', reason: `duplicate id ${id}: an earlier row of this file has it`, raw: raws[k]!.raw });
            if (part.kinds[record] === 'u') unchanged--;
            else dropPacked.add(packedIndex(part.kinds, record));
          });
          byLine(rejects);
        }
        const applied = { inserted: 0, updated: 0, unchanged };
        let offset = 0;
        for (const batch of fromWire(part.packed)) {
          const drop = new Set<number>();
          for (const i of dropPacked) if (i >= offset && i < offset + batch.count) drop.add(i - offset);
          offset += batch.count;
          const packed = drop.size > 0 ? withoutRows(batch, drop) : batch;
          const r = session.applyPacked ? await session.applyPacked(packed) : await session.apply(unpackRows(packed, on));
          applied.inserted += r.inserted;
          applied.updated += r.updated;
          applied.unchanged += r.unchanged;
        }
        reading.release(part);
        each({ rows: part.rows, rejects, ...applied });
      }
      // Every row is in: the threads' memory (and a re-import's read snapshot) goes before the indexes and rollups.
      await reading.close();
    },
    close: () => reading.close(),
  };
}

/** Where a record sits among the packed records of its part. */
function packedIndex(kinds: string, record: number): number {
  let n = 0;
  for (let i = 0; i < record; i++) if (kinds[i] === 'p') n++;
  return n;
}
