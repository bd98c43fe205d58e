// Reads events in pages by id (keyset), so exports of millions of rows keep memory flat on every engine.
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { StoredEvent } from '../model/event.js';
import { rowToStoredEvent } from './rows.js';
import type { Database } from './schema.js';

/** A where-clause over events joined to datasets (aliases `e` and `d`), as the filter language compiles it. */
export type EventWhere = (eb: ExpressionBuilder<Database & { e: Database['events']; d: Database['datasets'] }, 'e' | 'd'>) => Expression<SqlBool>;

export interface PageOptions {
  where?: EventWhere;
  /** Include deleted events (default: no). */
  withDeleted?: boolean;
  limit?: number;
  pageSize?: number;
}

export async function* eventPages(db: Kysely<Database>, opts: PageOptions = {}): AsyncGenerator<StoredEvent> {
  const pageSize = opts.pageSize ?? 5000;
  let remaining = opts.limit ?? Number.POSITIVE_INFINITY;
  let after = 0;
  while (remaining > 0) {
    let q = db
      .selectFrom('events as e')
      .innerJoin('datasets as d', 'd.id', 'e.dataset_id')
      .selectAll('e')
      .select('d.name as dataset')
      .where('e.id', '>', after);
    if (!opts.withDeleted) q = q.where('e.deleted_at', 'is', null);
    if (opts.where) q = q.where(opts.where as never);
    const rows = await q.orderBy('e.id').limit(Math.min(pageSize, remaining)).execute();
    for (const row of rows) yield rowToStoredEvent(row);
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.id);
    remaining -= rows.length;
  }
}
