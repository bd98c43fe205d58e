// How an incident maps onto its event row and its side-table row, and back.
import { eventRecordSchema, type EventRecord } from '../../model/event.js';
import type { IncidentFields, Range } from '../../model/desk.js';
import type { EventRow } from '../schema.js';
import type { IncidentsTable } from './tables.js';

/** The event an incident is, so every analysis that counts events counts incidents too. */
export function incidentEventRecord(ref: string, f: IncidentFields, sourcesText: string | null): EventRecord {
  const killed = f.casualties.killed;
  const civilians = f.casualties.civilians_killed;
  return eventRecordSchema.parse({
    source_id: ref,
    date_start: f.date_start,
    date_end: f.date_end ?? f.date_start,
    date_precision: f.date_precision,
    disorder_type: null,
    event_type: f.event_type,
    sub_event_type: f.sub_event_type,
    actor1: f.actor1,
    assoc_actor1: null,
    actor2: f.actor2,
    assoc_actor2: null,
    target: f.target,
    civilian_targeting: null,
    iso3: f.iso3,
    country: f.country,
    admin1: f.area,
    admin2: null,
    admin3: null,
    location: f.location_text,
    lat: f.lat,
    lon: f.lon,
    geo_precision: f.lat === null ? null : 1,
    // The desk's best figure is the confirmed minimum; the range's top is the high.
    fatalities_low: killed?.low ?? null,
    fatalities_best: killed?.low ?? null,
    fatalities_high: killed?.high ?? null,
    civilian_fatalities_low: civilians?.low ?? null,
    civilian_fatalities_high: civilians?.high ?? null,
    units_low: f.units.count?.low ?? null,
    units_high: f.units.count?.high ?? null,
    notes: f.summary,
    sources: sourcesText,
    tags: f.tags,
    source_timestamp: null,
    event_count: f.strikes,
    extra: f.extra,
  });
}

const range = (low: unknown, high: unknown): Range | null =>
  low === null || low === undefined || high === null || high === undefined ? null : { low: Number(low), high: Number(high) };

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

type IncidentRow = { [K in keyof IncidentsTable]: IncidentsTable[K] | string };

/** The fields of an incident, read back from its two rows. */
export function incidentFieldsFromRows(ev: EventRow, inc: IncidentRow): IncidentFields {
  return {
    date_start: ev.date_start,
    date_end: ev.date_end,
    date_precision: ev.date_precision as IncidentFields['date_precision'],
    location_text: inc.location_text as string | null,
    area: ev.admin1,
    country: ev.country,
    iso3: ev.iso3,
    lat: num(ev.lat),
    lon: num(ev.lon),
    event_type: ev.event_type,
    sub_event_type: ev.sub_event_type,
    actor1: ev.actor1,
    actor2: ev.actor2,
    target: ev.target,
    strikes: Number(ev.event_count),
    units: { descriptions: JSON.parse(inc.unit_descriptions as string) as string[], count: range(ev.units_low, ev.units_high) },
    casualties: {
      killed: range(ev.fatalities_low, ev.fatalities_high),
      civilians_killed: range(ev.civilian_fatalities_low, ev.civilian_fatalities_high),
      survivors: range(inc.survivors_low, inc.survivors_high),
      missing_presumed_dead: range(inc.missing_low, inc.missing_high),
    },
    grade: (inc.grade as IncidentFields['grade']) ?? null,
    summary: ev.notes,
    tags: ev.tags,
    extra: ev.extra === null ? null : (JSON.parse(ev.extra) as IncidentFields['extra']),
  };
}

/** The side-table columns an incident's fields set. */
export function incidentSideColumns(f: IncidentFields) {
  return {
    location_text: f.location_text,
    unit_descriptions: JSON.stringify(f.units.descriptions),
    survivors_low: f.casualties.survivors?.low ?? null,
    survivors_high: f.casualties.survivors?.high ?? null,
    missing_low: f.casualties.missing_presumed_dead?.low ?? null,
    missing_high: f.casualties.missing_presumed_dead?.high ?? null,
    grade: f.grade,
  };
}
