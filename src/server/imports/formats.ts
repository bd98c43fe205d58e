// Which reader and which dataset description an uploaded file gets, by format. The descriptions are the
// `import` command's (src/model/import-formats.ts), so a file imported through the web desk is cited the same way.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { AcledReader } from '../../ingest/acled.js';
import { MappedCsvReader, loadMapping, parseMapping, type Mapping } from '../../ingest/mapping.js';
import type { EventReader } from '../../ingest/reader.js';
import { UcdpReader } from '../../ingest/ucdp.js';
import type { DatasetMeta } from '../../model/dataset.js';
import { datasetNameProblem, importedDataset, importedDatasetName, IMPORT_FORMATS, type ImportFormat, type ImportedDatasetOptions } from '../../model/import-formats.js';
import { badRequest } from '../errors.js';

export { IMPORT_FORMATS, type ImportFormat };

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

function datasetOf(format: ImportFormat, options: ImportedDatasetOptions): DatasetMeta {
  const name = importedDatasetName(format, options);
  const problem = datasetNameProblem(name);
  if (problem !== null) throw badRequest(`dataset ${JSON.stringify(name)}: ${problem}`, 'dataset');
  return importedDataset(format, options);
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
      return { reader: new AcledReader(file, { displayName }), dataset: datasetOf('acled', { name: fields.dataset, accessDate: fields.access_date, filters: fields.filters }) };
    case 'ucdp':
      return { reader: new UcdpReader(file), dataset: datasetOf('ucdp', { name: fields.dataset }) };
    case 'csv': {
      const mapping = await mappingOf(fields);
      return { reader: new MappedCsvReader(file, mapping), dataset: datasetOf('csv', { name: fields.dataset, mapping: mapping.dataset }) };
    }
  }
}
