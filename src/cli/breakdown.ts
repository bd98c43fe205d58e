// groundtruth breakdown FILTER --by KEY: a measure split by time, place, actor or type.
import { breakdown, BREAKDOWN_KEYS, type BreakdownKey } from '../analysis/breakdown.js';
import { parseMeasure } from '../analysis/measures.js';
import { CliError, type RegisterCommand } from './context.js';
import { table } from './format.js';

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('breakdown')
    .description('split a figure by day, week, month, year, country, admin1, admin2, location, actor1, actor2, event_type or target')
    .argument('[filter]', 'filter', '')
    .requiredOption('--by <keys>', `one key or two joined by a comma (${BREAKDOWN_KEYS.join(', ')})`)
    .option('--measure <measure>', 'events, fatalities, civilian_fatalities or units', 'events')
    .option('--top <n>', 'keep the largest N groups, summing the rest')
    .option('--json', 'print JSON')
    .action(async (filter: string, opts: { by: string; measure?: string; top?: string; json?: boolean }) => {
      const by = opts.by.split(',').map((k) => k.trim()) as BreakdownKey[];
      for (const k of by) if (!(BREAKDOWN_KEYS as readonly string[]).includes(k)) throw new CliError(`--by ${k}: use one of ${BREAKDOWN_KEYS.join(', ')}`);
      const top = opts.top === undefined ? undefined : Number(opts.top);
      if (top !== undefined && !(Number.isInteger(top) && top > 0)) throw new CliError('--top takes a whole number above 0');
      const store = await ctx.store();
      const b = await breakdown(store, filter, { by, measure: parseMeasure(opts.measure, 'events'), top });
      if (opts.json) {
        ctx.printJson(b);
        return;
      }
      ctx.print(table(b.rows.map((r) => ({ [by.join(' × ')]: r.label, events: r.events, low: r.value.low, best: r.value.best, high: r.value.high, margin: r.margin.events }))));
      ctx.print(`total: ${b.total.events} events; ${b.measure} low ${b.total.value.low}, high ${b.total.value.high}`);
      for (const s of b.shares.slice(0, 5)) ctx.print(`- ${s}`);
    });
};
