// Assets (ships, aircraft) and Sightings: an asset seen at a time and place by a source.
import { z } from 'zod';
import type { RowReject } from './reject.js';

export const ASSET_KINDS = ['ship', 'aircraft'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** How a sighting was made: a picture from orbit, a transponder, an official release, a written report. */
export const SIGHTING_KINDS = ['imagery', 'adsb', 'ais', 'official_photo', 'report'] as const;
export type SightingKind = (typeof SIGHTING_KINDS)[number];

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional()
    .transform((s) => s ?? null);

/** A 24-bit ICAO aircraft address as six lower-case hex digits ("AE0455" → "ae0455"). */
export const icao24Schema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{6}$/, 'an ICAO 24-bit address is six hex digits (e.g. ae0455)');

/** A Maritime Mobile Service Identity: nine digits. */
export const mmsiSchema = z
  .string()
  .trim()
  .regex(/^\d{9}$/, 'an MMSI is nine digits');

export const assetInputSchema = z.object({
  name: z.string().trim().min(1, 'an asset needs a name').max(200),
  kind: z.enum(ASSET_KINDS),
  /** Class or model: destroyer, amphibious assault ship, P-8A, B739. */
  subtype: optionalText(200),
  /** Hull number of a ship (DDG-107) or tail number / registration of an aircraft (N899DN, 169004). */
  hull_or_tail: optionalText(50),
  icao24: icao24Schema.nullable().optional().transform((s) => s ?? null),
  mmsi: mmsiSchema.nullable().optional().transform((s) => s ?? null),
  callsign: optionalText(20),
  operator: optionalText(200),
  notes: optionalText(100_000),
});
export type AssetInput = z.input<typeof assetInputSchema>;
export type NewAsset = z.output<typeof assetInputSchema>;

export interface Asset extends NewAsset {
  id: number;
  created_at: string;
  updated_at: string;
}

/** How people read an asset's name: "USS Gravely (DDG-107)", the hull or tail number once. */
export function displayName(asset: Pick<NewAsset, 'name' | 'hull_or_tail'>): string {
  return asset.hull_or_tail && !asset.name.includes(asset.hull_or_tail) ? `${asset.name} (${asset.hull_or_tail})` : asset.name;
}

/** An asset with a summary of what is known of its movements. */
export interface AssetSummary extends Asset {
  sightings: number;
  first_seen: string | null;
  last_seen: string | null;
}

/**
 * An instant as stored: ISO 8601 UTC with milliseconds ("2025-10-24T13:05:00.000Z"),
 * one fixed width so that text order is time order in every engine.
 */
export function toInstant(value: string | number | Date): string | null {
  const d = value instanceof Date ? value : typeof value === 'number' ? new Date(value) : parseInstantText(value);
  if (d === null || Number.isNaN(d.getTime())) return null;
  const y = d.getUTCFullYear();
  if (y < 1900 || y > 9999) return null;
  return d.toISOString();
}

/** Text instants people type: 2025-10-24, 2025-10-24 13:05, 2025-10-24T13:05:00Z, with or without an offset. */
function parseInstantText(s: string): Date | null {
  const t = s.trim();
  const m = t.match(/^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i);
  if (!m) return null;
  const [, date, time, zone] = m;
  const iso = `${date}T${time ?? '00:00'}${time && time.length === 5 ? ':00' : ''}${zone ? normaliseZone(zone) : 'Z'}`;
  const d = new Date(iso);
  // Reject roll-overs such as 2025-02-30 that Date would quietly move to March.
  if (Number.isNaN(d.getTime()) || (!zone && d.toISOString().slice(0, 10) !== date)) return null;
  return d;
}

function normaliseZone(zone: string): string {
  if (zone.toUpperCase() === 'Z') return 'Z';
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

const instantSchema = z.string().transform((s, ctx) => {
  const instant = toInstant(s);
  if (instant === null) {
    ctx.addIssue({ code: 'custom', message: `not a time we can read: ${JSON.stringify(s)} (use 2025-10-24T13:05Z)` });
    return z.NEVER;
  }
  return instant;
});

const optionalNumber = (min: number, max: number, what: string) =>
  z
    .number()
    .min(min, `${what} below ${min}`)
    .max(max, `${what} above ${max}`)
    .nullable()
    .optional()
    .transform((n) => n ?? null);

/** A sighting entered by hand (imports build the same fields from their reports). */
export const sightingInputSchema = z.object({
  asset_id: z.number().int().positive(),
  seen_at: instantSchema,
  lat: z.number().min(-90, 'latitude below -90').max(90, 'latitude above 90'),
  lon: z.number().min(-180, 'longitude below -180').max(180, 'longitude above 180'),
  kind: z.enum(SIGHTING_KINDS),
  /** Who or what saw it: a URL, a report's citation, an imported file. */
  source: z.string().trim().min(1, 'a sighting needs a source').max(2000),
  altitude_ft: optionalNumber(-2000, 100_000, 'altitude'),
  speed_kn: optionalNumber(0, 2000, 'speed'),
  course_deg: optionalNumber(0, 360, 'course'),
  on_ground: z.boolean().nullable().optional().transform((b) => b ?? null),
  /** Radius in km within which the asset was (a satellite picture's footprint, "off La Guaira"). */
  precision_km: optionalNumber(0, 20_000, 'precision'),
  notes: optionalText(100_000),
});
export type SightingInput = z.input<typeof sightingInputSchema>;
export type NewSighting = z.output<typeof sightingInputSchema>;

export interface Sighting extends NewSighting {
  id: number;
  import_id: number | null;
  created_at: string;
}

/** What a track file says about who an asset is (any field may be missing). */
export interface TrackIdentity {
  kind: AssetKind;
  icao24?: string | null;
  mmsi?: string | null;
  name?: string | null;
  callsign?: string | null;
  hull_or_tail?: string | null;
  subtype?: string | null;
  operator?: string | null;
}

/** One positioned report in a track file (an ADS-B state vector, an AIS position report). */
export interface TrackReport {
  /** 1-based line in the file. */
  line: number;
  /** The identifier the asset is found by: icao24 for ADS-B, mmsi for AIS. */
  key: string;
  seen_at: string;
  lat: number;
  lon: number;
  altitude_ft: number | null;
  speed_kn: number | null;
  course_deg: number | null;
  on_ground: boolean | null;
}

/** A batch from a track reader: reports, identity facts learnt on the way, rejects and skips. */
export interface TrackBatch {
  reports: TrackReport[];
  /** Keyed like the reports, with the line they were read from; later facts in the file come later in the list. */
  identities: (TrackIdentity & { key: string; line?: number })[];
  rejects: RowReject[];
  /** Reports without a usable position, and messages that report on no asset's position. */
  skipped: number;
  /** Lines or entries read in this batch. */
  rows: number;
}
