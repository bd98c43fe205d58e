// Investigations and their members. Each investigation owns a dataset (format 'desk') holding its incidents.
import type { Kysely } from 'kysely';
import {
  AccessError,
  DeskRuleError,
  MEMBER_ROLES,
  NotFoundError,
  investigationInputSchema,
  type Actor,
  type Investigation,
  type InvestigationInput,
  type Member,
  type MemberRole,
} from '../../model/desk.js';
import type { Database } from '../schema.js';
import { canCreateInvestigation, readableInvestigationIds, requireInvestigation, type InvestigationRef } from './access.js';
import { appendAudit } from './audit.js';
import { nowIso } from './clock.js';
import { getUser } from './users.js';
import { deskWrite } from './write.js';

export interface InvestigationSummary extends Investigation {
  role: MemberRole | 'admin' | null;
  incidents: number;
  sources: number;
  evidence: number;
}

function toInvestigation(ref: InvestigationRef): Investigation {
  return { id: ref.id, name: ref.name, title: ref.title, description: ref.description, dataset: ref.dataset, created_by: ref.created_by, created_at: ref.created_at };
}

/** Opens a new investigation with its dataset; the actor becomes its owner. */
export async function createInvestigation(actor: Actor, db: Kysely<Database>, input: InvestigationInput): Promise<Investigation> {
  if (!canCreateInvestigation(actor)) throw new AccessError(actor.name, 'open', 'an investigation');
  const inv = investigationInputSchema.parse(input);
  const user = await getUser(db, actor.name);
  if (!user) throw new NotFoundError(`user ${actor.name}`);
  const now = nowIso();
  const id = await deskWrite(db, async (trx) => {
    if (await trx.selectFrom('datasets').select('id').where('name', '=', inv.name).executeTakeFirst()) {
      throw new DeskRuleError(`a dataset named ${inv.name} already exists: choose another name for the investigation`);
    }
    const ds = await trx
      .insertInto('datasets')
      .values({ name: inv.name, format: 'desk', title: inv.title, licence: null, attribution: null, access_date: null, access_filters: null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('investigations')
      .values({ name: inv.name, title: inv.title, description: inv.description, dataset_id: Number(ds.id), created_by: actor.name, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const invId = Number(row.id);
    await trx.insertInto('investigation_members').values({ investigation_id: invId, user_id: user.id, role: 'owner', added_by: actor.name, added_at: now }).execute();
    await appendAudit(trx, { actor, investigationId: invId, entity: 'investigation', entityId: inv.name, action: 'create', after: { ...inv, owner: actor.name } });
    return invId;
  });
  return toInvestigation(await requireInvestigation(db, actor, id, 'read'));
}

export async function getInvestigation(actor: Actor, db: Kysely<Database>, name: string): Promise<InvestigationSummary> {
  const ref = await requireInvestigation(db, actor, name, 'read');
  return summarise(db, ref);
}

async function summarise(db: Kysely<Database>, ref: InvestigationRef): Promise<InvestigationSummary> {
  const countOf = async (table: 'incidents' | 'sources' | 'evidence') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('investigation_id', '=', ref.id).executeTakeFirstOrThrow()).n);
  return { ...toInvestigation(ref), role: ref.role, incidents: await countOf('incidents'), sources: await countOf('sources'), evidence: await countOf('evidence') };
}

/** The investigations the actor may read (all of them for an admin). */
export async function listInvestigations(actor: Actor, db: Kysely<Database>): Promise<InvestigationSummary[]> {
  const readable = await readableInvestigationIds(db, actor);
  if (readable !== null && readable.length === 0) return [];
  let q = db.selectFrom('investigations').select('name').orderBy('name');
  if (readable !== null) q = q.where('id', 'in', readable);
  const out: InvestigationSummary[] = [];
  for (const { name } of await q.execute()) out.push(await summarise(db, await requireInvestigation(db, actor, name, 'read')));
  return out;
}

export async function listMembers(actor: Actor, db: Kysely<Database>, investigation: string): Promise<Member[]> {
  const ref = await requireInvestigation(db, actor, investigation, 'read');
  const rows = await db
    .selectFrom('investigation_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.name', 'm.role', 'm.added_by', 'm.added_at'])
    .where('m.investigation_id', '=', ref.id)
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({ user: r.name, role: r.role as MemberRole, added_by: r.added_by, added_at: r.added_at }));
}

/** Adds a member or changes a member's role; only owners (and admins) manage members. */
export async function setMember(actor: Actor, db: Kysely<Database>, investigation: string, userName: string, role: MemberRole): Promise<Member> {
  if (!MEMBER_ROLES.includes(role)) throw new DeskRuleError(`unknown member role ${role} (owner, editor or viewer)`);
  const ref = await requireInvestigation(db, actor, investigation, 'manage');
  const user = await getUser(db, userName);
  if (!user) throw new NotFoundError(`user ${userName}`);
  const now = nowIso();
  await deskWrite(db, async (trx) => {
    const current = await trx.selectFrom('investigation_members').select('role').where('investigation_id', '=', ref.id).where('user_id', '=', user.id).executeTakeFirst();
    if (current?.role === role) return;
    if (current?.role === 'owner') await assertAnotherOwner(trx, ref.id, user.id);
    if (current) {
      await trx.updateTable('investigation_members').set({ role, added_by: actor.name, added_at: now }).where('investigation_id', '=', ref.id).where('user_id', '=', user.id).execute();
    } else {
      await trx.insertInto('investigation_members').values({ investigation_id: ref.id, user_id: user.id, role, added_by: actor.name, added_at: now }).execute();
    }
    await appendAudit(trx, { actor, investigationId: ref.id, entity: 'member', entityId: `${ref.name}/${userName}`, action: current ? 'update' : 'create', before: current ? { role: current.role } : undefined, after: { role } });
  });
  return (await listMembers(actor, db, investigation)).find((m) => m.user === userName)!;
}

export async function removeMember(actor: Actor, db: Kysely<Database>, investigation: string, userName: string): Promise<void> {
  const ref = await requireInvestigation(db, actor, investigation, 'manage');
  const user = await getUser(db, userName);
  if (!user) throw new NotFoundError(`user ${userName}`);
  await deskWrite(db, async (trx) => {
    const current = await trx.selectFrom('investigation_members').select('role').where('investigation_id', '=', ref.id).where('user_id', '=', user.id).executeTakeFirst();
    if (!current) throw new NotFoundError(`${userName} as a member of ${ref.name}`);
    if (current.role === 'owner') await assertAnotherOwner(trx, ref.id, user.id);
    await trx.deleteFrom('investigation_members').where('investigation_id', '=', ref.id).where('user_id', '=', user.id).execute();
    await appendAudit(trx, { actor, investigationId: ref.id, entity: 'member', entityId: `${ref.name}/${userName}`, action: 'delete', before: { role: current.role } });
  });
}

/** An investigation always keeps at least one owner. */
async function assertAnotherOwner(trx: Kysely<Database>, investigationId: number, leavingUserId: number): Promise<void> {
  const others = await trx
    .selectFrom('investigation_members')
    .select('user_id')
    .where('investigation_id', '=', investigationId)
    .where('role', '=', 'owner')
    .where('user_id', '!=', leavingUserId)
    .limit(1)
    .executeTakeFirst();
  if (!others) throw new DeskRuleError('an investigation needs at least one owner: make someone else owner first');
}
