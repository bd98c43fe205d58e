// The flat shape of an event in every export: stable column names, booleans as booleans.
import type { StoredEvent } from '../../model/event.js';

export const FLAT_COLUMNS = [
  'id', 'dataset', 'source_id', 'revision', 'date_start', 'date_end', 'date_precision', 'disorder_type', 'event_type',
  'sub_event_type', 'actor1', 'actor1_id', 'assoc_actor1', 'actor2', 'actor2_id', 'assoc_actor2', 'target',
  'civilian_targeting', 'country', 'iso3', 'admin1', 'admin2', 'admin3', 'location', 'lat', 'lon', 'geo_precision',
  'fatalities_low', 'fatalities_best', 'fatalities_high', 'civilian_fatalities_low', 'civilian_fatalities_high',
  'units_low', 'units_high', 'event_count', 'notes', 'sources', 'tags', 'source_timestamp', 'deleted_at',
] as const;

export type FlatEvent = Record<(typeof FLAT_COLUMNS)[number], string | number | boolean | null>;

export function flatEvent(e: StoredEvent): FlatEvent {
  const out = {} as FlatEvent;
  for (const c of FLAT_COLUMNS) out[c] = (e as unknown as Record<string, string | number | boolean | null>)[c] ?? null;
  return out;
}
