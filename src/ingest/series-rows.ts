// One CSV row of a series → its period, dimension values and value, or a reject naming the column at fault.
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import { periodContaining, type PeriodPrecision, type SeriesValue } from '../model/series.js';
import { InputFileError, type RowReject } from '../model/reject.js';
import type { CsvRow } from './csv.js';
import { rowToCsv } from './csv.js';
import { seriesMappingColumns, type DimensionSpec, type SeriesMapping } from './series-mapping.js';
import { FieldError } from './validate.js';
import { blank, parseDate } from './values.js';

dayjs.extend(customParseFormat);

export type SeriesRowResult = { value: SeriesValue } | { reject: RowReject };

/** Checks the header against the mapping and returns the row reader. */
export function compileSeriesRows(mapping: SeriesMapping, header: string[], file: string): (row: CsvRow) => SeriesRowResult {
  const have = new Set(header);
  const missing = seriesMappingColumns(mapping).filter((c) => !have.has(c.column));
  if (missing.length) {
    const list = missing.map((m) => `${JSON.stringify(m.column)} (${m.key})`).join(', ');
    throw new InputFileError(file, `the mapping ${mapping.origin} reads ${list}, which this file does not have; its columns are ${header.join(', ')}`);
  }
  const { period, value } = mapping;
  const dims = Object.entries(mapping.dimensions).map(([name, spec]) => ({ name, get: dimensionGetter(spec) }));
  return (row) => {
    try {
      const when = parsePeriod(row.values[period.column], period.column, period.precision, period.format);
      const dimValues: Record<string, string> = {};
      for (const d of dims) {
        const v = d.get(row);
        if (v === null) throw new FieldError(mapping.dimensions[d.name]!.column, `blank: every row needs a ${d.name}`);
        dimValues[d.name] = v;
      }
      const n = parseNumber(row.values[value.column], value.column, value.type);
      return { value: { period_start: when.start, period_end: when.end, dims: dimValues, value: n } };
    } catch (err) {
      if (err instanceof FieldError) return { reject: { line: row.line, field: err.field, reason: err.message, raw: rowToCsv(row.fields) } };
      throw err;
    }
  };
}

function dimensionGetter(spec: DimensionSpec): (row: CsvRow) => string | null {
  const replacements = Object.entries(spec.replace).map(([pattern, by]) => [new RegExp(pattern, 'gu'), by] as const);
  const map = new Map(Object.entries(spec.map));
  return (row) => {
    let v = blank(row.values[spec.column]);
    if (v === null) return null;
    for (const [re, by] of replacements) v = v.replace(re, by).trim();
    v = map.get(v) ?? v;
    return v === '' ? null : v;
  };
}

const QUARTER = /^(\d{4})\s*[-/ ]?\s*Q([1-4])$|^Q([1-4])\s*[-/ ]?\s*(\d{4})$/i;

/** The period a cell names: "2024-03" for a month, "2024" for a year, "2024-Q1" for a quarter, any date for a day or week. */
export function parsePeriod(cell: string | undefined, column: string, precision: PeriodPrecision, format: string): { start: string; end: string } {
  const s = blank(cell);
  if (s === null) throw new FieldError(column, 'blank: every row needs a period');
  let iso: string | null = null;
  if (format !== 'auto') {
    const d = dayjs(s, format, true);
    if (!d.isValid()) throw new FieldError(column, `expected a ${precision} as ${format}, got ${JSON.stringify(s)}`);
    iso = d.format('YYYY-MM-DD');
  } else if (/^\d{4}$/.test(s)) {
    if (precision !== 'year') throw new FieldError(column, `${JSON.stringify(s)} is a year, but this series counts by ${precision}`);
    iso = `${s}-01-01`;
  } else if (/^\d{4}-\d{1,2}$/.test(s)) {
    const [y, m] = s.split('-').map(Number) as [number, number];
    if (m < 1 || m > 12) throw new FieldError(column, `not a month: ${JSON.stringify(s)}`);
    if (precision === 'day' || precision === 'week') throw new FieldError(column, `${JSON.stringify(s)} is a month, but this series counts by ${precision}`);
    iso = `${y}-${String(m).padStart(2, '0')}-01`;
  } else if (QUARTER.test(s)) {
    const q = QUARTER.exec(s)!;
    const [y, n] = q[1] ? [q[1], Number(q[2])] : [q[4]!, Number(q[3])];
    if (precision !== 'quarter' && precision !== 'year') throw new FieldError(column, `${JSON.stringify(s)} is a quarter, but this series counts by ${precision}`);
    iso = `${y}-${String(n * 3 - 2).padStart(2, '0')}-01`;
  } else {
    iso = parseDate(column, s);
  }
  return periodContaining(iso!, precision);
}

/** A number as publishers write it: "1491", "1,491", "12.5"; whole numbers only for int. */
export function parseNumber(cell: string | undefined, column: string, type: 'int' | 'number'): number {
  const s = blank(cell);
  if (s === null) throw new FieldError(column, 'blank: every row needs a value');
  const clean = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, '') : s;
  const n = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(clean) ? Number(clean) : NaN;
  if (!Number.isFinite(n)) throw new FieldError(column, `expected a number, got ${JSON.stringify(s)}`);
  if (type === 'int' && !Number.isInteger(n)) throw new FieldError(column, `expected a whole number, got ${JSON.stringify(s)}`);
  return n;
}
