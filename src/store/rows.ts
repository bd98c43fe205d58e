// Conversions between the model's EventRecord and the events table row, shared by every engine.
import * as crypto from 'node:crypto';
import type { EventRecord, StoredEvent } from '../model/event.js';
import type { EventRow, NewEventRow } from './schema.js';

/** SHA-1 in base64url, one-shot where Node has it (20.12 and later), which skips building a Hash object. */
const sha1: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha1', text, 'base64url')
    : (text) => crypto.createHash('sha1').update(text).digest('base64url');

/** A field as the hash reads it. */
function hashed(v: string | number | boolean | object | null | undefined): string {
  return v === null || v === undefined ? '\u0000' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * A stable hash of every field of a record: equal hashes mean an unchanged row on re-import. The hashed text is
 * every field of EVENT_FIELDS in its order, each followed by \u001f (null as \u0000, objects as JSON): stored hashes
 * depend on it, so it must never change. Spelt out field by field, which is a third faster than a keyed loop; pass
 * `extraJson` when the caller has JSON.stringify(r.extra) already.
 */
export function recordHash(r: EventRecord, extraJson: string | null = r.extra === null ? null : JSON.stringify(r.extra)): string {
  const U = '\u001f';
  return sha1(
    hashed(r.source_id) + U + hashed(r.date_start) + U + hashed(r.date_end) + U + hashed(r.date_precision) + U +
      hashed(r.disorder_type) + U + hashed(r.event_type) + U + hashed(r.sub_event_type) + U + hashed(r.actor1) + U +
      hashed(r.assoc_actor1) + U + hashed(r.actor2) + U + hashed(r.assoc_actor2) + U + hashed(r.target) + U +
      hashed(r.civilian_targeting) + U + hashed(r.iso3) + U + hashed(r.country) + U + hashed(r.admin1) + U +
      hashed(r.admin2) + U + hashed(r.admin3) + U + hashed(r.location) + U + hashed(r.lat) + U + hashed(r.lon) + U +
      hashed(r.geo_precision) + U + hashed(r.fatalities_low) + U + hashed(r.fatalities_best) + U +
      hashed(r.fatalities_high) + U + hashed(r.civilian_fatalities_low) + U + hashed(r.civilian_fatalities_high) + U +
      hashed(r.units_low) + U + hashed(r.units_high) + U + hashed(r.notes) + U + hashed(r.sources) + U +
      hashed(r.tags) + U + hashed(r.source_timestamp) + U + hashed(r.event_count) + U + hashed(extraJson) + U,
  );
}

export interface RowContext {
  datasetId: number;
  importId: number;
  now: string;
  canonical: (name: string | null, iso3: string | null) => string | null;
}

export function recordToRow(r: EventRecord, ctx: RowContext): NewEventRow {
  return {
    dataset_id: ctx.datasetId,
    source_id: r.source_id,
    revision: 1,
    import_id: ctx.importId,
    row_hash: recordHash(r),
    date_start: r.date_start,
    date_end: r.date_end,
    date_precision: r.date_precision,
    disorder_type: r.disorder_type,
    event_type: r.event_type,
    sub_event_type: r.sub_event_type,
    actor1: r.actor1,
    assoc_actor1: r.assoc_actor1,
    actor2: r.actor2,
    assoc_actor2: r.assoc_actor2,
    actor1_id: ctx.canonical(r.actor1, r.iso3),
    actor2_id: ctx.canonical(r.actor2, r.iso3),
    target: r.target,
    civilian_targeting: r.civilian_targeting === null ? null : r.civilian_targeting ? 1 : 0,
    iso3: r.iso3,
    country: r.country,
    admin1: r.admin1,
    admin2: r.admin2,
    admin3: r.admin3,
    location: r.location,
    lat: r.lat,
    lon: r.lon,
    geo_precision: r.geo_precision,
    fatalities_low: r.fatalities_low,
    fatalities_best: r.fatalities_best,
    fatalities_high: r.fatalities_high,
    civilian_fatalities_low: r.civilian_fatalities_low,
    civilian_fatalities_high: r.civilian_fatalities_high,
    units_low: r.units_low,
    units_high: r.units_high,
    notes: r.notes,
    sources: r.sources,
    tags: r.tags,
    source_timestamp: r.source_timestamp,
    event_count: r.event_count,
    extra: r.extra === null ? null : JSON.stringify(r.extra),
    created_at: ctx.now,
    updated_at: ctx.now,
    deleted_at: null,
  };
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The EventRecord part of a stored row (what revisions keep). */
export function rowToRecord(row: EventRow): EventRecord {
  return {
    source_id: row.source_id,
    date_start: row.date_start,
    date_end: row.date_end,
    date_precision: row.date_precision as EventRecord['date_precision'],
    disorder_type: row.disorder_type,
    event_type: row.event_type,
    sub_event_type: row.sub_event_type,
    actor1: row.actor1,
    assoc_actor1: row.assoc_actor1,
    actor2: row.actor2,
    assoc_actor2: row.assoc_actor2,
    target: row.target,
    civilian_targeting: row.civilian_targeting === null ? null : Number(row.civilian_targeting) === 1,
    iso3: row.iso3,
    country: row.country,
    admin1: row.admin1,
    admin2: row.admin2,
    admin3: row.admin3,
    location: row.location,
    lat: num(row.lat),
    lon: num(row.lon),
    geo_precision: num(row.geo_precision),
    fatalities_low: num(row.fatalities_low),
    fatalities_best: num(row.fatalities_best),
    fatalities_high: num(row.fatalities_high),
    civilian_fatalities_low: num(row.civilian_fatalities_low),
    civilian_fatalities_high: num(row.civilian_fatalities_high),
    units_low: num(row.units_low),
    units_high: num(row.units_high),
    notes: row.notes,
    sources: row.sources,
    tags: row.tags,
    source_timestamp: num(row.source_timestamp),
    event_count: Number(row.event_count),
    extra: row.extra === null ? null : (JSON.parse(row.extra) as EventRecord['extra']),
  };
}

export function rowToStoredEvent(row: EventRow & { dataset: string }): StoredEvent {
  return {
    ...rowToRecord(row),
    id: Number(row.id),
    dataset: row.dataset,
    revision: Number(row.revision),
    import_id: num(row.import_id),
    actor1_id: row.actor1_id,
    actor2_id: row.actor2_id,
    deleted_at: row.deleted_at,
  };
}
