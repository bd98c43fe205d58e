// Which reader and which dataset description an uploaded file gets, by format. The texts follow the
// `import` command (src/cli/import.ts), so a file imported through the web desk is cited the same way.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AcledReader } from '../../ingest/acled.js';
import { MappedCsvReader, loadMapping, parseMapping, type Mapping } from '../../ingest/mapping.js';
import type { EventReader } from '../../ingest/reader.js';
import { UcdpReader } from '../../ingest/ucdp.js';
import { datasetNameSchema, type DatasetMeta } from '../../model/dataset.js';
import { badRequest } from '../errors.js';

export const IMPORT_FORMATS = ['acled', 'ucdp', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const ACLED_ATTRIBUTION = 'Armed Conflict Location & Event Data (ACLED); www.acleddata.com';
const UCDP_ATTRIBUTION =
  'UCDP Georeferenced Event Dataset (GED). Sundberg, Ralph and Erik Melander (2013) Introducing the UCDP Georeferenced Event Dataset. Journal of Peace Research 50(4); Högbladh, Stina (UCDP GED Codebook)';

const SHIPPED_MAPPINGS = fileURLToPath(new URL('../../../data/mappings/', import.meta.url));

export interface ImportFields {
  format: ImportFormat;
  dataset?: string;
  access_date?: string;
  filters?: string;
  /** A mapping as JSON text (csv). */
  mapping?: string;
  /** Or the name of a shipped mapping (data/mappings/NAME.json). */
  mapping_name?: string;
}

export interface PreparedImport {
  reader: EventReader;
  dataset: DatasetMeta;
}

function datasetName(given: string | undefined, fallback: string): string {
  const name = given ?? fallback;
  const ok = datasetNameSchema.safeParse(name);
  if (!ok.success) throw badRequest(`dataset ${JSON.stringify(name)}: ${ok.error.issues[0]!.message}`, 'dataset');
  return name;
}

async function mappingOf(fields: ImportFields): Promise<Mapping> {
  if (fields.mapping !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(fields.mapping);
    } catch (err) {
      throw badRequest(`mapping: not valid JSON: ${(err as Error).message}`, 'mapping');
    }
    return parseMapping(json, 'the uploaded mapping');
  }
  if (fields.mapping_name !== undefined) {
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(fields.mapping_name)) throw badRequest('mapping_name: the name of a shipped mapping, e.g. ucdp-ged-subset', 'mapping_name');
    const file = `${SHIPPED_MAPPINGS}${fields.mapping_name}.json`;
    const exists = await readFile(file).then(
      () => true,
      () => false,
    );
    if (!exists) throw badRequest(`mapping_name: no shipped mapping ${fields.mapping_name}`, 'mapping_name');
    return loadMapping(file);
  }
  throw badRequest('a csv import needs a mapping (JSON) or a mapping_name', 'mapping');
}

/** The reader for an uploaded file and the dataset it goes into; `displayName` is the upload's own name. */
export async function prepareImport(file: string, displayName: string, fields: ImportFields): Promise<PreparedImport> {
  switch (fields.format) {
    case 'acled':
      return {
        reader: new AcledReader(file, { displayName }),
        dataset: {
          name: datasetName(fields.dataset, 'acled'),
          format: 'acled',
          title: 'ACLED',
          licence: 'ACLED Terms of Use (no redistribution of the data)',
          attribution: ACLED_ATTRIBUTION,
          access_date: fields.access_date ?? new Date().toISOString().slice(0, 10),
          access_filters: fields.filters ?? null,
        },
      };
    case 'ucdp':
      return {
        reader: new UcdpReader(file),
        dataset: { name: datasetName(fields.dataset, 'ucdp'), format: 'ucdp', title: 'UCDP Georeferenced Event Dataset', licence: 'CC BY 4.0', attribution: UCDP_ATTRIBUTION },
      };
    case 'csv': {
      const mapping = await mappingOf(fields);
      return {
        reader: new MappedCsvReader(file, mapping),
        dataset: {
          name: datasetName(fields.dataset, mapping.dataset.name),
          format: 'csv',
          title: mapping.dataset.title ?? null,
          licence: mapping.dataset.licence ?? null,
          attribution: mapping.dataset.attribution ?? null,
        },
      };
    }
  }
}
