// groundtruth clusters FILTER --km K --days D: events chained in space and time.
import { clusters } from '../analysis/clusters.js';
import { CliError, type RegisterCommand } from './context.js';
import { table } from './format.js';

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('clusters')
    .description('find space-time clusters: events within K km and D days of another, chained')
    .argument('[filter]', 'filter', '')
    .option('--km <km>', 'distance that links two events', '25')
    .option('--days <days>', 'days that link two events', '3')
    .option('--min <events>', 'smallest cluster to report', '3')
    .option('--json', 'print JSON')
    .action(async (filter: string, opts: { km: string; days: string; min: string; json?: boolean }) => {
      const [km, days, min] = [Number(opts.km), Number(opts.days), Number(opts.min)];
      if (!(km > 0)) throw new CliError('--km takes a distance above 0');
      if (!(Number.isInteger(days) && days >= 0)) throw new CliError('--days takes a whole number of days');
      if (!(Number.isInteger(min) && min >= 1)) throw new CliError('--min takes a whole number above 0');
      const store = await ctx.store();
      const c = await clusters(store, filter, { km, days, min });
      if (opts.json) {
        ctx.printJson(c);
        return;
      }
      ctx.print(table(c.clusters.map((x) => ({ from: x.start, to: x.end, events: x.events, killed: x.fatalities.low, near: x.place?.name ?? '', 'within km': x.radius_km }))));
      for (const x of c.clusters.slice(0, 10)) ctx.print(`- ${x.sentence}`);
      if (c.unplaced) ctx.warn(`${c.unplaced} matching events have no coordinates and were left out`);
    });
};
