// Reads incidents whole: event + side row + sources, disputes, checks and evidence, without a query per incident.
import type { Kysely } from 'kysely';
import type { CheckKind, CheckResult, Dispute, Incident, IncidentStatus, VerificationStep } from '../../model/desk.js';
import type { Database } from '../schema.js';
import { hashLabel } from './canonical.js';
import { incidentFieldsFromRows } from './incident-record.js';

export type IncidentScope = { investigationId: number } | { incidentId: number };

/** Incidents of one investigation (or one incident), oldest first, with everything attached to them. */
export async function loadIncidents(db: Kysely<Database>, scope: IncidentScope): Promise<Incident[]> {
  const ids = (qb: Kysely<Database>) => {
    const q = qb.selectFrom('incidents').select('event_id');
    return 'incidentId' in scope ? q.where('event_id', '=', scope.incidentId) : q.where('investigation_id', '=', scope.investigationId);
  };
  let main = db
    .selectFrom('incidents as i')
    .innerJoin('events as e', 'e.id', 'i.event_id')
    .innerJoin('investigations as v', 'v.id', 'i.investigation_id')
    .selectAll('e')
    .select([
      'v.name as investigation',
      'i.location_text',
      'i.unit_descriptions',
      'i.survivors_low',
      'i.survivors_high',
      'i.missing_low',
      'i.missing_high',
      'i.grade',
      'i.status',
      'i.version',
      'i.created_by',
      'i.created_at as incident_created_at',
      'i.updated_by',
      'i.updated_at as incident_updated_at',
      'i.event_id',
      'i.investigation_id',
    ]);
  main = 'incidentId' in scope ? main.where('i.event_id', '=', scope.incidentId) : main.where('i.investigation_id', '=', scope.investigationId);
  const rows = await main.orderBy('e.date_start').orderBy('e.source_id').execute();
  if (rows.length === 0) return [];

  const links = await db
    .selectFrom('incident_sources as l')
    .innerJoin('sources as s', 's.id', 'l.source_id')
    .select(['l.incident_id', 'l.source_id', 'l.role', 's.who', 's.url'])
    .where('l.incident_id', 'in', ids(db))
    .orderBy('l.incident_id')
    .orderBy('l.source_id')
    .execute();
  const disputes = await db.selectFrom('disputes').selectAll().where('incident_id', 'in', ids(db)).orderBy('id').execute();
  const claims = disputes.length
    ? await db
        .selectFrom('dispute_claims')
        .selectAll()
        .where('dispute_id', 'in', db.selectFrom('disputes').select('id').where('incident_id', 'in', ids(db)))
        .orderBy('dispute_id')
        .orderBy('position')
        .execute()
    : [];
  const checks = await db.selectFrom('verification_steps').selectAll().where('incident_id', 'in', ids(db)).orderBy('id').execute();
  const evidence = await db
    .selectFrom('evidence_incidents as l')
    .innerJoin('evidence as x', 'x.id', 'l.evidence_id')
    .select(['l.incident_id', 'x.id', 'x.sha256'])
    .where('l.incident_id', 'in', ids(db))
    .orderBy('x.id')
    .execute();

  const group = <T>(items: T[], key: (t: T) => number) => {
    const m = new Map<number, T[]>();
    for (const it of items) {
      const k = key(it);
      let list = m.get(k);
      if (!list) m.set(k, (list = []));
      list.push(it);
    }
    return m;
  };
  const claimsBy = group(claims, (c) => Number(c.dispute_id));
  const disputesBy = group(
    disputes.map(
      (d): Dispute => ({
        id: Number(d.id),
        incident_id: Number(d.incident_id),
        topic: d.topic,
        resolution: d.resolution,
        created_by: d.created_by,
        created_at: d.created_at,
        claims: (claimsBy.get(Number(d.id)) ?? []).map((c) => ({ id: Number(c.id), claim: c.claim, source_id: c.source_id === null ? null : Number(c.source_id), note: c.note })),
      }),
    ),
    (d) => d.incident_id,
  );
  const linksBy = group(links, (l) => Number(l.incident_id));
  const checksBy = group(checks.map(toStep), (c) => c.incident_id!);
  const evidenceBy = group(evidence, (e) => Number(e.incident_id));

  return rows.map((r) => {
    const id = Number(r.event_id);
    return {
      ...incidentFieldsFromRows(r, r),
      id,
      investigation: r.investigation,
      ref: r.source_id,
      status: r.status as IncidentStatus,
      version: Number(r.version),
      revision: Number(r.revision),
      created_by: r.created_by,
      created_at: r.incident_created_at,
      updated_by: r.updated_by,
      updated_at: r.incident_updated_at,
      sources: (linksBy.get(id) ?? []).map((l) => ({ source_id: Number(l.source_id), who: l.who, url: l.url, role: l.role })),
      disputes: disputesBy.get(id) ?? [],
      checks: checksBy.get(id) ?? [],
      evidence: (evidenceBy.get(id) ?? []).map((e) => ({ id: Number(e.id), hash: hashLabel(e.sha256) })),
    };
  });
}

export function toStep(r: {
  id: number | string;
  incident_id: number | string | null;
  evidence_id: number | string | null;
  kind: string;
  method: string;
  result: string;
  finding: string | null;
  lat: number | string | null;
  lon: number | string | null;
  time: string | null;
  analyst: string;
  performed_at: string;
  recorded_by: string;
}): VerificationStep {
  return {
    id: Number(r.id),
    incident_id: r.incident_id === null ? null : Number(r.incident_id),
    evidence_id: r.evidence_id === null ? null : Number(r.evidence_id),
    kind: r.kind as CheckKind,
    method: r.method,
    result: r.result as CheckResult,
    finding: r.finding,
    lat: r.lat === null ? null : Number(r.lat),
    lon: r.lon === null ? null : Number(r.lon),
    time: r.time,
    analyst: r.analyst,
    performed_at: r.performed_at,
    recorded_by: r.recorded_by,
  };
}
