// The full-text index of notes, rebuilt to be fed after an import commits rather than inside it, and to carry
// country and month tokens so a text: search inside a country and a window intersects small lists.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../store.js';
import { FACETS_SQL, TEXT_DEFER_SETTING } from '../text-facets.js';
import { createPostgresTextSync } from './text-triggers.js';
import { columnTypes } from './column-types.js';

export function textIndexMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const { id, idCol, big } = columnTypes(engine);
      // Ranges of event ids whose notes are not indexed yet: an import adds one as it commits, and
      // catching up (src/store/text-index.ts) indexes them and removes it.
      await db.schema
        .createTable('text_index_pending')
        .addColumn('id', id, idCol)
        .addColumn('import_id', big)
        .addColumn('first_id', big, (c) => c.notNull())
        .addColumn('last_id', big, (c) => c.notNull())
        .execute();

      if (engine === 'sqlite') {
        await sql`drop trigger if exists events_fts_insert`.execute(db);
        await sql`drop trigger if exists events_fts_delete`.execute(db);
        await sql`drop trigger if exists events_fts_update`.execute(db);
        await sql`drop table if exists events_fts`.execute(db);
        // Contentless, so it keeps no second copy of the notes; contentless_delete lets a row be removed or
        // replaced by rowid alone, which is always safe, whether or not the row was indexed yet.
        await sql`create virtual table events_fts using fts5(notes, facets, content='', contentless_delete=1,
          tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
        await sql.raw(`create trigger events_fts_insert after insert on events begin
          insert into events_fts (rowid, notes, facets) values (new.id, new.notes, ${FACETS_SQL.sqlite('new')}); end`).execute(db);
        await sql`create trigger events_fts_delete after delete on events begin
          delete from events_fts where rowid = old.id; end`.execute(db);
        await sql.raw(`create trigger events_fts_update after update of notes, iso3, date_start on events begin
          insert or replace into events_fts (rowid, notes, facets) values (new.id, new.notes, ${FACETS_SQL.sqlite('new')}); end`).execute(db);
      } else {
        await sql`drop trigger if exists events_fts_insert on events`.execute(db);
        await sql`drop trigger if exists events_fts_update on events`.execute(db);
        await sql`drop trigger if exists events_fts_delete on events`.execute(db);
        await createPostgresTextSync(db);
        // An import sets the setting for its transaction and indexes its rows after it commits.
        await sql.raw(`create trigger events_fts_insert after insert on events for each row
          when (coalesce(current_setting('${TEXT_DEFER_SETTING}', true), '') <> 'on') execute function events_fts_sync()`).execute(db);
        await sql`create trigger events_fts_update after update of notes, iso3, date_start on events for each row
          when (old.notes is distinct from new.notes or old.iso3 is distinct from new.iso3 or old.date_start is distinct from new.date_start)
          execute function events_fts_sync()`.execute(db);
        await sql`create trigger events_fts_delete after delete on events for each row execute function events_fts_sync()`.execute(db);
      }
      // Every event already stored is indexed again, with its facets, the next time the index catches up.
      await sql`insert into text_index_pending (import_id, first_id, last_id)
        select null, min(id), max(id) from events having count(*) > 0`.execute(db);
    },
  };
}
