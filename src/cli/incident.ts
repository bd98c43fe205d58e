// groundtruth incident: record, edit, review and dispute the incidents of an investigation.
import type { Command } from 'commander';
import {
  CHECK_KINDS,
  CHECK_RESULTS,
  GRADES,
  STATUSES,
  type CheckKind,
  type CheckResult,
  type Grade,
  type Incident,
  type IncidentFields,
  type IncidentStatus,
} from '../model/desk.js';
import { addCheck } from '../store/desk/checks.js';
import { addDispute, resolveDispute } from '../store/desk/disputes.js';
import { createIncident, getIncident, listIncidents, setIncidentStatus, updateIncident, type IncidentPatch } from '../store/desk/incidents.js';
import { CliError, type CliContext, type RegisterCommand } from './context.js';
import { actingAs, actorOf, collect, deskAction, floatArg, idArg, incidentIdOf, intArg, rangeArg, showRange, type ActorOptions } from './desk-options.js';
import { table } from './format.js';

interface FieldOptions {
  date?: string;
  dateEnd?: string;
  location?: string;
  area?: string;
  country?: string;
  iso3?: string;
  lat?: string;
  lon?: string;
  actor1?: string;
  actor2?: string;
  type?: string;
  subtype?: string;
  strikes?: string;
  units?: string;
  unit?: string[];
  killed?: string;
  civilians?: string;
  survivors?: string;
  missing?: string;
  grade?: string;
  summary?: string;
  tags?: string;
}

interface Common extends ActorOptions {
  json?: boolean;
}

function fieldOptions(cmd: Command): Command {
  return cmd
    .option('--date-end <date>', 'last day, when the incident spans several')
    .option('--location <text>', 'the place as sources describe it ("international waters, Eastern Pacific")')
    .option('--area <area>', 'the area figures split by (Caribbean, Eastern Pacific, a province…)')
    .option('--country <name>')
    .option('--iso3 <code>')
    .option('--lat <deg>')
    .option('--lon <deg>')
    .option('--actor1 <name>', 'who attacked')
    .option('--actor2 <name>', 'who was attacked')
    .option('--type <event type>')
    .option('--subtype <sub-event type>')
    .option('--strikes <n>', 'attacks the incident holds (default 1)')
    .option('--units <n|min-max>', 'how many units (vessels, vehicles…) were hit')
    .option('--unit <description>', 'one unit hit, described (repeat)', collect)
    .option('--killed <n|min-max>')
    .option('--civilians <n|min-max>', 'civilians among the killed')
    .option('--survivors <n|min-max>')
    .option('--missing <n|min-max>', 'missing, presumed dead')
    .option('--grade <grade>', GRADES.join(' | '))
    .option('--summary <text>')
    .option('--tags <text>');
}

function grade(v: string | undefined): Grade | null | undefined {
  if (v === undefined) return undefined;
  if (v === 'none') return null;
  if (!GRADES.includes(v as Grade)) throw new CliError(`--grade: ${GRADES.join(', ')} (or none)`);
  return v as Grade;
}

/** The flags given, as a patch: a flag not given leaves its field alone. */
function patchFrom(o: FieldOptions): IncidentPatch {
  const patch: IncidentPatch = {};
  const set = <K extends keyof IncidentPatch>(k: K, v: IncidentPatch[K] | undefined) => {
    if (v !== undefined) patch[k] = v;
  };
  set('date_start', o.date);
  set('date_end', o.dateEnd);
  set('location_text', o.location);
  set('area', o.area);
  set('country', o.country);
  set('iso3', o.iso3?.toUpperCase());
  set('lat', floatArg('--lat', o.lat));
  set('lon', floatArg('--lon', o.lon));
  set('actor1', o.actor1);
  set('actor2', o.actor2);
  set('event_type', o.type);
  set('sub_event_type', o.subtype);
  set('strikes', intArg('--strikes', o.strikes));
  set('grade', grade(o.grade));
  set('summary', o.summary);
  set('tags', o.tags);
  const units: Partial<IncidentFields['units']> = {};
  const count = rangeArg('--units', o.units);
  if (count !== undefined) units.count = count;
  if (o.unit) units.descriptions = o.unit;
  if (Object.keys(units).length) patch.units = units;
  const casualties: Partial<IncidentFields['casualties']> = {};
  const c = { killed: rangeArg('--killed', o.killed), civilians_killed: rangeArg('--civilians', o.civilians), survivors: rangeArg('--survivors', o.survivors), missing_presumed_dead: rangeArg('--missing', o.missing) };
  for (const [k, v] of Object.entries(c)) if (v !== undefined) casualties[k as keyof typeof c] = v;
  if (Object.keys(casualties).length) patch.casualties = casualties;
  return patch;
}

function printIncident(ctx: CliContext, i: Incident): void {
  ctx.print(`incident ${i.id} · ${i.investigation}/${i.ref} · ${i.status} · grade ${i.grade ?? '—'} · version ${i.version}`);
  ctx.print(`  ${i.date_start}${i.date_end && i.date_end !== i.date_start ? ` to ${i.date_end}` : ''} · ${[i.area, i.location_text].filter(Boolean).join(' · ') || 'place unknown'}`);
  ctx.print(
    `  strikes ${i.strikes} · units ${showRange(i.units.count) || '?'} · killed ${showRange(i.casualties.killed) || '?'} · civilians ${showRange(i.casualties.civilians_killed) || '?'} · survivors ${showRange(i.casualties.survivors) || '?'} · missing ${showRange(i.casualties.missing_presumed_dead) || '?'}`,
  );
  for (const u of i.units.descriptions) ctx.print(`  unit: ${u}`);
  if (i.summary) ctx.print(`  ${i.summary}`);
  for (const s of i.sources) ctx.print(`  source ${s.source_id} (${s.role ?? 'source'}): ${s.who}${s.url ? ` <${s.url}>` : ''}`);
  for (const d of i.disputes) {
    ctx.print(`  dispute ${d.id} over ${d.topic}${d.resolution ? ` (resolved: ${d.resolution})` : ''}`);
    for (const c of d.claims) ctx.print(`    - ${c.claim}${c.source_id ? ` [source ${c.source_id}]` : ''}${c.note ? ` (${c.note})` : ''}`);
  }
  for (const c of i.checks) ctx.print(`  ${c.kind} by ${c.analyst}: ${c.result}, ${c.method}${c.finding ? `: ${c.finding}` : ''}`);
  for (const e of i.evidence) ctx.print(`  evidence ${e.id}: ${e.hash}`);
}

export const register: RegisterCommand = (program, ctx) => {
  const incident = program.command('incident').description('incidents of an investigation (each one is an event of its dataset)');

  fieldOptions(actingAs(incident.command('add')))
    .description('record an incident (it starts unverified)')
    .requiredOption('--investigation <name>')
    .requiredOption('--date <date>', 'YYYY-MM-DD')
    .option('--ref <ref>', "the incident's reference in the investigation (default I-0001, I-0002…)")
    .option('--json', 'print JSON')
    .action((opts: FieldOptions & Common & { investigation: string; ref?: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const patch = patchFrom(opts);
        const made = await createIncident(await actorOf(store, opts), store.db, opts.investigation, {
          ...patch,
          ref: opts.ref,
          date_start: opts.date!,
          units: { descriptions: patch.units?.descriptions ?? [], count: patch.units?.count ?? null },
          casualties: { killed: null, civilians_killed: null, survivors: null, missing_presumed_dead: null, ...patch.casualties },
        });
        if (opts.json) ctx.printJson(made);
        else printIncident(ctx, made);
      }),
    );

  actingAs(incident.command('list'))
    .description('incidents of an investigation')
    .requiredOption('--investigation <name>')
    .option('--json', 'print JSON')
    .action((opts: Common & { investigation: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const list = await listIncidents(await actorOf(store, opts), store.db, opts.investigation);
        if (opts.json) {
          ctx.printJson(list);
          return;
        }
        ctx.print(
          table(
            list.map((i) => ({
              id: i.id,
              ref: i.ref,
              date: i.date_start,
              area: i.area,
              strikes: i.strikes,
              units: showRange(i.units.count),
              killed: showRange(i.casualties.killed),
              grade: i.grade,
              status: i.status,
              sources: i.sources.length,
              disputes: i.disputes.length,
              evidence: i.evidence.length,
            })),
          ),
        );
      }),
    );

  actingAs(incident.command('show'))
    .description('one incident with its sources, disputes, checks and evidence (ID or INVESTIGATION/REF)')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action((idText: string, opts: Common) =>
      deskAction(async () => {
        const store = await ctx.store();
        const actor = await actorOf(store, opts);
        const i = await getIncident(actor, store.db, await incidentIdOf(store, actor, idText));
        if (opts.json) ctx.printJson(i);
        else printIncident(ctx, i);
      }),
    );

  fieldOptions(actingAs(incident.command('edit')))
    .description('change an incident; --version is the version you read (the edit fails if someone changed it since)')
    .argument('<id>')
    .requiredOption('--version <n>')
    .option('--date <date>')
    .option('--reason <why>', 'why (required for a verified incident)')
    .option('--json', 'print JSON')
    .action((idText: string, opts: FieldOptions & Common & { version: string; reason?: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const actor = await actorOf(store, opts);
        const id = await incidentIdOf(store, actor, idText);
        const patch = patchFrom(opts);
        if (Object.keys(patch).length === 0) throw new CliError('nothing to change: give at least one field flag');
        const i = await updateIncident(actor, store.db, id, patch, { version: intArg('--version', opts.version)!, reason: opts.reason ?? null });
        if (opts.json) ctx.printJson(i);
        else printIncident(ctx, i);
      }),
    );

  actingAs(incident.command('status'))
    .description(`move an incident along ${STATUSES.join(' → ')}`)
    .argument('<id>')
    .argument('<status>', STATUSES.join(' | '))
    .requiredOption('--version <n>')
    .option('--reason <why>', 'why (required when the incident is verified)')
    .option('--json', 'print JSON')
    .action((idText: string, status: string, opts: Common & { version: string; reason?: string }) =>
      deskAction(async () => {
        if (!STATUSES.includes(status as IncidentStatus)) throw new CliError(`status: ${STATUSES.join(', ')}`);
        const store = await ctx.store();
        const actor = await actorOf(store, opts);
        const i = await setIncidentStatus(actor, store.db, await incidentIdOf(store, actor, idText), status as IncidentStatus, { version: intArg('--version', opts.version)!, reason: opts.reason ?? null });
        if (opts.json) ctx.printJson(i);
        else ctx.print(`incident ${i.id} is now ${i.status} (version ${i.version})`);
      }),
    );

  actingAs(incident.command('dispute'))
    .description('record competing claims about an incident: --claim [SOURCE_ID=]TEXT, at least twice')
    .argument('<id>')
    .requiredOption('--topic <topic>', 'what is disputed: location, date, units, killed, attribution…')
    .requiredOption('--claim <claim>', 'a claim, optionally prefixed by its source id ("12=four vessels"); repeat', collect)
    .option('--json', 'print JSON')
    .action((idText: string, opts: Common & { topic: string; claim: string[] }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const actor = await actorOf(store, opts);
        const claims = opts.claim.map((c) => {
          const m = /^(\d+)=(.+)$/s.exec(c);
          return m ? { claim: m[2]!.trim(), source_id: Number(m[1]) } : { claim: c.trim() };
        });
        const d = await addDispute(actor, store.db, await incidentIdOf(store, actor, idText), { topic: opts.topic, claims });
        if (opts.json) ctx.printJson(d);
        else ctx.print(`dispute ${d.id} over ${d.topic}: ${d.claims.length} claims`);
      }),
    );

  actingAs(incident.command('resolve'))
    .description('record how a dispute was settled')
    .argument('<dispute-id>')
    .requiredOption('--resolution <text>')
    .option('--json', 'print JSON')
    .action((disputeId: string, opts: Common & { resolution: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const d = await resolveDispute(await actorOf(store, opts), store.db, idArg('dispute id', disputeId), opts.resolution);
        if (opts.json) ctx.printJson(d);
        else ctx.print(`dispute ${d.id} resolved: ${d.resolution}`);
      }),
    );

  checkCommand(actingAs(incident.command('check')), ctx, async (store, actor, idText, input) =>
    addCheck(actor, store.db, { incidentId: await incidentIdOf(store, actor, idText) }, input),
  ).description('record a geolocation or chronolocation check of an incident');
};

type CheckRunner = (
  store: Awaited<ReturnType<CliContext['store']>>,
  actor: Awaited<ReturnType<typeof actorOf>>,
  idText: string,
  input: Parameters<typeof addCheck>[3],
) => Promise<Awaited<ReturnType<typeof addCheck>>>;

/** The check sub-command shared by incidents and evidence. */
export function checkCommand(cmd: Command, ctx: CliContext, run: CheckRunner): Command {
  return cmd
    .argument('<id>')
    .requiredOption('--kind <kind>', CHECK_KINDS.join(' | '))
    .requiredOption('--method <how>', 'how it was checked')
    .requiredOption('--result <result>', CHECK_RESULTS.join(' | '))
    .option('--finding <text>', 'what was found')
    .option('--lat <deg>')
    .option('--lon <deg>')
    .option('--time <iso>', 'the time established (chronolocation)')
    .option('--analyst <name>', 'who did the check (default: you)')
    .option('--at <iso>', 'when the check was done (default: now)')
    .option('--json', 'print JSON')
    .action((idText: string, opts: Common & { kind: string; method: string; result: string; finding?: string; lat?: string; lon?: string; time?: string; analyst?: string; at?: string }) =>
      deskAction(async () => {
        if (!CHECK_KINDS.includes(opts.kind as CheckKind)) throw new CliError(`--kind: ${CHECK_KINDS.join(', ')}`);
        if (!CHECK_RESULTS.includes(opts.result as CheckResult)) throw new CliError(`--result: ${CHECK_RESULTS.join(', ')}`);
        const store = await ctx.store();
        const actor = await actorOf(store, opts);
        const step = await run(store, actor, idText, {
          kind: opts.kind as CheckKind,
          method: opts.method,
          result: opts.result as CheckResult,
          finding: opts.finding ?? null,
          lat: floatArg('--lat', opts.lat) ?? null,
          lon: floatArg('--lon', opts.lon) ?? null,
          time: opts.time ?? null,
          analyst: opts.analyst,
          performed_at: opts.at,
        });
        if (opts.json) ctx.printJson(step);
        else ctx.print(`${step.kind} check ${step.id} recorded: ${step.result}`);
      }),
    );
}
