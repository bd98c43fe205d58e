import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, verifyAudit } from '../../src/store/desk/audit.js';
import { createIncident, updateIncident } from '../../src/store/desk/incidents.js';
import { createInvestigation } from '../../src/store/desk/investigations.js';
import { addSource } from '../../src/store/desk/sources.js';
import { deskFixture, type DeskFixture } from './helpers.js';

describe('the audit log', () => {
  let f: DeskFixture;
  beforeEach(async () => {
    f = await deskFixture();
    await createInvestigation(f.alice, f.store.db, { name: 'chain', title: 'Chain' });
    const inc = await createIncident(f.alice, f.store.db, 'chain', { date_start: '2025-09-02', casualties: { killed: { low: 11, high: 11 } } });
    await updateIncident(f.alice, f.store.db, inc.id, { area: 'Caribbean' }, { version: 1 });
    await addSource(f.alice, f.store.db, 'chain', { who: 'Truth Social' }, { incidentId: inc.id });
    await updateIncident(f.alice, f.store.db, inc.id, { area: 'Southern Caribbean' }, { version: 2 });
  });
  afterEach(() => f.close());

  it('chains every entry to the one before', async () => {
    const entries = (await listAudit(f.alice, f.store.db)).reverse();
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prev_hash).toBe(entries[i - 1]!.hash);
    const report = await verifyAudit(f.alice, f.store.db);
    expect(report).toMatchObject({ ok: true, entries: entries.length, problems: [] });
    expect(report.head).toEqual({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });
  });

  it('names an entry edited in the table', async () => {
    const target = (await listAudit(f.alice, f.store.db, { entity: 'incident' })).find((e) => e.action === 'update')!;
    await f.store.db.updateTable('audit_log').set({ after_json: '{"area":"Atlantic"}' }).where('seq', '=', target.seq).execute();
    const report = await verifyAudit(f.alice, f.store.db);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ seq: target.seq, problem: 'edited' })]);
  });

  it('catches an edit whose forger recomputed the entry’s own hash', async () => {
    const { entryHash } = await import('../../src/store/desk/audit.js');
    const row = await f.store.db.selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    const forged = { ...row, actor: 'mallory' };
    await f.store.db.updateTable('audit_log').set({ actor: 'mallory', hash: entryHash(forged) }).where('seq', '=', 3).execute();
    const report = await verifyAudit(f.alice, f.store.db);
    expect(report.problems).toEqual([expect.objectContaining({ seq: 4, problem: 'chain-broken' })]);
  });

  it('names entries removed from the middle, and from the end', async () => {
    const head = (await verifyAudit(f.alice, f.store.db)).head!;
    await f.store.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    let report = await verifyAudit(f.alice, f.store.db);
    expect(report.problems).toEqual([expect.objectContaining({ seq: 2, problem: 'missing' })]);

    // The head row still names the removed newest entry.
    await f.store.db.deleteFrom('audit_log').where('seq', '=', head.seq).execute();
    report = await verifyAudit(f.alice, f.store.db);
    expect(report.problems.map((p) => [p.seq, p.problem])).toEqual([
      [2, 'missing'],
      [head.seq, 'head-mismatch'],
    ]);
  });

  it('catches removal of the newest entries even with the head row rewritten, against a head recorded earlier', async () => {
    const head = (await verifyAudit(f.alice, f.store.db)).head!;
    const kept = await f.store.db.selectFrom('audit_log').select(['seq', 'hash']).where('seq', '=', head.seq - 1).executeTakeFirstOrThrow();
    await f.store.db.deleteFrom('audit_log').where('seq', '=', head.seq).execute();
    await f.store.db.updateTable('audit_head').set({ seq: kept.seq, hash: kept.hash }).execute();
    expect((await verifyAudit(f.alice, f.store.db)).ok).toBe(true);
    const report = await verifyAudit(f.alice, f.store.db, head);
    expect(report.problems).toEqual([expect.objectContaining({ seq: head.seq, problem: 'head-mismatch' })]);
  });
});
