// Verification steps: geolocation and chronolocation checks on incidents and on evidence.
import type { Kysely } from 'kysely';
import { DeskRuleError, checkInputSchema, type Actor, type CheckInput, type VerificationStep } from '../../model/desk.js';
import type { Database } from '../schema.js';
import { requireEvidenceInvestigation, requireIncidentInvestigation, type InvestigationRef } from './access.js';
import { appendAudit } from './audit.js';
import { nowIso } from './clock.js';
import { appendCustody } from './custody.js';
import { toStep } from './incident-load.js';
import { deskWrite } from './write.js';

export type CheckTarget = { incidentId: number } | { evidenceId: number };

/** Records a check; on evidence it also enters the custody log (someone examined the file). */
export async function addCheck(actor: Actor, db: Kysely<Database>, target: CheckTarget, input: CheckInput): Promise<VerificationStep> {
  const inv: InvestigationRef =
    'incidentId' in target ? await requireIncidentInvestigation(db, actor, target.incidentId, 'write') : await requireEvidenceInvestigation(db, actor, target.evidenceId, 'write');
  const c = checkInputSchema.parse(input);
  if ((c.lat === null) !== (c.lon === null)) throw new DeskRuleError('latitude and longitude must come together');
  const now = nowIso();
  const row = {
    investigation_id: inv.id,
    incident_id: 'incidentId' in target ? target.incidentId : null,
    evidence_id: 'evidenceId' in target ? target.evidenceId : null,
    kind: c.kind,
    method: c.method,
    result: c.result,
    finding: c.finding,
    lat: c.lat,
    lon: c.lon,
    time: c.time,
    analyst: c.analyst ?? actor.name,
    performed_at: c.performed_at ?? now,
    recorded_by: actor.name,
    recorded_at: now,
  };
  const id = await deskWrite(db, async (trx) => {
    const inserted = await trx.insertInto('verification_steps').values(row).returning('id').executeTakeFirstOrThrow();
    const stepId = Number(inserted.id);
    if (row.evidence_id !== null) await appendCustody(trx, row.evidence_id, 'checked', actor.name, { step: stepId, kind: c.kind, method: c.method, result: c.result }, now);
    const { investigation_id: _i, recorded_at: _r, ...audited } = row;
    await appendAudit(trx, { actor, investigationId: inv.id, entity: 'verification', entityId: stepId, action: 'create', after: audited });
    return stepId;
  });
  return toStep({ ...row, id });
}

export async function listChecks(actor: Actor, db: Kysely<Database>, target: CheckTarget): Promise<VerificationStep[]> {
  if ('incidentId' in target) await requireIncidentInvestigation(db, actor, target.incidentId, 'read');
  else await requireEvidenceInvestigation(db, actor, target.evidenceId, 'read');
  const q = db.selectFrom('verification_steps').selectAll();
  const rows = await ('incidentId' in target ? q.where('incident_id', '=', target.incidentId) : q.where('evidence_id', '=', target.evidenceId)).orderBy('id').execute();
  return rows.map(toStep);
}
