// The custody log of a piece of evidence: every action on it, who and when, appended, never edited.
import type { Kysely } from 'kysely';
import type { Actor, CustodyAction, CustodyEntry } from '../../model/desk.js';
import type { Database } from '../schema.js';
import { requireEvidenceInvestigation } from './access.js';

export async function appendCustody(
  db: Kysely<Database>,
  evidenceId: number,
  action: CustodyAction,
  who: string,
  details: Record<string, unknown> | null,
  at: string,
): Promise<void> {
  await db.insertInto('custody_log').values({ evidence_id: evidenceId, action, actor: who, at, details: details === null ? null : JSON.stringify(details) }).execute();
}

export async function custodyLog(actor: Actor, db: Kysely<Database>, evidenceId: number): Promise<CustodyEntry[]> {
  await requireEvidenceInvestigation(db, actor, evidenceId, 'read');
  const rows = await db.selectFrom('custody_log').selectAll().where('evidence_id', '=', evidenceId).orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    evidence_id: Number(r.evidence_id),
    action: r.action as CustodyAction,
    actor: r.actor,
    at: r.at,
    details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
  }));
}
