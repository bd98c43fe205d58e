// Event rows as PostgreSQL COPY text format: one line per row, tab between fields, \N for NULL.
import { forEachPackedRow, PACKED_COLUMNS, type PackedRows, type PackedValue } from '../packed-rows.js';
import type { NewEventRow } from '../schema.js';

/** What every row of one import shares, written after each row's own values. */
export const CONSTANT_COLUMNS = ['dataset_id', 'import_id', 'revision', 'created_at', 'updated_at', 'deleted_at'] as const;

/**
 * Every column an import writes, in COPY order (everything but the generated id): the packed columns first, so a
 * packed batch becomes COPY text without reordering, then the ones every row of an import shares.
 */
export const COPY_COLUMNS = [...PACKED_COLUMNS, ...CONSTANT_COLUMNS] as const satisfies readonly (keyof NewEventRow)[];

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

/** The values every row of an import shares, in CONSTANT_COLUMNS order. */
export interface ImportConstants {
  datasetId: number;
  importId: number;
  now: string;
}

// The marks packed-rows.ts puts between values and for NULL; a batch whose values hold them comes as plain values.
const PACKED_SEP = '\u0001';
const PACKED_NULL = '\u0002';

/** A packed batch (see packed-rows.ts) as COPY text, with the import's constants after each row's values. */
export function encodePackedRows(batch: PackedRows, c: ImportConstants): string {
  if (batch.count === 0) return '';
  const suffix = `\t${c.datasetId}\t${c.importId}\t1\t${escapeConstant(c.now)}\t${escapeConstant(c.now)}\t\\N`;
  if (batch.text === null) return encodePackedValues(batch, suffix);
  let text = batch.text;
  if (text.includes('\0')) return encodePackedValues(batch, suffix);
  // One pass over the whole batch: escapes first (the marks are not among them), then NULLs, then split by value.
  if (NEEDS_ESCAPE.test(text)) text = text.replace(ESCAPED, escapeChar);
  const parts = text.replaceAll(PACKED_NULL, '\\N').split(PACKED_SEP);
  const width = PACKED_COLUMNS.length;
  if (parts.length !== batch.count * width) throw new CopyEncodingError(`packed rows: ${parts.length} values for ${batch.count} rows of ${width}`);
  const lines = new Array<string>(batch.count + 1);
  for (let r = 0; r < batch.count; r++) lines[r] = parts.slice(r * width, (r + 1) * width).join('\t') + suffix;
  lines[batch.count] = '';
  return lines.join('\n');
}

/** The slow path, value by value: for batches packed as plain values, and to name the row holding a NUL. */
function encodePackedValues(batch: PackedRows, suffix: string): string {
  const lines: string[] = [];
  const row = new Array<PackedValue>(PACKED_COLUMNS.length);
  forEachPackedRow(batch, row, (values) => {
    const named = { source_id: values[0] } as NewEventRow;
    lines.push(values.map((v, i) => (typeof v === 'string' ? escapeText(v, named, PACKED_COLUMNS[i]!) : v === null ? '\\N' : encodeOther(v, named, PACKED_COLUMNS[i]!))).join('\t') + suffix);
  });
  lines.push('');
  return lines.join('\n');
}

function escapeConstant(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPED, escapeChar) : s;
}
