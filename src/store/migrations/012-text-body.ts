// SQLite's full-text index as one column: the notes and their country and month tokens together. A search then needs
// no column filter, which made FTS5 read every match's positions (a text: search in a country-year took about three
// times as long). PostgreSQL's tsvector already holds both in one document: nothing changes there.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../store.js';
import { TEXT_BODY_SQL } from '../text-facets.js';

export function textBodyMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (engine !== 'sqlite') return;
      await sql`drop trigger if exists events_fts_insert`.execute(db);
      await sql`drop trigger if exists events_fts_update`.execute(db);
      await sql`drop trigger if exists events_fts_delete`.execute(db);
      await sql`drop table if exists events_fts`.execute(db);
      await sql`create virtual table events_fts using fts5(body, content='', contentless_delete=1,
        tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
      await sql.raw(`create trigger events_fts_insert after insert on events begin
        insert into events_fts (rowid, body) values (new.id, ${TEXT_BODY_SQL('new')}); end`).execute(db);
      await sql`create trigger events_fts_delete after delete on events begin
        delete from events_fts where rowid = old.id; end`.execute(db);
      await sql.raw(`create trigger events_fts_update after update of notes, iso3, date_start on events begin
        insert or replace into events_fts (rowid, body) values (new.id, ${TEXT_BODY_SQL('new')}); end`).execute(db);
      // Every stored event is indexed again the next time the index catches up.
      await sql`delete from text_index_pending`.execute(db);
      await sql`insert into text_index_pending (import_id, first_id, last_id)
        select null, min(id), max(id) from events having count(*) > 0`.execute(db);
    },
  };
}
