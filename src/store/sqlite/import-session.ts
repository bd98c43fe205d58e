// An import into SQLite: one BEGIN IMMEDIATE transaction, prepared statements, positional binds.
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ImportCounts, ImportRecord } from '../../model/dataset.js';
import { forEachPackedRow, PACKED_COLUMNS, type PackedRows, type PackedValue } from '../packed-rows.js';
import { toImportRecord } from '../queries.js';
import { rowToRecord } from '../rows.js';
import type { Database, EventRow, NewEventRow } from '../schema.js';
import type { ImportSession, ImportStart } from '../store.js';
import { createReplacedTableSql, REPLACED_COLUMN_LIST, REPLACED_TABLE } from '../replaced-rows.js';
import { BulkLoad, shouldDeferIndexes } from './bulk-load.js';

/** Columns written for each event, in bind order. */
const COLUMNS = [
  'dataset_id', 'source_id', 'revision', 'import_id', 'row_hash', 'date_start', 'date_end', 'date_precision',
  'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor1', 'actor2', 'assoc_actor2', 'actor1_id',
  'actor2_id', 'target', 'civilian_targeting', 'iso3', 'country', 'admin1', 'admin2', 'admin3', 'location', 'lat', 'lon',
  'geo_precision', 'fatalities_low', 'fatalities_best', 'fatalities_high', 'civilian_fatalities_low',
  'civilian_fatalities_high', 'units_low', 'units_high', 'notes', 'sources', 'tags', 'source_timestamp', 'event_count',
  'extra', 'created_at', 'updated_at', 'deleted_at',
] as const satisfies readonly (keyof NewEventRow)[];

/** Columns an update rewrites (everything but the key and created_at). */
const UPDATED = COLUMNS.filter((c) => c !== 'dataset_id' && c !== 'source_id' && c !== 'created_at');

/** What a packed row leaves to the store, bound after its values. */
const PACKED_EXTRA = ['dataset_id', 'import_id', 'created_at', 'updated_at'] as const;
const PACKED_WIDTH = PACKED_COLUMNS.length;

function bindRow(row: NewEventRow, cols: readonly (keyof NewEventRow)[]): unknown[] {
  const out = new Array<unknown>(cols.length);
  for (let i = 0; i < cols.length; i++) out[i] = row[cols[i]!] ?? null;
  return out;
}

export function beginSqliteImport(db: BetterSqlite3.Database, kysely: Kysely<Database>, start: ImportStart): ImportSession {
  const now = new Date().toISOString();
  // The sorts of a large import (index builds, rollups) would hold all their data in memory: spill them to files.
  // temp_store can change only outside a transaction, and changing it drops temporary tables: only when there are none.
  const tempStore = Number(db.pragma('temp_store', { simple: true }));
  const noTemp = () => db.prepare('SELECT count(*) FROM temp.sqlite_schema').pluck().get() === 0;
  const spill = tempStore !== 1 && !db.inTransaction && noTemp();
  if (spill) db.pragma('temp_store = FILE');
  const restore = () => {
    if (spill && !db.inTransaction && noTemp()) db.pragma(`temp_store = ${tempStore}`);
  };
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (err) {
    restore();
    throw err;
  }
  try {
    const d = start.dataset;
    db.prepare(
      `INSERT INTO datasets (name, format, title, licence, attribution, access_date, access_filters, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET
         title = coalesce(excluded.title, title), licence = coalesce(excluded.licence, licence),
         attribution = coalesce(excluded.attribution, attribution), access_date = coalesce(excluded.access_date, access_date),
         access_filters = coalesce(excluded.access_filters, access_filters)`,
    ).run(d.name, d.format, d.title ?? null, d.licence ?? null, d.attribution ?? null, d.access_date ?? null, d.access_filters ?? null, now);
    const dataset = db.prepare('SELECT id, format FROM datasets WHERE name = ?').get(d.name) as { id: number; format: string };
    if (dataset.format !== d.format) throw new Error(`dataset ${d.name} holds ${dataset.format} data, not ${d.format}: choose another --dataset name`);
    const importId = Number(
      db
        .prepare(
          `INSERT INTO imports (dataset_id, format, layout, file_name, file_size, sha256, rows_read, inserted, updated, unchanged, deleted, rejected, rejects_file, started_at, finished_at)
           VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, ?, ?, ?)`,
        )
        .run(dataset.id, start.format, start.layout, start.file.file_name, start.file.file_size, start.file.sha256, start.rejects_file, now, now).lastInsertRowid,
    );
    return new SqliteImportSession(db, kysely, dataset.id, importId, now, start.file.file_size, restore);
  } catch (err) {
    db.exec('ROLLBACK');
    restore();
    throw err;
  }
}

class SqliteImportSession implements ImportSession {
  private readonly insert: BetterSqlite3.Statement;
  private readonly findByKey: BetterSqlite3.Statement;
  private readonly fullRow: BetterSqlite3.Statement;
  private readonly keepRevision: BetterSqlite3.Statement;
  private readonly update: BetterSqlite3.Statement;
  private readonly markGone: BetterSqlite3.Statement;
  private readonly insertPacked: BetterSqlite3.Statement;
  private readonly updatePacked: BetterSqlite3.Statement;
  private readonly keepReplaced: BetterSqlite3.Statement;
  /** A dataset with no events yet needs no lookups: every row is new (duplicates are caught upstream). */
  private readonly emptyAtStart: boolean;
  readonly replaced: { newIdsAbove: number };
  private readonly bulk: BulkLoad;
  private open = true;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly kysely: Kysely<Database>,
    readonly datasetId: number,
    readonly importId: number,
    private readonly now: string,
    fileSize: number,
    /** Puts back the connection settings the import changed. */
    private readonly restore: () => void,
  ) {
    this.insert = db.prepare(`INSERT INTO events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    this.findByKey = db.prepare('SELECT id, row_hash, deleted_at FROM events WHERE dataset_id = ? AND source_id = ?').raw(true);
    this.fullRow = db.prepare('SELECT * FROM events WHERE id = ?');
    this.keepRevision = db.prepare(
      `INSERT INTO event_revisions (event_id, revision, import_id, recorded_at, deleted_at, record, superseded_by_import, superseded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.update = db.prepare(`UPDATE events SET ${UPDATED.map((c) => `${c} = ?`).join(', ')}, revision = revision + 1 WHERE id = ?`);
    this.markGone = db.prepare('UPDATE events SET deleted_at = ?, import_id = ?, updated_at = ?, revision = revision + 1 WHERE id = ?');
    const packed = [...PACKED_COLUMNS, ...PACKED_EXTRA];
    this.insertPacked = db.prepare(`INSERT INTO events (${packed.join(', ')}, revision) VALUES (${packed.map(() => '?').join(', ')}, 1)`);
    this.updatePacked = db.prepare(
      `UPDATE events SET ${PACKED_COLUMNS.slice(1).map((c) => `${c} = ?`).join(', ')}, import_id = ?, updated_at = ?, deleted_at = NULL,
       revision = revision + 1 WHERE id = ?`,
    );
    this.emptyAtStart = db.prepare('SELECT 1 FROM events WHERE dataset_id = ? LIMIT 1').get(datasetId) === undefined;
    this.replaced = { newIdsAbove: Number(db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck().get()) };
    db.exec(createReplacedTableSql('sqlite'));
    this.keepReplaced = db.prepare(`INSERT INTO temp.${REPLACED_TABLE} SELECT ${REPLACED_COLUMN_LIST} FROM events WHERE id = ?`);
    this.bulk = new BulkLoad(db, importId, this.emptyAtStart && shouldDeferIndexes(db, fileSize));
  }

  /** Copies the current version of an event into its history before it changes. */
  private keepCurrent(id: number): EventRow {
    this.keepReplaced.run(id);
    const old = this.fullRow.get(id) as EventRow;
    this.keepRevision.run(id, old.revision, old.import_id, old.updated_at, old.deleted_at, JSON.stringify(rowToRecord(old)), this.importId, this.now);
    return old;
  }

  async apply(rows: NewEventRow[]) {
    this.bulk.begin();
    let inserted = 0;
    let updated = 0;
    let unchanged = 0;
    for (const row of rows) {
      if (this.emptyAtStart) {
        this.insert.run(bindRow(row, COLUMNS));
        inserted++;
        continue;
      }
      const found = this.findByKey.get(row.dataset_id, row.source_id) as [number, string, string | null] | undefined;
      if (!found) {
        this.insert.run(bindRow(row, COLUMNS));
        inserted++;
      } else if (found[1] === row.row_hash) {
        // Same content: left alone, and a deleted event stays deleted (an old file must not revive it).
        unchanged++;
      } else {
        this.keepCurrent(found[0]);
        this.bulk.rewrote(found[0]);
        this.update.run([...bindRow(row, UPDATED), found[0]]);
        updated++;
      }
    }
    return { inserted, updated, unchanged };
  }

  /** apply() for rows packed by the reading thread: the same upsert, with no object per row. */
  async applyPacked(batch: PackedRows) {
    this.bulk.begin();
    let inserted = 0;
    let updated = 0;
    let unchanged = 0;
    const row: PackedValue[] = new Array<PackedValue>(PACKED_WIDTH + PACKED_EXTRA.length).fill(null);
    row.splice(PACKED_WIDTH, PACKED_EXTRA.length, this.datasetId, this.importId, this.now, this.now);
    forEachPackedRow(batch, row, (values) => {
      if (!this.emptyAtStart) {
        const found = this.findByKey.get(this.datasetId, values[0]) as [number, string, string | null] | undefined;
        if (found && found[1] === values[1]) {
          unchanged++;
          return;
        }
        if (found) {
          this.keepCurrent(found[0]);
          this.bulk.rewrote(found[0]);
          this.updatePacked.run([...values.slice(1, PACKED_WIDTH), this.importId, this.now, found[0]]);
          updated++;
          return;
        }
      }
      this.insertPacked.run(values);
      inserted++;
    });
    return { inserted, updated, unchanged };
  }

  async markDeleted(items: { source_id: string; deleted_at: string }[]) {
    let changed = 0;
    for (const item of items) {
      const found = this.findByKey.get(this.datasetId, item.source_id) as [number, string, string | null] | undefined;
      if (!found || found[2] !== null) continue;
      this.keepCurrent(found[0]);
      this.markGone.run(item.deleted_at, this.importId, this.now, found[0]);
      changed++;
    }
    return changed;
  }

  /**
   * The import's own transaction, for work that must commit with it (rollups, saved figures): SQLite has one
   * connection, so this is the store's own Kysely, once the indexes a bulk load set aside are back.
   */
  async transaction(): Promise<Kysely<Database>> {
    this.bulk.end();
    return this.kysely;
  }

  async commit(counts: ImportCounts & { rejects_file?: string | null }): Promise<ImportRecord> {
    this.bulk.end();
    const finished = new Date().toISOString();
    this.db
      .prepare('UPDATE imports SET rows_read = ?, inserted = ?, updated = ?, unchanged = ?, deleted = ?, rejected = ?, rejects_file = ?, finished_at = ? WHERE id = ?')
      .run(counts.rows_read, counts.inserted, counts.updated, counts.unchanged, counts.deleted, counts.rejected, counts.rejects_file ?? null, finished, this.importId);
    const row = this.db.prepare('SELECT i.*, d.name AS dataset FROM imports i JOIN datasets d ON d.id = i.dataset_id WHERE i.id = ?').get(this.importId) as Record<string, unknown> & { dataset: string };
    this.db.exec('COMMIT');
    this.open = false;
    this.dropReplaced();
    this.restore();
    return toImportRecord(row);
  }

  async rollback(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.dropReplaced();
    this.restore();
  }

  private dropReplaced(): void {
    this.db.exec(`DROP TABLE IF EXISTS temp.${REPLACED_TABLE}`);
  }
}
