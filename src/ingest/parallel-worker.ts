// The reading thread of a parallel import: reads, validates, hashes and packs rows while the main thread writes the
// previous batch, and leaves out the rows the store already holds unchanged, so that a re-import writes little.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { PackedRowsWriter } from '../store/packed-rows.js';
import { canonicaliser } from '../store/queries.js';
import { recordHash } from '../store/rows.js';
import { DuplicateFilter } from './duplicates.js';
import type { FromReading, ReadingSetup, ToReading } from './parallel-protocol.js';
import { errorToSpec, readerFromSpec } from './parallel-spec.js';

/** Batches posted but not yet applied: one being written, one waiting; the next is read meanwhile. */
const IN_FLIGHT = 2;

const port = parentPort!;
const setup = workerData as ReadingSetup;
const post = (message: FromReading) => port.postMessage(message);

let acked = 0;
let wakeOnAck: (() => void) | null = null;
type Start = Extract<ToReading, { type: 'start' }>;
let started: (message: Start) => void = () => {};
const start = new Promise<Start>((resolve) => (started = resolve));
port.on('message', (message: ToReading) => {
  if (message.type === 'start') started(message);
  else {
    acked++;
    wakeOnAck?.();
  }
});

/** The stored hash of each event of the dataset, or null when the dataset has none (a first import). */
function storedHashes(db: BetterSqlite3.Database, datasetId: number): ((sourceId: string) => string | undefined) | null {
  if (db.prepare('SELECT 1 FROM events WHERE dataset_id = ? LIMIT 1').get(datasetId) === undefined) return null;
  const find = db.prepare('SELECT row_hash FROM events WHERE dataset_id = ? AND source_id = ?').pluck();
  return (sourceId) => find.get(datasetId, sourceId) as string | undefined;
}

async function read(): Promise<void> {
  const reader = readerFromSpec(setup.spec);
  const batches = reader.batches()[Symbol.asyncIterator]();
  // The header decides the layout, which the import row records before anything is written.
  let next = await batches.next();
  post({ type: 'layout', layout: reader.layout() });
  const { datasetId, aliases } = await start;

  // Opened once the import holds the write lock, so this read transaction sees the store as the import found it.
  const db = setup.sqliteFile === null ? null : new BetterSqlite3(setup.sqliteFile, { readonly: true, fileMustExist: true });
  try {
    db?.pragma('busy_timeout = 10000');
    db?.exec('BEGIN');
    const stored = db === null ? null : storedHashes(db, datasetId);
    const writer = new PackedRowsWriter(canonicaliser(aliases));
    const duplicates = new DuplicateFilter();
    let posted = 0;
    for (; !next.done; next = await batches.next()) {
      const batch = next.value;
      let unchanged = 0;
      const dupes = duplicates.filter(batch, (record) => {
        if (stored === null) return writer.add(record);
        const hash = recordHash(record);
        if (stored(record.source_id) === hash) unchanged++;
        else writer.add(record, hash);
      });
      while (posted - acked >= IN_FLIGHT) await new Promise<void>((resolve) => (wakeOnAck = resolve));
      post({ type: 'batch', rows: batch.rows, rejects: batch.rejects.concat(dupes), packed: writer.take(), unchanged });
      posted++;
    }
    db?.exec('COMMIT');
  } finally {
    db?.close();
  }
  post({ type: 'done' });
}

read()
  .catch((err: unknown) => post({ type: 'error', error: errorToSpec(err) }))
  // Nothing more will come that this thread needs: let it end.
  .finally(() => port.unref());
