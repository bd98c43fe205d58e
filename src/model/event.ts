// The Event: one row of a dataset or one desk incident, normalised to one shape.
import { z } from 'zod';

export const DATE_PRECISIONS = ['day', 'week', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => isRealDate(s), 'not a calendar date');

const text = z.string().max(100_000).nullable();
const count = z.number().int().nonnegative().nullable();

/** The fields a reader produces for one event, before the store gives it an id and revision. */
export const eventRecordSchema = z
  .object({
    source_id: z.string().min(1, 'missing source id').max(200),
    date_start: isoDate,
    date_end: isoDate,
    date_precision: z.enum(DATE_PRECISIONS),
    disorder_type: text,
    event_type: text,
    sub_event_type: text,
    actor1: text,
    assoc_actor1: text,
    actor2: text,
    assoc_actor2: text,
    target: text,
    civilian_targeting: z.boolean().nullable(),
    iso3: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166 alpha-3 code').nullable(),
    country: text,
    admin1: text,
    admin2: text,
    admin3: text,
    location: text,
    lat: z.number().min(-90, 'latitude below -90').max(90, 'latitude above 90').nullable(),
    lon: z.number().min(-180, 'longitude below -180').max(180, 'longitude above 180').nullable(),
    geo_precision: z.number().int().min(0).max(9).nullable(),
    fatalities_low: count,
    fatalities_best: count,
    fatalities_high: count,
    civilian_fatalities_low: count,
    civilian_fatalities_high: count,
    units_low: count,
    units_high: count,
    notes: text,
    sources: text,
    tags: text,
    source_timestamp: z.number().int().nullable(),
    /** How many attacks this row stands for: 1 for ACLED and UCDP; a list row can hold several strikes. */
    event_count: z.number().int().min(1, 'at least 1').max(10_000),
    /** Dataset-specific fields kept verbatim (ACLED inter codes, UCDP where_prec, …). */
    extra: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
  })
  .superRefine((e, ctx) => {
    if (e.date_end < e.date_start) ctx.addIssue({ code: 'custom', path: ['date_end'], message: `ends (${e.date_end}) before it starts (${e.date_start})` });
    const ordered = (field: string, low: number | null, best: number | null, high: number | null) => {
      if (low !== null && best !== null && low > best) ctx.addIssue({ code: 'custom', path: [`${field}_low`], message: `low ${low} above best ${best}` });
      if (best !== null && high !== null && best > high) ctx.addIssue({ code: 'custom', path: [`${field}_high`], message: `high ${high} below best ${best}` });
      if (low !== null && high !== null && low > high) ctx.addIssue({ code: 'custom', path: [`${field}_high`], message: `high ${high} below low ${low}` });
    };
    ordered('fatalities', e.fatalities_low, e.fatalities_best, e.fatalities_high);
    ordered('civilian_fatalities', e.civilian_fatalities_low, null, e.civilian_fatalities_high);
    ordered('units', e.units_low, null, e.units_high);
    if ((e.lat === null) !== (e.lon === null)) ctx.addIssue({ code: 'custom', path: [e.lat === null ? 'lat' : 'lon'], message: 'latitude and longitude must come together' });
  });

export type EventRecord = z.infer<typeof eventRecordSchema>;

/** Every field of EventRecord, in a fixed order (used for hashing, diffs and column lists). */
export const EVENT_FIELDS = [
  'source_id', 'date_start', 'date_end', 'date_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor1', 'actor2', 'assoc_actor2', 'target', 'civilian_targeting', 'iso3', 'country',
  'admin1', 'admin2', 'admin3', 'location', 'lat', 'lon', 'geo_precision', 'fatalities_low', 'fatalities_best',
  'fatalities_high', 'civilian_fatalities_low', 'civilian_fatalities_high', 'units_low', 'units_high', 'notes',
  'sources', 'tags', 'source_timestamp', 'event_count', 'extra',
] as const satisfies readonly (keyof EventRecord)[];

export type EventField = (typeof EVENT_FIELDS)[number];

/** An empty record with every field null, for readers to fill in. */
export function blankEvent(): { [K in keyof EventRecord]: EventRecord[K] | null } {
  const draft = Object.fromEntries(EVENT_FIELDS.map((f) => [f, null])) as { [K in keyof EventRecord]: EventRecord[K] | null };
  draft.event_count = 1;
  return draft;
}

export function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** A stored event: the record plus what the store adds. */
export interface StoredEvent extends EventRecord {
  id: number;
  dataset: string;
  revision: number;
  import_id: number | null;
  actor1_id: string | null;
  actor2_id: string | null;
  deleted_at: string | null;
}

/** The EventRecord fields of a stored event (drops id, revision and the store's own columns). */
export function pickRecord(e: EventRecord): EventRecord {
  return Object.fromEntries(EVENT_FIELDS.map((f) => [f, e[f]])) as EventRecord;
}
