// groundtruth figure FILTER: one number with its margin, sentence, method note and sources.
import { figure } from '../analysis/figure.js';
import { registerFigureSave } from './figures.js';
import { parseMeasure } from '../analysis/measures.js';
import type { RegisterCommand } from './context.js';
import { n } from './format.js';

export const register: RegisterCommand = (program, ctx) => {
  const command = program
    .command('figure')
    .description('compute a figure (low / best / high) for a filter, with a sentence and its sources')
    .argument('[filter]', 'filter, e.g. \'actor:ISKP country:AFG date:2021-08-26..\'', '')
    .option('--measure <measure>', 'events, fatalities, civilian_fatalities or units', 'fatalities')
    .option('--explain', 'show the method note, the SQL and the ids of the events counted')
    .option('--json', 'print JSON')
    .action(async (filter: string, opts: { measure?: string; explain?: boolean; json?: boolean }) => {
      const store = await ctx.store();
      const f = await figure(store, filter, { measure: parseMeasure(opts.measure, 'fatalities'), explain: opts.explain, ids: opts.json });
      if (opts.json) {
        ctx.printJson(f);
        return;
      }
      ctx.print(f.sentence);
      const v = f.value;
      ctx.print(`${f.measure}: low ${n(v.low)}, best ${n(v.best)}, high ${n(v.high)} over ${n(f.events)} events`);
      if (f.margin_note) ctx.print(f.margin_note);
      if (opts.explain) {
        ctx.print('');
        ctx.print(f.description);
        if (f.explain) {
          ctx.print(`\nread from: ${f.explain.source}`);
          ctx.print(f.explain.sql);
          ctx.print(`events counted (${f.event_ids?.length ?? 0}): ${(f.event_ids ?? []).join(', ')}`);
          if (f.explain.margin_event_ids.length) ctx.print(`margin events: ${f.explain.margin_event_ids.join(', ')}`);
        }
      } else {
        ctx.print(`Sources: ${f.datasets.map((d) => d.name).join(', ') || '(none)'}`);
      }
    });
  registerFigureSave(command, ctx);
};
