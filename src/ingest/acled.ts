// Reads an ACLED export (today's layout, the numeric-coded 2023–24 layout, or the older one with data_id and iso3)
// into validated event records, streaming, with a reject for every row that cannot be read.
import type { EventRecord } from '../model/event.js';
import { toIso3 } from '../model/country.js';
import { InputFileError, type RowReject } from '../model/reject.js';
import { readCsv, rowToCsv, type CsvDialect, type CsvOptions, type CsvRange } from './csv.js';
import type { EventReader, ReadBatch } from './reader.js';
import { FieldError, rejectFromError, validateRecord } from './validate.js';
import { addDays, blank, floatField, intField, parseDate, precisionRange } from './values.js';

export type AcledLayoutName = 'acled-current' | 'acled-legacy' | 'acled-legacy-iso3';

const EXPECTED = 'an ACLED export';

/** Without these a file is not an ACLED export. */
const REQUIRED = [
  'event_id_cnty', 'event_date', 'time_precision', 'event_type', 'sub_event_type', 'actor1', 'country', 'latitude',
  'longitude', 'fatalities',
] as const;

const KNOWN = [
  ...REQUIRED, 'year', 'disorder_type', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction',
  'civilian_targeting', 'iso', 'region', 'admin1', 'admin2', 'admin3', 'location', 'geo_precision', 'source',
  'source_scale', 'notes', 'tags', 'timestamp', 'data_id', 'event_id_no_cnty', 'iso3',
] as const;

type Column = (typeof KNOWN)[number];
/** Where each known column sits in a row (-1 when the file lacks it). */
type ColumnIndex = Record<Column, number>;

// Headers of files from before 2019 name the associated actors differently.
const ALIASES: Record<string, Column> = { ally_actor_1: 'assoc_actor_1', ally_actor_2: 'assoc_actor_2' };

/** Record fields as ACLED names them, so a reject points at the column a person can find in the file. */
const COLUMN_OF_FIELD: Record<string, string> = {
  source_id: 'event_id_cnty', date_start: 'event_date', date_end: 'event_date', date_precision: 'time_precision',
  lat: 'latitude', lon: 'longitude', assoc_actor1: 'assoc_actor_1', assoc_actor2: 'assoc_actor_2', sources: 'source',
  source_timestamp: 'timestamp', fatalities_low: 'fatalities', fatalities_best: 'fatalities',
  fatalities_high: 'fatalities', civilian_fatalities_low: 'fatalities', civilian_fatalities_high: 'fatalities',
};

const PRECISIONS = { 1: 'day', 2: 'week', 3: 'month' } as const;

/** Values that repeat across millions of rows (dates, countries) are worked out once; a cap keeps hostile files in check. */
const CACHE_LIMIT = 100_000;

/** A batch, with what it takes to read the rest of the file in ranges (see CsvRange). */
export interface AcledBatch extends ReadBatch {
  lines: number[];
  fields: string[][];
  header: string[];
  dialect: CsvDialect;
  /** The line after the last one of the batch. */
  nextLine: number;
}

export interface AcledReaderOptions {
  /** The name errors and rejects show for the file (e.g. an upload's original name); defaults to the path. */
  displayName?: string;
}

type ExtraValue = string | number | null;

export class AcledReader implements EventReader {
  readonly format = 'acled';
  private detected: AcledLayoutName | null = null;
  private readonly dates = new Map<string, string>();
  private readonly ranges = new Map<string, { start: string; end: string }>();
  private readonly isoCodes = new Map<string, string | null>();
  private readonly countryNames = new Map<string, string | null>();

  constructor(
    readonly file: string,
    readonly opts: AcledReaderOptions = {},
  ) {}

  /** The layout, known once the first batch is read ('acled-current' until then). */
  layout(): AcledLayoutName {
    return this.detected ?? 'acled-current';
  }

  batches(): AsyncGenerator<AcledBatch> {
    return this.read({ expected: EXPECTED });
  }

  /** The batches of one range of the file, whose header and dialect the range carries. */
  rangeBatches(range: CsvRange): AsyncGenerator<AcledBatch> {
    return this.read({ expected: EXPECTED, range });
  }

  private async *read(csv: CsvOptions): AsyncGenerator<AcledBatch> {
    const name = this.opts.displayName ?? this.file;
    let columns: ColumnIndex | null = null;
    try {
      for await (const batch of readCsv(this.file, csv)) {
        if (columns === null) {
          columns = resolveColumns(batch.header, name);
          this.detected ??= layoutFromHeader(columns);
        }
        const out: AcledBatch = {
          records: [], rejects: [], rows: 0, lines: [], fields: [], header: batch.header, dialect: batch.dialect, nextLine: batch.nextLine,
        };
        for (const bad of batch.malformed) out.rejects.push({ line: bad.line, field: '(row)', reason: bad.reason, raw: rowToCsv(bad.fields) });
        for (const row of batch.rows) {
          this.detected ??= layoutFromFirstRow(columns, row.fields);
          let record: EventRecord;
          try {
            record = this.toRecord(row.fields, columns);
          } catch (err) {
            out.rejects.push(rejectFromError(err, row.line, row.fields));
            continue;
          }
          if (!plainlyValid(record, row.fields)) {
            // The schema decides, and words the reason.
            const checked = validateRecord(record, row.line, row.fields);
            if ('reject' in checked) {
              out.rejects.push(withAcledField(checked.reject, this.detected));
              continue;
            }
            record = checked.record;
          }
          out.records.push(record);
          out.lines.push(row.line);
          out.fields.push(row.fields);
        }
        if (batch.malformed.length > 0) out.rejects.sort((a, b) => a.line - b.line);
        out.rows = batch.rows.length + batch.malformed.length;
        yield out;
      }
    } catch (err) {
      if (err instanceof InputFileError && err.file !== name) throw new InputFileError(name, err.message.slice(err.file.length + 2));
      throw err;
    }
  }

  /** One row as a record; a value that cannot be read throws a FieldError naming its ACLED column. */
  private toRecord(f: string[], c: ColumnIndex): EventRecord {
    const date = this.date(f[c.event_date]!);
    const precision = timePrecision(f[c.time_precision]!);
    const range = this.range(date, precision);
    const country = cell(f, c.country);
    // ACLED gives one conservative count, so low, best and high are the same number.
    const fatalities = wholeNumber('fatalities', f[c.fatalities]!);
    // Files before March 2023 have no civilian_targeting column: unknown there, not "no".
    let civilianTargeting: boolean | null = null;
    if (c.civilian_targeting >= 0) {
      const flag = blank(f[c.civilian_targeting]);
      civilianTargeting = flag !== null && flag.toLowerCase() === 'civilian targeting';
    }
    // ACLED's civilian fatalities are, by definition, the fatalities of events that target civilians. Of other events'
    // dead ACLED does not say how many were civilians, so those stay unknown (null), not zero.
    const civilianFatalities = civilianTargeting === true ? fatalities : null;
    // One literal with every field, so each record has the same shape (faster than filling in blankEvent()).
    return {
      source_id: f[c.event_id_cnty]!.trim(),
      date_start: range.start,
      date_end: range.end,
      date_precision: PRECISIONS[precision],
      disorder_type: cell(f, c.disorder_type),
      event_type: cell(f, c.event_type),
      sub_event_type: cell(f, c.sub_event_type),
      actor1: cell(f, c.actor1),
      assoc_actor1: cell(f, c.assoc_actor_1),
      actor2: cell(f, c.actor2),
      assoc_actor2: cell(f, c.assoc_actor_2),
      target: null,
      civilian_targeting: civilianTargeting,
      iso3: this.iso3(f, c, country),
      country,
      admin1: cell(f, c.admin1),
      admin2: cell(f, c.admin2),
      admin3: cell(f, c.admin3),
      location: cell(f, c.location),
      lat: floatField('latitude', f[c.latitude]),
      lon: floatField('longitude', f[c.longitude]),
      geo_precision: c.geo_precision >= 0 ? wholeNumber('geo_precision', f[c.geo_precision]!) : null,
      fatalities_low: fatalities,
      fatalities_best: fatalities,
      fatalities_high: fatalities,
      civilian_fatalities_low: civilianFatalities,
      civilian_fatalities_high: civilianFatalities,
      units_low: null,
      units_high: null,
      notes: cell(f, c.notes),
      sources: cell(f, c.source),
      tags: cell(f, c.tags),
      source_timestamp: c.timestamp >= 0 ? wholeNumber('timestamp', f[c.timestamp]!) : null,
      event_count: 1,
      extra: extra(f, c),
    };
  }

  private date(raw: string): string {
    const known = this.dates.get(raw);
    if (known !== undefined) return known;
    const iso = parseDate('event_date', raw);
    if (iso === null) throw new FieldError('event_date', 'the event has no date');
    if (this.dates.size < CACHE_LIMIT) this.dates.set(raw, iso);
    return iso;
  }

  /**
   * The days an ACLED date stands for. ACLED's codebook: time_precision 1 is the day reported; 2 means the sources give
   * only the week (or weekend), and ACLED records the middle of that week; 3 means only the month is known, and ACLED
   * records the middle of the month (its first or last day when sources say "early" or "late" in the month). So a
   * week-precision date is the centre of a seven-day window (three days either side, which holds any week centred on
   * it, whichever day that week starts on), and a month-precision date stands for its whole calendar month.
   */
  private range(iso: string, precision: 1 | 2 | 3): { start: string; end: string } {
    if (precision === 1) return { start: iso, end: iso };
    const key = precision + iso;
    let range = this.ranges.get(key);
    if (range === undefined) {
      range = precision === 2 ? { start: addDays(iso, -3), end: addDays(iso, 3) } : precisionRange(iso, 'month');
      if (this.ranges.size < CACHE_LIMIT) this.ranges.set(key, range);
    }
    return range;
  }

  /** From the iso3 column where there is one, else from the numeric ISO code, else from the country name. */
  private iso3(f: string[], c: ColumnIndex, country: string | null): string | null {
    if (c.iso3 >= 0) {
      const code = blank(f[c.iso3]);
      if (code !== null) return code.toUpperCase();
    }
    const numeric = c.iso >= 0 ? blank(f[c.iso]) : null;
    if (numeric !== null) {
      const byCode = this.cached(this.isoCodes, numeric, toIso3);
      if (byCode !== null) return byCode;
    }
    return country === null ? null : this.cached(this.countryNames, country, toIso3);
  }

  private cached(cache: Map<string, string | null>, key: string, work: (key: string) => string | null): string | null {
    let value = cache.get(key);
    if (value === undefined) {
      value = work(key);
      if (cache.size < CACHE_LIMIT) cache.set(key, value);
    }
    return value;
  }
}

function resolveColumns(header: string[], file: string): ColumnIndex {
  const index = Object.fromEntries(KNOWN.map((k) => [k, -1])) as ColumnIndex;
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    const column = (ALIASES[name] ?? name) as Column;
    if (column in index && index[column] === -1) index[column] = i;
  });
  const missing = REQUIRED.filter((k) => index[k] === -1);
  if (missing.length > 0) {
    const shown = header.slice(0, 6).join(', ') + (header.length > 6 ? ', …' : '');
    throw new InputFileError(
      file,
      `this is not an ACLED export: expected ACLED's columns (${REQUIRED.join(', ')}, …), ` +
        `missing ${missing.join(', ')}; the header reads ${JSON.stringify(shown)}`,
    );
  }
  return index;
}

/** iso3 (with data_id and event_id_no_cnty) marks the layout before March 2023; null when the header cannot tell. */
function layoutFromHeader(c: ColumnIndex): AcledLayoutName | null {
  if (c.iso3 >= 0) return 'acled-legacy-iso3';
  if (c.data_id >= 0 || c.event_id_no_cnty >= 0 || c.disorder_type < 0) return 'acled-legacy';
  return null;
}

/** Today's columns with numeric actor-type codes (inter1 "2" rather than "Rebel group") are the 2023–24 exports. */
function layoutFromFirstRow(c: ColumnIndex, fields: string[]): AcledLayoutName {
  const inter1 = cell(fields, c.inter1);
  return inter1 !== null && /^\d+$/.test(inter1) ? 'acled-legacy' : 'acled-current';
}

function cell(f: string[], i: number): string | null {
  return i < 0 ? null : blank(f[i]);
}

/** intField, with a short cut for the plain digits nearly every cell holds. */
function wholeNumber(column: string, raw: string): number | null {
  const n = raw.length;
  if (n === 0 || n > 15) return intField(column, raw);
  for (let i = 0; i < n; i++) {
    const ch = raw.charCodeAt(i);
    if (ch < 48 || ch > 57) return intField(column, raw);
  }
  return Number(raw);
}

function timePrecision(raw: string): 1 | 2 | 3 {
  const s = raw.trim();
  if (s === '1' || s === '2' || s === '3') return Number(s) as 1 | 2 | 3;
  throw new FieldError('time_precision', `expected 1, 2 or 3, got ${JSON.stringify(s)}`);
}

/** A code column kept as a number when it is one (legacy inter codes), as text otherwise. */
function code(f: string[], i: number): ExtraValue {
  const s = cell(f, i);
  return s !== null && /^\d+$/.test(s) ? Number(s) : s;
}

/** ACLED's own fields that have no place in the common record, kept verbatim. */
function extra(f: string[], c: ColumnIndex): Record<string, ExtraValue> {
  const out: Record<string, ExtraValue> = {};
  if (c.inter1 >= 0) out.inter1 = code(f, c.inter1);
  if (c.inter2 >= 0) out.inter2 = code(f, c.inter2);
  if (c.interaction >= 0) out.interaction = code(f, c.interaction);
  if (c.region >= 0) out.region = cell(f, c.region);
  if (c.source_scale >= 0) out.source_scale = cell(f, c.source_scale);
  if (c.year >= 0) out.year = wholeNumber('year', f[c.year]!);
  if (c.data_id >= 0) out.data_id = wholeNumber('data_id', f[c.data_id]!);
  if (c.event_id_no_cnty >= 0) out.event_id_no_cnty = wholeNumber('event_id_no_cnty', f[c.event_id_no_cnty]!);
  return out;
}

const MAX_TEXT = 100_000;
const ISO3 = /^[A-Z]{3}$/;
const count = (n: number | null) => n === null || (Number.isSafeInteger(n) && n >= 0);

/**
 * The rules of the event schema that a record built by toRecord can break; the rest hold by construction (dates come
 * from parseDate, numbers from intField and floatField, low = best = high). Checking these few by hand instead of
 * running the whole schema on every row is what lets millions of rows stream quickly; any record that fails here goes
 * through validateRecord, so the schema still has the last word and writes the reason.
 */
function plainlyValid(r: EventRecord, fields: string[]): boolean {
  // Text fields are cells of the row, so no cell over the limit means no text field over it.
  for (let i = 0; i < fields.length; i++) if (fields[i]!.length > MAX_TEXT) return false;
  if (r.source_id.length === 0 || r.source_id.length > 200) return false;
  if (r.date_start.length !== 10 || r.date_end.length !== 10) return false;
  if (r.iso3 !== null && !ISO3.test(r.iso3)) return false;
  if ((r.lat === null) !== (r.lon === null)) return false;
  if (r.lat !== null && (r.lat < -90 || r.lat > 90)) return false;
  if (r.lon !== null && (r.lon < -180 || r.lon > 180)) return false;
  if (r.geo_precision !== null && !(Number.isSafeInteger(r.geo_precision) && r.geo_precision >= 0 && r.geo_precision <= 9)) return false;
  if (!count(r.fatalities_best)) return false;
  if (r.source_timestamp !== null && !Number.isSafeInteger(r.source_timestamp)) return false;
  return true;
}

/** Names a reject's field as the ACLED column it came from. */
function withAcledField(reject: RowReject, layout: AcledLayoutName | null): RowReject {
  const top = reject.field.split('.')[0]!;
  const column = top === 'iso3' ? (layout === 'acled-legacy-iso3' ? 'iso3' : 'iso') : COLUMN_OF_FIELD[top];
  return column === undefined ? reject : { ...reject, field: column };
}
