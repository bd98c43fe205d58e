// groundtruth actors: the alias table that makes "IS-K", "ISKP" and UCDP's "IS" in Afghanistan one actor.
import { refreshRollups } from '../analysis/rollups.js';
import { toIso3 } from '../model/country.js';
import { CliError, type RegisterCommand } from './context.js';
import { table } from './format.js';

export const register: RegisterCommand = (program, ctx) => {
  const actors = program.command('actors').description('actor aliases');
  actors
    .command('list')
    .description('list aliases and the canonical actor each names')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const aliases = await (await ctx.store()).listAliases();
      if (opts.json) ctx.printJson(aliases);
      else ctx.print(table(aliases.map((a) => ({ alias: a.alias, canonical: a.canonical, country: a.iso3 ?? 'any', origin: a.origin }))));
    });
  actors
    .command('alias')
    .description('make ALIAS a spelling of CANONICAL (events already loaded are updated)')
    .argument('<alias>')
    .argument('<canonical>')
    .option('--country <country>', 'only in this country (name or ISO code)')
    .option('--json', 'print JSON')
    .action(async (alias: string, canonical: string, opts: { country?: string; json?: boolean }) => {
      if (!alias.trim() || !canonical.trim()) throw new CliError('alias and canonical name must not be empty');
      const iso3 = opts.country ? toIso3(opts.country) : null;
      if (opts.country && !iso3) throw new CliError(`unknown country ${JSON.stringify(opts.country)}`);
      const store = await ctx.store();
      const changed = await store.addAlias(alias.trim(), canonical.trim(), iso3, 'user');
      // Rollups group by canonical actor: rebuild those of the datasets whose events now carry the name.
      if (changed > 0) {
        const touched = await store.db.selectFrom('events').select('dataset_id').distinct().where((eb) => eb.or([eb('actor1_id', '=', canonical.trim()), eb('actor2_id', '=', canonical.trim())])).execute();
        for (const d of touched) await refreshRollups(store, Number(d.dataset_id), 'all');
      }
      if (opts.json) ctx.printJson({ alias, canonical, iso3, events_updated: changed });
      else ctx.print(`"${alias}" now names ${canonical}${iso3 ? ` in ${iso3}` : ''}; ${changed} events updated.`);
    });
};
