// What an imported file says about the dataset it goes into: title, licence and the citation its source
// asks for. One text for every shell (the import command, the web desk's uploads), so a dataset is
// described and cited the same way however its file came in.
import { datasetNameSchema, type DatasetMeta } from './dataset.js';

/** The event files both shells import. */
export const IMPORT_FORMATS = ['acled', 'ucdp', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const ACLED_ATTRIBUTION = 'Armed Conflict Location & Event Data (ACLED); www.acleddata.com';
export const UCDP_ATTRIBUTION =
  'UCDP Georeferenced Event Dataset (GED). Sundberg, Ralph and Erik Melander (2013) Introducing the UCDP Georeferenced Event Dataset. Journal of Peace Research 50(4); Högbladh, Stina (UCDP GED Codebook)';

/** What a mapping file says of its dataset (src/ingest/mapping.ts). */
export interface MappedDataset {
  name: string;
  title: string | null;
  licence: string | null;
  attribution: string | null;
}

export interface ImportedDatasetOptions {
  /** The dataset's name (default: acled, ucdp, or the mapping's). */
  name?: string;
  /** ACLED: the day the data was downloaded (default: today), cited with it. */
  accessDate?: string | null;
  /** ACLED: the filters of the export, cited with it. */
  filters?: string | null;
  /** csv: the mapping's dataset. */
  mapping?: MappedDataset;
}

/** Why a dataset name cannot be used (null: it can). */
export function datasetNameProblem(name: string): string | null {
  const ok = datasetNameSchema.safeParse(name);
  return ok.success ? null : ok.error.issues[0]!.message;
}

/** The dataset's name, unchecked: the one given, or the format's own (a mapping's for csv). */
export function importedDatasetName(format: ImportFormat, options: ImportedDatasetOptions): string {
  if (options.name !== undefined) return options.name;
  if (format === 'csv') {
    if (!options.mapping) throw new Error('a csv import needs its mapping');
    return options.mapping.name;
  }
  return format;
}

/** The description of the dataset a file of this format is imported into (the name checked by the caller). */
export function importedDataset(format: ImportFormat, options: ImportedDatasetOptions): DatasetMeta {
  const name = importedDatasetName(format, options);
  switch (format) {
    case 'acled':
      return {
        name,
        format: 'acled',
        title: 'ACLED',
        licence: 'ACLED Terms of Use (no redistribution of the data)',
        attribution: ACLED_ATTRIBUTION,
        access_date: options.accessDate ?? new Date().toISOString().slice(0, 10),
        access_filters: options.filters ?? null,
      };
    case 'ucdp':
      return { name, format: 'ucdp', title: 'UCDP Georeferenced Event Dataset', licence: 'CC BY 4.0', attribution: UCDP_ATTRIBUTION };
    case 'csv': {
      const m = options.mapping!;
      return { name, format: 'csv', title: m.title ?? null, licence: m.licence ?? null, attribution: m.attribution ?? null };
    }
  }
}
