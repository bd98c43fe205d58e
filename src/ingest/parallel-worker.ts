// A reading thread of a parallel import: reads the pieces of the file it is given (the whole file, or ranges of it
// while other threads read the ranges in between), validates, hashes and packs their rows while the main thread
// writes, and leaves out the rows the store already holds unchanged, so that a re-import writes little.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { FingerprintSet } from '../store/fingerprints.js';
import type { EventRecord } from '../model/event.js';
import { PackedRowsWriter, type PackedRows } from '../store/packed-rows.js';
import { canonicaliser } from '../store/queries.js';
import { recordHash } from '../store/rows.js';
import { AcledReader, type AcledBatch } from './acled.js';
import { CsvCutError, rowToCsv } from './csv.js';
import { PACKED_BATCH, type FromReading, type Part, type Piece, type ReadingSetup, type ToReading } from './parallel-protocol.js';
import { errorToSpec, readerFromSpec } from './parallel-spec.js';
import { toWire } from './parallel-wire.js';
import type { ReadBatch } from './reader.js';

/** Parts posted and not yet released: one being written, the next waiting; meanwhile the thread reads on. */
const IN_FLIGHT = 2;

type Start = Extract<ToReading, { type: 'start' }>;

const port = parentPort!;
const setup = workerData as ReadingSetup;
const post = (message: FromReading) => port.postMessage(message);
const reader = readerFromSpec(setup.spec);

/** Per part not yet released: enough to write a duplicate's reject. */
const kept = new Map<string, { lines: number[]; fields: string[][] }>();
const pieces: Piece[] = [];
let posted = 0;
let released = 0;
/** Bumped by every 'drop': work begun before it is thrown away. */
let generation = 0;
let wake: (() => void) | null = null;
let started: (message: Start) => void = () => {};
const start = new Promise<Start>((resolve) => (started = resolve));

port.on('message', (message: ToReading) => {
  switch (message.type) {
    case 'start':
      started(message);
      break;
    case 'piece':
      pieces.push(message.piece);
      break;
    case 'raw': {
      const part = kept.get(`${message.index}/${message.part}`);
      const raws = message.records.map((i) => ({ line: part?.lines[i] ?? 0, raw: part?.fields[i] ? rowToCsv(part.fields[i]) : '' }));
      post({ type: 'raw', index: message.index, part: message.part, raws });
      break;
    }
    case 'release':
      kept.delete(`${message.index}/${message.part}`);
      released++;
      break;
    case 'drop':
      pieces.length = 0;
      kept.clear();
      posted = released = 0;
      generation++;
      break;
  }
  const w = wake;
  wake = null;
  w?.();
});

const until = async (ready: () => boolean) => {
  while (!ready()) await new Promise<void>((resolve) => (wake = resolve));
};

/** Whether the store holds this row as it is now: then the row is only counted. */
type Unchanged = (sourceId: string, rowHash: string) => boolean;

/** Asks the SQLite file for each row; null when the dataset has no events (a first import). */
function storedHashes(db: BetterSqlite3.Database, datasetId: number): Unchanged | null {
  if (db.prepare('SELECT 1 FROM events WHERE dataset_id = ? LIMIT 1').get(datasetId) === undefined) return null;
  const find = db.prepare('SELECT row_hash FROM events WHERE dataset_id = ? AND source_id = ?').pluck();
  return (sourceId, rowHash) => find.get(datasetId, sourceId) === rowHash;
}

/** Tests each row against the fingerprints the main thread read from the store. */
function fingerprinted(set: FingerprintSet): Unchanged {
  return (sourceId, rowHash) => set.has(sourceId, rowHash);
}

/** Packs what the store needs of a batch; unchanged rows are only counted. */
type Packer = (batch: ReadBatch) => Pick<Part, 'ids' | 'kinds'> & { packed: PackedRows[] };

let packer: Packer | null = null;
let db: BetterSqlite3.Database | null = null;

/** Waits for the import to begin, which holds the write lock: a read transaction opened then sees the store as the import found it. */
async function ready(): Promise<Packer> {
  if (packer) return packer;
  const { datasetId, aliases, known } = await start;
  if (setup.sqliteFile !== null) {
    db = new BetterSqlite3(setup.sqliteFile, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 10000');
    db.exec('BEGIN');
  }
  const stored = known !== null ? fingerprinted(new FingerprintSet(known)) : db === null ? null : storedHashes(db, datasetId);
  const writer = new PackedRowsWriter(canonicaliser(aliases));
  packer = (batch) => {
    const ids: string[] = [];
    const packed: PackedRows[] = [];
    let kinds = '';
    const add = (record: EventRecord, hash?: string) => {
      writer.add(record, hash);
      kinds += 'p';
      if (writer.size === PACKED_BATCH) packed.push(writer.take());
    };
    for (const record of batch.records) {
      ids.push(record.source_id);
      if (stored === null) {
        add(record);
        continue;
      }
      const hash = recordHash(record);
      if (stored(record.source_id, hash)) kinds += 'u';
      else add(record, hash);
    }
    if (writer.size > 0) packed.push(writer.take());
    return { ids, kinds, packed };
  };
  return packer;
}

function batchesOf(piece: Piece): AsyncIterable<ReadBatch> {
  if (piece.range === null) return reader.batches();
  if (!(reader instanceof AcledReader)) throw new Error(`a ${reader.format} reader cannot read a range of a file`);
  return reader.rangeBatches(piece.range);
}

/** A range is read as one part (it is about one stream chunk long); the whole file as a part per chunk. */
async function readPiece(piece: Piece): Promise<void> {
  const mine = generation;
  const startsFile = piece.range === null || piece.range.header === null;
  let part = 0;
  let merged: AcledBatch | null = null;
  const send = async (batch: ReadBatch, last: boolean, lines: number) => {
    const pack = await ready();
    if (generation !== mine) return;
    const { ids, kinds, packed } = pack(batch);
    const { wire, transfer } = toWire(packed);
    const out: Part = { index: piece.index, part, last, rows: batch.rows, rejects: batch.rejects, lines, ids, kinds, packed: wire };
    await until(() => posted - released < IN_FLIGHT || generation !== mine);
    if (generation !== mine) return;
    kept.set(`${piece.index}/${part}`, { lines: batch.lines ?? [], fields: batch.fields ?? [] });
    port.postMessage({ type: 'part', ...out } satisfies FromReading, transfer);
    posted++;
    part++;
  };
  for await (const batch of batchesOf(piece)) {
    if (generation !== mine) return;
    if (startsFile && part === 0 && merged === null) {
      // The header decides the layout, which the import row records before anything is written.
      const b = batch as Partial<AcledBatch>;
      post({ type: 'header', layout: reader.layout(), header: b.header ?? [], dialect: b.dialect ?? { delimiter: '', newline: '' } });
    }
    if (piece.range === null) await send(batch, false, 0);
    else merged = merged === null ? (batch as AcledBatch) : mergeBatches(merged, batch as AcledBatch);
  }
  if (piece.range === null) await send({ records: [], rejects: [], rows: 0 }, true, 0);
  else await send(merged ?? { records: [], rejects: [], rows: 0 }, true, merged ? merged.nextLine - piece.range.line : 0);
}

function mergeBatches(a: AcledBatch, b: AcledBatch): AcledBatch {
  return {
    ...b,
    records: a.records.concat(b.records),
    rejects: a.rejects.concat(b.rejects),
    rows: a.rows + b.rows,
    lines: a.lines.concat(b.lines),
    fields: a.fields.concat(b.fields),
  };
}

async function run(): Promise<void> {
  for (;;) {
    await until(() => pieces.length > 0);
    const piece = pieces.shift()!;
    try {
      await readPiece(piece);
    } catch (err) {
      // A range cut inside a quoted field: the main thread reads on from its start another way.
      if (err instanceof CsvCutError) post({ type: 'cut', index: piece.index });
      else throw err;
    }
  }
}

run()
  .catch((err: unknown) => post({ type: 'error', error: errorToSpec(err) }))
  .finally(() => {
    db?.close();
    port.unref();
  });
