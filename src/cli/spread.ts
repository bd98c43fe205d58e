// groundtruth spread FILTER --period A --baseline B: places active in the period and not in the baseline.
import { spread } from '../analysis/spread.js';
import type { RegisterCommand } from './context.js';
import { table } from './format.js';

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('spread')
    .description('list places with events in a period and none in a baseline')
    .argument('[filter]', 'filter', '')
    .requiredOption('--period <dates>', 'the period, e.g. 2021-08-15..2021-12-31')
    .requiredOption('--baseline <dates>', 'the baseline, e.g. 2020..2021-08-14')
    .option('--level <level>', 'location, admin2, admin1 or cell:25km', 'admin2')
    .option('--json', 'print JSON')
    .action(async (filter: string, opts: { period: string; baseline: string; level: string; json?: boolean }) => {
      const store = await ctx.store();
      const s = await spread(store, filter, { period: opts.period, baseline: opts.baseline, level: opts.level });
      if (opts.json) {
        ctx.printJson(s);
        return;
      }
      ctx.print(table(s.places.map((p) => ({ place: p.name, country: p.country, events: p.events, first: p.first_date }))));
      ctx.print(`${s.places.length} ${s.level} places active in ${s.period} and not in ${s.baseline}`);
    });
};
