// Who may do what in an investigation, checked in the library so every shell (CLI, server) obeys it.
import type { Kysely } from 'kysely';
import { AccessError, NotFoundError, type Actor, type MemberRole } from '../../model/desk.js';
import type { Database } from '../schema.js';

export type Right = 'read' | 'write' | 'manage';

/** An investigation as the access check loaded it, with the actor's effective role in it. */
export interface InvestigationRef {
  id: number;
  name: string;
  title: string;
  description: string | null;
  dataset_id: number;
  dataset: string;
  created_by: string;
  created_at: string;
  /** 'admin' when the actor's rights come from being an admin rather than a member. */
  role: MemberRole | 'admin' | null;
}

const RIGHTS: Record<MemberRole, readonly Right[]> = {
  owner: ['read', 'write', 'manage'],
  editor: ['read', 'write'],
  viewer: ['read'],
};

/** Whether an actor holding `role` in an investigation has `right`. A global viewer only ever reads. */
export function hasRight(actor: Actor, role: MemberRole | 'admin' | null, right: Right): boolean {
  if (actor.role === 'admin') return true;
  if (role === null || role === 'admin') return false;
  if (actor.role === 'viewer' && right !== 'read') return false;
  return RIGHTS[role].includes(right);
}

/** Users who may open new investigations (and so become their owners). */
export function canCreateInvestigation(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'editor' || actor.role === 'analyst';
}

async function loadInvestigation(db: Kysely<Database>, actor: Actor, where: { id?: number; name?: string }): Promise<InvestigationRef | null> {
  let q = db
    .selectFrom('investigations as i')
    .innerJoin('datasets as d', 'd.id', 'i.dataset_id')
    .leftJoin('users as u', (j) => j.on('u.name', '=', actor.name))
    .leftJoin('investigation_members as m', (j) => j.onRef('m.investigation_id', '=', 'i.id').onRef('m.user_id', '=', 'u.id'))
    .select(['i.id', 'i.name', 'i.title', 'i.description', 'i.dataset_id', 'd.name as dataset', 'i.created_by', 'i.created_at', 'm.role']);
  if (where.id !== undefined) q = q.where('i.id', '=', where.id);
  if (where.name !== undefined) q = q.where('i.name', '=', where.name);
  const r = await q.executeTakeFirst();
  if (!r) return null;
  const memberRole = (r.role as MemberRole | null) ?? null;
  return {
    id: Number(r.id),
    name: r.name,
    title: r.title,
    description: r.description,
    dataset_id: Number(r.dataset_id),
    dataset: r.dataset,
    created_by: r.created_by,
    created_at: r.created_at,
    role: memberRole ?? (actor.role === 'admin' ? 'admin' : null),
  };
}

/** Loads an investigation by name (or id) and throws AccessError unless the actor has the right. */
export async function requireInvestigation(db: Kysely<Database>, actor: Actor, investigation: string | number, right: Right): Promise<InvestigationRef> {
  const ref = await loadInvestigation(db, actor, typeof investigation === 'number' ? { id: investigation } : { name: investigation });
  if (!ref) throw new NotFoundError(`investigation ${investigation}`);
  if (!hasRight(actor, ref.role, right)) throw new AccessError(actor.name, verb(right), `investigation ${ref.name}`);
  return ref;
}

/** The investigation an incident belongs to, after checking the actor's right in it. */
export async function requireIncidentInvestigation(db: Kysely<Database>, actor: Actor, incidentId: number, right: Right): Promise<InvestigationRef> {
  const r = await db.selectFrom('incidents').select('investigation_id').where('event_id', '=', incidentId).executeTakeFirst();
  if (!r) throw new NotFoundError(`incident ${incidentId}`);
  return requireInvestigation(db, actor, Number(r.investigation_id), right);
}

export async function requireSourceInvestigation(db: Kysely<Database>, actor: Actor, sourceId: number, right: Right): Promise<InvestigationRef> {
  const r = await db.selectFrom('sources').select('investigation_id').where('id', '=', sourceId).executeTakeFirst();
  if (!r) throw new NotFoundError(`source ${sourceId}`);
  return requireInvestigation(db, actor, Number(r.investigation_id), right);
}

export async function requireEvidenceInvestigation(db: Kysely<Database>, actor: Actor, evidenceId: number, right: Right): Promise<InvestigationRef> {
  const r = await db.selectFrom('evidence').select('investigation_id').where('id', '=', evidenceId).executeTakeFirst();
  if (!r) throw new NotFoundError(`evidence ${evidenceId}`);
  return requireInvestigation(db, actor, Number(r.investigation_id), right);
}

/** Ids of the investigations the actor may read (null: all of them, for admins). */
export async function readableInvestigationIds(db: Kysely<Database>, actor: Actor): Promise<number[] | null> {
  if (actor.role === 'admin') return null;
  const rows = await db
    .selectFrom('investigation_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('m.investigation_id')
    .where('u.name', '=', actor.name)
    .execute();
  return rows.map((r) => Number(r.investigation_id));
}

function verb(right: Right): string {
  return right === 'read' ? 'read' : right === 'write' ? 'change' : 'manage the members of';
}
