// The SQL that keeps the full-text index fed row by row (outside bulk imports, which catch it up after they commit),
// shared by the migrations that change what the index holds: they all write today's documents.
import { sql, type Kysely } from 'kysely';
import { FACETS_SQL, TEXT_BODY_SQL } from '../text-facets.js';

/**
 * SQLite: an empty index of one column (the notes and their facets) and the triggers that index a row's document when
 * it is inserted or its notes, country or date change, or go when it is deleted. Starting empty, the catch-up
 * inserts every document afresh, which is several times faster than replacing each one.
 */
export async function createSqliteTextIndex(db: Kysely<unknown>): Promise<void> {
  for (const trigger of ['events_fts_insert', 'events_fts_update', 'events_fts_delete']) await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
  await sql`drop table if exists events_fts`.execute(db);
  await sql`create virtual table events_fts using fts5(body, content='', contentless_delete=1,
    tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
  await sql.raw(`create trigger events_fts_insert after insert on events begin
    insert into events_fts (rowid, body) values (new.id, ${TEXT_BODY_SQL('new')}); end`).execute(db);
  await sql.raw(`create trigger events_fts_update after update of notes, iso3, date_start on events begin
    insert or replace into events_fts (rowid, body) values (new.id, ${TEXT_BODY_SQL('new')}); end`).execute(db);
  await sql`create trigger events_fts_delete after delete on events begin
    delete from events_fts where rowid = old.id; end`.execute(db);
}

/** PostgreSQL: (re)creates the function the index's triggers call. */
export async function createPostgresTextSync(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`create or replace function events_fts_sync() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        delete from events_fts where event_id = old.id;
        return old;
      end if;
      insert into events_fts (event_id, tsv) values (new.id, ${FACETS_SQL.postgres('new')})
        on conflict (event_id) do update set tsv = excluded.tsv;
      return new;
    end $$`).execute(db);
}

/** PostgreSQL: empties the index, so the catch-up inserts every document afresh rather than updating each one. */
export async function emptyPostgresTextIndex(db: Kysely<unknown>): Promise<void> {
  await sql`truncate events_fts`.execute(db);
}

/** Marks every stored event for indexing again the next time the index catches up (a text: search does so first). */
export async function reindexAllText(db: Kysely<unknown>): Promise<void> {
  await sql`delete from text_index_pending`.execute(db);
  await sql`insert into text_index_pending (import_id, first_id, last_id)
    select null, min(id), max(id) from events having count(*) > 0`.execute(db);
}
