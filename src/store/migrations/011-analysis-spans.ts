// Events dated to a span of days (a week, a month) indexed on their own: a window split into whole months reads the
// spans that reach into it from before (or out of it after) through these, instead of every day of the longest span.
import { sql, type Kysely } from 'kysely';

export function analysisSpansMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`create index rollup_days_spans on rollup_days (iso3, date_start) where date_start <> date_end`.execute(db);
      await sql`create index rollup_days_dataset_spans on rollup_days (dataset_id, date_start) where date_start <> date_end`.execute(db);
      await sql`create index rollup_points_spans on rollup_points (cell, date_start) where date_start <> date_end`.execute(db);
    },
  };
}
