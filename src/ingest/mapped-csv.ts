// Reader for any CSV through a mapping file: the mapping is compiled once against the header, then applied to each row.
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import { countryName, toIso3 } from '../model/country.js';
import { DATE_PRECISIONS, blankEvent, type DatePrecision } from '../model/event.js';
import { InputFileError } from '../model/reject.js';
import type { CsvRow } from './csv.js';
import { draftBatches } from './draft-batches.js';
import { mappingColumns, templateColumns, type ExtraType, type Mapping, type Scalar, type ValueSpec } from './mapping.js';
import type { EventReader, ReadBatch } from './reader.js';
import { FieldError } from './validate.js';
import { addDays, blank, floatField, intField, parseDate, precisionRange } from './values.js';

dayjs.extend(customParseFormat);

type Getter = (row: CsvRow) => Scalar;
type Kind = 'text' | 'int' | 'number' | 'bool' | 'date' | 'precision' | 'iso3';

const FIELD_KINDS: Record<string, Kind> = {
  source_id: 'text', date_start: 'date', date_end: 'date', date_precision: 'precision', civilian_targeting: 'bool', iso3: 'iso3',
  lat: 'number', lon: 'number', geo_precision: 'int', fatalities_low: 'int', fatalities_best: 'int', fatalities_high: 'int',
  civilian_fatalities_low: 'int', civilian_fatalities_high: 'int', units_low: 'int', units_high: 'int', source_timestamp: 'int',
  event_count: 'int',
};

export class MappedCsvReader implements EventReader {
  readonly format = 'csv';

  constructor(
    readonly file: string,
    readonly mapping: Mapping,
  ) {}

  layout(): string {
    return `csv:${this.mapping.name}`;
  }

  batches(): AsyncIterable<ReadBatch> {
    const csv = { expected: `a CSV file for the mapping ${this.mapping.name}`, ...(this.mapping.delimiter ? { delimiter: this.mapping.delimiter } : {}) };
    return draftBatches(this.file, csv, {
      start: (header) => compileMapping(this.mapping, header, this.file),
      columnOf: (field) => {
        const spec = field === 'source_id' ? this.mapping.source_id : this.mapping.fields[field as keyof Mapping['fields']];
        return spec?.kind === 'column' ? spec.column : undefined;
      },
    });
  }
}

/** Checks that the file has every column the mapping reads, and returns the row → draft function. */
export function compileMapping(mapping: Mapping, header: string[], file: string): (row: CsvRow) => Record<string, unknown> | null {
  const have = new Set(header);
  const missing = mappingColumns(mapping).filter((c) => !have.has(c.column));
  if (missing.length) {
    const names = [...new Set(missing.map((m) => m.column))].map((c) => JSON.stringify(c)).join(', ');
    const keys = [...new Set(missing.map((m) => m.key))].join(', ');
    throw new InputFileError(file, `the mapping ${mapping.origin} reads column ${names} (in ${keys}), which this file does not have; its columns are ${header.join(', ')}`);
  }

  const keep = rowFilter(mapping);
  const sourceId = required(convertingGetter(mapping.source_id, 'source_id', 'text', mapping), labelOf(mapping.source_id, 'source_id'), 'an id (source_id)');
  const dateStart = required(convertingGetter(mapping.fields.date_start!, 'date_start', 'date', mapping), labelOf(mapping.fields.date_start!, 'date_start'), 'a date (date_start)');
  const fields = Object.entries(mapping.fields).map(([field, spec]) => ({
    field,
    get: convertingGetter(spec, field, FIELD_KINDS[field] ?? 'text', mapping),
  }));
  const extras = Object.entries(mapping.extra).map(([key, spec]) => ({
    key,
    get: convertingGetter(spec, key, spec.kind === 'column' ? (spec.type ?? 'text') : kindOfExtra(spec), mapping),
  }));
  const countrySpec = mapping.fields.country;
  const countryFrom = {
    iso3: 'iso3' in mapping.fields,
    country: countrySpec !== undefined,
    label: countrySpec?.kind === 'column' ? countrySpec.column : 'country',
  };

  return (row) => {
    if (!keep(row)) return null;
    const draft: Record<string, unknown> = blankEvent();
    draft.source_id = sourceId(row);
    for (const { field, get } of fields) draft[field] = field === 'date_start' ? dateStart(row) : get(row);
    if (draft.event_count === null) draft.event_count = 1;
    if (extras.length) draft.extra = Object.fromEntries(extras.map(({ key, get }) => [key, get(row)]));
    settleDates(draft);
    settleCountry(draft, countryFrom);
    return draft;
  };
}

function labelOf(spec: ValueSpec, field: string): string {
  return spec.kind === 'column' ? spec.column : field;
}

/** A getter that turns a blank into a reject saying what every row needs. */
function required(get: Getter, label: string, what: string): Getter {
  return (row) => {
    const v = get(row);
    if (v === null || v === '') throw new FieldError(label, `blank: every row needs ${what}`);
    return v;
  };
}

function kindOfExtra(spec: ValueSpec): ExtraType {
  if (spec.kind === 'sum') return 'int';
  if (spec.kind === 'const') return typeof spec.const === 'number' ? 'number' : typeof spec.const === 'boolean' ? 'bool' : 'text';
  return 'text';
}

function rowFilter(mapping: Mapping): (row: CsvRow) => boolean {
  const filter = mapping.filter;
  if (!filter) return () => true;
  const equals = Object.entries(filter.equals);
  return (row) =>
    filter.not_blank.every((c) => blank(row.values[c]) !== null) && equals.every(([c, value]) => (row.values[c] ?? '').trim() === value);
}

/** A getter for the raw value of a spec: text trimmed, blanks as null. */
function rawGetter(spec: ValueSpec): Getter {
  switch (spec.kind) {
    case 'const':
      return () => spec.const;
    case 'line':
      return (row) => row.line;
    case 'sum':
      // Blank cells count as none; a sum of only blanks is unknown.
      return (row) => {
        let total: number | null = null;
        for (const c of spec.sum) {
          const n = intField(c, row.values[c]);
          if (n !== null) total = (total ?? 0) + n;
        }
        return total;
      };
    case 'template': {
      const columns = templateColumns(spec.template);
      // A template with a blank column yields nothing, so that coalesce can fall back to another form.
      return (row) => {
        const values = new Map(columns.map((c) => [c, blank(row.values[c])]));
        if ([...values.values()].some((v) => v === null)) return null;
        return spec.template.replace(/\{([^{}]+)\}/g, (_, c: string) => values.get(c)!);
      };
    }
    case 'coalesce': {
      const choices = spec.coalesce.map(rawGetter);
      return (row) => {
        for (const choice of choices) {
          const v = choice(row);
          if (v !== null && v !== '') return v;
        }
        return null;
      };
    }
    case 'column': {
      const replacements = Object.entries(spec.replace ?? {}).map(([pattern, by]) => [new RegExp(pattern, 'gu'), by] as const);
      const map = spec.map ? new Map(Object.entries(spec.map)) : null;
      return (row) => {
        let v = blank(row.values[spec.column]);
        if (v === null) return null;
        for (const [re, by] of replacements) v = v.replace(re, by).trim();
        if (map?.has(v)) return map.get(v)!;
        return v === '' ? null : v;
      };
    }
  }
}

/** The raw getter followed by the conversion its field needs; errors name the column where there is one. */
function convertingGetter(spec: ValueSpec, field: string, kind: Kind, mapping: Mapping): Getter {
  const raw = rawGetter(spec);
  const label = labelOf(spec, field);
  const dateFormat = spec.kind === 'column' && spec.date_format ? spec.date_format : mapping.date_format;
  const convert = (v: Scalar) => convertValue(v, kind, label, dateFormat);
  if (spec.kind === 'const') {
    // A constant is checked once, now, so that a bad one fails the mapping rather than every row.
    let value: Scalar;
    try {
      value = convert(spec.const);
    } catch (err) {
      if (err instanceof FieldError) throw new InputFileError(mapping.origin, `${field === 'source_id' ? 'source_id' : `fields.${field}`}: ${err.message}`);
      throw err;
    }
    return () => value;
  }
  return (row) => convert(raw(row));
}

const BOOLEANS: Record<string, boolean> = { yes: true, y: true, true: true, '1': true, no: false, n: false, false: false, '0': false };

function convertValue(v: Scalar, kind: Kind, label: string, dateFormat: string): Scalar {
  if (v === null) return null;
  switch (kind) {
    case 'text':
      return String(v);
    case 'int':
      if (typeof v === 'number') {
        if (!Number.isInteger(v)) throw new FieldError(label, `expected a whole number, got ${v}`);
        return v;
      }
      return intField(label, String(v));
    case 'number':
      return typeof v === 'number' ? v : floatField(label, String(v));
    case 'bool': {
      if (typeof v === 'boolean') return v;
      const b = BOOLEANS[String(v).trim().toLowerCase()];
      if (b === undefined) throw new FieldError(label, `expected yes or no, got ${JSON.stringify(v)}`);
      return b;
    }
    case 'date':
      return convertDate(String(v), label, dateFormat);
    case 'precision': {
      const p = String(v).trim().toLowerCase();
      if (!(DATE_PRECISIONS as readonly string[]).includes(p)) throw new FieldError(label, `expected a date precision (${DATE_PRECISIONS.join(', ')}), got ${JSON.stringify(v)}`);
      return p;
    }
    case 'iso3': {
      const iso3 = toIso3(typeof v === 'boolean' ? null : v);
      if (iso3 === null) throw new FieldError(label, `not a country we know: ${JSON.stringify(v)}`);
      return iso3;
    }
  }
}

function convertDate(s: string, label: string, format: string): string | null {
  if (format === 'auto') return parseDate(label, s);
  const d = dayjs(s.trim(), format, true);
  if (!d.isValid()) throw new FieldError(label, `expected a date as ${format}, got ${JSON.stringify(s)}`);
  return d.format('YYYY-MM-DD');
}

/**
 * Fills what the mapping leaves open about dates. Without a date_end, an imprecise date stands for its whole
 * week, month or year; without a date_precision, the precision follows from the span between start and end.
 */
function settleDates(draft: Record<string, unknown>): void {
  const start = draft.date_start as string | null;
  if (start === null) return; // validation names the missing date
  const precision = draft.date_precision as DatePrecision | null;
  if (draft.date_end === null) {
    if (precision !== null && precision !== 'day') {
      const range = precisionRange(start, precision);
      draft.date_start = range.start;
      draft.date_end = range.end;
    } else {
      draft.date_end = start;
    }
  }
  draft.date_precision = precision ?? precisionOfSpan(start, draft.date_end as string);
}

function precisionOfSpan(start: string, end: string): DatePrecision {
  if (end <= start) return 'day';
  if (end <= addDays(start, 6)) return 'week';
  if (end <= addDays(start, 30)) return 'month';
  return 'year';
}

/** Either of iso3 and country gives the other when the mapping names only one. */
function settleCountry(draft: Record<string, unknown>, mapped: { iso3: boolean; country: boolean; label: string }): void {
  if (!mapped.iso3 && typeof draft.country === 'string') {
    draft.iso3 = toIso3(draft.country);
    if (draft.iso3 === null) throw new FieldError(mapped.label, `not a country we know: ${JSON.stringify(draft.country)}`);
  }
  if (!mapped.country && typeof draft.iso3 === 'string') draft.country = countryName(draft.iso3);
}
