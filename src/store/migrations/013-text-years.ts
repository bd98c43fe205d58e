// Year tokens in the full-text documents (country-year and year, beside the months): a text: search over a whole
// year reads one list of the index instead of twelve. The index starts again empty, with code that indexes new rows
// the new way, and every stored event is indexed the next time the index catches up (a text: search does so first).
import type { Kysely } from 'kysely';
import type { Engine } from '../store.js';
import { createPostgresTextSync, createSqliteTextIndex, emptyPostgresTextIndex, reindexAllText } from './text-triggers.js';

export function textYearsMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (engine === 'sqlite') await createSqliteTextIndex(db);
      else {
        await createPostgresTextSync(db);
        await emptyPostgresTextIndex(db);
      }
      await reindexAllText(db);
    },
  };
}
