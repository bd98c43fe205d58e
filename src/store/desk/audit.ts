// The audit log: append-only, every entry holding the hash of the one before, so any edit or removal shows.
import type { Kysely } from 'kysely';
import type { Actor, AuditEntry } from '../../model/desk.js';
import type { Database } from '../schema.js';
import { readableInvestigationIds } from './access.js';
import { canonicalJson, hashLabel, sha256Hex } from './canonical.js';
import { nowIso } from './clock.js';

export const GENESIS_HASH = hashLabel('0'.repeat(64));

export interface AuditChange {
  actor: Actor;
  investigationId: number | null;
  entity: string;
  entityId: string | number;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

interface StoredEntry {
  seq: number;
  at: string;
  actor: string;
  investigation_id: number | null;
  entity: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  prev_hash: string;
}

/** The text an entry's hash covers: every field, in a fixed order, the previous hash included. */
export function canonicalEntry(e: StoredEntry): string {
  return JSON.stringify([e.seq, e.at, e.actor, e.investigation_id, e.entity, e.entity_id, e.action, e.before_json, e.after_json, e.reason, e.prev_hash]);
}

export function entryHash(e: StoredEntry): string {
  return hashLabel(sha256Hex(canonicalEntry(e)));
}

/**
 * Appends one entry. Call it inside the transaction that makes the change, so both commit or neither.
 * Bumping the head row first locks it until commit, so concurrent writers take their turns; the unique
 * seq and prev_hash columns would refuse a fork even if that lock were bypassed.
 */
export async function appendAudit(trx: Kysely<Database>, change: AuditChange): Promise<AuditEntry> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const entry: StoredEntry = {
    seq: Number(head.seq),
    at: nowIso(),
    actor: change.actor.name,
    investigation_id: change.investigationId,
    entity: change.entity,
    entity_id: String(change.entityId),
    action: change.action,
    before_json: change.before === undefined ? null : canonicalJson(change.before),
    after_json: change.after === undefined ? null : canonicalJson(change.after),
    reason: change.reason ?? null,
    prev_hash: head.hash,
  };
  const hash = entryHash(entry);
  await trx.insertInto('audit_log').values({ ...entry, hash }).execute();
  await trx.updateTable('audit_head').set({ hash }).where('id', '=', 1).execute();
  return toAuditEntry({ ...entry, hash }, null);
}

function normalise(r: Record<string, unknown>): StoredEntry & { hash: string } {
  return {
    seq: Number(r.seq),
    at: r.at as string,
    actor: r.actor as string,
    investigation_id: r.investigation_id === null ? null : Number(r.investigation_id),
    entity: r.entity as string,
    entity_id: r.entity_id as string,
    action: r.action as string,
    before_json: (r.before_json as string | null) ?? null,
    after_json: (r.after_json as string | null) ?? null,
    reason: (r.reason as string | null) ?? null,
    prev_hash: r.prev_hash as string,
    hash: r.hash as string,
  };
}

function toAuditEntry(e: StoredEntry & { hash: string }, investigation: string | null): AuditEntry {
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    investigation,
    entity: e.entity,
    entity_id: e.entity_id,
    action: e.action,
    before: e.before_json === null ? null : JSON.parse(e.before_json),
    after: e.after_json === null ? null : JSON.parse(e.after_json),
    reason: e.reason,
    prev_hash: e.prev_hash,
    hash: e.hash,
  };
}

export interface AuditQuery {
  investigation?: string;
  entity?: string;
  entityId?: string | number;
  limit?: number;
}

/** Entries the actor may read (those of its investigations; admins see all), newest first. */
export async function listAudit(actor: Actor, db: Kysely<Database>, query: AuditQuery = {}): Promise<AuditEntry[]> {
  const readable = await readableInvestigationIds(db, actor);
  let q = db.selectFrom('audit_log as a').leftJoin('investigations as i', 'i.id', 'a.investigation_id').selectAll('a').select('i.name as investigation_name');
  if (readable !== null) q = readable.length === 0 ? q.where('a.investigation_id', '=', -1) : q.where('a.investigation_id', 'in', readable);
  if (query.investigation !== undefined) q = q.where('i.name', '=', query.investigation);
  if (query.entity !== undefined) q = q.where('a.entity', '=', query.entity);
  if (query.entityId !== undefined) q = q.where('a.entity_id', '=', String(query.entityId));
  const rows = await q.orderBy('a.seq', 'desc').limit(query.limit ?? 1000).execute();
  return rows.map((r) => toAuditEntry(normalise(r), r.investigation_name ?? null));
}

export interface AuditProblem {
  seq: number;
  problem: 'edited' | 'missing' | 'chain-broken' | 'head-mismatch';
  detail: string;
}

export interface AuditReport {
  ok: boolean;
  entries: number;
  /** The last entry: publish its hash somewhere else to detect removal of the tail later. */
  head: { seq: number; hash: string } | null;
  problems: AuditProblem[];
}

/**
 * Walks the whole chain. An entry whose fields no longer give its hash was edited; a gap in the
 * sequence is a removal; an entry that does not hold its predecessor's hash means the chain was cut or
 * rewritten there. Removing the newest entries leaves a shorter valid chain: pass the head recorded
 * earlier as `expectHead` to catch that too.
 */
export async function verifyAudit(_actor: Actor, db: Kysely<Database>, expectHead?: { seq: number; hash: string }): Promise<AuditReport> {
  const problems: AuditProblem[] = [];
  let prev: { seq: number; hash: string } | null = null;
  let entries = 0;
  let after = 0;
  const page = 5000;
  const seen = new Map<number, string>();
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', after).orderBy('seq').limit(page).execute();
    for (const raw of rows) {
      const e = normalise(raw);
      entries++;
      const expectedSeq: number = prev ? prev.seq + 1 : 1;
      if (e.seq !== expectedSeq) {
        const count = e.seq - expectedSeq;
        problems.push({ seq: expectedSeq, problem: 'missing', detail: count === 1 ? `entry ${expectedSeq} was removed` : `entries ${expectedSeq}–${e.seq - 1} were removed` });
      }
      if (entryHash(e) !== e.hash) problems.push({ seq: e.seq, problem: 'edited', detail: `entry ${e.seq} (${e.entity} ${e.entity_id}, ${e.action}) no longer matches its hash` });
      const expectedPrev: string = prev ? prev.hash : GENESIS_HASH;
      if (e.prev_hash !== expectedPrev && e.seq === expectedSeq) {
        problems.push({ seq: e.seq, problem: 'chain-broken', detail: `entry ${e.seq} does not hold the hash of entry ${expectedSeq - 1}: the entry before it was rewritten` });
      }
      prev = { seq: e.seq, hash: e.hash };
      if (expectHead && e.seq === expectHead.seq) seen.set(e.seq, e.hash);
    }
    if (rows.length < page) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  const stored = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  const last = prev as { seq: number; hash: string } | null;
  if (stored && (Number(stored.seq) !== (last?.seq ?? 0) || stored.hash !== (last?.hash ?? GENESIS_HASH))) {
    problems.push({
      seq: Number(stored.seq),
      problem: 'head-mismatch',
      detail: `the log ends at entry ${last?.seq ?? 0} but its head records entry ${Number(stored.seq)}: entries were removed from the end, or the head was rewritten`,
    });
  }
  if (expectHead) {
    const found = seen.get(expectHead.seq);
    if (found === undefined) problems.push({ seq: expectHead.seq, problem: 'head-mismatch', detail: `entry ${expectHead.seq}, recorded as the head earlier, is gone: the newest entries were removed` });
    else if (found !== expectHead.hash) problems.push({ seq: expectHead.seq, problem: 'head-mismatch', detail: `entry ${expectHead.seq} no longer has the hash recorded earlier` });
  }
  return { ok: problems.length === 0, entries, head: prev, problems };
}
