// groundtruth evidence: files in the content-addressed store, their metadata, custody and integrity.
import { addEvidence } from '../evidence/add.js';
import { DEFAULT_MAX_BYTES } from '../evidence/blob-store.js';
import { exportEvidence } from '../evidence/export-file.js';
import { blobStoreFor } from '../evidence/location.js';
import { verifyEvidence } from '../evidence/verify.js';
import type { Evidence } from '../model/desk.js';
import { addCheck, listChecks } from '../store/desk/checks.js';
import { custodyLog } from '../store/desk/custody.js';
import { getEvidence, linkEvidence, listEvidence } from '../store/desk/evidence.js';
import { CliError, type RegisterCommand } from './context.js';
import { actingAs, actorOf, deskAction, idArg, incidentIdOf, intArg, type ActorOptions } from './desk-options.js';
import { table } from './format.js';
import { checkCommand } from './incident.js';

interface Common extends ActorOptions {
  json?: boolean;
  blobs?: string;
}

const place = (e: Evidence) => (e.metadata.lat !== null ? `${e.metadata.lat.toFixed(6)}, ${e.metadata.lon!.toFixed(6)}` : '');

export const register: RegisterCommand = (program, ctx) => {
  const evidence = program.command('evidence').description('evidence files: content-addressed, with metadata, custody log and integrity checks');
  const blobsOption = '--blobs <dir>';
  const blobsHelp = 'where evidence files live (default: beside the SQLite file, or $GROUNDTRUTH_BLOBS)';

  actingAs(evidence.command('add'))
    .description('copy FILE into the evidence store, hash it, read its type and metadata, and record who added it')
    .argument('<file>')
    .option('--incident <id>', 'the incident it bears on (ID or INVESTIGATION/REF)')
    .option('--investigation <name>', 'or just the investigation')
    .option('--url <url>', 'where it was found')
    .option('--captured-at <time>', 'when the content was captured (ISO)')
    .option('--by <name>', 'who acquired it (default: you)')
    .option('--acquired-at <time>', 'when it was acquired (default: now)')
    .option('--max-size <bytes>', `refuse larger files (default ${DEFAULT_MAX_BYTES}, or $GROUNDTRUTH_EVIDENCE_MAX_BYTES)`)
    .option(blobsOption, blobsHelp)
    .option('--json', 'print JSON')
    .action((file: string, opts: Common & { incident?: string; investigation?: string; url?: string; capturedAt?: string; by?: string; acquiredAt?: string; maxSize?: string }) =>
      deskAction(async () => {
        if (!opts.incident && !opts.investigation) throw new CliError('name the incident (--incident) or the investigation (--investigation)');
        const store = await ctx.store();
        const actor = await actorOf(store, opts);
        const incidentId = opts.incident ? await incidentIdOf(store, actor, opts.incident) : undefined;
        const e = await addEvidence(actor, store.db, blobStoreFor(store, opts.blobs), file, {
          incidentId,
          investigation: opts.investigation,
          originUrl: opts.url ?? null,
          capturedAt: opts.capturedAt ?? null,
          acquiredBy: opts.by ?? null,
          acquiredAt: opts.acquiredAt ?? null,
          maxBytes: intArg('--max-size', opts.maxSize ?? process.env.GROUNDTRUTH_EVIDENCE_MAX_BYTES),
        });
        if (opts.json) {
          ctx.printJson(e);
          return;
        }
        ctx.print(`${e.duplicate ? 'already held as' : 'added'} evidence ${e.id}: ${e.hash}`);
        ctx.print(`  ${e.size} bytes · ${e.mime ?? 'type not recognised'} · metadata ${e.metadata.status}${e.metadata.note ? ` (${e.metadata.note})` : ''}`);
        if (e.metadata.lat !== null) ctx.print(`  position ${place(e)}`);
        if (e.metadata.taken_at) ctx.print(`  taken ${e.metadata.taken_at}`);
      }),
    );

  actingAs(evidence.command('list'))
    .description('evidence you may read (of one investigation or incident)')
    .option('--investigation <name>')
    .option('--incident <id>')
    .option('--json', 'print JSON')
    .action((opts: Common & { investigation?: string; incident?: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const actor = await actorOf(store, opts);
        const incidentId = opts.incident ? await incidentIdOf(store, actor, opts.incident) : undefined;
        const list = await listEvidence(actor, store.db, { investigation: opts.investigation, incidentId });
        if (opts.json) ctx.printJson(list);
        else
          ctx.print(
            table(list.map((e) => ({ id: e.id, investigation: e.investigation, name: e.original_name, type: e.mime, bytes: e.size, hash: `${e.hash.slice(0, 20)}…`, position: place(e), taken: e.metadata.taken_at, incidents: e.incidents.join(' ') }))),
          );
      }),
    );

  actingAs(evidence.command('show'))
    .description('one piece of evidence with its metadata, checks and custody log')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action((id: string, opts: Common) =>
      deskAction(async () => {
        const store = await ctx.store();
        const actor = await actorOf(store, opts);
        const e = await getEvidence(actor, store.db, idArg('evidence id', id));
        const custody = await custodyLog(actor, store.db, e.id);
        const checks = await listChecks(actor, store.db, { evidenceId: e.id });
        if (opts.json) {
          ctx.printJson({ ...e, checks, custody });
          return;
        }
        ctx.print(`evidence ${e.id} · ${e.investigation} · ${e.original_name ?? ''}`);
        ctx.print(`  ${e.hash} · ${e.size} bytes · ${e.mime ?? 'type not recognised'}`);
        if (e.origin_url) ctx.print(`  from ${e.origin_url}`);
        if (e.captured_at) ctx.print(`  captured ${e.captured_at}`);
        ctx.print(`  metadata ${e.metadata.status}${e.metadata.note ? ` (${e.metadata.note})` : ''}${e.metadata.lat !== null ? ` · position ${place(e)}` : ''}${e.metadata.taken_at ? ` · taken ${e.metadata.taken_at}` : ''}`);
        for (const c of checks) ctx.print(`  ${c.kind} by ${c.analyst}: ${c.result}, ${c.method}`);
        ctx.print(table(custody.map((c) => ({ at: c.at, action: c.action, by: c.actor, details: c.details ? JSON.stringify(c.details) : '' }))));
      }),
    );

  actingAs(evidence.command('link'))
    .description('link a piece of evidence to an incident')
    .argument('<id>')
    .argument('<incident>', 'ID or INVESTIGATION/REF')
    .option('--json', 'print JSON')
    .action((id: string, incident: string, opts: Common) =>
      deskAction(async () => {
        const store = await ctx.store();
        const actor = await actorOf(store, opts);
        await linkEvidence(actor, store.db, idArg('evidence id', id), await incidentIdOf(store, actor, incident));
        const e = await getEvidence(actor, store.db, idArg('evidence id', id));
        if (opts.json) ctx.printJson(e);
        else ctx.print(`evidence ${e.id} bears on incidents ${e.incidents.join(', ')}`);
      }),
    );

  actingAs(evidence.command('verify'))
    .description('re-hash every stored file and name each one missing or altered (exit code 1 if any)')
    .option('--investigation <name>')
    .option(blobsOption, blobsHelp)
    .option('--json', 'print JSON')
    .action((opts: Common & { investigation?: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const report = await verifyEvidence(await actorOf(store, opts), store.db, blobStoreFor(store, opts.blobs), opts.investigation);
        if (opts.json) ctx.printJson({ ok: report.ok, checked: report.checked, problems: report.problems });
        else {
          for (const p of report.problems) ctx.print(`${p.state.toUpperCase()}: evidence ${p.id} (${p.investigation}, ${p.original_name ?? 'no name'}) ${p.hash}${p.found ? `; the file now hashes to ${p.found}` : ''}`);
          ctx.print(report.ok ? `all ${report.checked} files match their hashes` : `${report.problems.length} of ${report.checked} files missing or altered`);
        }
        if (!report.ok) ctx.fail(1);
      }),
    );

  actingAs(evidence.command('export'))
    .description('copy a piece of evidence out of the store, checking its hash (logged in custody)')
    .argument('<id>')
    .requiredOption('--out <file>')
    .option(blobsOption, blobsHelp)
    .option('--json', 'print JSON')
    .action((id: string, opts: Common & { out: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const done = await exportEvidence(await actorOf(store, opts), store.db, blobStoreFor(store, opts.blobs), idArg('evidence id', id), opts.out);
        if (opts.json) ctx.printJson(done);
        else ctx.print(`wrote ${done.dest} (${done.size} bytes, ${done.hash})`);
      }),
    );

  checkCommand(actingAs(evidence.command('check')), ctx, (store, actor, idText, input) => addCheck(actor, store.db, { evidenceId: idArg('evidence id', idText) }, input)).description(
    'record a geolocation or chronolocation check of a piece of evidence (logged in custody)',
  );
};
