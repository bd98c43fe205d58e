// Work an import of many rows can batch instead of doing per row, inside the import's own transaction, so a crash
// or a rollback leaves the store exactly as it was.
import type BetterSqlite3 from 'better-sqlite3';

/** The per-row triggers that index notes: an import leaves indexing to after its commit (src/store/text-index.ts). */
const FTS_TRIGGERS = ['events_fts_insert', 'events_fts_update'];

interface SchemaEntry {
  name: string;
  sql: string;
}

/**
 * Indexing notes row by row was most of an import's time: while the load is on, the insert and update triggers are
 * dropped, and the ids the import wrote are recorded in text_index_pending, in the same transaction, for the text
 * index to catch up after the commit.
 *
 * For a first load into a table that holds fewer rows than the file will add, the secondary indexes of events are
 * dropped too and built once at the end: sorting once is cheaper than inserting into four B-trees per row.
 */
export class BulkLoad {
  private triggers: SchemaEntry[] = [];
  /** Ids of existing rows this load rewrote (their entries are replaced when the index catches up). */
  private updated: number[] = [];
  private indexes: SchemaEntry[] = [];
  private stats: unknown[][] = [];
  /** The highest id before this load's first insert. */
  private before = 0;
  private active = false;
  private readonly maxIdOf: BetterSqlite3.Statement;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly importId: number,
    private readonly deferIndexes: boolean,
  ) {
    this.maxIdOf = db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck();
  }

  /** Starts the load (again, if it was ended): call before inserting. */
  begin(): void {
    if (this.active) return;
    this.active = true;
    const names = FTS_TRIGGERS.map(() => '?').join(', ');
    this.triggers = this.db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN (${names})`).all(...FTS_TRIGGERS) as SchemaEntry[];
    this.before = this.maxId();
    for (const t of this.triggers) this.db.exec(`DROP TRIGGER ${t.name}`);
    if (this.deferIndexes && this.indexes.length === 0) this.dropIndexes();
  }

  /** Puts back what begin() took away, so the store is whole before anything else reads or commits it. */
  end(): void {
    if (!this.active) return;
    this.active = false;
    if (this.triggers.length > 0) {
      const pending = this.db.prepare('INSERT INTO text_index_pending (import_id, first_id, last_id) VALUES (?, ?, ?)');
      const last = this.maxId();
      if (last > this.before) pending.run(this.importId, this.before + 1, last);
      for (const [first, end] of idRanges(this.updated)) pending.run(this.importId, first, end);
      for (const t of this.triggers) this.db.exec(t.sql);
    }
    this.triggers = [];
    this.updated = [];
    for (const index of this.indexes) this.db.exec(index.sql);
    this.restoreStats();
    this.indexes = [];
  }

  /** Call when the load rewrites an existing row. */
  rewrote(id: number): void {
    if (id <= this.before) this.updated.push(id);
  }

  private maxId(): number {
    return Number(this.maxIdOf.get());
  }

  private dropIndexes(): void {
    // Automatic indexes (the unique key) have no SQL and cannot be dropped; the import's lookups need them anyway.
    this.indexes = this.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'events' AND sql IS NOT NULL").all() as SchemaEntry[];
    if (this.indexes.length === 0) return;
    // DROP INDEX forgets what ANALYZE learnt about the index: keep it to put back.
    if (this.db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get()) {
      const names = this.indexes.map((i) => i.name);
      this.stats = this.db.prepare(`SELECT tbl, idx, stat FROM sqlite_stat1 WHERE idx IN (${names.map(() => '?').join(', ')})`).raw(true).all(...names) as unknown[][];
    }
    for (const index of this.indexes) this.db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
  }

  private restoreStats(): void {
    if (this.stats.length === 0) return;
    const put = this.db.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)');
    for (const row of this.stats) put.run(row);
    this.stats = [];
  }
}

/**
 * Whether a load into a dataset with no events should build the indexes of events after inserting: yes when the
 * table holds fewer rows than the file will add (at most one row per kilobyte of file, a low guess for event data).
 */
export function shouldDeferIndexes(db: BetterSqlite3.Database, fileSize: number): boolean {
  const seq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get() as { seq: number } | undefined;
  return Number(seq?.seq ?? 0) < fileSize / 1000;
}

/** Sorted ids as runs of consecutive ids: [first, last] pairs. */
function idRanges(ids: number[]): [number, number][] {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const id of sorted) {
    const run = out[out.length - 1];
    if (run && run[1] === id - 1) run[1] = id;
    else out.push([id, id]);
  }
  return out;
}
