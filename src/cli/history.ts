// groundtruth history ID: every version of an event, what changed and which import did it.
import { pickRecord } from '../model/event.js';
import { diffRecords } from '../model/revision.js';
import { findEventId } from '../store/queries.js';
import { CliError, type RegisterCommand } from './context.js';

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('history')
    .description('show each revision of an event: ID is the event id, or DATASET/SOURCE_ID (e.g. acled/AFG12345)')
    .argument('<id>', 'event id or dataset/source_id')
    .option('--json', 'print JSON')
    .action(async (idArg: string, opts: { json?: boolean }) => {
      const store = await ctx.store();
      const slash = idArg.indexOf('/');
      const id = slash > 0 ? await findEventId(store.db, idArg.slice(0, slash), idArg.slice(slash + 1)) : /^\d+$/.test(idArg) ? Number(idArg) : null;
      const h = id === null ? null : await store.history(id);
      if (!h) throw new CliError(`no event ${idArg}`);
      const versions = [
        ...h.revisions.map((r) => ({ revision: r.revision, import_id: r.import_id, deleted_at: r.deleted_at, record: r.record })),
        { revision: h.event.revision, import_id: h.event.import_id, deleted_at: h.event.deleted_at, record: pickRecord(h.event) },
      ];
      const steps = versions.map((v, i) => {
        const prev = versions[i - 1];
        const changes = prev ? diffRecords(prev.record, v.record) : [];
        if (prev && prev.deleted_at !== v.deleted_at) changes.push({ field: 'deleted_at', before: prev.deleted_at, after: v.deleted_at });
        return { revision: v.revision, import_id: v.import_id, deleted_at: v.deleted_at, changes };
      });
      if (opts.json) {
        ctx.printJson({ event: h.event, revisions: steps });
        return;
      }
      ctx.print(`event ${h.event.id}: ${h.event.dataset}/${h.event.source_id}, revision ${h.event.revision}${h.event.deleted_at ? `, deleted ${h.event.deleted_at}` : ''}`);
      for (const s of steps) {
        ctx.print(`\nrevision ${s.revision} (import ${s.import_id ?? '—'})${s.revision === 1 ? ': first seen' : ''}`);
        for (const c of s.changes) ctx.print(`  ${c.field}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`);
      }
    });
};
