// The SQL that turns an events row into the JSON text of its EventRecord, for event_revisions.record.
import { EVENT_FIELDS, type EventField } from '../../model/event.js';

/**
 * Fields whose column does not map one to one onto the record: the same conversions rowToRecord makes,
 * so a revision written here reads back exactly like one written by any other engine.
 */
const CONVERSIONS: Partial<Record<EventField, (column: string) => string>> = {
  civilian_targeting: (c) => `CASE WHEN ${c} IS NULL THEN NULL ELSE ${c} = 1 END`,
  extra: (c) => `${c}::json`,
};

/** A json_build_object(...)::text expression over the columns of `alias`, keys in EventRecord order. */
export function recordJsonSql(alias: string): string {
  const pairs = EVENT_FIELDS.map((field) => {
    const column = `${alias}.${field}`;
    const convert = CONVERSIONS[field];
    return `'${field}', ${convert ? convert(column) : column}`;
  });
  return `json_build_object(${pairs.join(', ')})::text`;
}
