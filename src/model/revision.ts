// A Revision keeps an event's previous version when an import changes or deletes it.
import type { EventRecord } from './event.js';

export interface Revision {
  event_id: number;
  revision: number;
  /** The import that wrote this version (null for versions written by hand). */
  import_id: number | null;
  recorded_at: string;
  deleted_at: string | null;
  record: EventRecord;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** What differs between two versions of an event, field by field. */
export function diffRecords(before: EventRecord, after: EventRecord): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const key of Object.keys(after) as (keyof EventRecord)[]) {
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) changes.push({ field: key, before: a ?? null, after: b ?? null });
  }
  return changes;
}
