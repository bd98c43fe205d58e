// groundtruth audit: the hash-chained log of every change to incidents, sources and evidence.
import { listAudit, verifyAudit } from '../store/desk/audit.js';
import { CliError, type RegisterCommand } from './context.js';
import { actingAs, actorOf, deskAction, intArg, type ActorOptions } from './desk-options.js';
import { table } from './format.js';

interface Common extends ActorOptions {
  json?: boolean;
}

export const register: RegisterCommand = (program, ctx) => {
  const audit = program.command('audit').description('the audit log: who changed what, when and why, each entry chained to the one before');

  actingAs(audit.command('list'))
    .description('entries you may read, newest first')
    .option('--investigation <name>')
    .option('--entity <entity>', 'incident, source, evidence, dispute, verification, member, investigation')
    .option('--id <id>', "the entity's id (incidents: INVESTIGATION/REF)")
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'print JSON')
    .action((opts: Common & { investigation?: string; entity?: string; id?: string; limit: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const entries = await listAudit(await actorOf(store, opts), store.db, { investigation: opts.investigation, entity: opts.entity, entityId: opts.id, limit: intArg('--limit', opts.limit) });
        if (opts.json) ctx.printJson(entries);
        else
          ctx.print(
            table(
              entries.map((e) => ({
                seq: e.seq,
                at: e.at.slice(0, 19).replace('T', ' '),
                actor: e.actor,
                entity: `${e.entity} ${e.entity_id}`,
                action: e.action,
                change: e.after === null ? JSON.stringify(e.before) : e.before === null ? JSON.stringify(e.after) : `${JSON.stringify(e.before)} → ${JSON.stringify(e.after)}`,
                reason: e.reason,
              })),
            ),
          );
      }),
    );

  actingAs(audit.command('verify'))
    .description('walk the whole chain and name every edited or removed entry (exit code 1 if any)')
    .option('--expect-head <seq:hash>', 'the head printed by an earlier verify, to catch removal of the newest entries')
    .option('--json', 'print JSON')
    .action((opts: Common & { expectHead?: string }) =>
      deskAction(async () => {
        let expect: { seq: number; hash: string } | undefined;
        if (opts.expectHead) {
          const m = /^(\d+):(SHA-256:[0-9a-f]{64})$/.exec(opts.expectHead.trim());
          if (!m) throw new CliError('--expect-head: SEQ:SHA-256:<hex>, as verify prints it');
          expect = { seq: Number(m[1]), hash: m[2]! };
        }
        const store = await ctx.store();
        const report = await verifyAudit(await actorOf(store, opts), store.db, expect);
        if (opts.json) ctx.printJson(report);
        else {
          for (const p of report.problems) ctx.print(`${p.problem.toUpperCase()}: ${p.detail}`);
          ctx.print(report.ok ? `audit log intact: ${report.entries} entries` : `audit log damaged: ${report.problems.length} problems in ${report.entries} entries`);
          if (report.head) ctx.print(`head ${report.head.seq}:${report.head.hash}`);
        }
        if (!report.ok) ctx.fail(1);
      }),
    );
};
