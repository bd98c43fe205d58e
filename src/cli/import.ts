// groundtruth import acled|ucdp|csv FILE: a file into a dataset, atomically, with rejects kept.
import type { Command } from 'commander';
import type { DatasetMeta, ImportRecord } from '../model/dataset.js';
import { datasetNameProblem, importedDataset, importedDatasetName, type ImportFormat, type ImportedDatasetOptions } from '../model/import-formats.js';
import { readAcledDeleted } from '../ingest/acled-deleted.js';
import { AcledReader } from '../ingest/acled.js';
import { loadMapping, MappedCsvReader } from '../ingest/mapping.js';
import type { EventReader } from '../ingest/reader.js';
import { runImport } from '../ingest/run-import.js';
import { UcdpReader } from '../ingest/ucdp.js';
import { afterImport } from '../ingest/after-import.js';
import { importAdsb, importAis } from './import-tracks.js';
import { CliError, type CliContext, type RegisterCommand } from './context.js';
import { rowProgress } from './progress.js';
import { registerImportSeries } from './series.js';

interface ImportFlags {
  dataset?: string;
  rejects?: string;
  json?: boolean;
  accessDate?: string;
  filters?: string;
}

/** The dataset a file goes into, described as every shell describes it (src/model/import-formats.ts). */
function datasetOf(format: ImportFormat, options: ImportedDatasetOptions): DatasetMeta {
  const name = importedDatasetName(format, options);
  const problem = datasetNameProblem(name);
  if (problem !== null) throw new CliError(`--dataset ${JSON.stringify(name)}: ${problem}`);
  return importedDataset(format, options);
}

async function importWith(ctx: CliContext, file: string, reader: EventReader, dataset: DatasetMeta, flags: ImportFlags, deleted?: string) {
  const store = await ctx.store();
  const progress = rowProgress(ctx.interactive && !flags.json, `importing ${file}`);
  let record: ImportRecord;
  try {
    record = await runImport(store, file, reader, {
      dataset,
      rejectsPath: flags.rejects,
      deletions: deleted ? readAcledDeleted(deleted) : undefined,
      onProgress: (rows) => progress.update(rows),
      beforeCommit: (session) => afterImport.beforeCommit(store, session),
    });
  } finally {
    progress.stop();
  }
  const report = await afterImport.afterCommit(store, record);
  const summary = {
    dataset: record.dataset,
    import_id: record.id,
    layout: record.layout,
    rows: record.rows_read,
    inserted: record.inserted,
    updated: record.updated,
    unchanged: record.unchanged,
    deleted: record.deleted,
    rejected: record.rejected,
    rejects_file: record.rejects_file,
    ...report,
  };
  if (flags.json) {
    ctx.printJson(summary);
    return;
  }
  ctx.print(
    `${record.dataset}: import ${record.id} of ${record.file_name} (${record.layout}): ${record.rows_read} rows; ` +
      `${record.inserted} new, ${record.updated} changed, ${record.unchanged} unchanged, ${record.deleted} deleted, ${record.rejected} rejected`,
  );
  if (record.rejects_file) ctx.warn(`rejected rows, with line, field and reason: ${record.rejects_file}`);
  for (const line of afterImport.describe(report)) ctx.print(line);
}

const common = (cmd: Command) =>
  cmd
    .option('--dataset <name>', 'dataset to import into')
    .option('--rejects <file>', 'where to write rejected rows (default rejects/<file>-<time>.rejects.csv)')
    .option('--json', 'print the import summary as JSON');

export const register: RegisterCommand = (program, ctx) => {
  const imp = program.command('import').description('import a file (acled, ucdp, csv with a mapping, and more)');

  common(imp.command('acled').argument('<file>', 'ACLED CSV export'))
    .description('import an ACLED export (any layout); re-importing updates changed events and keeps their history')
    .option('--deleted <file>', "ACLED's deleted-events list (event_id_cnty, deleted_timestamp)")
    .option('--access-date <date>', 'the date you downloaded the data (ACLED asks you to cite it)')
    .option('--filters <text>', 'the filters used for the export (cited with the data)')
    .action(async (file: string, flags: ImportFlags & { deleted?: string }) => {
      const dataset = datasetOf('acled', { name: flags.dataset, accessDate: flags.accessDate, filters: flags.filters });
      await importWith(ctx, file, new AcledReader(file), dataset, flags, flags.deleted);
    });

  common(imp.command('ucdp').argument('<file>', 'UCDP GED CSV (49 columns)'))
    .description('import a UCDP GED CSV')
    .action(async (file: string, flags: ImportFlags) => {
      const dataset = datasetOf('ucdp', { name: flags.dataset });
      await importWith(ctx, file, new UcdpReader(file), dataset, flags);
    });

  common(imp.command('adsb').argument('<file>', 'ADS-B state vectors (OpenSky / traffic CSV) or a readsb trace_full JSON'))
    .description('import aircraft sightings from ADS-B: each positioned report is one sighting')
    .action(async (file: string, flags: ImportFlags) => {
      await importAdsb(ctx, file, { json: flags.json, dataset: flags.dataset, rejects: flags.rejects });
    });

  common(imp.command('ais').argument('<file>', 'NMEA log with !AIVDM sentences'))
    .description('import ship sightings from an AIS receiver log (message types 1, 2, 3, 5, 18, 19, 24)')
    .action(async (file: string, flags: ImportFlags) => {
      await importAis(ctx, file, { json: flags.json, dataset: flags.dataset, rejects: flags.rejects });
    });

  common(imp.command('csv').argument('<file>', 'any CSV'))
    .description('import any CSV through a mapping file (see data/mappings/ and the README)')
    .requiredOption('--mapping <file>', 'JSON mapping of columns to event fields')
    .action(async (file: string, flags: ImportFlags & { mapping: string }) => {
      const mapping = await loadMapping(flags.mapping);
      const dataset = datasetOf('csv', { name: flags.dataset, mapping: mapping.dataset });
      await importWith(ctx, file, new MappedCsvReader(file, mapping), dataset, flags);
    });

  registerImportSeries(imp, ctx);
};
