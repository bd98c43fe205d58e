// The shapes the API answers with: the library's own types where the server passes them through.
import type { Figure as LibraryFigure } from '../../../src/analysis/figure.js';
/** A figure as the server answers it: the library's, with what was left out for the reader (null: nothing). */
export type Figure = LibraryFigure & { scope?: string | null };
export type { Breakdown, BreakdownRow } from '../../../src/analysis/breakdown.js';
export type { Measure } from '../../../src/analysis/measures.js';
export type { FlatEvent } from '../../../src/render/export/flat-event.js';
export type { AuditEntry, CheckInput, CheckKind, CheckResult, CustodyEntry, Dispute, DisputeInput, Evidence, Grade, Incident, IncidentInput, IncidentStatus, Investigation, Member, Source, SourceInput, UserRole, VerificationStep } from '../../../src/model/desk.js';
export type { ImportJob } from '../../../src/server/imports/jobs.js';
export type { ImportFormat } from '../../../src/model/import-formats.js';
export type { RejectRow } from '../../../src/server/imports/rejects.js';
import type { EventMap } from '../../../src/server/queries/event-map.js';
/** GET /api/events/geojson. */
export type EventMapAnswer = EventMap & { scope?: string | null };
import type { FlatEvent } from '../../../src/render/export/flat-event.js';
import type { CustodyEntry, Evidence, Investigation, Member, UserRole, VerificationStep } from '../../../src/model/desk.js';
import type { ImportJob } from '../../../src/server/imports/jobs.js';
import type { RejectRow } from '../../../src/server/imports/rejects.js';

export interface Me {
  name: string;
  role: UserRole;
  auth: 'session' | 'token';
  csrf_token?: string;
}

export interface EventsPage {
  filter: string;
  english: string;
  total: number;
  limit: number;
  offset: number;
  sort: string;
  events: FlatEvent[];
}

export interface InvestigationSummary extends Investigation {
  role: string | null;
  incidents: number;
  sources: number;
  evidence: number;
}

export interface InvestigationDetail extends InvestigationSummary {
  members: Member[];
}

export interface EvidenceDetail extends Evidence {
  checks: VerificationStep[];
  custody: CustodyEntry[];
}

export interface ImportJobDetail extends ImportJob {
  rejects: RejectRow[];
}

export interface DatasetInfo {
  name: string;
  format: string;
  title: string | null;
  licence: string | null;
  attribution: string | null;
  access_date: string | null;
  access_filters: string | null;
  events: number;
  deleted: number;
  imports: { id: number; file_name: string; sha256: string; finished_at: string | null; layout?: string; rows_read?: number }[];
}

export interface BuildupRow {
  period: string;
  start: string;
  end: string;
  assets: number;
  names: string[];
}

export interface Buildup {
  region: string;
  region_description: string;
  by: string;
  gap_days: number;
  rows: BuildupRow[];
}

export interface HistoryChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface EventHistory {
  event: FlatEvent;
  revisions: { revision: number; import_id: number | null; deleted_at: string | null; changes: HistoryChange[] }[];
}
