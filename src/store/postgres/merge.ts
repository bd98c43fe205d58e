// The set-based SQL of an import: staged rows merged into events, and events marked deleted,
// each old version kept in event_revisions first.
import type pg from 'pg';
import { COPY_COLUMNS, COPY_COLUMN_LIST } from './copy-text.js';
import { recordJsonSql } from './record-json.js';
import { REPLACED_COLUMNS, REPLACED_TABLE } from '../replaced-rows.js';

/** Where a re-import's rows land before the merge; dropped with the transaction. */
export const STAGING_TABLE = 'groundtruth_import_staging';
/** Staged rows that are new or changed: (source_id, the event they replace or null). Equal rows are not in it,
 * even when their event was deleted: re-importing an old file must not revive what the source deleted. */
const CHANGES_TABLE = 'groundtruth_import_changes';

export async function createStagingTable(client: pg.ClientBase): Promise<void> {
  // Same column types as events, no constraints or indexes: loading it is cheap and writes no WAL.
  await client.query(`CREATE TEMP TABLE ${STAGING_TABLE} ON COMMIT DROP AS SELECT ${COPY_COLUMN_LIST} FROM events WITH NO DATA`);
}

/** Copies the current version of the events `targets` names into the import's table of replaced rows. */
function keepReplacedSql(targets: string): string {
  return `INSERT INTO ${REPLACED_TABLE} SELECT ${REPLACED_COLUMNS.map((c) => `e.${c}`).join(', ')} FROM ${targets} t JOIN events e ON e.id = t.event_id`;
}

/** Copies the current version of the events `targets` names into event_revisions, as superseded by `importId`. */
function keepRevisionsSql(targets: string): string {
  return `INSERT INTO event_revisions (event_id, revision, import_id, recorded_at, deleted_at, record, superseded_by_import, superseded_at)
    SELECT e.id, e.revision, e.import_id, e.updated_at, e.deleted_at, ${recordJsonSql('e')}, $1, $2
    FROM ${targets} t JOIN events e ON e.id = t.event_id`;
}

/** Everything an update rewrites: all columns but the key and created_at; revision and deleted_at are set apart. */
const REWRITTEN = COPY_COLUMNS.filter((c) => !['dataset_id', 'source_id', 'created_at', 'revision', 'deleted_at'].includes(c));

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Merges every staged row into events: new rows are inserted at revision 1; rows that differ replace the current
 * version (reviving a deleted event), which is kept as a revision; equal rows are counted and left alone.
 * Empties the staging table so later batches can be staged again.
 */
export async function mergeStaged(client: pg.ClientBase, p: { datasetId: number; importId: number; now: string; staged: number }): Promise<MergeCounts> {
  // No ANALYZE of the staging table: the planner sizes it from its pages, which is enough to pick hash joins,
  // and sampling it cost more than the joins themselves.
  await client.query(`DROP TABLE IF EXISTS ${CHANGES_TABLE}`);
  await client.query(
    `CREATE TEMP TABLE ${CHANGES_TABLE} ON COMMIT DROP AS
     SELECT s.source_id, e.id AS event_id
     FROM ${STAGING_TABLE} s LEFT JOIN events e ON e.dataset_id = ${Number(p.datasetId)} AND e.source_id = s.source_id
     WHERE e.id IS NULL OR e.row_hash <> s.row_hash`,
  );
  const counted = await client.query<{ inserted: number; updated: number }>(
    `SELECT count(*) FILTER (WHERE event_id IS NULL)::int AS inserted, count(*) FILTER (WHERE event_id IS NOT NULL)::int AS updated FROM ${CHANGES_TABLE}`,
  );
  const { inserted, updated } = counted.rows[0] ?? { inserted: 0, updated: 0 };

  if (updated > 0) {
    await client.query(keepReplacedSql(CHANGES_TABLE) + ' WHERE t.event_id IS NOT NULL');
    await client.query(keepRevisionsSql(`${CHANGES_TABLE}`) + ' WHERE t.event_id IS NOT NULL', [p.importId, p.now]);
    await client.query(
      `UPDATE events e SET revision = e.revision + 1, deleted_at = NULL, ${REWRITTEN.map((c) => `${c} = s.${c}`).join(', ')}
       FROM ${CHANGES_TABLE} c JOIN ${STAGING_TABLE} s ON s.source_id = c.source_id
       WHERE e.id = c.event_id`,
    );
  }
  if (inserted > 0) {
    await client.query(
      `INSERT INTO events (${COPY_COLUMN_LIST})
       SELECT ${COPY_COLUMNS.map((c) => (c === 'revision' ? '1' : c === 'deleted_at' ? 'NULL' : `s.${c}`)).join(', ')}
       FROM ${CHANGES_TABLE} c JOIN ${STAGING_TABLE} s ON s.source_id = c.source_id
       WHERE c.event_id IS NULL`,
    );
  }
  await client.query(`TRUNCATE ${STAGING_TABLE}`);
  return { inserted, updated, unchanged: p.staged - inserted - updated };
}

/**
 * Marks the named events of a dataset deleted (those not deleted already), keeping each current version
 * as a revision; returns how many changed. A source id named twice counts once (the last date wins).
 */
export async function markEventsDeleted(
  client: pg.ClientBase,
  p: { datasetId: number; importId: number; now: string },
  items: readonly { source_id: string; deleted_at: string }[],
): Promise<number> {
  const byId = new Map<string, string>();
  for (const item of items) byId.set(item.source_id, item.deleted_at);
  if (byId.size === 0) return 0;
  const result = await client.query(
    `WITH targets AS MATERIALIZED (
       SELECT e.id AS event_id, d.deleted_at
       FROM unnest($3::text[], $4::text[]) AS d(source_id, deleted_at)
       JOIN events e ON e.dataset_id = $5 AND e.source_id = d.source_id
       WHERE e.deleted_at IS NULL
     ), kept AS (
       ${keepRevisionsSql('targets')}
     ), replaced AS (
       ${keepReplacedSql('targets')}
     )
     UPDATE events e SET deleted_at = t.deleted_at, import_id = $1, updated_at = $2, revision = e.revision + 1
     FROM targets t WHERE e.id = t.event_id`,
    [p.importId, p.now, [...byId.keys()], [...byId.values()], p.datasetId],
  );
  return result.rowCount ?? 0;
}
