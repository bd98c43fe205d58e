// A mapping file: how any CSV's columns become event fields, checked with zod before a row is read.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { FORMATS, datasetNameSchema } from '../model/dataset.js';
import { EVENT_FIELDS, type EventField } from '../model/event.js';
import { InputFileError } from '../model/reject.js';

// The reader lives beside its mapping; callers may take both from here.
export { MappedCsvReader } from './mapped-csv.js';

export type Scalar = string | number | boolean | null;

/** Where one value comes from. A bare string in the JSON is a column name. */
export type ValueSpec =
  | { kind: 'column'; column: string; map?: Record<string, Scalar>; replace?: Record<string, string>; date_format?: string; type?: ExtraType }
  | { kind: 'const'; const: Scalar }
  | { kind: 'sum'; sum: string[] }
  | { kind: 'template'; template: string }
  | { kind: 'coalesce'; coalesce: ValueSpec[] }
  | { kind: 'line'; line: true };

/** How a value kept in `extra` is typed (text unless said). */
export const EXTRA_TYPES = ['text', 'int', 'number', 'bool'] as const;
export type ExtraType = (typeof EXTRA_TYPES)[number];

/** Fields given as a low/best/high group, and the record fields each part fills. */
export const RANGE_GROUPS = {
  fatalities: { low: 'fatalities_low', best: 'fatalities_best', high: 'fatalities_high' },
  civilian_fatalities: { low: 'civilian_fatalities_low', high: 'civilian_fatalities_high' },
  units: { low: 'units_low', high: 'units_high' },
} as const satisfies Record<string, Partial<Record<'low' | 'best' | 'high', EventField>>>;
type RangeGroup = keyof typeof RANGE_GROUPS;

/** Record fields a mapping may name under "fields" (source_id and extra have their own keys). */
export const MAPPABLE_FIELDS = EVENT_FIELDS.filter((f) => f !== 'source_id' && f !== 'extra');
type MappableField = (typeof MAPPABLE_FIELDS)[number];

export interface DatasetDefaults {
  /** The dataset to import into unless told otherwise: the mapping's name when the file gives none. */
  name: string;
  format: (typeof FORMATS)[number];
  title: string | null;
  licence: string | null;
  attribution: string | null;
  access_date: string | null;
  access_filters: string | null;
}

export interface RowFilter {
  /** Keep only rows where every one of these columns has a value. */
  not_blank: string[];
  /** Keep only rows where each column holds exactly this value. */
  equals: Record<string, string>;
}

export interface Mapping {
  /** The mapping's name: the layout of imports through it is `csv:<name>`. */
  name: string;
  /** Where the mapping came from, for error messages. */
  origin: string;
  description: string | null;
  dataset: DatasetDefaults;
  delimiter: string | null;
  /** Date format for date fields that give none: dayjs tokens ("DD/MM/YYYY") or "auto". */
  date_format: string;
  filter: RowFilter | null;
  source_id: ValueSpec;
  /** Record field → where its value comes from, with the low/best/high groups already expanded. */
  fields: Partial<Record<MappableField, ValueSpec>>;
  /** Key in `extra` → where its value comes from. */
  extra: Record<string, ValueSpec>;
}

/** A mapping file that cannot be used: names the file and the key at fault. */
export class MappingError extends InputFileError {
  constructor(
    file: string,
    readonly key: string,
    message: string,
  ) {
    super(file, key ? `${key}: ${message}` : message);
    this.name = 'MappingError';
  }
}

const SPEC_KINDS = ['const', 'sum', 'template', 'column', 'coalesce', 'line'] as const;
const columnName = z.string().min(1, 'a column name cannot be empty');
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const SPEC_FORMS =
  'expected a column name (a string) or an object with one of "const", "sum", "template", "column", "coalesce" or "line"';

/** Tags an object spec with the kind its key announces, so zod checks it against that one form and says what is wrong there. */
function tagSpec(value: unknown): unknown {
  if (typeof value === 'string') return { kind: 'column', column: value };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const kind = SPEC_KINDS.find((k) => k in value);
    if (kind) return { kind, ...value };
  }
  return value;
}

const specForms = () =>
  [
    z.strictObject({
      kind: z.literal('column'),
      column: columnName,
      map: z.record(z.string(), scalar).optional(),
      replace: z.record(z.string(), z.string()).optional(),
      date_format: z.string().min(1).optional(),
      type: z.enum(EXTRA_TYPES).optional(),
    }),
    z.strictObject({ kind: z.literal('const'), const: scalar }),
    z.strictObject({ kind: z.literal('sum'), sum: z.array(columnName).min(1, 'a sum needs at least one column') }),
    z.strictObject({ kind: z.literal('template'), template: z.string().regex(/\{[^{}]+\}/, 'a template names at least one {column}') }),
    z.strictObject({ kind: z.literal('coalesce'), coalesce: z.array(valueSpec).min(2, 'coalesce needs at least two choices') }),
    z.strictObject({ kind: z.literal('line'), line: z.literal(true) }),
  ] as const;

const valueSpec: z.ZodType<ValueSpec, unknown> = z.lazy(() => z.preprocess(tagSpec, z.discriminatedUnion('kind', specForms(), { error: SPEC_FORMS })));

type RangeSpec = { kind: 'range'; low?: ValueSpec; best?: ValueSpec; high?: ValueSpec } | ValueSpec;
const RANGE_PARTS = ['low', 'best', 'high'] as const;

/** A group is an object of low/best/high; anything else is one spec for every part. */
function tagRange(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !SPEC_KINDS.some((k) => k in value)) {
    if (RANGE_PARTS.some((p) => p in value)) return { kind: 'range', ...value };
  }
  return tagSpec(value);
}

const rangeSpec: z.ZodType<RangeSpec, unknown> = z.preprocess(
  tagRange,
  z.discriminatedUnion(
    'kind',
    [z.strictObject({ kind: z.literal('range'), low: valueSpec.optional(), best: valueSpec.optional(), high: valueSpec.optional() }), ...specForms()],
    { error: `${SPEC_FORMS}, or an object of "low", "best" and "high"` },
  ),
);

const fieldShape = Object.fromEntries([
  ...MAPPABLE_FIELDS.map((f) => [f, valueSpec.optional()]),
  ...Object.keys(RANGE_GROUPS).map((g) => [g, rangeSpec.optional()]),
]) as Record<string, z.ZodOptional<z.ZodType<RangeSpec, unknown>>>;

const nullableText = z.string().nullable().optional();

const mappingSchema = z.strictObject({
  name: datasetNameSchema.optional(),
  description: z.string().optional(),
  dataset: z
    .strictObject({
      name: datasetNameSchema.optional(),
      format: z.enum(FORMATS).default('csv'),
      title: nullableText,
      licence: nullableText,
      attribution: nullableText,
      access_date: nullableText,
      access_filters: nullableText,
    })
    .optional(),
  delimiter: z.string().length(1, 'a delimiter is one character').optional(),
  date_format: z.string().min(1).default('auto'),
  filter: z
    .strictObject({
      not_blank: z.array(columnName).optional(),
      equals: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  source_id: valueSpec,
  fields: z.strictObject(fieldShape).refine((f) => 'date_start' in f, { message: 'a mapping must say where date_start comes from' }),
  extra: z.union([z.array(columnName), z.record(z.string(), valueSpec)]).optional(),
});

/** Reads and checks a mapping file. */
export async function loadMapping(file: string): Promise<Mapping> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new MappingError(file, '', 'cannot read the mapping file');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new MappingError(file, '', `not valid JSON: ${(err as Error).message}`);
  }
  return parseMapping(json, file);
}

/** Checks a mapping already parsed from JSON; `origin` names it in errors (and gives its default name). */
export function parseMapping(json: unknown, origin: string): Mapping {
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // A spec's "kind" is ours, not the file's: name the spec itself.
    const path = issue.path.at(-1) === 'kind' ? issue.path.slice(0, -1) : issue.path;
    throw new MappingError(origin, path.map(String).join('.'), describeIssue(issue));
  }
  const m = parsed.data;
  const fields = expandFields(m.fields as Record<string, unknown>, origin);
  const extra: Record<string, ValueSpec> = Array.isArray(m.extra)
    ? Object.fromEntries(m.extra.map((c) => [c, { kind: 'column', column: c } as ValueSpec]))
    : (m.extra ?? {});
  const name = m.name ?? defaultName(origin);
  const mapping: Mapping = {
    name,
    origin,
    description: m.description ?? null,
    dataset: {
      name: m.dataset?.name ?? name,
      format: m.dataset?.format ?? 'csv',
      title: m.dataset?.title ?? null,
      licence: m.dataset?.licence ?? null,
      attribution: m.dataset?.attribution ?? null,
      access_date: m.dataset?.access_date ?? null,
      access_filters: m.dataset?.access_filters ?? null,
    },
    delimiter: m.delimiter ?? null,
    date_format: m.date_format,
    filter: m.filter ? { not_blank: m.filter.not_blank ?? [], equals: m.filter.equals ?? {} } : null,
    source_id: m.source_id,
    fields,
    extra,
  };
  checkSpecs(mapping);
  return mapping;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
    if (issue.path.length === 1 && issue.path[0] === 'fields') {
      return `unknown field ${keys}; a mapping fills these fields: ${[...MAPPABLE_FIELDS, ...Object.keys(RANGE_GROUPS)].join(', ')}`;
    }
    return `unknown key ${keys}`;
  }
  return issue.message;
}

function defaultName(origin: string): string {
  const name = basename(origin).replace(/\.json$/i, '').toLowerCase().replace(/[^a-z0-9_.-]+/g, '-');
  return datasetNameSchema.safeParse(name).success ? name : 'mapping';
}

/** Turns "fatalities": {low, best, high} (or one spec for all three) into the record's own fields. */
function expandFields(given: Record<string, unknown>, origin: string): Partial<Record<MappableField, ValueSpec>> {
  const fields: Partial<Record<MappableField, ValueSpec>> = {};
  for (const [key, spec] of Object.entries(given)) {
    if (spec === undefined) continue;
    if (!(key in RANGE_GROUPS)) {
      fields[key as MappableField] = spec as ValueSpec;
      continue;
    }
    const parts = RANGE_GROUPS[key as RangeGroup] as Partial<Record<'low' | 'best' | 'high', MappableField>>;
    const range = spec as RangeSpec;
    if (range.kind === 'range' && range.best !== undefined && !('best' in parts)) {
      throw new MappingError(origin, `fields.${key}.best`, `${key} has only low and high`);
    }
    for (const [part, field] of Object.entries(parts) as ['low' | 'best' | 'high', MappableField][]) {
      const partSpec = range.kind === 'range' ? range[part] : range;
      if (partSpec === undefined) continue;
      if (field in given) throw new MappingError(origin, `fields.${field}`, `given twice: also as fields.${key}.${part}`);
      fields[field] = partSpec;
    }
  }
  return fields;
}

const DATE_FIELDS = new Set<string>(['date_start', 'date_end']);

/** Checks what zod cannot: date formats only on dates, types only in extra, regular expressions that compile. */
function checkSpecs(mapping: Mapping): void {
  const visit = (spec: ValueSpec, key: string, where: 'field' | 'extra', field: string) => {
    if (spec.kind === 'coalesce') spec.coalesce.forEach((s, i) => visit(s, `${key}.coalesce.${i}`, where, field));
    if (spec.kind !== 'column') return;
    if (spec.date_format !== undefined && !DATE_FIELDS.has(field)) {
      throw new MappingError(mapping.origin, `${key}.date_format`, 'a date format applies only to date_start and date_end');
    }
    if (spec.type !== undefined && where !== 'extra') {
      throw new MappingError(mapping.origin, `${key}.type`, `a type applies only to values kept in extra (${field} has its own type)`);
    }
    for (const pattern of Object.keys(spec.replace ?? {})) {
      try {
        new RegExp(pattern, 'u');
      } catch (err) {
        throw new MappingError(mapping.origin, `${key}.replace`, `not a regular expression: ${(err as Error).message}`);
      }
    }
  };
  visit(mapping.source_id, 'source_id', 'field', 'source_id');
  for (const [field, spec] of Object.entries(mapping.fields)) visit(spec, `fields.${field}`, 'field', field);
  for (const [key, spec] of Object.entries(mapping.extra)) visit(spec, `extra.${key}`, 'extra', key);
}

/** Every column a spec reads. */
export function specColumns(spec: ValueSpec): string[] {
  switch (spec.kind) {
    case 'column':
      return [spec.column];
    case 'sum':
      return spec.sum;
    case 'template':
      return templateColumns(spec.template);
    case 'coalesce':
      return spec.coalesce.flatMap(specColumns);
    default:
      return [];
  }
}

export function templateColumns(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
}

/** Every column the mapping reads, with the key that names it. */
export function mappingColumns(mapping: Mapping): { column: string; key: string }[] {
  const out: { column: string; key: string }[] = [];
  const add = (spec: ValueSpec, key: string) => specColumns(spec).forEach((column) => out.push({ column, key }));
  add(mapping.source_id, 'source_id');
  for (const [field, spec] of Object.entries(mapping.fields)) add(spec, `fields.${field}`);
  for (const [key, spec] of Object.entries(mapping.extra)) add(spec, `extra.${key}`);
  for (const column of mapping.filter?.not_blank ?? []) out.push({ column, key: 'filter.not_blank' });
  for (const column of Object.keys(mapping.filter?.equals ?? {})) out.push({ column, key: 'filter.equals' });
  return out;
}
