// Work an import of many rows can batch instead of doing per row, inside the import's own transaction, so a crash
// or a rollback leaves the store exactly as it was.
import type BetterSqlite3 from 'better-sqlite3';

/** New rows indexed at once: fewer, larger FTS segments mean less merging later (about a tenth less work than per batch). */
const FTS_ROWS = 20_000;

/** The per-row FTS trigger this knows how to replace; any other definition is left alone. */
const FTS_TRIGGER = 'events_fts_insert';
const FTS_TRIGGER_SQL = 'create trigger events_fts_insert after insert on events begin insert into events_fts(rowid, notes) values (new.id, new.notes); end';

const normalise = (sql: string) => sql.replace(/\s+/g, ' ').replace(/\s*([(),;])\s*/g, '$1').trim().toLowerCase();

interface SchemaEntry {
  name: string;
  sql: string;
}

/**
 * FTS5 writes out its pending terms at the end of every statement, so the trigger that indexes one row per INSERT
 * costs about ten times what indexing the same rows in one INSERT … SELECT does. While the load is on, the trigger
 * is dropped and each batch of new rows (ids above the last one indexed: ids only grow) is indexed at once.
 *
 * For a first load into a table that holds fewer rows than the file will add, the secondary indexes of events are
 * dropped too and built once at the end: sorting once is cheaper than inserting into four B-trees per row.
 */
export class BulkLoad {
  private trigger: SchemaEntry | null = null;
  private indexes: SchemaEntry[] = [];
  private stats: unknown[][] = [];
  private lastIndexed = 0;
  private active = false;
  private readonly maxIdOf: BetterSqlite3.Statement;
  private indexRange: BetterSqlite3.Statement | null = null;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly deferIndexes: boolean,
  ) {
    this.maxIdOf = db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck();
  }

  /** Starts the load (again, if it was ended): call before inserting. */
  begin(): void {
    if (this.active) return;
    this.active = true;
    const trigger = this.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").get(FTS_TRIGGER) as SchemaEntry | undefined;
    if (trigger && normalise(trigger.sql) === normalise(FTS_TRIGGER_SQL)) {
      this.indexRange ??= this.db.prepare('INSERT INTO events_fts (rowid, notes) SELECT id, notes FROM events WHERE id > ? AND id <= ?');
      this.lastIndexed = this.maxId();
      this.db.exec(`DROP TRIGGER ${FTS_TRIGGER}`);
      this.trigger = trigger;
    }
    if (this.deferIndexes && this.indexes.length === 0) this.dropIndexes();
  }

  /**
   * Indexes the notes of the rows inserted since the last call, once there are enough of them (or all, with `now`):
   * the rows not yet indexed are this import's own, which nothing reads by text before end().
   */
  indexNewRows(now = false): void {
    if (!this.trigger || !this.indexRange) return;
    const last = this.maxId();
    if (last === this.lastIndexed || (!now && last - this.lastIndexed < FTS_ROWS)) return;
    this.indexRange.run(this.lastIndexed, last);
    this.lastIndexed = last;
  }

  /** Call before changing the notes of row `id`: the FTS update trigger expects the row to be indexed already. */
  beforeUpdate(id: number): void {
    if (id > this.lastIndexed) this.indexNewRows(true);
  }

  /** Puts back what begin() took away, so the store is whole before anything else reads or commits it. */
  end(): void {
    if (!this.active) return;
    this.active = false;
    this.indexNewRows(true);
    if (this.trigger) this.db.exec(this.trigger.sql);
    this.trigger = null;
    for (const index of this.indexes) this.db.exec(index.sql);
    this.restoreStats();
    this.indexes = [];
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
