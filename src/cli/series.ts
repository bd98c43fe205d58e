// groundtruth series [NAME]: the plain time series loaded, and one series' values by period or dimension.
// groundtruth import series FILE --mapping F: registered under `import` by registerImportSeries.
import type { Command } from 'commander';
import { seriesBreakdown } from '../analysis/series/breakdown.js';
import { parseWindow, periodLabel, PRECISION_ADJECTIVE } from '../analysis/series/periods.js';
import { parseWhere } from '../analysis/series/total.js';
import { importSeries, loadSeriesMapping } from '../ingest/series.js';
import { periodContaining } from '../model/series.js';
import { getSeries, listSeries, listSeriesImports, seriesRevisions } from '../store/series/read.js';
import { CliError, type CliContext, type RegisterCommand } from './context.js';
import { n, table } from './format.js';
import { rowProgress } from './progress.js';

interface ImportSeriesFlags {
  mapping: string;
  name?: string;
  rejects?: string;
  merge?: boolean;
  json?: boolean;
}

/** Adds `import series FILE --mapping F` to the existing import command. */
export function registerImportSeries(importCommand: Command, ctx: CliContext): void {
  importCommand
    .command('series')
    .argument('<file>', 'CSV of a time series (e.g. Frontex monthly detections by route)')
    .description('import a plain time series through a series mapping (see data/mappings/frontex-ibc-monthly.json); re-importing replaces values and keeps the old ones')
    .requiredOption('--mapping <file>', 'JSON series mapping: period, value and dimension columns, unit and provenance')
    .option('--name <name>', 'series to import into (default: the mapping\'s series name)')
    .option('--rejects <file>', 'where to write rejected rows (default rejects/<file>-<time>.rejects.csv)')
    .option('--merge', 'the file updates part of the series: keep values it does not mention (default: it replaces the whole series)')
    .option('--json', 'print the import summary as JSON')
    .action(async (file: string, flags: ImportSeriesFlags) => {
      const mapping = await loadSeriesMapping(flags.mapping);
      const store = await ctx.store();
      const progress = rowProgress(ctx.interactive && !flags.json, `importing ${file}`);
      let record;
      try {
        record = await importSeries(store, file, mapping, {
          name: flags.name,
          rejectsPath: flags.rejects,
          mode: flags.merge ? 'merge' : 'replace',
          onProgress: (rows) => progress.update(rows),
        });
      } finally {
        progress.stop();
      }
      if (flags.json) {
        ctx.printJson(record);
        return;
      }
      ctx.print(
        `${record.series}: import ${record.id} of ${record.file_name} (${record.layout}): ${n(record.rows_read)} rows; ` +
          `${n(record.inserted)} new, ${n(record.updated)} changed, ${n(record.unchanged)} unchanged, ${n(record.removed)} removed, ${n(record.rejected)} rejected`,
      );
      if (record.updated + record.removed > 0) ctx.print(`previous values kept: see \`series ${record.series} --history\``);
      if (record.rejects_file) ctx.warn(`rejected rows, with line, field and reason: ${record.rejects_file}`);
    });
}

interface SeriesFlags {
  period?: string;
  where: string[];
  by?: string;
  history?: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('series')
    .description('list the time series loaded, or show one: its values by period or by a dimension, its sources and imports')
    .argument('[name]', 'series to show')
    .option('--period <A..B>', 'only this window (2024, 2025-01..2025-04)')
    .option('--where <dim=value>', 'only these dimension values (route=Central Mediterranean Route); repeatable', collect, [])
    .option('--by <period|dimension>', 'rows by period (default) or by a dimension (route)')
    .option('--history', 'show values that later imports replaced or removed')
    .option('--json', 'print JSON')
    .action(async (name: string | undefined, flags: SeriesFlags) => {
      const store = await ctx.store();
      if (!name) {
        const all = await listSeries(store.db);
        if (flags.json) {
          ctx.printJson(all);
          return;
        }
        if (all.length === 0) {
          ctx.print('no series loaded: import one with `import series FILE --mapping F`');
          return;
        }
        ctx.print(
          table(
            all.map((s) => ({
              series: s.name,
              by: [s.precision, ...s.dimensions].join(' × '),
              values: s.values,
              from: s.first_period ? periodLabel(periodContaining(s.first_period, s.precision), s.precision) : '',
              to: s.last_period ? periodLabel(periodContaining(s.last_period, s.precision), s.precision) : '',
              unit: s.unit,
              as_of: s.access_date,
            })),
          ),
        );
        return;
      }
      const series = await getSeries(store.db, name);
      if (!series) throw new CliError(`no series named ${JSON.stringify(name)} is loaded (see \`series\`)`);
      const window = flags.period ? parseWindow(flags.period) : null;
      if (flags.history) {
        const revisions = await seriesRevisions(store.db, series.id, window ?? undefined);
        if (flags.json) {
          ctx.printJson({ series: series.name, revisions });
          return;
        }
        ctx.print(
          revisions.length === 0
            ? `${series.name}: no value has been replaced or removed`
            : table(
                revisions.map((r) => ({
                  period: periodLabel({ start: r.period_start, end: r.period_end }, series.precision),
                  ...r.dims,
                  value: r.value,
                  written_by: `import ${r.import_id}`,
                  then: r.removed ? `removed by import ${r.superseded_by_import}` : `replaced by import ${r.superseded_by_import}`,
                })),
              ),
        );
        return;
      }
      const breakdown = await seriesBreakdown(store, series.name, { window, where: parseWhere(flags.where), by: flags.by });
      const imports = await listSeriesImports(store.db, series.name);
      if (flags.json) {
        ctx.printJson({ ...breakdown, imports });
        return;
      }
      ctx.print(`${series.name}${series.title ? ` — ${series.title}` : ''}`);
      ctx.print(`  unit: ${series.unit}; ${PRECISION_ADJECTIVE[series.precision]} values${series.dimensions.length ? ` by ${series.dimensions.join(', ')}` : ''}`);
      for (const [label, value] of [['source', series.source], ['url', series.source_url], ['attribution', series.attribution], ['licence', series.licence], ['as of', series.access_date]] as const) {
        if (value) ctx.print(`  ${label}: ${value}`);
      }
      for (const i of imports) {
        ctx.print(`  import ${i.id} ${i.finished_at.slice(0, 19)}Z ${i.file_name} (${i.file_size} bytes, sha256 ${i.sha256.slice(0, 16)}…): ${i.rows_read} rows, ${i.inserted} new, ${i.updated} changed, ${i.removed} removed, ${i.rejected} rejected`);
      }
      const selected = Object.entries(breakdown.selection).map(([d, vs]) => `${d} = ${vs.join(' or ')}`);
      ctx.print(`\n${breakdown.window ? breakdown.window.label : 'all periods'}${selected.length ? `, ${selected.join(', ')}` : ''}: ${n(breakdown.total)} ${series.unit}`);
      ctx.print(table(breakdown.rows.map((r) => ({ [breakdown.by]: r.label, value: r.value }))));
    });
};
