// The desk's own investigations: users, members, incidents, sources, disputes, checks, evidence, audit.
import { z } from 'zod';
import { isRealDate, DATE_PRECISIONS } from './event.js';

/* ---------- people and rights ---------- */

export const USER_ROLES = ['admin', 'editor', 'analyst', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const MEMBER_ROLES = ['owner', 'editor', 'viewer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Who is acting: every desk function takes one first and checks its rights itself. */
export interface Actor {
  name: string;
  role: UserRole;
}

export const userNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/, 'a user name is letters, digits, ".", "_", "@" or "-" (at most 64)');

export interface User {
  id: number;
  name: string;
  role: UserRole;
  created_at: string;
}

/* ---------- investigations ---------- */

export const investigationInputSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an investigation name is a slug: lower-case letters, digits and "-" (at most 64)'),
  title: z.string().min(1, 'a title is required').max(500),
  description: z.string().max(20_000).nullable().default(null),
});
export type InvestigationInput = z.input<typeof investigationInputSchema>;

export interface Investigation {
  id: number;
  name: string;
  title: string;
  description: string | null;
  /** The dataset holding this investigation's incidents as events (same name, format 'desk'). */
  dataset: string;
  created_by: string;
  created_at: string;
}

export interface Member {
  user: string;
  role: MemberRole;
  added_by: string;
  added_at: string;
}

/* ---------- incidents ---------- */

/** Airwars' grades: how well the incident is sourced. */
export const GRADES = ['confirmed', 'fair', 'weak', 'contested', 'discounted'] as const;
export type Grade = (typeof GRADES)[number];

export const STATUSES = ['unverified', 'in_review', 'verified', 'disputed', 'discounted'] as const;
export type IncidentStatus = (typeof STATUSES)[number];

/**
 * The moves a status may make. Review comes before any verdict; a verdict can be reopened for review,
 * and a verified incident can fall into dispute when a new claim contradicts it.
 */
export const STATUS_TRANSITIONS: Record<IncidentStatus, readonly IncidentStatus[]> = {
  unverified: ['in_review', 'discounted'],
  in_review: ['verified', 'disputed', 'discounted', 'unverified'],
  verified: ['in_review', 'disputed'],
  disputed: ['in_review', 'verified', 'discounted'],
  discounted: ['in_review'],
};

export function canMoveStatus(from: IncidentStatus, to: IncidentStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

const count = z.number().int().nonnegative();

/** A min–max count; null where nothing is known. */
export const rangeSchema = z
  .object({ low: count, high: count })
  .refine((r) => r.low <= r.high, { message: 'low above high', path: ['high'] });
export type Range = z.infer<typeof rangeSchema>;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => isRealDate(s), 'not a calendar date');

const optText = (max = 20_000) => z.string().max(max).nullable();

/** The fields a person (or the demo builder) gives for an incident. */
export const incidentFieldsSchema = z.object({
  date_start: isoDate,
  date_end: isoDate.nullable(),
  date_precision: z.enum(DATE_PRECISIONS),
  /** "international waters, Eastern Pacific": the place as sources describe it. */
  location_text: optText(2_000),
  /** The area the analysis splits by (stored as the event's admin1). */
  area: optText(200),
  country: optText(200),
  iso3: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166 alpha-3 code').nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  event_type: optText(200),
  sub_event_type: optText(200),
  actor1: optText(500),
  actor2: optText(500),
  /** What was hit, as a category ("Vessel", "Civilians"): also names the units in sentences ("23 vessels"). */
  target: optText(200),
  /** How many attacks the incident holds (a row "strikes 11-13" is 3). */
  strikes: z.number().int().min(1).max(10_000),
  /** What was hit, one description each ("go-fast boat, 3 aboard"); the count may be a range. */
  units: z.object({ descriptions: z.array(z.string().max(500)).max(1_000), count: rangeSchema.nullable() }),
  casualties: z.object({
    killed: rangeSchema.nullable(),
    civilians_killed: rangeSchema.nullable(),
    survivors: rangeSchema.nullable(),
    missing_presumed_dead: rangeSchema.nullable(),
  }),
  grade: z.enum(GRADES).nullable(),
  summary: optText(),
  tags: optText(2_000),
  extra: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
});
export type IncidentFields = z.infer<typeof incidentFieldsSchema>;

/** What creating an incident takes: the fields, with defaults for what is often unknown. */
export const incidentInputSchema = incidentFieldsSchema.extend({
  /** The incident's own reference inside its investigation (the event's source_id). */
  ref: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/, 'a reference is letters, digits, ".", "_", ":" or "-"').optional(),
  date_end: isoDate.nullable().default(null),
  date_precision: z.enum(DATE_PRECISIONS).default('day'),
  location_text: optText(2_000).default(null),
  area: optText(200).default(null),
  country: optText(200).default(null),
  iso3: z.string().regex(/^[A-Z]{3}$/).nullable().default(null),
  lat: z.number().min(-90).max(90).nullable().default(null),
  lon: z.number().min(-180).max(180).nullable().default(null),
  event_type: optText(200).default(null),
  sub_event_type: optText(200).default(null),
  actor1: optText(500).default(null),
  actor2: optText(500).default(null),
  target: optText(200).default(null),
  strikes: z.number().int().min(1).max(10_000).default(1),
  units: z
    .object({ descriptions: z.array(z.string().max(500)).max(1_000).default([]), count: rangeSchema.nullable().default(null) })
    .default({ descriptions: [], count: null }),
  casualties: z
    .object({
      killed: rangeSchema.nullable().default(null),
      civilians_killed: rangeSchema.nullable().default(null),
      survivors: rangeSchema.nullable().default(null),
      missing_presumed_dead: rangeSchema.nullable().default(null),
    })
    .default({ killed: null, civilians_killed: null, survivors: null, missing_presumed_dead: null }),
  grade: z.enum(GRADES).nullable().default(null),
  summary: optText().default(null),
  tags: optText(2_000).default(null),
  extra: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable().default(null),
});
export type IncidentInput = z.input<typeof incidentInputSchema>;

export interface IncidentSourceLink {
  source_id: number;
  who: string;
  url: string | null;
  role: string | null;
}

export interface Incident extends IncidentFields {
  /** The event id: an incident is an event of its investigation's dataset. */
  id: number;
  investigation: string;
  ref: string;
  status: IncidentStatus;
  /** Bumped by every edit; an update names the version it read. */
  version: number;
  /** The event's revision (bumped by every change to the event row). */
  revision: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  sources: IncidentSourceLink[];
  disputes: Dispute[];
  checks: VerificationStep[];
  evidence: { id: number; hash: string }[];
}

/* ---------- sources ---------- */

export const sourceInputSchema = z.object({
  /** Who published or said it: an outlet, an official, an account. */
  who: z.string().min(1, 'who is required').max(1_000),
  title: z.string().max(2_000).nullable().default(null),
  /** When it was published or said (ISO date or date-time). */
  published_at: z.string().max(40).nullable().default(null),
  url: z.url().max(4_000).nullable().default(null),
  archive_url: z.url().max(4_000).nullable().default(null),
  /** The claim, quoted as the source put it. */
  claim: z.string().max(20_000).nullable().default(null),
});
export type SourceInput = z.input<typeof sourceInputSchema>;

export interface Source extends z.infer<typeof sourceInputSchema> {
  id: number;
  investigation: string;
  created_by: string;
  created_at: string;
  incidents: number[];
}

/* ---------- disputes ---------- */

export const disputeInputSchema = z.object({
  /** What is disputed: location, date, units, fatalities, attribution, identity of the dead, … */
  topic: z.string().min(1).max(200),
  claims: z
    .array(
      z.object({
        claim: z.string().min(1).max(5_000),
        source_id: z.number().int().positive().nullable().default(null),
        note: z.string().max(5_000).nullable().default(null),
      }),
    )
    .min(2, 'a dispute needs at least two competing claims'),
});
export type DisputeInput = z.input<typeof disputeInputSchema>;

export interface Dispute {
  id: number;
  incident_id: number;
  topic: string;
  resolution: string | null;
  created_by: string;
  created_at: string;
  claims: { id: number; claim: string; source_id: number | null; note: string | null }[];
}

/* ---------- verification steps ---------- */

export const CHECK_KINDS = ['geolocation', 'chronolocation'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const CHECK_RESULTS = ['confirmed', 'consistent', 'inconclusive', 'contradicted'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

export const checkInputSchema = z.object({
  kind: z.enum(CHECK_KINDS),
  /** How it was checked: "shoreline match against Sentinel-2", "shadow length", … */
  method: z.string().min(1).max(2_000),
  result: z.enum(CHECK_RESULTS),
  /** What was found, in words. */
  finding: z.string().max(20_000).nullable().default(null),
  lat: z.number().min(-90).max(90).nullable().default(null),
  lon: z.number().min(-180).max(180).nullable().default(null),
  /** For chronolocation: the time established (ISO). */
  time: z.string().max(40).nullable().default(null),
  /** Who did the check (defaults to the actor). */
  analyst: z.string().min(1).max(200).optional(),
  performed_at: z.string().max(40).optional(),
});
export type CheckInput = z.input<typeof checkInputSchema>;

export interface VerificationStep {
  id: number;
  incident_id: number | null;
  evidence_id: number | null;
  kind: CheckKind;
  method: string;
  result: CheckResult;
  finding: string | null;
  lat: number | null;
  lon: number | null;
  time: string | null;
  analyst: string;
  performed_at: string;
  recorded_by: string;
}

/* ---------- evidence ---------- */

export const CUSTODY_ACTIONS = ['acquired', 'added', 'linked', 'viewed', 'exported', 'verified', 'checked'] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

export type MetadataStatus = 'extracted' | 'none' | 'skipped' | 'failed';

export interface EvidenceMetadata {
  /** What the extraction found (camera, EXIF times, video streams), as plain JSON. */
  fields: Record<string, unknown>;
  lat: number | null;
  lon: number | null;
  /** When the content was made, per its own metadata (ISO; no zone suffix when the file gives none). */
  taken_at: string | null;
  duration_s: number | null;
  status: MetadataStatus;
  /** Why extraction failed or was skipped. */
  note: string | null;
}

export interface Evidence {
  id: number;
  investigation: string;
  /** "SHA-256:<hex>" */
  hash: string;
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
  metadata: EvidenceMetadata;
  incidents: number[];
}

export interface CustodyEntry {
  id: number;
  evidence_id: number;
  action: CustodyAction;
  actor: string;
  at: string;
  details: Record<string, unknown> | null;
}

/* ---------- audit ---------- */

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  investigation: string | null;
  entity: string;
  entity_id: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/* ---------- errors ---------- */

/** The actor lacks the right for what it tried. */
export class AccessError extends Error {
  constructor(
    readonly actor: string,
    readonly action: string,
    readonly target: string,
  ) {
    super(`${actor} may not ${action} ${target}`);
    this.name = 'AccessError';
  }
}

/** Another writer changed the record after this one read it. */
export class ConflictError extends Error {
  constructor(
    readonly entity: string,
    readonly expected: number,
    readonly actual: number | null,
  ) {
    super(
      actual === null
        ? `${entity} changed while you edited it: reload and try again`
        : `${entity} is at version ${actual}, not ${expected}: someone else changed it; reload and try again`,
    );
    this.name = 'ConflictError';
  }
}

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

/** A change the rules do not allow (a status move, an edit of a verified incident without a reason). */
export class DeskRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeskRuleError';
  }
}

/** A file larger than the configured evidence limit. */
export class EvidenceTooLargeError extends Error {
  constructor(
    readonly limit: number,
    readonly seen: number,
  ) {
    super(`the file is larger than the evidence limit of ${limit} bytes (read ${seen} bytes so far); raise the limit to store it`);
    this.name = 'EvidenceTooLargeError';
  }
}
