// The column types that differ by engine, named once for every migration.
import type { ColumnDefinitionBuilder } from 'kysely';
import type { Engine } from '../store.js';

export function columnTypes(engine: Engine) {
  const pg = engine === 'postgres';
  return {
    /** Type of an auto-numbered primary key. */
    id: pg ? 'bigserial' : 'integer',
    /** Its column options (SQLite's INTEGER PRIMARY KEY AUTOINCREMENT never reuses an id). */
    idCol: (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()),
    big: pg ? 'bigint' : 'integer',
    real: pg ? 'double precision' : 'real',
  } as const;
}
