// groundtruth figure save NAME FILTER, and groundtruth figures list|stale|accept|changes: a story's numbers, watched.
import type { Command } from 'commander';
import { acceptFigure, figureChanges, listSavedFigures, saveFigure, type FigureChange, type SavedFigure } from '../analysis/saved-figures.js';
import { localUserName } from '../store/desk/users.js';
import type { CliContext, RegisterCommand } from './context.js';
import { n, table } from './format.js';

const range = (v: { low: number; best: number; high: number }) => (v.low === v.high ? n(v.best) : `${n(v.low)}–${n(v.high)} (best ${n(v.best)})`);

function describeChange(c: FigureChange): string {
  return (
    `  ${c.at.slice(0, 19)}Z import ${c.import_id ?? '—'}: ${range(c.before.value)} → ${range(c.after.value)}; ` +
    `events ${n(c.before.events)} → ${n(c.after.events)}` +
    (c.added_event_ids.length ? `; added ${c.added_event_ids.slice(0, 20).join(', ')}${c.added_event_ids.length > 20 ? ` and ${c.added_event_ids.length - 20} more` : ''}` : '') +
    (c.removed_event_ids.length ? `; removed ${c.removed_event_ids.slice(0, 20).join(', ')}${c.removed_event_ids.length > 20 ? ` and ${c.removed_event_ids.length - 20} more` : ''}` : '')
  );
}

function listing(figures: SavedFigure[]) {
  return table(figures.map((f) => ({ figure: f.name, measure: f.measure, saved: range(f.saved.value), now: range(f.current.value), stale: f.stale ? 'yes' : '', filter: f.filter })));
}

/** `figure save NAME FILTER`: registered under the figure command. */
export function registerFigureSave(figure: Command, ctx: CliContext): void {
  figure
    .command('save')
    .description('save a figure under a name with its value now; every import re-evaluates it (see `figures stale`)')
    .argument('<name>', 'a short name, e.g. iskp-civilians-since-aug-2021')
    .argument('<filter>', 'filter expression')
    .option('--replace', 'replace a saved figure of that name')
    .action(async function (this: Command, name: string, filter: string) {
      const opts = this.optsWithGlobals<{ measure?: string; replace?: boolean; json?: boolean }>();
      const saved = await saveFigure(await ctx.store(), name, filter, opts.measure ?? 'fatalities', { by: localUserName(), replace: opts.replace });
      if (opts.json) ctx.printJson(saved);
      else ctx.print(`saved ${saved.name}: ${saved.measure} ${range(saved.saved.value)} over ${n(saved.saved.events)} events`);
    });
}

export const register: RegisterCommand = (program, ctx) => {
  const figures = program.command('figures').description('saved figures: the numbers a story published, re-evaluated after every import');
  figures
    .command('list', { isDefault: true })
    .description('every saved figure, its saved value and its value now')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const all = await listSavedFigures((await ctx.store()).db);
      if (opts.json) ctx.printJson(all);
      else ctx.print(listing(all));
    });
  figures
    .command('stale')
    .description('saved figures whose value has moved since it was saved, with each change and the events behind it')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const db = (await ctx.store()).db;
      const stale = (await listSavedFigures(db)).filter((f) => f.stale);
      const withChanges = await Promise.all(stale.map(async (f) => ({ ...f, changes: await figureChanges(db, f.name) })));
      if (opts.json) {
        ctx.printJson(withChanges);
        return;
      }
      if (stale.length === 0) {
        ctx.print('No saved figure has changed since it was saved.');
        return;
      }
      for (const f of withChanges) {
        ctx.print(`${f.name} (${f.measure}, ${f.filter}): saved ${range(f.saved.value)}, now ${range(f.current.value)}`);
        for (const c of f.changes.filter((c) => c.at >= f.saved.at)) ctx.print(describeChange(c));
      }
      ctx.fail(3);
    });
  figures
    .command('accept')
    .description('take a figure’s value now as the published one (after the story was updated)')
    .argument('<name>')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { json?: boolean }) => {
      const f = await acceptFigure((await ctx.store()).db, name);
      if (opts.json) ctx.printJson(f);
      else ctx.print(`${f.name}: ${range(f.saved.value)} is now the published value`);
    });
  figures
    .command('changes')
    .description('every recorded change of one figure or of all, newest first')
    .argument('[name]')
    .option('--json', 'print JSON')
    .action(async (name: string | undefined, opts: { json?: boolean }) => {
      const changes = await figureChanges((await ctx.store()).db, name);
      if (opts.json) ctx.printJson(changes);
      else for (const c of changes) ctx.print(`${c.figure}\n${describeChange(c)}`);
    });
};
