// Event rows as PostgreSQL COPY text format: one line per row, tab between fields, \N for NULL.
import type { NewEventRow } from '../schema.js';

/** Every column an import writes, in COPY order (everything but the generated id). */
export const COPY_COLUMNS = [
  'dataset_id', 'source_id', 'revision', 'import_id', 'row_hash', 'date_start', 'date_end', 'date_precision',
  'disorder_type', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor1', 'actor2', 'assoc_actor2',
  'actor1_id', 'actor2_id', 'target', 'civilian_targeting', 'iso3', 'country', 'admin1', 'admin2', 'admin3',
  'location', 'lat', 'lon', 'geo_precision', 'fatalities_low', 'fatalities_best', 'fatalities_high',
  'civilian_fatalities_low', 'civilian_fatalities_high', 'units_low', 'units_high', 'notes', 'sources', 'tags',
  'source_timestamp', 'event_count', 'extra', 'created_at', 'updated_at', 'deleted_at',
] as const satisfies readonly (keyof NewEventRow)[];

export type CopyColumn = (typeof COPY_COLUMNS)[number];

// Fails to compile when the events table gains a column that COPY_COLUMNS does not list.
type Unlisted = Exclude<keyof NewEventRow, CopyColumn | 'id'>;
const everyColumnListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyColumnListed;

/** The column list for SQL, in COPY order. */
export const COPY_COLUMN_LIST = COPY_COLUMNS.join(', ');

export class CopyEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CopyEncodingError';
  }
}

/** Column defaults of the events table, for optional fields a row leaves out (COPY would write NULL). */
const DEFAULTS: Partial<Record<CopyColumn, number>> = { event_count: 1 };

const NEEDS_ESCAPE = /[\\\t\n\r\0]/;
const ESCAPED = /[\\\t\n\r]/g;
const escapeChar = (c: string) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r');

function escapeText(s: string, row: NewEventRow, column: string): string {
  if (s.includes('\0')) {
    // PostgreSQL text cannot hold U+0000 at all; say where it is rather than store something else.
    throw new CopyEncodingError(`event ${row.source_id}: ${column} contains a NUL character (U+0000), which PostgreSQL cannot store`);
  }
  return s.replace(ESCAPED, escapeChar);
}

function encodeOther(v: unknown, row: NewEventRow, column: string): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new CopyEncodingError(`event ${row.source_id}: ${column} is ${v}, not a finite number`);
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? '1' : '0';
  throw new CopyEncodingError(`event ${row.source_id}: ${column} has a value of type ${typeof v}`);
}

/** The rows as one COPY text chunk (ending in a newline). Written for speed: it runs once per field of every row. */
export function encodeCopyRows(rows: readonly NewEventRow[]): string {
  const lines = new Array<string>(rows.length + 1);
  const fields = new Array<string>(COPY_COLUMNS.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let i = 0; i < COPY_COLUMNS.length; i++) {
      const column = COPY_COLUMNS[i] as CopyColumn;
      let v: unknown = row[column];
      if (v === undefined) v = DEFAULTS[column];
      if (typeof v === 'string') fields[i] = NEEDS_ESCAPE.test(v) ? escapeText(v, row, column) : v;
      else if (v === null) fields[i] = '\\N';
      else if (typeof v === 'number' && Number.isFinite(v)) fields[i] = String(v);
      else fields[i] = encodeOther(v, row, column);
    }
    lines[r] = fields.join('\t');
  }
  lines[rows.length] = '';
  return lines.join('\n');
}
