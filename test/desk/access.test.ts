import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessError, DeskRuleError } from '../../src/model/desk.js';
import { listAudit } from '../../src/store/desk/audit.js';
import { listEvidence } from '../../src/store/desk/evidence.js';
import { createIncident, getIncident, listIncidents, updateIncident } from '../../src/store/desk/incidents.js';
import { createInvestigation, listInvestigations, listMembers, removeMember, setMember } from '../../src/store/desk/investigations.js';
import { addSource, listSources } from '../../src/store/desk/sources.js';
import { deskFixture, type DeskFixture } from './helpers.js';

describe('access to investigations', () => {
  let f: DeskFixture;
  let incidentId: number;
  beforeAll(async () => {
    f = await deskFixture();
    await createInvestigation(f.alice, f.store.db, { name: 'harbour', title: 'Harbour strike' });
    incidentId = (await createIncident(f.alice, f.store.db, 'harbour', { date_start: '2025-10-03', strikes: 1 })).id;
    await addSource(f.alice, f.store.db, 'harbour', { who: 'Reuters', url: 'https://example.org/r' });
  });
  afterAll(() => f.close());

  it('keeps non-members out of incidents, sources, evidence and the audit log', async () => {
    await expect(listIncidents(f.bob, f.store.db, 'harbour')).rejects.toBeInstanceOf(AccessError);
    await expect(getIncident(f.bob, f.store.db, incidentId)).rejects.toBeInstanceOf(AccessError);
    await expect(listSources(f.bob, f.store.db, 'harbour')).rejects.toBeInstanceOf(AccessError);
    await expect(listEvidence(f.bob, f.store.db, { investigation: 'harbour' })).rejects.toBeInstanceOf(AccessError);
    expect(await listInvestigations(f.bob, f.store.db)).toEqual([]);
    expect(await listEvidence(f.bob, f.store.db)).toEqual([]);
    expect(await listAudit(f.bob, f.store.db)).toEqual([]);
  });

  it('lets admins read everything without membership', async () => {
    expect((await listIncidents(f.admin, f.store.db, 'harbour')).map((i) => i.id)).toEqual([incidentId]);
    expect((await listInvestigations(f.admin, f.store.db)).map((i) => [i.name, i.role, i.incidents, i.sources])).toEqual([['harbour', 'admin', 1, 1]]);
    expect((await listAudit(f.admin, f.store.db, { investigation: 'harbour' })).length).toBeGreaterThan(0);
  });

  it('gives viewers reading only, editors writing, owners the members', async () => {
    await setMember(f.alice, f.store.db, 'harbour', 'bob', 'viewer');
    expect(await listIncidents(f.bob, f.store.db, 'harbour')).toHaveLength(1);
    const inc = await getIncident(f.bob, f.store.db, incidentId);
    await expect(updateIncident(f.bob, f.store.db, incidentId, { area: 'Caribbean' }, { version: inc.version })).rejects.toBeInstanceOf(AccessError);
    await expect(addSource(f.bob, f.store.db, 'harbour', { who: 'AP' })).rejects.toBeInstanceOf(AccessError);

    await setMember(f.alice, f.store.db, 'harbour', 'bob', 'editor');
    const edited = await updateIncident(f.bob, f.store.db, incidentId, { area: 'Caribbean' }, { version: inc.version });
    expect(edited.area).toBe('Caribbean');
    await expect(setMember(f.bob, f.store.db, 'harbour', 'vic', 'viewer')).rejects.toBeInstanceOf(AccessError);

    expect((await listMembers(f.bob, f.store.db, 'harbour')).map((m) => [m.user, m.role])).toEqual([
      ['alice', 'owner'],
      ['bob', 'editor'],
    ]);
  });

  it('caps a global viewer at reading, even as an editor member, and lets no viewer open investigations', async () => {
    await setMember(f.alice, f.store.db, 'harbour', 'vic', 'editor');
    expect(await listIncidents(f.vic, f.store.db, 'harbour')).toHaveLength(1);
    await expect(addSource(f.vic, f.store.db, 'harbour', { who: 'AFP' })).rejects.toBeInstanceOf(AccessError);
    await expect(createInvestigation(f.vic, f.store.db, { name: 'vics', title: 'x' })).rejects.toBeInstanceOf(AccessError);
  });

  it('keeps at least one owner, and forgets removed members', async () => {
    await expect(removeMember(f.alice, f.store.db, 'harbour', 'alice')).rejects.toBeInstanceOf(DeskRuleError);
    await removeMember(f.alice, f.store.db, 'harbour', 'bob');
    await expect(listIncidents(f.bob, f.store.db, 'harbour')).rejects.toBeInstanceOf(AccessError);
  });

  it('refuses an investigation whose name an imported dataset already uses', async () => {
    await f.store.db.insertInto('datasets').values({ name: 'acled', format: 'acled', title: null, licence: null, attribution: null, access_date: null, access_filters: null, created_at: '2025-01-01' }).execute();
    await expect(createInvestigation(f.alice, f.store.db, { name: 'acled', title: 'clash' })).rejects.toBeInstanceOf(DeskRuleError);
  });
});
