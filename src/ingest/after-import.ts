// What follows every import once it has landed: the full-text index catches up with the rows it wrote, and saved
// figures are re-evaluated and their changes reported.
import { reevaluateSavedFigures, type FigureChange } from '../analysis/saved-figures.js';
import { sql } from 'kysely';
import { catchUpTextIndex } from '../store/text-index.js';
import type { ImportRecord } from '../model/dataset.js';
import type { ImportSession, Store } from '../store/store.js';

export interface AfterImportReport {
  /** Events whose notes were (re)indexed for text: searches after the commit. */
  text_indexed?: number;
  /** Saved figures the import changed: old → new value and the events behind the change. */
  figures_changed?: FigureChange[];
  /** Saved figures that could not be re-evaluated (their filter no longer resolves). */
  figures_failed?: { figure: string; error: string }[];
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** PostgreSQL: an import that wrote at least this many rows is followed by a vacuum of what it wrote. */
const VACUUM_AFTER_ROWS = 10_000;

/**
 * Until a table is vacuumed PostgreSQL cannot answer from an index alone (no page is known all-visible): a count
 * of a country's events reads every row of the table instead of its index (on 2.5M events, 530 ms → 23 ms, for a
 * vacuum of about 4 s). Autovacuum would get there, some time later; VACUUM cannot run inside a transaction.
 */
async function vacuumWritten(store: Store): Promise<void> {
  await sql`vacuum (analyze) events, events_fts, rollup_days, rollup_points, rollup_actor_months, rollup_cell_months, rollup_months`.execute(store.db);
}

export const afterImport = {
  /** Work inside the import's transaction beyond the rollups (which runImport refreshes itself). */
  async beforeCommit(_store: Store, _session: ImportSession): Promise<void> {},

  async afterCommit(store: Store, record: ImportRecord): Promise<AfterImportReport> {
    // Before the saved figures, which may search the notes. Indexing is not part of the import's transaction: if it
    // is interrupted, the next text: search or import finishes it.
    const indexed = await catchUpTextIndex(store.db, store.engine);
    // SQLite plans by the statistics ANALYZE leaves (e.g. whether to read a text: search's few matches by id or a
    // whole country through its index): gathered for every table never analysed or much changed in size (sampled
    // statistics misjudge a country's share; the full pass takes about a second per million events).
    if (store.engine === 'sqlite') await sql`pragma optimize = 0x10002`.execute(store.db);
    else if (record.inserted + record.updated + record.deleted >= VACUUM_AFTER_ROWS) await vacuumWritten(store);
    const { changes, failed } = await reevaluateSavedFigures(store, record.id);
    return {
      ...(indexed ? { text_indexed: indexed } : {}),
      ...(changes.length ? { figures_changed: changes } : {}),
      ...(failed.length ? { figures_failed: failed } : {}),
    };
  },

  describe(report: AfterImportReport): string[] {
    const lines = (report.figures_changed ?? []).map(
      (c) =>
        `saved figure ${c.figure} changed: ${c.before.value.best} → ${c.after.value.best} (low ${c.before.value.low} → ${c.after.value.low}, ` +
        `${signed(c.after.events - c.before.events)} events; ${c.added_event_ids.length} added, ${c.removed_event_ids.length} removed)`,
    );
    for (const f of report.figures_failed ?? []) lines.push(`saved figure ${f.figure} could not be re-evaluated: ${f.error}`);
    if (lines.length) lines.push('`groundtruth figures stale` lists every figure whose published value has moved.');
    return lines;
  },
};
