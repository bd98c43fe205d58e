// Evidence records: what the desk knows about each stored file, and which incidents it bears on.
import type { Kysely } from 'kysely';
import { DeskRuleError, type Actor, type Evidence, type EvidenceMetadata, type MetadataStatus } from '../../model/desk.js';
import type { Database } from '../schema.js';
import { readableInvestigationIds, requireEvidenceInvestigation, requireIncidentInvestigation, requireInvestigation } from './access.js';
import { appendAudit } from './audit.js';
import { hashLabel } from './canonical.js';
import { nowIso } from './clock.js';
import { appendCustody } from './custody.js';
import { deskWrite } from './write.js';

type Row = Database['evidence'] extends infer T ? { [K in keyof T]: unknown } : never;

const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function toEvidence(r: Row, investigation: string, incidents: number[]): Evidence {
  return {
    id: Number(r.id),
    investigation,
    hash: hashLabel(r.sha256 as string),
    size: Number(r.size),
    mime: r.mime as string | null,
    ext: r.ext as string | null,
    original_name: r.original_name as string | null,
    origin_url: r.origin_url as string | null,
    captured_at: r.captured_at as string | null,
    acquired_at: r.acquired_at as string,
    acquired_by: r.acquired_by as string,
    added_by: r.added_by as string,
    added_at: r.added_at as string,
    metadata: {
      fields: JSON.parse(r.metadata as string) as Record<string, unknown>,
      lat: numOrNull(r.gps_lat),
      lon: numOrNull(r.gps_lon),
      taken_at: r.taken_at as string | null,
      duration_s: numOrNull(r.duration_s),
      status: r.metadata_status as MetadataStatus,
      note: r.metadata_note as string | null,
    },
    incidents,
  };
}

export async function getEvidence(actor: Actor, db: Kysely<Database>, id: number): Promise<Evidence> {
  const inv = await requireEvidenceInvestigation(db, actor, id, 'read');
  const r = await db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const links = await db.selectFrom('evidence_incidents').select('incident_id').where('evidence_id', '=', id).orderBy('incident_id').execute();
  return toEvidence(r, inv.name, links.map((l) => Number(l.incident_id)));
}

export interface EvidenceQuery {
  investigation?: string;
  incidentId?: number;
}

/** Evidence the actor may read: of one investigation, of one incident, or everywhere it is a member. */
export async function listEvidence(actor: Actor, db: Kysely<Database>, query: EvidenceQuery = {}): Promise<Evidence[]> {
  let q = db.selectFrom('evidence as x').innerJoin('investigations as i', 'i.id', 'x.investigation_id').selectAll('x').select('i.name as investigation_name');
  if (query.incidentId !== undefined) {
    await requireIncidentInvestigation(db, actor, query.incidentId, 'read');
    q = q.where('x.id', 'in', db.selectFrom('evidence_incidents').select('evidence_id').where('incident_id', '=', query.incidentId));
  } else if (query.investigation !== undefined) {
    const inv = await requireInvestigation(db, actor, query.investigation, 'read');
    q = q.where('x.investigation_id', '=', inv.id);
  } else {
    const readable = await readableInvestigationIds(db, actor);
    if (readable !== null) {
      if (readable.length === 0) return [];
      q = q.where('x.investigation_id', 'in', readable);
    }
  }
  const rows = await q.orderBy('x.id').execute();
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('evidence_incidents')
    .select(['evidence_id', 'incident_id'])
    .where(
      'evidence_id',
      'in',
      rows.map((r) => Number(r.id)),
    )
    .orderBy('incident_id')
    .execute();
  const by = new Map<number, number[]>();
  for (const l of links) by.set(Number(l.evidence_id), [...(by.get(Number(l.evidence_id)) ?? []), Number(l.incident_id)]);
  return rows.map((r) => toEvidence(r, r.investigation_name, by.get(Number(r.id)) ?? []));
}

export interface NewEvidence {
  investigationId: number;
  incidentId: number | null;
  sha256: string;
  size: number;
  mime: string | null;
  ext: string | null;
  original_name: string | null;
  origin_url: string | null;
  captured_at: string | null;
  acquired_at: string | null;
  acquired_by: string | null;
  metadata: EvidenceMetadata;
}

/**
 * Records a stored file as evidence of an investigation (once per investigation: adding the same bytes
 * again only links them to the incident). Custody: acquired (by whom, when, from where), then added.
 */
export async function recordEvidence(actor: Actor, db: Kysely<Database>, e: NewEvidence): Promise<{ id: number; duplicate: boolean }> {
  const inv = await requireInvestigation(db, actor, e.investigationId, 'write');
  if (e.incidentId !== null) {
    const incInv = await requireIncidentInvestigation(db, actor, e.incidentId, 'write');
    if (incInv.id !== inv.id) throw new DeskRuleError(`incident ${e.incidentId} is not in ${inv.name}`);
  }
  const now = nowIso();
  return deskWrite(db, async (trx) => {
    const existing = await trx.selectFrom('evidence').select('id').where('investigation_id', '=', inv.id).where('sha256', '=', e.sha256).executeTakeFirst();
    if (existing) {
      const id = Number(existing.id);
      if (e.incidentId !== null) await linkInside(trx, actor, inv.id, id, e.incidentId, now);
      return { id, duplicate: true };
    }
    const acquiredBy = e.acquired_by ?? actor.name;
    const acquiredAt = e.acquired_at ?? now;
    const row = await trx
      .insertInto('evidence')
      .values({
        investigation_id: inv.id,
        sha256: e.sha256,
        size: e.size,
        mime: e.mime,
        ext: e.ext,
        original_name: e.original_name,
        origin_url: e.origin_url,
        captured_at: e.captured_at,
        acquired_at: acquiredAt,
        acquired_by: acquiredBy,
        added_by: actor.name,
        added_at: now,
        metadata: JSON.stringify(e.metadata.fields),
        metadata_status: e.metadata.status,
        metadata_note: e.metadata.note,
        gps_lat: e.metadata.lat,
        gps_lon: e.metadata.lon,
        taken_at: e.metadata.taken_at,
        duration_s: e.metadata.duration_s,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await appendCustody(trx, id, 'acquired', acquiredBy, { origin_url: e.origin_url, captured_at: e.captured_at }, acquiredAt);
    await appendCustody(trx, id, 'added', actor.name, { hash: hashLabel(e.sha256), size: e.size, original_name: e.original_name }, now);
    await appendAudit(trx, {
      actor,
      investigationId: inv.id,
      entity: 'evidence',
      entityId: id,
      action: 'create',
      after: {
        hash: hashLabel(e.sha256),
        size: e.size,
        mime: e.mime,
        original_name: e.original_name,
        origin_url: e.origin_url,
        captured_at: e.captured_at,
        acquired_at: acquiredAt,
        acquired_by: acquiredBy,
        metadata_status: e.metadata.status,
      },
    });
    if (e.incidentId !== null) await linkInside(trx, actor, inv.id, id, e.incidentId, now);
    return { id, duplicate: false };
  });
}

/** Links a piece of evidence to an incident of its investigation. */
export async function linkEvidence(actor: Actor, db: Kysely<Database>, evidenceId: number, incidentId: number): Promise<void> {
  const inv = await requireEvidenceInvestigation(db, actor, evidenceId, 'write');
  const incInv = await requireIncidentInvestigation(db, actor, incidentId, 'write');
  if (inv.id !== incInv.id) throw new DeskRuleError(`evidence ${evidenceId} and incident ${incidentId} belong to different investigations`);
  await deskWrite(db, (trx) => linkInside(trx, actor, inv.id, evidenceId, incidentId, nowIso()));
}

async function linkInside(trx: Kysely<Database>, actor: Actor, investigationId: number, evidenceId: number, incidentId: number, now: string): Promise<void> {
  const have = await trx.selectFrom('evidence_incidents').select('evidence_id').where('evidence_id', '=', evidenceId).where('incident_id', '=', incidentId).executeTakeFirst();
  if (have) return;
  await trx.insertInto('evidence_incidents').values({ evidence_id: evidenceId, incident_id: incidentId, linked_by: actor.name, linked_at: now }).execute();
  await appendCustody(trx, evidenceId, 'linked', actor.name, { incident: incidentId }, now);
  await appendAudit(trx, { actor, investigationId, entity: 'evidence', entityId: evidenceId, action: 'link', after: { incident: incidentId } });
}
