// Events packed for the trip from the thread that reads a file to the thread that writes the store: the values of a
// whole batch as one string. Cloning an array per row costs the writing thread more than one string and a split.
import type { EventRecord } from '../model/event.js';
import { recordHash } from './rows.js';
import type { NewEventRow } from './schema.js';

/** What differs from one event to the next, in packed order; the store adds the dataset, import, revision and times. */
export const PACKED_COLUMNS = [
  'source_id', 'row_hash', 'date_start', 'date_end', 'date_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor1', 'actor2', 'assoc_actor2', 'actor1_id', 'actor2_id', 'target', 'civilian_targeting', 'iso3',
  'country', 'admin1', 'admin2', 'admin3', 'location', 'lat', 'lon', 'geo_precision', 'fatalities_low',
  'fatalities_best', 'fatalities_high', 'civilian_fatalities_low', 'civilian_fatalities_high', 'units_low',
  'units_high', 'notes', 'sources', 'tags', 'source_timestamp', 'event_count', 'extra',
] as const satisfies readonly (keyof NewEventRow)[];

const WIDTH = PACKED_COLUMNS.length;
const NUMERIC: readonly boolean[] = PACKED_COLUMNS.map((c) =>
  /^(civilian_targeting|lat|lon|geo_precision|fatalities_|civilian_fatalities_|units_|source_timestamp|event_count)/.test(c),
);

export type PackedValue = string | number | null;

/** An actor's canonical name, as the import's alias table gives it. */
type Canonical = (name: string | null, iso3: string | null) => string | null;

export interface PackedRows {
  count: number;
  /** Every value of every row in PACKED_COLUMNS order, joined by SEP, with NULL for null; null when `values` is used. */
  text: string | null;
  /** The plain values, for the rare batch whose text holds one of the two marks. */
  values: PackedValue[] | null;
}

/** What the text puts between two values, and in place of a null. */
export const PACKED_SEPARATOR = '\u0001';
export const PACKED_NULL = '\u0002';
const SEP = PACKED_SEPARATOR;
const NULL = PACKED_NULL;

/** -0 keeps its sign through the text (String(-0) is "0"). */
function numberText(n: number): string {
  return n === 0 && 1 / n < 0 ? '-0' : String(n);
}

function occurrences(text: string, mark: string): number {
  let n = 0;
  for (let i = text.indexOf(mark); i !== -1; i = text.indexOf(mark, i + 1)) n++;
  return n;
}

/** Collects records as packed rows; take() hands over the batch and starts the next. */
export class PackedRowsWriter {
  private parts: string[] = [];
  private nulls = 0;
  /** The records taken so far with their hashes, to pack as plain values if the text will not do. */
  private records: { r: EventRecord; hash: string; extra: string | null }[] = [];

  constructor(private readonly canonical: Canonical) {}

  get size(): number {
    return this.records.length;
  }

  /** Adds a record; `hash` is its recordHash() when the caller has it already. */
  add(r: EventRecord, hash?: string): void {
    const extra = r.extra === null ? null : JSON.stringify(r.extra);
    const h = hash ?? recordHash(r, extra);
    this.records.push({ r, hash: h, extra });
    // Straight into text, value by value, in PACKED_COLUMNS order.
    this.text(r.source_id);
    this.text(h);
    this.text(r.date_start);
    this.text(r.date_end);
    this.text(r.date_precision);
    this.text(r.disorder_type);
    this.text(r.event_type);
    this.text(r.sub_event_type);
    this.text(r.actor1);
    this.text(r.assoc_actor1);
    this.text(r.actor2);
    this.text(r.assoc_actor2);
    this.text(this.canonical(r.actor1, r.iso3));
    this.text(this.canonical(r.actor2, r.iso3));
    this.text(r.target);
    if (r.civilian_targeting === null || r.civilian_targeting === undefined) this.text(null);
    else this.parts.push(r.civilian_targeting ? '1' : '0');
    this.text(r.iso3);
    this.text(r.country);
    this.text(r.admin1);
    this.text(r.admin2);
    this.text(r.admin3);
    this.text(r.location);
    this.number(r.lat);
    this.number(r.lon);
    this.number(r.geo_precision);
    this.number(r.fatalities_low);
    this.number(r.fatalities_best);
    this.number(r.fatalities_high);
    this.number(r.civilian_fatalities_low);
    this.number(r.civilian_fatalities_high);
    this.number(r.units_low);
    this.number(r.units_high);
    this.text(r.notes);
    this.text(r.sources);
    this.text(r.tags);
    this.number(r.source_timestamp);
    this.number(r.event_count);
    this.text(extra);
  }

  take(): PackedRows {
    const { parts, nulls, records } = this;
    this.parts = [];
    this.nulls = 0;
    this.records = [];
    const text = parts.join(SEP);
    // A value holding either mark would shift every value after it: such a batch travels as plain values.
    if (occurrences(text, SEP) === Math.max(0, parts.length - 1) && occurrences(text, NULL) === nulls) {
      return { count: records.length, text, values: null };
    }
    return { count: records.length, text: null, values: records.flatMap((x) => plainValues(x.r, x.hash, x.extra, this.canonical)) };
  }

  private text(v: string | null | undefined): void {
    if (v === null || v === undefined) {
      this.parts.push(NULL);
      this.nulls++;
    } else this.parts.push(v);
  }

  private number(v: number | null | undefined): void {
    if (v === null || v === undefined) {
      this.parts.push(NULL);
      this.nulls++;
    } else this.parts.push(numberText(v));
  }
}

/** One record's packed values as they are, for the batches that travel without text. */
function plainValues(r: EventRecord, hash: string, extra: string | null, canonical: Canonical): PackedValue[] {
  return [
    r.source_id, hash, r.date_start, r.date_end, r.date_precision, r.disorder_type, r.event_type, r.sub_event_type,
    r.actor1, r.assoc_actor1, r.actor2, r.assoc_actor2, canonical(r.actor1, r.iso3), canonical(r.actor2, r.iso3),
    r.target, r.civilian_targeting === null ? null : r.civilian_targeting ? 1 : 0, r.iso3, r.country, r.admin1,
    r.admin2, r.admin3, r.location, r.lat, r.lon, r.geo_precision, r.fatalities_low, r.fatalities_best,
    r.fatalities_high, r.civilian_fatalities_low, r.civilian_fatalities_high, r.units_low, r.units_high, r.notes,
    r.sources, r.tags, r.source_timestamp, r.event_count, extra,
  ].map((v) => v ?? null);
}

/**
 * Fills `row` (the caller's array, which may hold its own values after the first PACKED_COLUMNS.length) with each
 * packed row in turn, in PACKED_COLUMNS order, and calls `each`: one array for the whole batch, no object per row.
 */
export function forEachPackedRow(batch: PackedRows, row: PackedValue[], each: (row: PackedValue[]) => void): void {
  if (batch.values !== null) {
    for (let r = 0; r < batch.count; r++) {
      for (let k = 0; k < WIDTH; k++) row[k] = batch.values[r * WIDTH + k]!;
      each(row);
    }
    return;
  }
  if (batch.count === 0) return;
  const parts = batch.text!.split(SEP);
  if (parts.length !== batch.count * WIDTH) throw new Error(`packed rows: ${parts.length} values for ${batch.count} rows of ${WIDTH}`);
  for (let i = 0; i < parts.length; i += WIDTH) {
    for (let k = 0; k < WIDTH; k++) {
      const v = parts[i + k]!;
      row[k] = v === NULL ? null : NUMERIC[k] ? Number(v) : v;
    }
    each(row);
  }
}

/** What every row of one import shares, for a packed row made whole. */
export interface PackedImport {
  datasetId: number;
  importId: number;
  now: string;
}

/** Packed rows as the row objects apply() takes, for an engine without applyPacked(). */
export function unpackRows(batch: PackedRows, on: PackedImport): NewEventRow[] {
  const rows: NewEventRow[] = [];
  forEachPackedRow(batch, new Array<PackedValue>(WIDTH), (values) => {
    const row: Record<string, PackedValue> = { dataset_id: on.datasetId, revision: 1, import_id: on.importId, created_at: on.now, updated_at: on.now, deleted_at: null };
    for (let k = 0; k < WIDTH; k++) row[PACKED_COLUMNS[k]!] = values[k]!;
    rows.push(row as unknown as NewEventRow);
  });
  return rows;
}

/** The batch without some of its rows (by their place in it), as plain values. */
export function withoutRows(batch: PackedRows, drop: ReadonlySet<number>): PackedRows {
  const values: PackedValue[] = [];
  let i = 0;
  forEachPackedRow(batch, new Array<PackedValue>(WIDTH), (row) => {
    if (!drop.has(i++)) values.push(...row);
  });
  return { count: values.length / WIDTH, text: null, values };
}
