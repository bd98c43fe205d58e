// An import into PostgreSQL: one transaction on a dedicated connection; rows streamed with COPY,
// straight into events for a dataset that has none yet, otherwise into a staging table merged in SQL.
import { finished } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ImportCounts, ImportRecord } from '../../model/dataset.js';
import { toImportRecord } from '../queries.js';
import type { Database, NewEventRow } from '../schema.js';
import type { ImportSession, ImportStart } from '../store.js';
import { kyselyOnClient } from './client-kysely.js';
import type { PackedRows } from '../packed-rows.js';
import { COPY_COLUMN_LIST, encodeCopyRows, encodePackedRows } from './copy-text.js';
import type { FingerprintSet } from '../fingerprints.js';
import { createReplacedTableSql } from '../replaced-rows.js';
import { storedFingerprints } from './stored-rows.js';
import { TEXT_DEFER_SETTING } from '../text-facets.js';
import { createStagingTable, markEventsDeleted, mergeStaged, STAGING_TABLE } from './merge.js';

type CopyStream = ReturnType<typeof copyFrom>;
type ApplyCounts = { inserted: number; updated: number; unchanged: number };

/** How much encoded COPY data may wait in memory before apply() waits for the server (about three batches). */
const COPY_BUFFER_BYTES = 8 * 1024 * 1024;
/** A first import of at least this many rows refreshes the planner's statistics before it commits. */
const ANALYZE_AFTER_ROWS = 10_000;
/** Deleted-event lists are sent in slices of this many ids. */
const DELETE_SLICE = 10_000;

export async function beginPostgresImport(pool: pg.Pool, start: ImportStart): Promise<PostgresImportSession> {
  const client = await pool.connect();
  const now = new Date().toISOString();
  try {
    await client.query('BEGIN');
    // PostgreSQL 14+ notices a vanished client during a long statement, so a killed import frees its locks sooner.
    await client.query(
      `SELECT set_config('client_connection_check_interval', '2s', true) WHERE current_setting('server_version_num')::int >= 140000`,
    );
    // Bulk merges join millions of rows: give the hash joins room instead of spilling to disk.
    await client.query(`SET LOCAL work_mem = '128MB'`);
    // The notes are indexed after the commit (src/store/text-index.ts): the insert trigger stands aside, and the ids
    // this import takes all come after this one.
    const before = await client.query<{ id: string }>(
      `SELECT set_config('${TEXT_DEFER_SETTING}', 'on', true), nextval(pg_get_serial_sequence('events', 'id')) AS id`,
    );
    const firstId = Number(before.rows[0]!.id);
    await client.query(createReplacedTableSql('postgres'));
    const d = start.dataset;
    // The upsert also locks the dataset row, so two imports into one dataset run one after the other.
    const dataset = await client.query<{ id: number; format: string }>(
      `INSERT INTO datasets (name, format, title, licence, attribution, access_date, access_filters, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (name) DO UPDATE SET
         title = coalesce(excluded.title, datasets.title), licence = coalesce(excluded.licence, datasets.licence),
         attribution = coalesce(excluded.attribution, datasets.attribution), access_date = coalesce(excluded.access_date, datasets.access_date),
         access_filters = coalesce(excluded.access_filters, datasets.access_filters)
       RETURNING id, format`,
      [d.name, d.format, d.title ?? null, d.licence ?? null, d.attribution ?? null, d.access_date ?? null, d.access_filters ?? null, now],
    );
    const { id: datasetId, format } = dataset.rows[0]!;
    if (format !== d.format) throw new Error(`dataset ${d.name} holds ${format} data, not ${d.format}: choose another --dataset name`);
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO imports (dataset_id, format, layout, file_name, file_size, sha256, rows_read, inserted, updated, unchanged, deleted, rejected, rejects_file, started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, 0, 0, 0, $7, $8, $8) RETURNING id`,
      [datasetId, start.format, start.layout, start.file.file_name, start.file.file_size, start.file.sha256, start.rejects_file, now],
    );
    const importId = inserted.rows[0]!.id;
    // Checked after the upsert, so an import that waited for another one sees its events.
    const existing = await client.query('SELECT 1 FROM events WHERE dataset_id = $1 LIMIT 1', [datasetId]);
    const direct = existing.rowCount === 0;
    if (!direct) await createStagingTable(client);
    return new PostgresImportSession(client, datasetId, importId, d.name, now, direct, firstId);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
    throw err;
  }
}

/**
 * apply() only streams rows; for a dataset that already has events the merge happens once, at the first
 * markDeleted(), transaction() or commit(), so apply() then answers 0/0/0 and commit() records the true counts.
 */
export class PostgresImportSession implements ImportSession {
  private copy: CopyStream | null = null;
  private trx: Kysely<Database> | null = null;
  /** The first failure of the connection or of a COPY: the transaction is lost from then on. */
  private failure: Error | null = null;
  private open = true;
  /** Rows copied straight into events since the last ANALYZE. */
  private copied = 0;
  private staged = 0;
  /** What the merges of staged rows found: apply() could not tell, so commit() adds it to the caller's sums. */
  private readonly merged: ApplyCounts = { inserted: 0, updated: 0, unchanged: 0 };
  readonly replaced: { newIdsAbove: number };
  private readonly onClientError = (err: Error) => {
    this.failure ??= err;
  };

  constructor(
    private readonly client: pg.PoolClient,
    readonly datasetId: number,
    readonly importId: number,
    private readonly datasetName: string,
    private readonly now: string,
    /** True when the dataset had no events: rows are copied straight into events. */
    readonly direct: boolean,
    /** Every id this import gives a new event is above this one. */
    private readonly firstId: number,
  ) {
    client.on('error', this.onClientError);
    this.replaced = { newIdsAbove: firstId };
  }

  async apply(rows: NewEventRow[]): Promise<ApplyCounts> {
    await this.guard(async () => {
      if (rows.length > 0) await this.write(encodeCopyRows(rows));
    });
    return this.streamed(rows.length);
  }

  /** apply() for rows packed by a reading thread: they become COPY text with no object per row. */
  async applyPacked(batch: PackedRows): Promise<ApplyCounts> {
    await this.guard(async () => {
      if (batch.count > 0) await this.write(encodePackedRows(batch, this.params()));
    });
    return this.streamed(batch.count);
  }

  /** What apply() can tell at once: every row is new on the direct path; staged rows are only counted at the merge. */
  private streamed(count: number): ApplyCounts {
    if (this.direct) {
      this.copied += count;
      return { inserted: count, updated: 0, unchanged: 0 };
    }
    this.staged += count;
    return { inserted: 0, updated: 0, unchanged: 0 };
  }

  /** The dataset's fingerprints, read before any row is staged (none on the direct path: the dataset was empty). */
  async storedRows(): Promise<FingerprintSet | null> {
    if (this.direct) return null;
    return this.guard(() => storedFingerprints(this.client, this.datasetId));
  }

  async markDeleted(items: { source_id: string; deleted_at: string }[]): Promise<number> {
    return this.guard(async () => {
      await this.flush();
      let changed = 0;
      for (let i = 0; i < items.length; i += DELETE_SLICE) {
        changed += await markEventsDeleted(this.client, this.params(), items.slice(i, i + DELETE_SLICE));
      }
      return changed;
    });
  }

  async commit(counts: ImportCounts & { rejects_file?: string | null }): Promise<ImportRecord> {
    const record = await this.guard(async () => {
      await this.flush();
      // The caller summed what apply() answered (and may count rows it never sent, e.g. ones a reading thread
      // found unchanged); add what the merges found.
      const final = { ...counts };
      for (const key of ['inserted', 'updated', 'unchanged'] as const) final[key] += this.merged[key];
      if (final.inserted > 0) {
        await this.client.query(
          `INSERT INTO text_index_pending (import_id, first_id, last_id) SELECT $1, $2, nextval(pg_get_serial_sequence('events', 'id'))`,
          [this.importId, this.firstId],
        );
      }
      const result = await this.client.query(
        `UPDATE imports SET rows_read = $1, inserted = $2, updated = $3, unchanged = $4, deleted = $5, rejected = $6,
           rejects_file = $7, finished_at = $8 WHERE id = $9 RETURNING *`,
        [final.rows_read, final.inserted, final.updated, final.unchanged, final.deleted, final.rejected, counts.rejects_file ?? null, new Date().toISOString(), this.importId],
      );
      await this.client.query('COMMIT');
      return toImportRecord({ ...result.rows[0], dataset: this.datasetName });
    });
    this.finish();
    return record;
  }

  async rollback(): Promise<void> {
    if (!this.open) return;
    if (this.copy || this.failure) {
      // A COPY in flight cannot be interrupted by ROLLBACK; closing the connection aborts the transaction.
      this.finish(this.failure ?? new Error('import rolled back during COPY'));
      return;
    }
    try {
      await this.client.query('ROLLBACK');
      this.finish();
    } catch (err) {
      this.finish(err instanceof Error ? err : new Error(String(err)));
    }
  }

  /**
   * The import's own transaction, for work that must commit with it (rollups, saved figures): pending rows
   * are merged first, and the connection must not be used after commit() or rollback().
   */
  async transaction(): Promise<Kysely<Database>> {
    await this.guard(() => this.flush());
    this.trx ??= kyselyOnClient(this.client);
    return this.trx;
  }

  private params() {
    return { datasetId: this.datasetId, importId: this.importId, now: this.now };
  }

  /** Runs one step; any failure abandons the import (PostgreSQL has aborted the transaction anyway). */
  private async guard<T>(step: () => Promise<T>): Promise<T> {
    if (!this.open) throw new Error(`import ${this.importId} is already ${this.failure ? 'rolled back' : 'finished'}`);
    if (this.failure) throw this.failure;
    try {
      return await step();
    } catch (err) {
      await this.rollback();
      throw err;
    }
  }

  private startCopy(): CopyStream {
    const target = this.direct ? 'events' : STAGING_TABLE;
    const stream = this.client.query(copyFrom(`COPY ${target} (${COPY_COLUMN_LIST}) FROM STDIN`, { highWaterMark: COPY_BUFFER_BYTES }));
    stream.on('error', (err: Error) => {
      this.failure ??= err;
    });
    this.copy = stream;
    return stream;
  }

  /** Hands the data to the COPY; waits only when the server falls behind, so parsing and loading overlap. */
  private async write(text: string): Promise<void> {
    const stream = this.copy ?? this.startCopy();
    if (stream.write(text)) return;
    await new Promise<void>((resolve, reject) => {
      const settle = (err?: Error) => {
        stream.off('drain', onDrain);
        stream.off('error', onError);
        if (err) reject(err);
        else resolve();
      };
      const onDrain = () => settle();
      const onError = (err: Error) => settle(err);
      stream.on('drain', onDrain);
      stream.on('error', onError);
    });
    if (this.failure) throw this.failure;
  }

  /** Ends the COPY in progress and, for a re-import, merges what was staged. */
  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const stream = this.copy;
    if (stream) {
      stream.end();
      await finished(stream);
      this.copy = null;
    }
    if (this.failure) throw this.failure;
    if (this.direct && this.copied >= ANALYZE_AFTER_ROWS) {
      // Until autovacuum gets round to it the planner takes a fresh dataset for a few rows, and plans the work
      // that follows in this transaction (rollups) and the next re-import's merge accordingly; the statistics
      // commit with the rows.
      this.copied = 0;
      await this.client.query('ANALYZE events');
    }
    if (!this.direct && this.staged > 0) {
      const merged = await mergeStaged(this.client, { ...this.params(), staged: this.staged });
      this.staged = 0;
      this.merged.inserted += merged.inserted;
      this.merged.updated += merged.updated;
      this.merged.unchanged += merged.unchanged;
    }
  }

  /** Gives the connection back to the pool, or closes it when it may still be inside a transaction. */
  private finish(broken?: Error): void {
    if (!this.open) return;
    this.open = false;
    this.copy = null;
    this.client.off('error', this.onClientError);
    // pg closes the connection when release() gets an error; until it has, a late socket error must not go unheard.
    if (broken) this.client.on('error', () => {});
    this.client.release(broken);
  }
}
