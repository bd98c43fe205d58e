// Catching the full-text index up with the events. An import does not index notes inside its transaction (that
// was most of its time): it records the range of ids it wrote in text_index_pending, and this indexes them after
// it commits. A text: search catches up first, so it never misses a row; everything else reads the events at once.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Engine } from './store.js';
import { FACETS_SQL, TEXT_BODY_SQL } from './text-facets.js';

/** Ids indexed per step: each step is its own transaction, so a crash loses at most one step's work. */
const STEP_IDS = 50_000;
/** PostgreSQL indexes on this many connections at once (the tsvector work is the server's CPU). */
const POSTGRES_WORKERS = 2;

export interface TextIndexProgress {
  /** Rows (re)indexed so far. */
  indexed: number;
}

/** Whether any notes await indexing. */
export async function textIndexPending(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('text_index_pending').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Indexes every pending range and returns how many rows it indexed. Safe to run at any time and in several
 * processes: indexing a row again replaces its entry. Inside a transaction (`db.isTransaction`) it works there.
 */
export async function catchUpTextIndex(
  db: Kysely<Database>,
  engine: Engine,
  onProgress?: (p: TextIndexProgress) => void,
  { mergeAfter = MERGE_AFTER }: { mergeAfter?: number } = {},
): Promise<number> {
  if (!(await textIndexPending(db))) return 0;
  const progress = { indexed: 0 };
  const worker = async (conn: Kysely<Database>) => {
    for (;;) {
      const n = engine === 'postgres' ? await postgresStep(conn) : await sqliteStep(conn);
      if (n === null) return;
      progress.indexed += n;
      onProgress?.(progress);
    }
  };
  if (db.isTransaction) {
    await splitPending(db);
    await worker(db);
  } else if (engine === 'postgres') {
    await db.transaction().execute(splitPending);
    await Promise.all(Array.from({ length: POSTGRES_WORKERS }, () => worker(db)));
  } else {
    // One connection held throughout, so no other query of this process lands inside a step's savepoint.
    await db.connection().execute(async (conn) => {
      await inSavepoint(conn, () => splitPending(conn));
      await worker(conn);
    });
  }
  if (engine === 'sqlite' && progress.indexed >= mergeAfter && progress.indexed * 2 > (await eventCount(db))) await mergeSqliteIndex(db);
  return progress.indexed;
}

/** A catch-up of at least this many rows, and over half the events, leaves SQLite's index merged into one segment. */
const MERGE_AFTER = 100_000;

/** The highest id: the number of events ever written (ids are never reused, events never removed). */
async function eventCount(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number | null }>`select max(id) as n from events`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * After indexing most of the store at once (a first import, a migration) FTS5 holds several segments, each of which
 * every search reads: one merge halves a country-year search on 2.5M events (about 6 s there, once). Smaller
 * catch-ups leave merging to FTS5's own, incremental one.
 */
async function mergeSqliteIndex(db: Kysely<Database>): Promise<void> {
  await sql`insert into events_fts (events_fts) values ('optimize')`.execute(db);
}

/** Cuts ranges longer than a step into steps, so that steps stay short and workers can share them. */
async function splitPending(trx: Kysely<Database>): Promise<void> {
  const long = await trx.selectFrom('text_index_pending').selectAll().where(sql<boolean>`last_id - first_id >= ${STEP_IDS}`).execute();
  for (const r of long) {
    const first = Number(r.first_id);
    const last = Number(r.last_id);
    const deleted = await trx.deleteFrom('text_index_pending').where('id', '=', r.id).executeTakeFirst();
    // Another process split or indexed it meanwhile.
    if (Number(deleted.numDeletedRows) === 0) continue;
    const steps = [];
    for (let a = first; a <= last; a += STEP_IDS) steps.push({ import_id: r.import_id, first_id: a, last_id: Math.min(last, a + STEP_IDS - 1) });
    for (let i = 0; i < steps.length; i += 500) await trx.insertInto('text_index_pending').values(steps.slice(i, i + 500)).execute();
  }
}

/** SQLite: work in a savepoint, which is a transaction of its own outside one and nests inside one. */
async function inSavepoint<T>(conn: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  await sql`savepoint text_index`.execute(conn);
  try {
    const result = await work();
    await sql`release text_index`.execute(conn);
    return result;
  } catch (err) {
    await sql`rollback to text_index`.execute(conn);
    await sql`release text_index`.execute(conn);
    throw err;
  }
}

/** The pending ranges one step takes: the lowest ones, up to about STEP_IDS ids (at least one range). */
async function nextRanges(conn: Kysely<Database>, lock: boolean): Promise<number[]> {
  const q = sql<{ id: number; first_id: number | string; last_id: number | string }>`select id, first_id, last_id from text_index_pending
    order by first_id limit 500 ${lock ? sql`for update skip locked` : sql``}`;
  const rows = (await q.execute(conn)).rows;
  const ids: number[] = [];
  let span = 0;
  for (const r of rows) {
    if (ids.length > 0 && span + (Number(r.last_id) - Number(r.first_id) + 1) > STEP_IDS) break;
    ids.push(Number(r.id));
    span += Number(r.last_id) - Number(r.first_id) + 1;
  }
  return ids;
}

/** One step in SQLite: the lowest pending ranges, indexed and removed together. */
function sqliteStep(conn: Kysely<Database>): Promise<number | null> {
  return inSavepoint(conn, async () => {
    const ranges = await nextRanges(conn, false);
    if (ranges.length === 0) return null;
    const done = await sql`insert or replace into events_fts (rowid, body)
      select e.id, ${sql.raw(TEXT_BODY_SQL('e'))} from text_index_pending p join events e on e.id between p.first_id and p.last_id
      where p.id in (${sql.join(ranges)})`.execute(conn);
    await conn.deleteFrom('text_index_pending').where('id', 'in', ranges).execute();
    return Number(done.numAffectedRows ?? 0);
  });
}

/** One step in PostgreSQL: ranges no other worker holds, indexed and removed in one transaction. */
async function postgresStep(db: Kysely<Database>): Promise<number | null> {
  const step = async (trx: Kysely<Database>) => {
    const ranges = await nextRanges(trx, true);
    if (ranges.length === 0) return null;
    // Each range read through the primary key; an id in two ranges (an event changed by two imports) indexed once.
    const done = await sql`insert into events_fts (event_id, tsv)
      select distinct on (e.id) e.id, ${sql.raw(FACETS_SQL.postgres('e'))}
      from text_index_pending p join events e on e.id between p.first_id and p.last_id
      where p.id in (${sql.join(ranges)}) order by e.id
      on conflict (event_id) do update set tsv = excluded.tsv`.execute(trx);
    await trx.deleteFrom('text_index_pending').where('id', 'in', ranges).execute();
    return Number(done.numAffectedRows ?? 0);
  };
  return db.isTransaction ? step(db) : db.transaction().execute(step);
}
