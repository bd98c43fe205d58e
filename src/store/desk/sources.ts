// Sources (reports, announcements) of an investigation, linked many-to-many with its incidents.
import type { Kysely } from 'kysely';
import { DeskRuleError, NotFoundError, sourceInputSchema, type Actor, type Source, type SourceInput } from '../../model/desk.js';
import { recordHash, rowToRecord } from '../rows.js';
import type { Database } from '../schema.js';
import { requireIncidentInvestigation, requireInvestigation, requireSourceInvestigation } from './access.js';
import { appendAudit } from './audit.js';
import { nowIso } from './clock.js';
import { deskWrite } from './write.js';

type SourceRow = Database['sources'] extends infer T ? { [K in keyof T]: unknown } : never;

function toSource(r: SourceRow, investigation: string, incidents: number[]): Source {
  return {
    id: Number(r.id),
    investigation,
    who: r.who as string,
    title: r.title as string | null,
    published_at: r.published_at as string | null,
    url: r.url as string | null,
    archive_url: r.archive_url as string | null,
    claim: r.claim as string | null,
    created_by: r.created_by as string,
    created_at: r.created_at as string,
    incidents,
  };
}

export interface LinkOptions {
  incidentId?: number;
  /** How the source bears on the incident: announcement, report, corroboration, … */
  role?: string | null;
}

/** Adds a source to an investigation, optionally linking it to one of its incidents at once. */
export async function addSource(actor: Actor, db: Kysely<Database>, investigation: string, input: SourceInput, link: LinkOptions = {}): Promise<Source> {
  const inv = await requireInvestigation(db, actor, investigation, 'write');
  const src = sourceInputSchema.parse(input);
  const now = nowIso();
  const id = await deskWrite(db, async (trx) => {
    const row = await trx
      .insertInto('sources')
      .values({ investigation_id: inv.id, ...src, created_by: actor.name, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const sourceId = Number(row.id);
    await appendAudit(trx, { actor, investigationId: inv.id, entity: 'source', entityId: sourceId, action: 'create', after: src });
    if (link.incidentId !== undefined) await linkInside(trx, actor, inv.id, sourceId, link.incidentId, link.role ?? null, now);
    return sourceId;
  });
  return getSource(actor, db, id);
}

export async function getSource(actor: Actor, db: Kysely<Database>, id: number): Promise<Source> {
  const inv = await requireSourceInvestigation(db, actor, id, 'read');
  const r = await db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const links = await db.selectFrom('incident_sources').select('incident_id').where('source_id', '=', id).orderBy('incident_id').execute();
  return toSource(r, inv.name, links.map((l) => Number(l.incident_id)));
}

export async function listSources(actor: Actor, db: Kysely<Database>, investigation: string): Promise<Source[]> {
  const inv = await requireInvestigation(db, actor, investigation, 'read');
  const rows = await db.selectFrom('sources').selectAll().where('investigation_id', '=', inv.id).orderBy('id').execute();
  const links = await db
    .selectFrom('incident_sources')
    .select(['source_id', 'incident_id'])
    .where('source_id', 'in', db.selectFrom('sources').select('id').where('investigation_id', '=', inv.id))
    .orderBy('incident_id')
    .execute();
  const by = new Map<number, number[]>();
  for (const l of links) {
    const k = Number(l.source_id);
    by.set(k, [...(by.get(k) ?? []), Number(l.incident_id)]);
  }
  return rows.map((r) => toSource(r, inv.name, by.get(Number(r.id)) ?? []));
}

/** Changes a source's fields (audited with what it was before and why). */
export async function updateSource(actor: Actor, db: Kysely<Database>, id: number, patch: Partial<SourceInput>, reason?: string | null): Promise<Source> {
  const inv = await requireSourceInvestigation(db, actor, id, 'write');
  await deskWrite(db, async (trx) => {
    const cur = await trx.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const before = sourceInputSchema.parse({ who: cur.who, title: cur.title, published_at: cur.published_at, url: cur.url, archive_url: cur.archive_url, claim: cur.claim });
    const after = sourceInputSchema.parse({ ...before, ...patch });
    const keys = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
    if (keys.length === 0) return;
    await trx.updateTable('sources').set(after).where('id', '=', id).execute();
    await appendAudit(trx, {
      actor,
      investigationId: inv.id,
      entity: 'source',
      entityId: id,
      action: 'update',
      before: Object.fromEntries(keys.map((k) => [k, before[k]])),
      after: Object.fromEntries(keys.map((k) => [k, after[k]])),
      reason: reason ?? null,
    });
  });
  return getSource(actor, db, id);
}

/** Links a source to an incident of the same investigation (a no-op when already linked). */
export async function linkSource(actor: Actor, db: Kysely<Database>, sourceId: number, incidentId: number, role: string | null = null): Promise<void> {
  const inv = await requireSourceInvestigation(db, actor, sourceId, 'write');
  const incInv = await requireIncidentInvestigation(db, actor, incidentId, 'write');
  if (inv.id !== incInv.id) throw new DeskRuleError(`source ${sourceId} and incident ${incidentId} belong to different investigations`);
  await deskWrite(db, (trx) => linkInside(trx, actor, inv.id, sourceId, incidentId, role, nowIso()));
}

export async function unlinkSource(actor: Actor, db: Kysely<Database>, sourceId: number, incidentId: number, reason?: string | null): Promise<void> {
  const inv = await requireSourceInvestigation(db, actor, sourceId, 'write');
  await deskWrite(db, async (trx) => {
    const res = await trx.deleteFrom('incident_sources').where('source_id', '=', sourceId).where('incident_id', '=', incidentId).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw new NotFoundError(`a link between source ${sourceId} and incident ${incidentId}`);
    await refreshEventSources(trx, incidentId, nowIso());
    await appendAudit(trx, { actor, investigationId: inv.id, entity: 'source', entityId: sourceId, action: 'unlink', before: { incident: incidentId }, reason: reason ?? null });
  });
}

async function linkInside(trx: Kysely<Database>, actor: Actor, investigationId: number, sourceId: number, incidentId: number, role: string | null, now: string): Promise<void> {
  const inc = await trx.selectFrom('incidents').select('investigation_id').where('event_id', '=', incidentId).executeTakeFirst();
  if (!inc) throw new NotFoundError(`incident ${incidentId}`);
  if (Number(inc.investigation_id) !== investigationId) throw new DeskRuleError(`source ${sourceId} and incident ${incidentId} belong to different investigations`);
  const existing = await trx.selectFrom('incident_sources').select('role').where('source_id', '=', sourceId).where('incident_id', '=', incidentId).executeTakeFirst();
  if (existing) return;
  await trx.insertInto('incident_sources').values({ incident_id: incidentId, source_id: sourceId, role, linked_by: actor.name, linked_at: now }).execute();
  await refreshEventSources(trx, incidentId, now);
  await appendAudit(trx, { actor, investigationId, entity: 'source', entityId: sourceId, action: 'link', after: { incident: incidentId, role } });
}

/**
 * Keeps the event's `sources` text (who reported it, like ACLED's source column) in step with the links.
 * The text is derived from the link table, whose every change is in the audit log, so it is updated in
 * place rather than as a new revision: the event's history stays a history of the desk's edits.
 */
async function refreshEventSources(trx: Kysely<Database>, incidentId: number, now: string): Promise<void> {
  const names = await trx
    .selectFrom('incident_sources as l')
    .innerJoin('sources as s', 's.id', 'l.source_id')
    .select('s.who')
    .where('l.incident_id', '=', incidentId)
    .orderBy('l.linked_at')
    .orderBy('s.id')
    .execute();
  const text = [...new Set(names.map((n) => n.who))].join('; ') || null;
  const event = await trx.selectFrom('events').selectAll().where('id', '=', incidentId).executeTakeFirstOrThrow();
  if (event.sources === text) return;
  const record = { ...rowToRecord(event), sources: text };
  await trx.updateTable('events').set({ sources: text, row_hash: recordHash(record), updated_at: now }).where('id', '=', incidentId).execute();
}
