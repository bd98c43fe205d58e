// Table types of the desk (migration 002): Kysely's view of users, investigations and their records.
import type { Generated } from 'kysely';

export interface UsersTable {
  id: Generated<number>;
  name: string;
  role: string;
  /** Set by the web desk when accounts get passwords; null for local users. */
  password_hash: string | null;
  created_at: string;
}

export interface InvestigationsTable {
  id: Generated<number>;
  name: string;
  title: string;
  description: string | null;
  dataset_id: number;
  created_by: string;
  created_at: string;
}

export interface InvestigationMembersTable {
  investigation_id: number;
  user_id: number;
  role: string;
  added_by: string;
  added_at: string;
}

/** The desk's side of an incident; the event row (same id) holds dates, place, counts. */
export interface IncidentsTable {
  event_id: number;
  investigation_id: number;
  location_text: string | null;
  /** JSON text: list of descriptions of what was hit. */
  unit_descriptions: string;
  survivors_low: number | null;
  survivors_high: number | null;
  missing_low: number | null;
  missing_high: number | null;
  grade: string | null;
  status: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

export interface SourcesTable {
  id: Generated<number>;
  investigation_id: number;
  who: string;
  title: string | null;
  published_at: string | null;
  url: string | null;
  archive_url: string | null;
  claim: string | null;
  created_by: string;
  created_at: string;
}

export interface IncidentSourcesTable {
  incident_id: number;
  source_id: number;
  /** How the source bears on the incident: announcement, report, corroboration, … */
  role: string | null;
  linked_by: string;
  linked_at: string;
}

export interface DisputesTable {
  id: Generated<number>;
  incident_id: number;
  topic: string;
  resolution: string | null;
  created_by: string;
  created_at: string;
}

export interface DisputeClaimsTable {
  id: Generated<number>;
  dispute_id: number;
  position: number;
  claim: string;
  source_id: number | null;
  note: string | null;
}

export interface VerificationStepsTable {
  id: Generated<number>;
  investigation_id: number;
  incident_id: number | null;
  evidence_id: number | null;
  kind: string;
  method: string;
  result: string;
  finding: string | null;
  lat: number | null;
  lon: number | null;
  time: string | null;
  analyst: string;
  performed_at: string;
  recorded_by: string;
  recorded_at: string;
}

export interface EvidenceTable {
  id: Generated<number>;
  investigation_id: number;
  /** Lower-case hex SHA-256 of the content. */
  sha256: string;
  size: number;
  mime: string | null;
  ext: string | null;
  original_name: string | null;
  origin_url: string | null;
  captured_at: string | null;
  acquired_at: string;
  acquired_by: string;
  added_by: string;
  added_at: string;
  /** JSON text of the extracted fields. */
  metadata: string;
  metadata_status: string;
  metadata_note: string | null;
  gps_lat: number | null;
  gps_lon: number | null;
  taken_at: string | null;
  duration_s: number | null;
}

export interface EvidenceIncidentsTable {
  evidence_id: number;
  incident_id: number;
  linked_by: string;
  linked_at: string;
}

export interface CustodyLogTable {
  id: Generated<number>;
  evidence_id: number;
  action: string;
  actor: string;
  at: string;
  /** JSON text. */
  details: string | null;
}

/** Append-only; each entry holds the SHA-256 of the previous entry's canonical form. */
export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  investigation_id: number | null;
  entity: string;
  entity_id: string;
  action: string;
  /** Canonical JSON text (keys sorted). */
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/** The newest entry of the audit log (one row, id 1): the lock appenders queue on. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface DeskTables {
  users: UsersTable;
  investigations: InvestigationsTable;
  investigation_members: InvestigationMembersTable;
  incidents: IncidentsTable;
  sources: SourcesTable;
  incident_sources: IncidentSourcesTable;
  disputes: DisputesTable;
  dispute_claims: DisputeClaimsTable;
  verification_steps: VerificationStepsTable;
  evidence: EvidenceTable;
  evidence_incidents: EvidenceIncidentsTable;
  custody_log: CustodyLogTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}
