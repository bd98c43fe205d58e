// groundtruth demo / start: build the demo store from the shipped public data, then open the desk.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildDemo } from '../ingest/demo.js';
import { localActor } from '../store/desk/users.js';
import { isPostgresUrl, storeLocation } from '../store/open.js';
import type { CliContext, RegisterCommand } from './context.js';
import { table } from './format.js';

async function demo(ctx: CliContext, json: boolean) {
  const store = await ctx.store();
  const rejectsDir = store.engine === 'sqlite' ? join(dirname(store.location), 'rejects') : 'rejects';
  const steps = await buildDemo(store, rejectsDir, await localActor(store.db));
  if (json) ctx.printJson({ store: store.location, steps });
  else for (const s of steps) ctx.print(`${s.name}: ${s.summary}`);
}

async function summary(ctx: CliContext) {
  const store = await ctx.store();
  const datasets = await store.listDatasets();
  ctx.print(`Groundtruth store: ${store.location}\n`);
  ctx.print(table(datasets.map((d) => ({ dataset: d.name, events: d.events, title: d.title, licence: d.licence }))));
  ctx.print(
    [
      '',
      'Try:',
      '  npx groundtruth datasets',
      '  npx groundtruth events "country:Afghanistan date:2015..2016" --limit 10',
      '  npx groundtruth export "actor:ISKP" --format geojson > iskp.geojson',
      '  npx groundtruth history ucdp-ged-afghanistan/197861',
      '',
      'Run `npx groundtruth --help` for every command.',
    ].join('\n'),
  );
}

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('demo')
    .description('load the shipped demo datasets (real public data under data/demo) into the store')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => demo(ctx, Boolean(opts.json)));

  program
    .command('start')
    .description('open the desk on the store, building the demo store first when there is none')
    .action(async () => {
      const location = storeLocation(program.opts<{ db?: string }>().db);
      if (!isPostgresUrl(location) && !existsSync(location)) {
        ctx.print(`No store at ${location}: building the demo store from data/demo…`);
        await demo(ctx, false);
        ctx.print('');
      }
      await summary(ctx);
    });
};
