// Runs one import: a reader's batches into a store, atomically, with rejects kept and counted.
import type { DatasetMeta, ImportCounts, ImportRecord } from '../model/dataset.js';
import { loadCanonicaliser } from '../store/queries.js';
import { recordToRow, type RowContext } from '../store/rows.js';
import type { ImportSession, Store } from '../store/store.js';
import { rowToCsv } from './csv.js';
import { fileFacts } from './file-facts.js';
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
}

export async function runImport(store: Store, file: string, reader: EventReader, opts: ImportOptions): Promise<ImportRecord> {
  const factsPromise = fileFacts(file);
  const iterator = reader.batches()[Symbol.asyncIterator]();
  // The layout is known once the header is read, and the import row records it.
  const first = await iterator.next();
  const facts = await factsPromise;
  const rejects = new RejectsFile(opts.rejectsPath ?? defaultRejectsPath(facts.file_name));
  const session = await store.beginImport({ dataset: opts.dataset, file: facts, format: reader.format, layout: reader.layout(), rejects_file: rejects.path });
  const counts: ImportCounts = { rows_read: 0, inserted: 0, updated: 0, unchanged: 0, deleted: 0, rejected: 0 };
  const seen = new Set<string>();
  const canonical = await loadCanonicaliser(store.db);
  const ctx: RowContext = { datasetId: session.datasetId, importId: session.importId, now: new Date().toISOString(), canonical };

  const applyBatch = async (batch: ReadBatch) => {
    counts.rows_read += batch.rows;
    const rows = [];
    const dupes = [];
    for (let i = 0; i < batch.records.length; i++) {
      const record = batch.records[i]!;
      if (seen.has(record.source_id)) {
        dupes.push({ line: batch.lines?.[i] ?? 0, field: 'source_id', reason: `duplicate id ${record.source_id}: an earlier row of this file has it`, raw: batch.fields?.[i] ? rowToCsv(batch.fields[i]!) : JSON.stringify(record) });
        continue;
      }
      seen.add(record.source_id);
      rows.push(recordToRow(record, ctx));
    }
    rejects.write(batch.rejects);
    rejects.write(dupes);
    const r = await session.apply(rows);
    counts.inserted += r.inserted;
    counts.updated += r.updated;
    counts.unchanged += r.unchanged;
    opts.onProgress?.(counts.rows_read);
  };

  try {
    if (!first.done) await applyBatch(first.value);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) await applyBatch(next.value);
    if (opts.deletions) for await (const items of opts.deletions) counts.deleted += await session.markDeleted(items);
    counts.rejected = rejects.count;
    await opts.beforeCommit?.(session, store);
    const rejectsFile = await rejects.close();
    return await session.commit({ ...counts, rejects_file: rejectsFile });
  } catch (err) {
    await session.rollback();
    await rejects.discard();
    throw err;
  }
}
