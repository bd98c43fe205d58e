// Disputes: competing claims about an incident (where, when, how many, who), each with its source.
import type { Kysely } from 'kysely';
import { DeskRuleError, NotFoundError, disputeInputSchema, type Actor, type Dispute, type DisputeInput } from '../../model/desk.js';
import type { Database } from '../schema.js';
import { requireIncidentInvestigation } from './access.js';
import { appendAudit } from './audit.js';
import { nowIso } from './clock.js';
import { loadIncidents } from './incident-load.js';
import { deskWrite } from './write.js';

export async function addDispute(actor: Actor, db: Kysely<Database>, incidentId: number, input: DisputeInput): Promise<Dispute> {
  const inv = await requireIncidentInvestigation(db, actor, incidentId, 'write');
  const d = disputeInputSchema.parse(input);
  const now = nowIso();
  const id = await deskWrite(db, async (trx) => {
    for (const c of d.claims) {
      if (c.source_id === null) continue;
      const s = await trx.selectFrom('sources').select('investigation_id').where('id', '=', c.source_id).executeTakeFirst();
      if (!s || Number(s.investigation_id) !== inv.id) throw new DeskRuleError(`source ${c.source_id} is not a source of ${inv.name}`);
    }
    const row = await trx
      .insertInto('disputes')
      .values({ incident_id: incidentId, topic: d.topic, resolution: null, created_by: actor.name, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const disputeId = Number(row.id);
    await trx
      .insertInto('dispute_claims')
      .values(d.claims.map((c, i) => ({ dispute_id: disputeId, position: i + 1, claim: c.claim, source_id: c.source_id, note: c.note })))
      .execute();
    await appendAudit(trx, { actor, investigationId: inv.id, entity: 'dispute', entityId: disputeId, action: 'create', after: { incident: incidentId, ...d } });
    return disputeId;
  });
  return getDispute(actor, db, incidentId, id);
}

/** Records how a dispute was settled (or that it stands: pass a resolution saying so). */
export async function resolveDispute(actor: Actor, db: Kysely<Database>, disputeId: number, resolution: string): Promise<Dispute> {
  const d = await db.selectFrom('disputes').selectAll().where('id', '=', disputeId).executeTakeFirst();
  if (!d) throw new NotFoundError(`dispute ${disputeId}`);
  const inv = await requireIncidentInvestigation(db, actor, Number(d.incident_id), 'write');
  if (!resolution.trim()) throw new DeskRuleError('a resolution needs words');
  await deskWrite(db, async (trx) => {
    await trx.updateTable('disputes').set({ resolution }).where('id', '=', disputeId).execute();
    await appendAudit(trx, { actor, investigationId: inv.id, entity: 'dispute', entityId: disputeId, action: 'resolve', before: { resolution: d.resolution }, after: { resolution } });
  });
  return getDispute(actor, db, Number(d.incident_id), disputeId);
}

async function getDispute(actor: Actor, db: Kysely<Database>, incidentId: number, disputeId: number): Promise<Dispute> {
  await requireIncidentInvestigation(db, actor, incidentId, 'read');
  const [incident] = await loadIncidents(db, { incidentId });
  const found = incident?.disputes.find((x) => x.id === disputeId);
  if (!found) throw new NotFoundError(`dispute ${disputeId}`);
  return found;
}
