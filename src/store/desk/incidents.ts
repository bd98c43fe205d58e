// Incidents: events of the investigation's dataset plus the desk's side row, edited with optimistic
// concurrency, each edit kept as an event revision and an audit entry.
import type { Kysely } from 'kysely';
import {
  ConflictError,
  DeskRuleError,
  NotFoundError,
  STATUS_TRANSITIONS,
  canMoveStatus,
  incidentFieldsSchema,
  incidentInputSchema,
  type Actor,
  type Incident,
  type IncidentFields,
  type IncidentInput,
  type IncidentStatus,
} from '../../model/desk.js';
import { foldName } from '../../model/names.js';
import type { EventRecord } from '../../model/event.js';
import { recordHash, recordToRow, rowToRecord } from '../rows.js';
import type { Database, EventRow } from '../schema.js';
import { requireIncidentInvestigation, requireInvestigation } from './access.js';
import { appendAudit } from './audit.js';
import { nowIso } from './clock.js';
import { incidentEventRecord, incidentFieldsFromRows, incidentSideColumns } from './incident-record.js';
import { loadIncidents } from './incident-load.js';
import { refreshIncidentRollups } from './rollups.js';
import { deskWrite } from './write.js';

export async function getIncident(actor: Actor, db: Kysely<Database>, id: number): Promise<Incident> {
  await requireIncidentInvestigation(db, actor, id, 'read');
  const [incident] = await loadIncidents(db, { incidentId: id });
  if (!incident) throw new NotFoundError(`incident ${id}`);
  return incident;
}

export async function listIncidents(actor: Actor, db: Kysely<Database>, investigation: string): Promise<Incident[]> {
  const ref = await requireInvestigation(db, actor, investigation, 'read');
  return loadIncidents(db, { investigationId: ref.id });
}

/** The incident with that reference in an investigation, or null. */
export async function findIncidentByRef(actor: Actor, db: Kysely<Database>, investigation: string, incidentRef: string): Promise<Incident | null> {
  const ref = await requireInvestigation(db, actor, investigation, 'read');
  const row = await db.selectFrom('events').select('id').where('dataset_id', '=', ref.dataset_id).where('source_id', '=', incidentRef).executeTakeFirst();
  if (!row) return null;
  const [incident] = await loadIncidents(db, { incidentId: Number(row.id) });
  return incident ?? null;
}

/** Canonical actor name through the alias table: the alias in the event's country first, then anywhere. */
async function canonicalActor(db: Kysely<Database>, name: string | null, iso3: string | null): Promise<string | null> {
  if (name === null) return null;
  const rows = await db
    .selectFrom('actor_aliases')
    .select(['iso3', 'canonical'])
    .where('alias_key', '=', foldName(name))
    .where('iso3', 'in', iso3 ? [iso3, ''] : [''])
    .execute();
  return rows.find((r) => r.iso3 !== '')?.canonical ?? rows[0]?.canonical ?? name;
}

async function nextRef(db: Kysely<Database>, datasetId: number): Promise<string> {
  const n = Number((await db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('dataset_id', '=', datasetId).executeTakeFirstOrThrow()).n);
  for (let i = n + 1; ; i++) {
    const candidate = `I-${String(i).padStart(4, '0')}`;
    if (!(await db.selectFrom('events').select('id').where('dataset_id', '=', datasetId).where('source_id', '=', candidate).executeTakeFirst())) return candidate;
  }
}

/** Records a new incident (status unverified, version 1) in an investigation the actor may write to. */
export async function createIncident(actor: Actor, db: Kysely<Database>, investigation: string, input: IncidentInput): Promise<Incident> {
  const inv = await requireInvestigation(db, actor, investigation, 'write');
  const parsed = incidentInputSchema.parse(input);
  const { ref: givenRef, ...given } = parsed;
  const fields = normaliseFields(given);
  const ref = givenRef ?? (await nextRef(db, inv.dataset_id));
  const record = incidentEventRecord(ref, fields, null);
  const actor1Id = await canonicalActor(db, record.actor1, record.iso3);
  const actor2Id = await canonicalActor(db, record.actor2, record.iso3);
  const now = nowIso();
  const id = await deskWrite(db, async (trx) => {
    if (await trx.selectFrom('events').select('id').where('dataset_id', '=', inv.dataset_id).where('source_id', '=', ref).executeTakeFirst()) {
      throw new DeskRuleError(`${inv.name} already has an incident ${ref}`);
    }
    const row = { ...recordToRow(record, { datasetId: inv.dataset_id, importId: 0, now, canonical: () => null }), import_id: null, actor1_id: actor1Id, actor2_id: actor2Id };
    const inserted = await trx.insertInto('events').values(row).returning('id').executeTakeFirstOrThrow();
    const eventId = Number(inserted.id);
    await trx
      .insertInto('incidents')
      .values({ event_id: eventId, investigation_id: inv.id, ...incidentSideColumns(fields), status: 'unverified', version: 1, created_by: actor.name, created_at: now, updated_by: actor.name, updated_at: now })
      .execute();
    await refreshIncidentRollups(trx, inv.dataset_id, [record.date_start]);
    await appendAudit(trx, { actor, investigationId: inv.id, entity: 'incident', entityId: `${inv.name}/${ref}`, action: 'create', after: { ...fields, status: 'unverified' } });
    return eventId;
  });
  return getIncident(actor, db, id);
}

/** A partial edit; casualties and units merge field by field. */
export type IncidentPatch = Partial<Omit<IncidentFields, 'casualties' | 'units'>> & {
  casualties?: Partial<IncidentFields['casualties']>;
  units?: Partial<IncidentFields['units']>;
};

export interface EditOptions {
  /** The version the editor read: the edit fails with ConflictError if the incident moved on. */
  version: number;
  /** Why: required to change a verified incident. */
  reason?: string | null;
}

export async function updateIncident(actor: Actor, db: Kysely<Database>, id: number, patch: IncidentPatch, opts: EditOptions): Promise<Incident> {
  const inv = await requireIncidentInvestigation(db, actor, id, 'write');
  await deskWrite(db, async (trx) => {
    const { event, fields } = await readForEdit(trx, id, opts, 'edit');
    const next = normaliseFields(incidentFieldsSchema.parse({
      ...fields,
      ...patch,
      casualties: { ...fields.casualties, ...patch.casualties },
      units: { ...fields.units, ...patch.units },
    }));
    const changed = changedFields(fields, next);
    if (changed.length === 0) return;
    const now = nowIso();
    await bumpVersion(trx, id, opts.version, { ...incidentSideColumns(next), updated_by: actor.name, updated_at: now });
    const record = incidentEventRecord(event.source_id, next, event.sources);
    const eventChanged = await writeEventVersion(trx, event, record, now, {
      actor1_id: await canonicalActor(trx, record.actor1, record.iso3),
      actor2_id: await canonicalActor(trx, record.actor2, record.iso3),
    });
    if (eventChanged) await refreshIncidentRollups(trx, Number(event.dataset_id), [event.date_start, record.date_start]);
    await appendAudit(trx, {
      actor,
      investigationId: inv.id,
      entity: 'incident',
      entityId: `${inv.name}/${event.source_id}`,
      action: 'update',
      before: pick(fields, changed),
      after: pick(next, changed),
      reason: opts.reason ?? null,
    });
  });
  return getIncident(actor, db, id);
}

/** Moves an incident along its status path (unverified → in_review → verified / disputed / discounted). */
export async function setIncidentStatus(actor: Actor, db: Kysely<Database>, id: number, status: IncidentStatus, opts: EditOptions): Promise<Incident> {
  const inv = await requireIncidentInvestigation(db, actor, id, 'write');
  await deskWrite(db, async (trx) => {
    const { event, side } = await readForEdit(trx, id, opts, 'change the status of');
    const from = side.status as IncidentStatus;
    if (from === status) return;
    if (!canMoveStatus(from, status)) {
      throw new DeskRuleError(`incident ${event.source_id} is ${from}: it can move to ${STATUS_TRANSITIONS[from].join(', ')}, not ${status}`);
    }
    const now = nowIso();
    await bumpVersion(trx, id, opts.version, { status, updated_by: actor.name, updated_at: now });
    await appendAudit(trx, {
      actor,
      investigationId: inv.id,
      entity: 'incident',
      entityId: `${inv.name}/${event.source_id}`,
      action: 'status',
      before: { status: from },
      after: { status },
      reason: opts.reason ?? null,
    });
  });
  return getIncident(actor, db, id);
}

async function readForEdit(trx: Kysely<Database>, id: number, opts: EditOptions, what: string) {
  const side = await trx.selectFrom('incidents').selectAll().where('event_id', '=', id).executeTakeFirst();
  const event = await trx.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!side || !event) throw new NotFoundError(`incident ${id}`);
  const version = Number(side.version);
  if (version !== opts.version) throw new ConflictError(`incident ${event.source_id}`, opts.version, version);
  if (side.status === 'verified' && !opts.reason?.trim()) {
    throw new DeskRuleError(`incident ${event.source_id} is verified: give a reason to ${what} it`);
  }
  return { side, event, fields: incidentFieldsFromRows(event, side) };
}

/** The compare-and-set that makes concurrent edits safe: only the writer holding the current version wins. */
async function bumpVersion(trx: Kysely<Database>, id: number, expected: number, set: Record<string, unknown>): Promise<void> {
  const res = await trx
    .updateTable('incidents')
    .set({ ...set, version: expected + 1 })
    .where('event_id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new ConflictError(`incident ${id}`, expected, null);
}

/**
 * Writes a new version of an incident's event, keeping the previous one in event_revisions as imports do.
 * Returns false when nothing in the record changed.
 */
export async function writeEventVersion(
  trx: Kysely<Database>,
  current: EventRow,
  record: EventRecord,
  now: string,
  canonical?: { actor1_id: string | null; actor2_id: string | null },
): Promise<boolean> {
  const hash = recordHash(record);
  if (hash === current.row_hash) return false;
  await trx
    .insertInto('event_revisions')
    .values({
      event_id: Number(current.id),
      revision: Number(current.revision),
      import_id: current.import_id === null ? null : Number(current.import_id),
      recorded_at: current.updated_at,
      deleted_at: current.deleted_at,
      record: JSON.stringify(rowToRecord(current)),
      superseded_by_import: null,
      superseded_at: now,
    })
    .execute();
  const { dataset_id: _d, created_at: _c, revision: _r, ...row } = recordToRow(record, { datasetId: Number(current.dataset_id), importId: 0, now, canonical: () => null });
  await trx
    .updateTable('events')
    .set({
      ...row,
      import_id: null,
      actor1_id: canonical ? canonical.actor1_id : current.actor1_id,
      actor2_id: canonical ? canonical.actor2_id : current.actor2_id,
      revision: Number(current.revision) + 1,
    })
    .where('id', '=', Number(current.id))
    .execute();
  return true;
}

/** One spelling per meaning: a one-day incident ends the day it starts. */
function normaliseFields(f: IncidentFields): IncidentFields {
  return { ...f, date_end: f.date_end ?? f.date_start };
}

function changedFields(a: IncidentFields, b: IncidentFields): (keyof IncidentFields)[] {
  return (Object.keys(b) as (keyof IncidentFields)[]).filter((k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null));
}

function pick(f: IncidentFields, keys: (keyof IncidentFields)[]): Partial<IncidentFields> {
  return Object.fromEntries(keys.map((k) => [k, f[k]]));
}
