// groundtruth compare FILTER_A [FILTER_B] [--period A --baseline B]: two figures side by side.
import { compare } from '../analysis/compare.js';
import { parseMeasure } from '../analysis/measures.js';
import { CliError, type RegisterCommand } from './context.js';
import { table } from './format.js';

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('compare')
    .description('compare two filters, or one filter over a period and a baseline')
    .argument('<filterA>', 'first filter (or the only one, with --period and --baseline)')
    .argument('[filterB]', 'second filter')
    .option('--period <dates>', 'with one filter: the period, e.g. 2021-10 or 2021-08-15..2021-12-31')
    .option('--baseline <dates>', 'with one filter: the baseline, e.g. 2020-01..2020-09')
    .option('--measure <measure>', 'events, fatalities, civilian_fatalities or units', 'fatalities')
    .option('--json', 'print JSON')
    .action(async (a: string, b: string | undefined, opts: { period?: string; baseline?: string; measure?: string; json?: boolean }) => {
      if (b === undefined && !(opts.period && opts.baseline)) throw new CliError('give two filters, or one filter with --period and --baseline');
      if (b !== undefined && (opts.period || opts.baseline)) throw new CliError('--period and --baseline apply to one filter; with two filters put the dates in them');
      const store = await ctx.store();
      const c = await compare(store, a, b ?? null, { measure: parseMeasure(opts.measure, 'fatalities'), period: opts.period, baseline: opts.baseline });
      if (opts.json) {
        ctx.printJson(c);
        return;
      }
      ctx.print(c.sentence);
      ctx.print(table([c.a, c.b].map((f, i) => ({ '': i === 0 ? 'A' : 'B', filter: f.filter, events: f.events, low: f.value.low, best: f.value.best, high: f.value.high, margin: f.margin.events }))));
      ctx.print(`change: ${c.change.absolute >= 0 ? '+' : ''}${c.change.absolute}${c.change.percent === null ? '' : ` (${c.change.percent >= 0 ? '+' : ''}${c.change.percent}%)`}`);
    });
};
