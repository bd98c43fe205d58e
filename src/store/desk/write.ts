// One transaction per desk change, retried when another writer took the audit chain's next place first.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

const ATTEMPTS = 5;

/**
 * Worth another try: a unique-constraint failure on the audit chain (SQLite and PostgreSQL both name the
 * table or its index), or a SQLite writer whose snapshot went stale while another process committed.
 */
function isRetryable(err: unknown): boolean {
  const msg = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  if (/unique|duplicate key/i.test(msg) && /audit_log/i.test(msg)) return true;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/**
 * Runs `work` in a transaction of its own, or inside the caller's when `db` already is one (a builder
 * that makes many changes at once commits them together; retrying is then the caller's business).
 */
export async function deskWrite<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (err) {
      if (attempt >= ATTEMPTS || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}
