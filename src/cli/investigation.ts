// groundtruth investigation: open investigations, manage members, export incidents, build the demo.
import { writeFile } from 'node:fs/promises';
import { buildBoatStrikesDemo } from '../ingest/boat-strikes-demo.js';
import { MEMBER_ROLES, type MemberRole } from '../model/desk.js';
import { EXPORT_FORMATS, exportIncidents, type ExportFormat } from '../store/desk/export.js';
import { createInvestigation, getInvestigation, listInvestigations, listMembers, removeMember, setMember } from '../store/desk/investigations.js';
import { ensureUser } from '../store/desk/users.js';
import { CliError, type RegisterCommand } from './context.js';
import { actingAs, actorOf, deskAction, type ActorOptions } from './desk-options.js';
import { table } from './format.js';

interface JsonOption extends ActorOptions {
  json?: boolean;
}

export const register: RegisterCommand = (program, ctx) => {
  const inv = program.command('investigation').description("the desk's own investigations: incidents, sources, evidence");

  actingAs(inv.command('create'))
    .description('open an investigation (you become its owner); NAME is a slug such as boat-strikes')
    .argument('<name>')
    .requiredOption('--title <title>', 'a title people read')
    .option('--description <text>', 'what the investigation is about')
    .option('--json', 'print JSON')
    .action((name: string, opts: JsonOption & { title: string; description?: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const made = await createInvestigation(await actorOf(store, opts), store.db, { name, title: opts.title, description: opts.description ?? null });
        if (opts.json) ctx.printJson(made);
        else ctx.print(`investigation ${made.name} opened; its incidents are the events of dataset ${made.dataset}`);
      }),
    );

  actingAs(inv.command('list'))
    .description('the investigations you may read')
    .option('--json', 'print JSON')
    .action((opts: JsonOption) =>
      deskAction(async () => {
        const store = await ctx.store();
        const list = await listInvestigations(await actorOf(store, opts), store.db);
        if (opts.json) ctx.printJson(list);
        else ctx.print(table(list.map((i) => ({ name: i.name, title: i.title, role: i.role, incidents: i.incidents, sources: i.sources, evidence: i.evidence }))));
      }),
    );

  actingAs(inv.command('show'))
    .description('an investigation with its members')
    .argument('<name>')
    .option('--json', 'print JSON')
    .action((name: string, opts: JsonOption) =>
      deskAction(async () => {
        const store = await ctx.store();
        const actor = await actorOf(store, opts);
        const summary = await getInvestigation(actor, store.db, name);
        const members = await listMembers(actor, store.db, name);
        if (opts.json) {
          ctx.printJson({ ...summary, members });
          return;
        }
        ctx.print(`${summary.name}: ${summary.title}`);
        if (summary.description) ctx.print(summary.description);
        ctx.print(`opened by ${summary.created_by} on ${summary.created_at.slice(0, 10)}; ${summary.incidents} incidents, ${summary.sources} sources, ${summary.evidence} pieces of evidence`);
        ctx.print(table(members.map((m) => ({ member: m.user, role: m.role, added_by: m.added_by, added_at: m.added_at.slice(0, 10) }))));
      }),
    );

  actingAs(inv.command('member'))
    .description(`give USER a role in the investigation (${MEMBER_ROLES.join(', ')}), or take it away with --remove`)
    .argument('<name>', 'investigation')
    .argument('<user>')
    .argument('[role]', MEMBER_ROLES.join(' | '))
    .option('--remove', 'remove the member')
    .option('--json', 'print JSON')
    .action((name: string, user: string, role: string | undefined, opts: JsonOption & { remove?: boolean }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const actor = await actorOf(store, opts);
        if (opts.remove) {
          await removeMember(actor, store.db, name, user);
          if (opts.json) ctx.printJson({ investigation: name, user, removed: true });
          else ctx.print(`${user} is no longer a member of ${name}`);
          return;
        }
        if (!role || !MEMBER_ROLES.includes(role as MemberRole)) throw new CliError(`give a role: ${MEMBER_ROLES.join(', ')}`);
        // A name new to this store is registered as an analyst (it can then be given rights here).
        await ensureUser(store.db, user, 'analyst');
        const member = await setMember(actor, store.db, name, user, role as MemberRole);
        if (opts.json) ctx.printJson({ investigation: name, ...member });
        else ctx.print(`${user} is now ${member.role} of ${name}`);
      }),
    );

  actingAs(inv.command('export'))
    .description('incidents with their sources, grades and evidence hashes, as CSV, GeoJSON or KML (Google Earth)')
    .argument('<name>')
    .option('--format <format>', EXPORT_FORMATS.join(' | '), 'csv')
    .option('--out <file>', 'write to this file (default: standard output)')
    .option('--json', 'print JSON (a summary when --out is given)')
    .action((name: string, opts: JsonOption & { format: string; out?: string }) =>
      deskAction(async () => {
        if (!EXPORT_FORMATS.includes(opts.format as ExportFormat)) throw new CliError(`--format: ${EXPORT_FORMATS.join(', ')}`);
        const store = await ctx.store();
        const content = await exportIncidents(await actorOf(store, opts), store.db, name, opts.format as ExportFormat);
        if (opts.out) {
          await writeFile(opts.out, content);
          if (opts.json) ctx.printJson({ investigation: name, format: opts.format, out: opts.out, bytes: Buffer.byteLength(content) });
          else ctx.print(`wrote ${opts.out} (${opts.format})`);
        } else if (opts.json) {
          ctx.printJson(opts.format === 'geojson' ? JSON.parse(content) : { investigation: name, format: opts.format, content });
        } else {
          process.stdout.write(content);
        }
      }),
    );

  actingAs(inv.command('demo'))
    .description('build (or bring up to date) the demo investigation boat-strikes from the shipped CSV')
    .option('--file <csv>', 'another copy of us_boat_strikes_2025.csv')
    .option('--json', 'print JSON')
    .action((opts: JsonOption & { file?: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const result = await buildBoatStrikesDemo(await actorOf(store, opts), store.db, opts.file ? { file: opts.file } : {});
        if (opts.json) ctx.printJson(result);
        else ctx.print(`${result.investigation}: ${result.incidents} incidents (${result.created} new, ${result.updated} updated), ${result.sources} sources, ${result.disputes} new disputes`);
      }),
    );
};
