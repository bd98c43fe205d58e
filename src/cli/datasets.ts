// groundtruth datasets: what is loaded, from which files, under which licence.
import type { RegisterCommand } from './context.js';
import { table } from './format.js';

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('datasets')
    .description('list datasets with their imports, licences and attribution')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const store = await ctx.store();
      const datasets = await store.listDatasets();
      const imports = await store.listImports();
      if (opts.json) {
        ctx.printJson(datasets.map((d) => ({ ...d, imports: imports.filter((i) => i.dataset === d.name) })));
        return;
      }
      ctx.print(table(datasets.map((d) => ({ dataset: d.name, format: d.format, events: d.events, deleted: d.deleted, licence: d.licence, accessed: d.access_date }))));
      for (const d of datasets) {
        ctx.print(`\n${d.name}${d.title ? ` — ${d.title}` : ''}`);
        if (d.attribution) ctx.print(`  attribution: ${d.attribution}`);
        if (d.access_filters) ctx.print(`  filters used: ${d.access_filters}`);
        for (const i of imports.filter((x) => x.dataset === d.name)) {
          ctx.print(
            `  import ${i.id} ${i.finished_at.slice(0, 19)}Z ${i.file_name} (${i.layout}, ${i.file_size} bytes, sha256 ${i.sha256.slice(0, 16)}…): ` +
              `${i.rows_read} rows, ${i.inserted} new, ${i.updated} changed, ${i.unchanged} unchanged, ${i.deleted} deleted, ${i.rejected} rejected`,
          );
        }
      }
    });
};
