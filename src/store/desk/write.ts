// One transaction per desk change, retried when another writer took the audit chain's next place first.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

const ATTEMPTS = 5;

/** A unique-constraint failure on the audit chain (SQLite and PostgreSQL both name the table or index). */
function isAuditRace(err: unknown): boolean {
  const msg = err instanceof Error ? err.message : String(err);
  return /unique|duplicate key/i.test(msg) && /audit_log/i.test(msg);
}

export async function deskWrite<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (err) {
      if (attempt >= ATTEMPTS || !isAuditRace(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}
