import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, DeskRuleError } from '../../src/model/desk.js';
import { listAudit } from '../../src/store/desk/audit.js';
import { addCheck } from '../../src/store/desk/checks.js';
import { addDispute, resolveDispute } from '../../src/store/desk/disputes.js';
import { createIncident, getIncident, setIncidentStatus, updateIncident } from '../../src/store/desk/incidents.js';
import { createInvestigation } from '../../src/store/desk/investigations.js';
import { addSource, linkSource, listSources, unlinkSource } from '../../src/store/desk/sources.js';
import { deskFixture, type DeskFixture } from './helpers.js';

describe('incidents', () => {
  let f: DeskFixture;
  beforeAll(async () => {
    f = await deskFixture();
    await createInvestigation(f.alice, f.store.db, { name: 'pacific', title: 'Pacific strikes' });
  });
  afterAll(() => f.close());

  const create = (ref: string) =>
    createIncident(f.alice, f.store.db, 'pacific', {
      ref,
      date_start: '2025-10-27',
      location_text: 'international waters, Eastern Pacific',
      area: 'Eastern Pacific',
      actor1: 'United States',
      strikes: 3,
      units: { descriptions: ['vessel, 8 aboard', 'vessel', 'vessel, 4 aboard', 'vessel, 3 aboard'], count: { low: 3, high: 4 } },
      casualties: { killed: { low: 14, high: 15 }, survivors: { low: 1, high: 1 }, missing_presumed_dead: { low: 1, high: 1 } },
      grade: 'fair',
    });

  it('is an event of the investigation’s dataset, with the desk’s fields beside it', async () => {
    const inc = await create('ep-1');
    const ev = await f.store.getEvent(inc.id);
    expect(ev).toMatchObject({
      dataset: 'pacific',
      source_id: 'ep-1',
      revision: 1,
      event_count: 3,
      units_low: 3,
      units_high: 4,
      fatalities_low: 14,
      fatalities_best: 14,
      fatalities_high: 15,
      admin1: 'Eastern Pacific',
      location: 'international waters, Eastern Pacific',
      date_end: '2025-10-27',
    });
    expect(inc).toMatchObject({ status: 'unverified', version: 1, grade: 'fair', casualties: { survivors: { low: 1, high: 1 } } });
  });

  it('keeps the previous version as a revision on each edit and audits before and after', async () => {
    const inc = await create('ep-2');
    const edited = await updateIncident(f.alice, f.store.db, inc.id, { casualties: { killed: { low: 14, high: 14 } } }, { version: 1 });
    expect(edited.version).toBe(2);
    expect(edited.casualties.survivors).toEqual({ low: 1, high: 1 });
    const h = await f.store.history(inc.id);
    expect(h!.event.revision).toBe(2);
    expect(h!.event.fatalities_high).toBe(14);
    expect(h!.revisions.map((r) => [r.revision, r.record.fatalities_high])).toEqual([[1, 15]]);
    const [entry] = await listAudit(f.alice, f.store.db, { entity: 'incident', entityId: 'pacific/ep-2' });
    expect(entry).toMatchObject({ action: 'update', actor: 'alice', before: { casualties: { killed: { low: 14, high: 15 } } }, after: { casualties: { killed: { low: 14, high: 14 } } } });
  });

  it('lets only one of two writers holding the same version win', async () => {
    const inc = await create('ep-3');
    const results = await Promise.allSettled([
      updateIncident(f.alice, f.store.db, inc.id, { area: 'Pacific' }, { version: 1 }),
      updateIncident(f.admin, f.store.db, inc.id, { area: 'Eastern Pacific Ocean' }, { version: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(ConflictError);
    await expect(updateIncident(f.alice, f.store.db, inc.id, { area: 'again' }, { version: 1 })).rejects.toThrow(/version 2, not 1/);
  });

  it('moves status only along the allowed path, and wants a reason to touch a verified incident', async () => {
    const inc = await create('ep-4');
    await expect(setIncidentStatus(f.alice, f.store.db, inc.id, 'verified', { version: 1 })).rejects.toBeInstanceOf(DeskRuleError);
    const review = await setIncidentStatus(f.alice, f.store.db, inc.id, 'in_review', { version: 1 });
    const verified = await setIncidentStatus(f.alice, f.store.db, inc.id, 'verified', { version: review.version });
    expect(verified).toMatchObject({ status: 'verified', version: 3 });
    await expect(updateIncident(f.alice, f.store.db, inc.id, { grade: 'confirmed' }, { version: 3 })).rejects.toThrow(/give a reason/);
    await expect(setIncidentStatus(f.alice, f.store.db, inc.id, 'disputed', { version: 3 })).rejects.toThrow(/give a reason/);
    const regraded = await updateIncident(f.alice, f.store.db, inc.id, { grade: 'confirmed' }, { version: 3, reason: 'Hegseth confirmed the toll' });
    expect(regraded.grade).toBe('confirmed');
    const [entry] = await listAudit(f.alice, f.store.db, { entity: 'incident', entityId: 'pacific/ep-4' });
    expect(entry!.reason).toBe('Hegseth confirmed the toll');
    const statusMoves = (await listAudit(f.alice, f.store.db, { entity: 'incident', entityId: 'pacific/ep-4' })).filter((e) => e.action === 'status');
    expect(statusMoves.map((e) => (e.after as { status: string }).status)).toEqual(['verified', 'in_review']);
  });

  it('links sources many-to-many and records disputes with their claims', async () => {
    const a = await create('ep-5');
    const b = await create('ep-6');
    const hegseth = await addSource(f.alice, f.store.db, 'pacific', { who: 'Hegseth on X', claim: 'four vessels' }, { incidentId: a.id, role: 'announcement' });
    const mt = await addSource(f.alice, f.store.db, 'pacific', { who: 'Military Times', url: 'https://example.org/mt', claim: 'three vessels' });
    await linkSource(f.alice, f.store.db, mt.id, a.id, 'report');
    await linkSource(f.alice, f.store.db, mt.id, b.id, 'report');
    expect((await listSources(f.alice, f.store.db, 'pacific')).find((s) => s.id === mt.id)!.incidents).toEqual([a.id, b.id]);
    expect((await f.store.getEvent(a.id))!.sources).toBe('Hegseth on X; Military Times');

    const d = await addDispute(f.alice, f.store.db, a.id, {
      topic: 'units',
      claims: [
        { claim: 'four vessels', source_id: hegseth.id },
        { claim: 'three vessels', source_id: mt.id, note: 'list of strikes' },
      ],
    });
    expect(d.claims.map((c) => c.source_id)).toEqual([hegseth.id, mt.id]);
    await expect(addDispute(f.alice, f.store.db, a.id, { topic: 'x', claims: [{ claim: 'only one' }] })).rejects.toThrow(/at least two/);
    const settled = await resolveDispute(f.alice, f.store.db, d.id, 'Video shows four hulls');
    expect(settled.resolution).toBe('Video shows four hulls');

    await unlinkSource(f.alice, f.store.db, mt.id, b.id, 'wrong strike');
    expect((await getIncident(f.alice, f.store.db, b.id)).sources).toEqual([]);
  });

  it('records geolocation and chronolocation checks on an incident', async () => {
    const inc = await create('ep-7');
    await addCheck(f.alice, f.store.db, { incidentId: inc.id }, { kind: 'geolocation', method: 'coastline match', result: 'consistent', lat: 15.2, lon: -101.9 });
    await addCheck(f.alice, f.store.db, { incidentId: inc.id }, { kind: 'chronolocation', method: 'sun azimuth from shadows', result: 'inconclusive', analyst: 'bob', time: '2025-10-27T16:00:00Z' });
    const checks = (await getIncident(f.alice, f.store.db, inc.id)).checks;
    expect(checks.map((c) => [c.kind, c.result, c.analyst, c.lat])).toEqual([
      ['geolocation', 'consistent', 'alice', 15.2],
      ['chronolocation', 'inconclusive', 'bob', null],
    ]);
  });
});
