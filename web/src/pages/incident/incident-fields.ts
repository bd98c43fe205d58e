// The incident form's values as strings (what inputs hold) and back to the API's fields.
import type { Incident, IncidentInput } from '../../api/types.js';

type Range = { low: number; high: number } | null;

export interface FormValues {
  ref: string;
  date_start: string;
  date_end: string;
  date_precision: string;
  location_text: string;
  area: string;
  country: string;
  iso3: string;
  lat: string;
  lon: string;
  event_type: string;
  sub_event_type: string;
  actor1: string;
  actor2: string;
  strikes: string;
  units_low: string;
  units_high: string;
  unit_descriptions: string;
  killed_low: string;
  killed_high: string;
  civilians_low: string;
  civilians_high: string;
  survivors_low: string;
  survivors_high: string;
  missing_low: string;
  missing_high: string;
  grade: string;
  summary: string;
  tags: string;
}

const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function emptyValues(): FormValues {
  return valuesOf(null);
}

export function valuesOf(i: Incident | null): FormValues {
  const c = i?.casualties;
  return {
    ref: s(i?.ref),
    date_start: s(i?.date_start),
    date_end: s(i?.date_end),
    date_precision: i?.date_precision ?? 'day',
    location_text: s(i?.location_text),
    area: s(i?.area),
    country: s(i?.country),
    iso3: s(i?.iso3),
    lat: s(i?.lat),
    lon: s(i?.lon),
    event_type: s(i?.event_type),
    sub_event_type: s(i?.sub_event_type),
    actor1: s(i?.actor1),
    actor2: s(i?.actor2),
    strikes: s(i?.strikes ?? 1),
    units_low: s(i?.units.count?.low),
    units_high: s(i?.units.count?.high),
    unit_descriptions: (i?.units.descriptions ?? []).join('\n'),
    killed_low: s(c?.killed?.low),
    killed_high: s(c?.killed?.high),
    civilians_low: s(c?.civilians_killed?.low),
    civilians_high: s(c?.civilians_killed?.high),
    survivors_low: s(c?.survivors?.low),
    survivors_high: s(c?.survivors?.high),
    missing_low: s(c?.missing_presumed_dead?.low),
    missing_high: s(c?.missing_presumed_dead?.high),
    grade: s(i?.grade),
    summary: s(i?.summary),
    tags: s(i?.tags),
  };
}

const text = (v: string) => (v.trim() === '' ? null : v.trim());
const num = (v: string) => (v.trim() === '' ? null : Number(v));

/** A low–high pair; one side given means an exact count. */
function range(low: string, high: string): Range {
  const l = num(low);
  const h = num(high);
  if (l === null && h === null) return null;
  return { low: l ?? h!, high: h ?? l! };
}

/** Every field, as the API takes them (create sends all; edit sends those that changed). */
export function fieldsOf(v: FormValues): Omit<IncidentInput, 'ref'> {
  return {
    date_start: v.date_start,
    date_end: text(v.date_end),
    date_precision: v.date_precision as IncidentInput['date_precision'],
    location_text: text(v.location_text),
    area: text(v.area),
    country: text(v.country),
    iso3: text(v.iso3)?.toUpperCase() ?? null,
    lat: num(v.lat),
    lon: num(v.lon),
    event_type: text(v.event_type),
    sub_event_type: text(v.sub_event_type),
    actor1: text(v.actor1),
    actor2: text(v.actor2),
    strikes: num(v.strikes) ?? 1,
    units: { descriptions: v.unit_descriptions.split('\n').map((d) => d.trim()).filter(Boolean), count: range(v.units_low, v.units_high) },
    casualties: {
      killed: range(v.killed_low, v.killed_high),
      civilians_killed: range(v.civilians_low, v.civilians_high),
      survivors: range(v.survivors_low, v.survivors_high),
      missing_presumed_dead: range(v.missing_low, v.missing_high),
    },
    grade: (text(v.grade) as IncidentInput['grade']) ?? null,
    summary: text(v.summary),
    tags: text(v.tags),
  };
}

/** The fields whose value differs from the incident's: an edit names only what changes. */
export function changedFields(before: Incident, v: FormValues): Record<string, unknown> {
  const after = fieldsOf(v) as Record<string, unknown>;
  const was = fieldsOf(valuesOf(before)) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(after)) if (JSON.stringify(value) !== JSON.stringify(was[k])) out[k] = value;
  return out;
}
