// groundtruth source: reports and announcements of an investigation, linked to its incidents.
import type { Source, SourceInput } from '../model/desk.js';
import { addSource, getSource, linkSource, listSources, unlinkSource, updateSource } from '../store/desk/sources.js';
import { CliError, type RegisterCommand } from './context.js';
import { actingAs, actorOf, deskAction, idArg, incidentIdOf, type ActorOptions } from './desk-options.js';
import { table } from './format.js';

interface Common extends ActorOptions {
  json?: boolean;
}

interface SourceFlags {
  who?: string;
  title?: string;
  when?: string;
  url?: string;
  archive?: string;
  claim?: string;
}

function sourceFields(o: SourceFlags): Partial<SourceInput> {
  const out: Partial<SourceInput> = {};
  if (o.who !== undefined) out.who = o.who;
  if (o.title !== undefined) out.title = o.title;
  if (o.when !== undefined) out.published_at = o.when;
  if (o.url !== undefined) out.url = o.url;
  if (o.archive !== undefined) out.archive_url = o.archive;
  if (o.claim !== undefined) out.claim = o.claim;
  return out;
}

const describe = (s: Source) => `source ${s.id}: ${s.who}${s.published_at ? `, ${s.published_at}` : ''}${s.url ? ` <${s.url}>` : ''}${s.incidents.length ? ` · incidents ${s.incidents.join(', ')}` : ''}`;

export const register: RegisterCommand = (program, ctx) => {
  const source = program.command('source').description('sources of an investigation: who said what, when, where (with an archived copy)');
  const withFields = (cmd: ReturnType<typeof actingAs>) =>
    cmd
      .option('--title <title>', 'headline or name of the post')
      .option('--when <date>', 'when it was published or said (ISO date or date-time)')
      .option('--url <url>')
      .option('--archive <url>', 'an archived copy')
      .option('--claim <text>', 'the claim, quoted');

  withFields(actingAs(source.command('add')))
    .description('add a source (and link it to an incident with --incident)')
    .requiredOption('--investigation <name>')
    .requiredOption('--who <who>', 'outlet, official or account')
    .option('--incident <id>', 'link to this incident (ID or INVESTIGATION/REF)')
    .option('--role <role>', 'how it bears on the incident: announcement, report, corroboration…')
    .option('--json', 'print JSON')
    .action((opts: Common & SourceFlags & { investigation: string; incident?: string; role?: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const actor = await actorOf(store, opts);
        const incidentId = opts.incident ? await incidentIdOf(store, actor, opts.incident) : undefined;
        const s = await addSource(actor, store.db, opts.investigation, { ...sourceFields(opts), who: opts.who! }, { incidentId, role: opts.role ?? null });
        if (opts.json) ctx.printJson(s);
        else ctx.print(describe(s));
      }),
    );

  actingAs(source.command('list'))
    .description('sources of an investigation')
    .requiredOption('--investigation <name>')
    .option('--json', 'print JSON')
    .action((opts: Common & { investigation: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const list = await listSources(await actorOf(store, opts), store.db, opts.investigation);
        if (opts.json) ctx.printJson(list);
        else ctx.print(table(list.map((s) => ({ id: s.id, who: s.who, when: s.published_at, url: s.url, archive: s.archive_url ? 'yes' : '', incidents: s.incidents.join(' ') }))));
      }),
    );

  actingAs(source.command('show'))
    .description('one source')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action((id: string, opts: Common) =>
      deskAction(async () => {
        const store = await ctx.store();
        const s = await getSource(await actorOf(store, opts), store.db, idArg('source id', id));
        if (opts.json) ctx.printJson(s);
        else {
          ctx.print(describe(s));
          if (s.title) ctx.print(`  ${s.title}`);
          if (s.archive_url) ctx.print(`  archived: ${s.archive_url}`);
          if (s.claim) ctx.print(`  claim: "${s.claim}"`);
        }
      }),
    );

  withFields(actingAs(source.command('edit')))
    .description('change a source (audited)')
    .argument('<id>')
    .option('--who <who>')
    .option('--reason <why>')
    .option('--json', 'print JSON')
    .action((id: string, opts: Common & SourceFlags & { reason?: string }) =>
      deskAction(async () => {
        const fields = sourceFields(opts);
        if (Object.keys(fields).length === 0) throw new CliError('nothing to change');
        const store = await ctx.store();
        const s = await updateSource(await actorOf(store, opts), store.db, idArg('source id', id), fields, opts.reason ?? null);
        if (opts.json) ctx.printJson(s);
        else ctx.print(describe(s));
      }),
    );

  actingAs(source.command('link'))
    .description('link a source to an incident')
    .argument('<source-id>')
    .argument('<incident>', 'ID or INVESTIGATION/REF')
    .option('--role <role>')
    .option('--json', 'print JSON')
    .action((sourceId: string, incident: string, opts: Common & { role?: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const actor = await actorOf(store, opts);
        const incidentId = await incidentIdOf(store, actor, incident);
        await linkSource(actor, store.db, idArg('source id', sourceId), incidentId, opts.role ?? null);
        const s = await getSource(actor, store.db, idArg('source id', sourceId));
        if (opts.json) ctx.printJson(s);
        else ctx.print(describe(s));
      }),
    );

  actingAs(source.command('unlink'))
    .description('remove the link between a source and an incident')
    .argument('<source-id>')
    .argument('<incident>', 'ID or INVESTIGATION/REF')
    .option('--reason <why>')
    .option('--json', 'print JSON')
    .action((sourceId: string, incident: string, opts: Common & { reason?: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const actor = await actorOf(store, opts);
        const incidentId = await incidentIdOf(store, actor, incident);
        await unlinkSource(actor, store.db, idArg('source id', sourceId), incidentId, opts.reason ?? null);
        if (opts.json) ctx.printJson({ source: Number(sourceId), incident: incidentId, linked: false });
        else ctx.print(`source ${sourceId} no longer linked to incident ${incidentId}`);
      }),
    );
};
