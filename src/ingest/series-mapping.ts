// A series mapping: which CSV columns give the period, the value and the dimensions, and where the numbers come from.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { ABSENT_ROWS, PERIOD_PRECISIONS, dimensionNameSchema, seriesNameSchema, type SeriesMeta } from '../model/series.js';
import { MappingError } from './mapping.js';

export interface PeriodSpec {
  column: string;
  precision: SeriesMeta['precision'];
  /** dayjs tokens ("YYYY-MM", "MMM YYYY") or "auto" (ISO forms and the dates parseDate reads). */
  format: string;
}

export interface SeriesValueSpec {
  column: string;
  /** int rejects fractions; number takes any decimal. Thousands separators are allowed in both. */
  type: 'int' | 'number';
}

/** A dimension's column, with the same map / replace as event mappings to tidy its labels. */
export interface DimensionSpec {
  column: string;
  map: Record<string, string>;
  replace: Record<string, string>;
}

export interface SeriesMapping {
  /** The layout of imports through it is `series:<name>`. */
  name: string;
  origin: string;
  description: string | null;
  series: SeriesMeta;
  delimiter: string | null;
  period: PeriodSpec;
  value: SeriesValueSpec;
  dimensions: Record<string, DimensionSpec>;
}

const column = z.string().min(1, 'a column name cannot be empty');
const text = z.string().min(1).nullable().optional();

const dimensionSpec = z.union([
  column.transform((c) => ({ column: c })),
  z.strictObject({ column, map: z.record(z.string(), z.string()).optional(), replace: z.record(z.string(), z.string()).optional() }),
]);

const schema = z.strictObject({
  name: seriesNameSchema.optional(),
  description: z.string().optional(),
  series: z.strictObject({
    name: seriesNameSchema.optional(),
    title: text,
    unit: z.string().min(1, 'say what the numbers count, e.g. "detections of illegal border crossings"'),
    source: text,
    source_url: text,
    licence: text,
    attribution: text,
    access_date: text,
    absent_rows: z.enum(ABSENT_ROWS).default('zero'),
  }),
  delimiter: z.string().length(1, 'a delimiter is one character').optional(),
  period: z.strictObject({ column, precision: z.enum(PERIOD_PRECISIONS), format: z.string().min(1).default('auto') }),
  value: z.union([
    column.transform((c) => ({ column: c, type: 'number' as const })),
    z.strictObject({ column, type: z.enum(['int', 'number']).default('number') }),
  ]),
  dimensions: z.record(dimensionNameSchema, dimensionSpec).optional(),
});

export async function loadSeriesMapping(file: string): Promise<SeriesMapping> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new MappingError(file, '', err instanceof SyntaxError ? `not valid JSON: ${err.message}` : 'cannot read the mapping file');
  }
  return parseSeriesMapping(json, file);
}

export function parseSeriesMapping(json: unknown, origin: string): SeriesMapping {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const message = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}` : issue.message;
    throw new MappingError(origin, issue.path.map(String).join('.'), message);
  }
  const m = parsed.data;
  const name = m.name ?? defaultName(origin);
  const dimensions = Object.fromEntries(
    Object.entries(m.dimensions ?? {}).map(([dim, spec]) => [dim, { column: spec.column, map: 'map' in spec ? (spec.map ?? {}) : {}, replace: 'replace' in spec ? (spec.replace ?? {}) : {} }]),
  );
  for (const [dim, spec] of Object.entries(dimensions)) {
    for (const pattern of Object.keys(spec.replace)) {
      try {
        new RegExp(pattern, 'u');
      } catch (err) {
        throw new MappingError(origin, `dimensions.${dim}.replace`, `not a regular expression: ${(err as Error).message}`);
      }
    }
  }
  return {
    name,
    origin,
    description: m.description ?? null,
    series: {
      name: m.series.name ?? name,
      title: m.series.title ?? null,
      unit: m.series.unit,
      precision: m.period.precision,
      dimensions: Object.keys(dimensions),
      absent_rows: m.series.absent_rows,
      source: m.series.source ?? null,
      source_url: m.series.source_url ?? null,
      licence: m.series.licence ?? null,
      attribution: m.series.attribution ?? null,
      access_date: m.series.access_date ?? null,
    },
    delimiter: m.delimiter ?? null,
    period: m.period,
    value: m.value,
    dimensions,
  };
}

function defaultName(origin: string): string {
  const name = basename(origin).replace(/\.json$/i, '').toLowerCase().replace(/[^a-z0-9_.-]+/g, '-');
  return seriesNameSchema.safeParse(name).success ? name : 'series';
}

/** Every column the mapping reads, with the key that names it. */
export function seriesMappingColumns(mapping: SeriesMapping): { column: string; key: string }[] {
  return [
    { column: mapping.period.column, key: 'period' },
    { column: mapping.value.column, key: 'value' },
    ...Object.entries(mapping.dimensions).map(([dim, spec]) => ({ column: spec.column, key: `dimensions.${dim}` })),
  ];
}
