// SQLite's full-text index as one column: the notes and their country and month tokens together. A search then needs
// no column filter, which made FTS5 read every match's positions (a text: search in a country-year took about three
// times as long). PostgreSQL's tsvector already holds both in one document: nothing changes there.
import type { Kysely } from 'kysely';
import type { Engine } from '../store.js';
import { createSqliteTextIndex, reindexAllText } from './text-triggers.js';

export function textBodyMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (engine !== 'sqlite') return;
      await createSqliteTextIndex(db);
      await reindexAllText(db);
    },
  };
}
